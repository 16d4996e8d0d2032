#include "strategy/decision/DecisionTemplate.h"

#include <algorithm>
#include <cmath>

#include "strategy/decision/TickGrid.h"
#include "strategy/indicators/VolatilityRegime.h"

namespace bw::strategy::decision {

namespace {

static_assert(kLockLowVol == 1U << static_cast<unsigned>(indicators::VolRegime::kLow) &&
                  kLockNormalVol == 1U << static_cast<unsigned>(indicators::VolRegime::kNormal) &&
                  kLockHighVol == 1U << static_cast<unsigned>(indicators::VolRegime::kHigh),
              "core/StrategyConfig.h volatility lockout bits must follow indicators::VolRegime");

constexpr double kBps = 10'000.0;

int signOf(double v) noexcept { return v > 0.0 ? 1 : (v < 0.0 ? -1 : 0); }

}  // namespace

DecisionTemplate::DecisionTemplate(TemplateKind kind, const TemplateConfig& tpl, const BeliefConfig& belief,
                                   const DecisionConfig& decision)
    : kind_(kind),
      enabled_(tpl.enabled),
      vwap_(tpl.vwap),
      stop_atr_(tpl.stop_atr),
      target_atr_(tpl.target_atr),
      ttl_ms_(tpl.ttl_ms),
      lockouts_(tpl.lockouts),
      alpha_(belief.smoothing_alpha),
      min_side_bars_(belief.min_side_bars),
      adx_trend_(decision.adx_trend),
      penalty_(decision.uncertainty_penalty),
      fixed_cost_bps_(2.0 * decision.fee_bps + decision.slippage_bps),
      min_utility_bps_(decision.min_expected_utility_bps),
      belief_(tpl.constraints) {}

Price DecisionTemplate::vwap(const PriceContext& p) const noexcept {
  return vwap_ == VwapReference::kSession ? p.session_vwap : p.rolling_vwap;
}

bool DecisionTemplate::regimeKnown(const FeatureVector& f) const noexcept {
  if (lockouts_.vol_regimes != 0 && f.vol_regime[0] == indicators::VolRegime::kUnknown) return false;
  if ((lockouts_.trend || lockouts_.range) && !f.ready(BarFeature::kAdx, 0)) return false;
  return true;
}

bool DecisionTemplate::lockedOut(const FeatureVector& f, TemplateOutcome& out) const noexcept {
  const auto regime = static_cast<unsigned>(f.vol_regime[0]);
  if ((lockouts_.vol_regimes >> regime & 1U) != 0) {
    out.lockout = f.vol_regime[0] == indicators::VolRegime::kLow      ? Lockout::kLowVol
                  : f.vol_regime[0] == indicators::VolRegime::kNormal ? Lockout::kNormalVol
                                                                      : Lockout::kHighVol;
    return true;
  }
  if (lockouts_.trend || lockouts_.range) {
    const bool trend = f.value(BarFeature::kAdx, 0) >= adx_trend_;
    if (trend ? lockouts_.trend : lockouts_.range) {
      out.lockout = trend ? Lockout::kTrend : Lockout::kRange;
      return true;
    }
  }
  const std::uint8_t phase = f.session_phase;
  if (phase == 0xFF ? lockouts_.no_phase : (phase < 32 && (lockouts_.phases >> phase & 1U) != 0)) {
    out.lockout = phase == 0xFF ? Lockout::kNoPhase : Lockout::kPhase;
    out.phase = phase;
    return true;
  }
  return false;
}

void DecisionTemplate::evaluate(const FeatureVector& f, const Instrument& instrument,
                                belief::BeliefSmoother& smoother, TemplateOutcome& out) const noexcept {
  out = TemplateOutcome{};
  if (!enabled_) return;  // kDisabled
  out.reason = DecisionReason::kNotReady;
  if (!belief_.ready(f)) {
    smoother.reset();
    return;
  }
  const belief::Belief b = belief_.evaluate(f);
  out.raw_belief = b.raw;
  out.uncertainty = b.uncertainty;
  out.belief = smoother.update(b.raw, alpha_);

  const PriceContext& p = f.prices;
  const Price ref = vwap(p);
  const bool mean_reversion = kind_ == TemplateKind::kMeanReversion;
  if (p.close.raw <= 0 || p.atr.raw <= 0 || p.bid.raw <= 0 || p.ask.raw < p.bid.raw ||
      (mean_reversion && ref.raw <= 0) || !regimeKnown(f)) {
    return;  // kNotReady
  }
  if (lockedOut(f, out)) {
    out.reason = DecisionReason::kLockedOut;
    return;
  }

  const int dir = signOf(out.belief);
  const int toward_vwap = ref.raw > p.close.raw ? 1 : (ref.raw < p.close.raw ? -1 : 0);
  if (dir == 0 || (mean_reversion && toward_vwap != dir)) {
    out.reason = DecisionReason::kNoDirection;
    return;
  }
  const bool buy = dir > 0;
  out.side = buy ? Side::kBuy : Side::kSell;
  if (smoother.sideBars() < min_side_bars_) {
    out.reason = DecisionReason::kNotStable;
    return;
  }

  const std::int64_t tick = instrument.tick_size.raw;
  const std::int64_t limit = buy ? floorToTick(std::min(p.close.raw, p.bid.raw), tick)
                                 : ceilToTick(std::max(p.close.raw, p.ask.raw), tick);
  const std::int64_t stop_distance = std::max(tick, atrDistance(p.atr, stop_atr_, tick));
  std::int64_t target = 0;
  if (mean_reversion) {
    target = buy ? floorToTick(ref.raw, tick) : ceilToTick(ref.raw, tick);
  } else {
    const std::int64_t distance = atrDistance(p.atr, target_atr_, tick);
    target = buy ? limit + distance : limit - distance;
  }
  const std::int64_t stop = buy ? limit - stop_distance : limit + stop_distance;
  out.limit = Price{limit};
  out.stop = Price{stop};
  out.target = Price{target};
  const std::int64_t target_distance = buy ? target - limit : limit - target;
  if (target_distance < tick || limit <= 0 || stop <= 0 || target <= 0) {
    out.reason = DecisionReason::kNoBracket;
    return;
  }

  out.move_bps = static_cast<double>(target_distance) * kBps / static_cast<double>(limit);
  out.edge_bps = std::fabs(out.belief) * out.move_bps;
  out.penalty_bps = penalty_ * out.uncertainty * out.move_bps;
  const double half_spread_bps =
      static_cast<double>(p.ask.raw - p.bid.raw) * kBps / static_cast<double>(p.ask.raw + p.bid.raw);
  out.cost_bps = fixed_cost_bps_ + half_spread_bps;
  out.expected_utility_bps = out.edge_bps - out.penalty_bps - out.cost_bps;
  out.reason = out.expected_utility_bps >= min_utility_bps_ ? DecisionReason::kEntry : DecisionReason::kBelowThreshold;
}

}  // namespace bw::strategy::decision
