#pragma once
// Volatility regime: the ATR as a share of the close, against the mean of that share over
// the previous M bars. ratio = share / mean; below `low_ratio` the regime is kLow, above
// `high_ratio` kHigh, else kNormal. The share is an integer in 1e-8 units
// (ATR x 1e8 / close); the ratio is a double. A rolling mean rather than a percentile
// keeps the update O(1). Ready once M earlier shares are in. No allocation after
// construction. Single thread (the engine).

#include <cstdint>

#include "core/FixedPoint.h"
#include "strategy/indicators/IndicatorName.h"
#include "strategy/indicators/Ring.h"
#include "strategy/indicators/ScaledRatio.h"

namespace bw::indicators {

enum class VolRegime : std::uint8_t {
  kUnknown = 0,  ///< warming up
  kLow = 1,
  kNormal = 2,
  kHigh = 3,
};

/// Stable lower-case name for a CSV cell: "", "low", "normal", "high".
[[nodiscard]] constexpr const char* volRegimeName(VolRegime r) noexcept {
  switch (r) {
    case VolRegime::kLow: return "low";
    case VolRegime::kNormal: return "normal";
    case VolRegime::kHigh: return "high";
    case VolRegime::kUnknown: break;
  }
  return "";
}

struct VolRegimeParams {
  std::uint32_t length = 100;  ///< M: bars of history the share is compared with
  double low_ratio = 0.75;     ///< share / mean below this: kLow
  double high_ratio = 1.5;     ///< share / mean above this: kHigh
};

class VolatilityRegime {
 public:
  /// Throws std::invalid_argument on length 0 or low_ratio > high_ratio. Cold path.
  explicit VolatilityRegime(const VolRegimeParams& params);

  /// One bar's ATR and close (feed it once the ATR is ready). No allocation.
  void onAtr(Price atr, Price close) noexcept;

  [[nodiscard]] bool ready() const noexcept { return regime_ != VolRegime::kUnknown; }
  [[nodiscard]] VolRegime value() const noexcept { return regime_; }
  /// The last share / mean of the previous M shares (0 before ready()). Divides when read.
  [[nodiscard]] double ratio() const noexcept;
  /// The last ATR / close, 1e-8 units.
  [[nodiscard]] std::int64_t share() const noexcept { return share_; }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  VolRegimeParams params_;
  Ring<std::int64_t> shares_;  // the previous M shares
  std::int64_t sum_ = 0;
  std::int64_t share_ = 0;
  std::int64_t prior_sum_ = 0;  // once ready: the previous M shares' sum the last share met
  VolRegime regime_ = VolRegime::kUnknown;
};

// Per-bar updates, inline: BarIndicatorSet::onBar runs a dozen of them on every close.

inline void VolatilityRegime::onAtr(Price atr, Price close) noexcept {
  share_ = close.raw > 0 ? scaledRatio(atr.raw, close.raw) : 0;
  if (shares_.full()) {
    prior_sum_ = sum_;
    // ratio = share x M / sum against the bounds, multiplied out: no division per bar.
    const double scaled = static_cast<double>(share_) * static_cast<double>(shares_.capacity());
    const double sum = static_cast<double>(sum_);
    if (sum_ <= 0) {
      regime_ = 0.0 < params_.low_ratio ? VolRegime::kLow : 0.0 > params_.high_ratio ? VolRegime::kHigh : VolRegime::kNormal;
    } else {
      regime_ = scaled < params_.low_ratio * sum    ? VolRegime::kLow
                : scaled > params_.high_ratio * sum ? VolRegime::kHigh
                                                    : VolRegime::kNormal;
    }
  }
  sum_ += share_ - shares_.push(share_);
}

}  // namespace bw::indicators
