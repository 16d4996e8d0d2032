#pragma once
// Every signal of one symbol: one BarIndicatorSet per confluence timeframe (the strategy's
// bar interval first, then the longer series, e.g. 1s, 5s, 1m, 5m) and the tick-level
// features. A closed bar of timeframe t updates that timeframe's indicators and its row of
// the FeatureVector; snapshot() adds the tick features as of now. The engine asks for a
// decision after every series that closed on one tick has been folded in, so a 5s bar
// closing with the 1s bar is seen by that 1s decision (confluence in market time).
// Allocates its rings in the constructor; nothing after. Single thread (the engine).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/Tick.h"
#include "feed/Bar.h"
#include "strategy/indicators/BarIndicatorSet.h"
#include "strategy/indicators/TickFeatureSet.h"
#include "strategy/signals/FeatureVector.h"

namespace bw::strategy {

struct SignalLengths {
  indicators::BarIndicatorLengths bars{};  ///< the same lengths on every timeframe
  std::size_t timeframes = 1;              ///< 1..kMaxTimeframes
  std::uint32_t trade_sign_trades = 50;
  std::vector<indicators::PhaseRange> phases = indicators::defaultPhases();
};

class SymbolSignals {
 public:
  /// Throws std::invalid_argument on a bad length or timeframe count. Cold path.
  explicit SymbolSignals(const SignalLengths& lengths);

  /// Every tick of the symbol (quotes and trades). No allocation.
  void onTick(const Tick& tick) noexcept { ticks_.onTick(tick); }
  /// A closed bar of confluence timeframe `timeframe` (0: the strategy's own). No allocation.
  void onBar(std::size_t timeframe, const feed::Bar& bar) noexcept;
  /// The features as of now: the bar rows as last closed, the tick features fresh.
  [[nodiscard]] const FeatureVector& snapshot() noexcept;

  [[nodiscard]] const indicators::BarIndicatorSet& timeframe(std::size_t t) const noexcept { return bar_sets_[t]; }
  [[nodiscard]] const indicators::TickFeatureSet& tickFeatures() const noexcept { return ticks_; }

 private:
  std::vector<indicators::BarIndicatorSet> bar_sets_;  // one per timeframe, built at start
  indicators::TickFeatureSet ticks_;
  FeatureVector features_{};
};

}  // namespace bw::strategy
