#pragma once
// Every bar indicator of one bar series, updated together on a bar close: session and
// rolling VWAP, Wilder ATR, rate of change at three lengths, relative volume, volume
// z-score, buy/sell imbalance, on-balance volume, ADX with +/-DI and the volatility regime
// (fed the ATR once it is ready). The lengths come from BarIndicatorLengths (issue 5's
// TOML config will fill it). Allocates its rings in the constructor, nothing after.
// Single thread (the engine).
//
// A set may update only some of its indicators (`updated`, bits of BarIndicator): the
// engine leaves out those no decision reads on that timeframe, and their values then stay
// as they were at construction. The CSV and the tests update every one.

#include <array>
#include <cstdint>

#include "feed/Bar.h"
#include "strategy/indicators/Adx.h"
#include "strategy/indicators/Atr.h"
#include "strategy/indicators/RateOfChange.h"
#include "strategy/indicators/VolatilityRegime.h"
#include "strategy/indicators/VolumeIndicators.h"
#include "strategy/indicators/Vwap.h"

namespace bw::indicators {

struct BarIndicatorLengths {
  std::uint32_t session_start_minute = 0;  ///< UTC minute of day a VWAP session opens
  std::uint32_t rolling_vwap = 20;
  std::uint32_t atr = 14;
  std::array<std::uint32_t, 3> roc = {5, 10, 20};
  std::uint32_t relative_volume = 20;
  std::uint32_t volume_zscore = 20;
  std::uint32_t adx = 14;
  VolRegimeParams vol_regime{};
};

/// One bit per indicator of the set, for BarIndicatorSet's `updated` mask.
enum class BarIndicator : std::uint8_t {
  kSessionVwap = 0,
  kRollingVwap,
  kAtr,
  kRocShort,
  kRocMid,
  kRocLong,
  kRelativeVolume,
  kVolumeZScore,
  kImbalance,
  kObv,
  kAdx,
  kVolRegime,  ///< needs kAtr
  kCount
};
[[nodiscard]] constexpr std::uint32_t bit(BarIndicator i) noexcept { return 1U << static_cast<unsigned>(i); }
inline constexpr std::uint32_t kAllBarIndicators = (1U << static_cast<unsigned>(BarIndicator::kCount)) - 1;

class BarIndicatorSet {
 public:
  /// Throws std::invalid_argument on a zero length, or a volatility regime without its ATR
  /// in `updated`. Cold path.
  explicit BarIndicatorSet(const BarIndicatorLengths& lengths, std::uint32_t updated = kAllBarIndicators);

  /// Folds one closed bar into every indicator it updates. No allocation.
  void onBar(const feed::Bar& bar) noexcept;

  [[nodiscard]] std::uint32_t updated() const noexcept { return updated_; }

  SessionVwap session_vwap;
  RollingVwap rolling_vwap;
  Atr atr;
  std::array<RateOfChange, 3> roc;
  RelativeVolume relative_volume;
  VolumeZScore volume_zscore;
  BuySellImbalance imbalance;
  OnBalanceVolume obv;
  Adx adx;
  VolatilityRegime vol_regime;

 private:
  [[nodiscard]] bool on(BarIndicator i) const noexcept { return (updated_ & bit(i)) != 0; }
  std::uint32_t updated_;
};

}  // namespace bw::indicators
