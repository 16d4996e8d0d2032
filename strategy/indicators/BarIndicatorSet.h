#pragma once
// Every bar indicator of one bar series, updated together on a bar close: session and
// rolling VWAP, Wilder ATR, rate of change at three lengths, relative volume, volume
// z-score, buy/sell imbalance, on-balance volume, ADX with +/-DI and the volatility regime
// (fed the ATR once it is ready). The lengths come from BarIndicatorLengths (issue 5's
// TOML config will fill it). Allocates its rings in the constructor, nothing after.
// Single thread (the engine).

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

class BarIndicatorSet {
 public:
  /// Throws std::invalid_argument on a zero length. Cold path.
  explicit BarIndicatorSet(const BarIndicatorLengths& lengths);

  /// Folds one closed bar into every indicator. No allocation.
  void onBar(const feed::Bar& bar) noexcept;

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
};

}  // namespace bw::indicators
