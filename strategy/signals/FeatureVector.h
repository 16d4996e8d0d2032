#pragma once
// The signals one entry decision reads, as plain numbers: every bar feature on every
// confluence timeframe (the strategy's own bar interval first, then the longer ones, e.g.
// 1s, 5s, 1m, 5m), the tick-level features as of the bar close, and the prices a bracket
// is built from. Filled by SymbolSignals on each close of the strategy's bar; read by the
// belief model and the decision templates. A feature whose indicator is still warming up
// has its ready bit clear and its value 0. Plain data: copyable, no allocation.

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/FixedPoint.h"
#include "strategy/indicators/VolatilityRegime.h"

namespace bw::strategy {

/// Confluence timeframes at most: the strategy's bar and up to three longer series.
inline constexpr std::size_t kMaxTimeframes = 4;

/// One value per bar series. Dimensionless (bps, percent, ratios), so doubles.
enum class BarFeature : std::uint8_t {
  kVwapDeviationBps = 0,     ///< close vs session VWAP, bps (positive: close above)
  kRollingVwapDeviationBps,  ///< close vs rolling VWAP, bps
  kRocShort,                 ///< rate of change, percent, shortest length
  kRocMid,
  kRocLong,
  kAtrBps,                   ///< Wilder ATR as bps of the close
  kRelativeVolume,           ///< bar volume / mean of the window
  kVolumeZScore,
  kBuySellImbalance,         ///< (buy - sell) / volume over the window, [-1, 1]
  kAdx,                      ///< [0, 100]
  kDiSpread,                 ///< +DI - -DI, [-100, 100] (positive: up-trend)
  kVolatilityRatio,          ///< ATR share of close / its own mean
  kCount
};
inline constexpr std::size_t kBarFeatureCount = static_cast<std::size_t>(BarFeature::kCount);

/// Tick-level features as of the bar close (the same for every timeframe).
enum class TickFeature : std::uint8_t {
  kSpreadBps = 0,           ///< ask - bid in bps of the mid
  kTopImbalance,            ///< (bid qty - ask qty) / (bid qty + ask qty), [-1, 1]
  kMicroPriceOffsetBps,     ///< micro-price vs mid, bps (positive: pressure up)
  kTradeSignImbalance,      ///< buyer- minus seller-initiated share of the last N trades, [-1, 1]
  kCount
};
inline constexpr std::size_t kTickFeatureCount = static_cast<std::size_t>(TickFeature::kCount);

/// Prices of the strategy's own bar series (timeframe 0), fixed point like every price.
struct PriceContext {
  Price close{};
  Price session_vwap{};  ///< 0 until ready
  Price rolling_vwap{};  ///< 0 until ready
  Price atr{};           ///< 0 until ready
  Price bid{};           ///< 0 until a quote was seen
  Price ask{};
  std::int64_t bar_end_ns = 0;  ///< market time the bar closed
};

struct FeatureVector {
  std::uint8_t timeframes = 0;  ///< configured timeframes in use (1..kMaxTimeframes)
  std::array<std::array<double, kBarFeatureCount>, kMaxTimeframes> bar{};
  std::array<std::uint32_t, kMaxTimeframes> bar_ready{};  ///< bit (1 << BarFeature) per timeframe
  std::array<indicators::VolRegime, kMaxTimeframes> vol_regime{};
  std::array<double, kTickFeatureCount> tick{};
  std::uint32_t tick_ready = 0;  ///< bit (1 << TickFeature)
  std::uint8_t session_phase = 0xFF;  ///< index into the configured phases; 0xFF: none
  PriceContext prices{};

  [[nodiscard]] double value(BarFeature f, std::size_t timeframe) const noexcept {
    return bar[timeframe][static_cast<std::size_t>(f)];
  }
  [[nodiscard]] bool ready(BarFeature f, std::size_t timeframe) const noexcept {
    return timeframe < timeframes && (bar_ready[timeframe] >> static_cast<unsigned>(f) & 1U) != 0;
  }
  [[nodiscard]] double value(TickFeature f) const noexcept { return tick[static_cast<std::size_t>(f)]; }
  [[nodiscard]] bool ready(TickFeature f) const noexcept {
    return (tick_ready >> static_cast<unsigned>(f) & 1U) != 0;
  }
  void set(BarFeature f, std::size_t timeframe, double v, bool is_ready) noexcept {
    bar[timeframe][static_cast<std::size_t>(f)] = is_ready ? v : 0.0;
    const std::uint32_t bit = 1U << static_cast<unsigned>(f);
    bar_ready[timeframe] = is_ready ? (bar_ready[timeframe] | bit) : (bar_ready[timeframe] & ~bit);
  }
  void set(TickFeature f, double v, bool is_ready) noexcept {
    tick[static_cast<std::size_t>(f)] = is_ready ? v : 0.0;
    const std::uint32_t bit = 1U << static_cast<unsigned>(f);
    tick_ready = is_ready ? (tick_ready | bit) : (tick_ready & ~bit);
  }
};

/// Stable lower-case names, for config keys and the journal ("vwap_dev_bps", "adx").
[[nodiscard]] constexpr const char* barFeatureName(BarFeature f) noexcept {
  switch (f) {
    case BarFeature::kVwapDeviationBps: return "vwap_dev_bps";
    case BarFeature::kRollingVwapDeviationBps: return "rolling_vwap_dev_bps";
    case BarFeature::kRocShort: return "roc_short";
    case BarFeature::kRocMid: return "roc_mid";
    case BarFeature::kRocLong: return "roc_long";
    case BarFeature::kAtrBps: return "atr_bps";
    case BarFeature::kRelativeVolume: return "relative_volume";
    case BarFeature::kVolumeZScore: return "volume_zscore";
    case BarFeature::kBuySellImbalance: return "buy_sell_imbalance";
    case BarFeature::kAdx: return "adx";
    case BarFeature::kDiSpread: return "di_spread";
    case BarFeature::kVolatilityRatio: return "volatility_ratio";
    case BarFeature::kCount: break;
  }
  return "";
}

[[nodiscard]] constexpr const char* tickFeatureName(TickFeature f) noexcept {
  switch (f) {
    case TickFeature::kSpreadBps: return "spread_bps";
    case TickFeature::kTopImbalance: return "top_imbalance";
    case TickFeature::kMicroPriceOffsetBps: return "micro_price_offset_bps";
    case TickFeature::kTradeSignImbalance: return "trade_sign_imbalance";
    case TickFeature::kCount: break;
  }
  return "";
}

}  // namespace bw::strategy
