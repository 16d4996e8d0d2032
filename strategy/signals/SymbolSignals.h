#pragma once
// Every signal of one symbol: one BarIndicatorSet per confluence timeframe (the strategy's
// bar interval first, then the longer series, e.g. 1s, 5s, 1m, 5m) and the tick-level
// features. A closed bar of timeframe t updates that timeframe's indicators and its row of
// the FeatureVector; snapshot() adds the tick features as of now. The engine asks for a
// decision after every series that closed on one tick has been folded in, so a 5s bar
// closing with the 1s bar is seen by that 1s decision (confluence in market time).
// Only what some decision reads is computed (SignalLengths::features_read): the indicators
// behind the features read on each timeframe, plus, on the strategy's own bars, those the
// bracket and the lockouts use (VWAPs, ATR, ADX, volatility regime). The shipped templates
// read 4 of the 12 features on the 1s bars, 2 on the 5s bars and none on 1m and 5m, so a
// close where all four timeframes close does not pay for indicators no one looks at.
// Allocates its rings in the constructor; nothing after. Single thread (the engine).

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/Tick.h"
#include "feed/Bar.h"
#include "strategy/indicators/BarIndicatorSet.h"
#include "strategy/indicators/TickFeatureSet.h"
#include "strategy/signals/FeatureVector.h"

namespace bw::strategy {

/// Every bar feature, as a features_read mask.
inline constexpr std::uint32_t kAllBarFeatures = (1U << kBarFeatureCount) - 1;

struct SignalLengths {
  indicators::BarIndicatorLengths bars{};  ///< the same lengths on every timeframe
  std::size_t timeframes = 1;              ///< 1..kMaxTimeframes
  /// Per timeframe, the bar features filled in (bit 1 << BarFeature); the others keep their
  /// ready bit clear. All by default (tests, tools); the engine passes what its templates read.
  std::array<std::uint32_t, kMaxTimeframes> features_read = {kAllBarFeatures, kAllBarFeatures, kAllBarFeatures,
                                                              kAllBarFeatures};
  std::uint32_t trade_sign_trades = 50;
  std::vector<indicators::PhaseRange> phases = indicators::defaultPhases();
};

/// The indicators a timeframe must update to give `features_read` (bits of BarFeature);
/// `strategy_timeframe`: also the bracket's and the lockouts' (timeframe 0). Pure.
[[nodiscard]] std::uint32_t indicatorsFor(std::uint32_t features_read, bool strategy_timeframe) noexcept;

class SymbolSignals {
 public:
  /// Throws std::invalid_argument on a bad length or timeframe count. Cold path.
  explicit SymbolSignals(const SignalLengths& lengths);

  /// Every tick of the symbol (quotes and trades). No allocation.
  void onTick(const Tick& tick) noexcept { ticks_.onTick(tick); }
  /// A closed bar of confluence timeframe `timeframe` (0: the strategy's own). No allocation.
  void onBar(std::size_t timeframe, const feed::Bar& bar) noexcept;
  /// For the engine's idle warm-up, on a scratch SymbolSignals built with the same lengths:
  /// takes `real`'s strategy-timeframe indicators and folds `bar` into them as onBar(0, bar)
  /// would, so the update's code runs and `real`'s lines are read; `real` is not changed.
  /// No allocation: the rings are the same sizes, so they copy in place.
  void warmFrom(const SymbolSignals& real, const feed::Bar& bar) noexcept;
  /// The features as of now: the bar rows as last closed, the tick features fresh.
  [[nodiscard]] const FeatureVector& snapshot() noexcept;

  [[nodiscard]] const indicators::BarIndicatorSet& timeframe(std::size_t t) const noexcept { return bar_sets_[t]; }
  [[nodiscard]] const indicators::TickFeatureSet& tickFeatures() const noexcept { return ticks_; }

 private:
  std::vector<indicators::BarIndicatorSet> bar_sets_;  // one per timeframe, built at start
  std::array<std::uint32_t, kMaxTimeframes> features_read_{};
  indicators::TickFeatureSet ticks_;
  FeatureVector features_{};
};

}  // namespace bw::strategy
