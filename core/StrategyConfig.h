#pragma once
// Plain config of the signals, the belief model and the decision templates (issue 5):
// [signals], [belief], [decision], [templates.mean_reversion], [templates.momentum].
// core/ cannot include strategy/, so a constraint names its feature by index into the name
// tables below; strategy/belief/FeatureIndex.h static_asserts that they list
// strategy::BarFeature and strategy::TickFeature in the same order with the same names.
// The defaults here equal config/breakwater.toml (a test compares them).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/FixedPoint.h"

namespace bw {

/// Names of strategy::BarFeature, in its order (FeatureVector.h's barFeatureName).
inline constexpr std::array<std::string_view, 12> kBarFeatureNames = {
    "vwap_dev_bps", "rolling_vwap_dev_bps", "roc_short",          "roc_mid",
    "roc_long",     "atr_bps",              "relative_volume",    "volume_zscore",
    "buy_sell_imbalance", "adx",            "di_spread",          "volatility_ratio"};
/// Names of strategy::TickFeature, in its order (FeatureVector.h's tickFeatureName).
inline constexpr std::array<std::string_view, 4> kTickFeatureNames = {"spread_bps", "top_imbalance",
                                                                      "micro_price_offset_bps",
                                                                      "trade_sign_imbalance"};

inline constexpr std::size_t kMaxSignalTimeframes = 4;   ///< strategy::kMaxTimeframes
inline constexpr std::size_t kMaxTemplateConstraints = 8;
inline constexpr std::size_t kMaxSessionPhases = 16;     ///< a lockout keeps one bit per phase

/// One trading-session phase: UTC minutes [start, end), wrapping midnight when start > end
/// (strategy/indicators/SessionPhase.h). First listed wins where phases overlap.
struct PhaseConfig {
  std::string name;
  std::uint32_t start_minute = 0;
  std::uint32_t end_minute = 0;
  bool operator==(const PhaseConfig&) const = default;
};

/// [signals]: the confluence timeframes and every indicator length.
struct SignalsConfig {
  /// Timeframe 0 is [strategy] bar_interval_ms; all are [bars] time_intervals; increasing.
  std::vector<std::int64_t> timeframes_ms = {1'000, 5'000, 60'000, 300'000};
  std::uint32_t session_start_minute = 0;  ///< UTC minute of day the session VWAP restarts
  std::uint32_t rolling_vwap_bars = 20;
  std::uint32_t atr_bars = 14;
  std::array<std::uint32_t, 3> roc_bars = {5, 10, 20};  ///< roc_short, roc_mid, roc_long; increasing
  std::uint32_t relative_volume_bars = 20;
  std::uint32_t volume_zscore_bars = 20;
  std::uint32_t adx_bars = 14;
  std::uint32_t vol_regime_bars = 100;
  double vol_regime_low_ratio = 0.75;   ///< ATR share / its mean below this: low volatility
  double vol_regime_high_ratio = 1.5;   ///< above this: high volatility
  std::uint32_t trade_sign_trades = 50;
  std::vector<PhaseConfig> phases = {{"asia", 0, 420}, {"europe", 420, 810}, {"us", 810, 1'260}};
  bool operator==(const SignalsConfig&) const = default;
};

/// [belief]: stability smoothing of each template's belief (strategy/belief/BeliefSmoother.h).
struct BeliefConfig {
  double smoothing_alpha = 0.5;      ///< EMA weight of the newest bar's belief, (0, 1]; 1: none
  std::uint32_t min_side_bars = 2;   ///< bars the smoothed belief must have kept its sign; 1: off
  bool operator==(const BeliefConfig&) const = default;
};

/// [decision]: the cost model, the uncertainty penalty, the threshold, the trend test.
struct DecisionConfig {
  double fee_bps = 1.0;                    ///< per side; charged twice (entry and exit)
  double slippage_bps = 1.0;               ///< charged once per round trip
  double uncertainty_penalty = 1.0;        ///< penalty_bps = this x uncertainty x move_bps
  double min_expected_utility_bps = 1.0;   ///< enter only at or above this
  double adx_trend = 25.0;                 ///< ADX (timeframe 0) at or above: trend, below: range
  bool operator==(const DecisionConfig&) const = default;
};

/// Regimes a template does not enter in. Vol bits mirror indicators::VolRegime's values.
struct LockoutConfig {
  std::uint8_t vol_regimes = 0;  ///< bit 1 low_vol, bit 2 normal_vol, bit 3 high_vol
  bool trend = false;            ///< ADX >= [decision] adx_trend
  bool range = false;            ///< ADX < [decision] adx_trend
  std::uint32_t phases = 0;      ///< bit per [signals] phases index
  bool no_phase = false;         ///< a time no phase covers
  bool operator==(const LockoutConfig&) const = default;
};
inline constexpr std::uint8_t kLockLowVol = 1U << 1;
inline constexpr std::uint8_t kLockNormalVol = 1U << 2;
inline constexpr std::uint8_t kLockHighVol = 1U << 3;

/// One belief constraint: p(up) = sigmoid(sign x (value - center) / scale), weighted.
struct ConstraintConfig {
  bool tick = false;            ///< a tick feature (kTickFeatureNames) rather than a bar feature
  std::uint8_t feature = 0;     ///< index into kBarFeatureNames or kTickFeatureNames
  std::uint8_t timeframe = 0;   ///< index into [signals] timeframes (bar features only)
  std::int8_t sign = 1;         ///< +1: a higher value means up; -1: down
  double center = 0.0;
  double scale = 1.0;           ///< > 0, in the feature's own unit
  double weight = 1.0;          ///< >= 0; the template's weights sum to > 0
  bool operator==(const ConstraintConfig&) const = default;
};

enum class TemplateKind : std::uint8_t { kMeanReversion = 0, kMomentum = 1 };
inline constexpr std::size_t kTemplateCount = 2;
[[nodiscard]] constexpr const char* templateName(TemplateKind k) noexcept {
  return k == TemplateKind::kMeanReversion ? "mean_reversion" : "momentum";
}

/// Which VWAP mean reversion fades to.
enum class VwapReference : std::uint8_t { kSession = 0, kRolling = 1 };

/// [templates.NAME]. Multipliers of the ATR are fixed point (x1e-8): the bracket is integer math.
struct TemplateConfig {
  bool enabled = true;
  VwapReference vwap = VwapReference::kSession;  ///< mean reversion only: its target
  std::int64_t stop_atr = 2 * kScale;            ///< stop this many ATRs beyond the entry
  std::int64_t target_atr = 0;                   ///< momentum only: target this many ATRs away
  std::int64_t ttl_ms = 30'000;                  ///< a resting entry is canceled after this
  LockoutConfig lockouts{};
  std::vector<ConstraintConfig> constraints;
  bool operator==(const TemplateConfig&) const = default;
};

/// The shipped templates (config/breakwater.toml writes the same).
[[nodiscard]] TemplateConfig defaultMeanReversionTemplate();
[[nodiscard]] TemplateConfig defaultMomentumTemplate();

struct TemplatesConfig {
  std::array<TemplateConfig, kTemplateCount> by_kind = {defaultMeanReversionTemplate(), defaultMomentumTemplate()};
  [[nodiscard]] const TemplateConfig& operator[](TemplateKind k) const { return by_kind[static_cast<std::size_t>(k)]; }
  [[nodiscard]] TemplateConfig& operator[](TemplateKind k) { return by_kind[static_cast<std::size_t>(k)]; }
  bool operator==(const TemplatesConfig&) const = default;
};

}  // namespace bw
