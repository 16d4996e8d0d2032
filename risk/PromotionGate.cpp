#include "risk/PromotionGate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/Config.h"
#include "core/Decimal.h"

namespace bw::risk {

namespace {

std::int64_t clampToInt64(Int128 v) noexcept {
  if (v > std::numeric_limits<std::int64_t>::max()) return std::numeric_limits<std::int64_t>::max();
  if (v < std::numeric_limits<std::int64_t>::min()) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(v);
}

std::string formatFixed(double v, int decimals) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0u);
}

/// ns as microseconds with three decimals, integer arithmetic ("812.345").
std::string formatMicros(std::int64_t ns) {
  // ns x 10^5 is 1e-8 units of a microsecond: formatDecimal then trims the zeros.
  const Int128 scaled = static_cast<Int128>(ns) * (kScale / 1000);
  return formatDecimal(clampToInt64(scaled));
}

PromotionCriterion criterion(const char* name, bool pass, std::string measured, std::string threshold) {
  PromotionCriterion c;
  c.name = name;
  c.pass = pass;
  c.measured = std::move(measured);
  c.threshold = std::move(threshold);
  return c;
}

}  // namespace

PromotionThresholds PromotionThresholds::fromConfig(const LiveConfig& live) noexcept {
  PromotionThresholds t;
  t.min_trades = live.promotion_min_trades;
  t.max_drawdown = live.promotion_max_drawdown.raw;
  t.min_sharpe = live.promotion_min_sharpe;
  t.min_fill_rate_pct = live.promotion_min_fill_rate_pct;
  t.max_latency_p95_us = live.promotion_max_latency_p95_us;
  return t;
}

PaperTradeSummary summarizeTrades(const std::vector<PaperTrade>& trades) {
  PaperTradeSummary s;
  s.trades = trades.size();
  if (trades.empty()) return s;

  Int128 cumulative = 0;
  Int128 peak = 0;  // the curve starts flat at zero: a first losing trade is a drawdown
  for (const PaperTrade& t : trades) {
    cumulative += t.pnl;
    peak = std::max(peak, cumulative);
    s.max_drawdown = std::max(s.max_drawdown, peak - cumulative);
  }
  s.total_pnl = cumulative;
  s.expectancy = clampToInt64(cumulative / static_cast<Int128>(trades.size()));

  if (trades.size() >= 2) {
    // Statistic only (never a risk decision): double is fine. Work in quote units so the
    // squares stay far from overflow and rounding.
    const double n = static_cast<double>(trades.size());
    const double mean = static_cast<double>(cumulative) / n / static_cast<double>(kScale);
    double sum_sq = 0.0;
    for (const PaperTrade& t : trades) {
      const double d = static_cast<double>(t.pnl) / static_cast<double>(kScale) - mean;
      sum_sq += d * d;
    }
    const double stddev = std::sqrt(sum_sq / (n - 1.0));  // sample standard deviation
    if (stddev > 0.0 && std::isfinite(stddev)) {
      s.sharpe_defined = true;
      s.sharpe = mean / stddev * std::sqrt(n);
    }
  }
  return s;
}

std::int64_t percentile95(const std::vector<std::int64_t>& samples) {
  if (samples.empty()) return 0;
  std::vector<std::int64_t> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  // Nearest rank: the smallest sample with at least 95% of samples at or below it.
  const std::size_t rank = (sorted.size() * 95 + 99) / 100;  // ceil(0.95 n), >= 1
  return sorted[rank - 1];
}

PromotionResult evaluatePromotion(const PaperStats& stats, const PromotionThresholds& th) {
  PromotionResult r;
  const PaperTradeSummary s = summarizeTrades(stats.trades);
  const bool no_trades = s.trades == 0;
  const std::string kNoTrades = "no trades";

  // 1. enough round trips
  {
    std::string need = ">= ";
    need += std::to_string(th.min_trades);
    r.criteria.push_back(criterion("trades", s.trades >= th.min_trades, std::to_string(s.trades), std::move(need)));
  }
  // 2. positive expectancy: judged on the exact total, not the truncated mean
  r.criteria.push_back(criterion("expectancy", !no_trades && s.total_pnl > 0,
                                 no_trades ? kNoTrades : formatDecimal(s.expectancy), "> 0"));
  // 3. drawdown of the cumulative P&L curve
  {
    std::string need = "<= ";
    need += formatDecimal(th.max_drawdown);
    r.criteria.push_back(criterion("max_drawdown", !no_trades && s.max_drawdown <= th.max_drawdown,
                                   no_trades ? kNoTrades : formatDecimal(clampToInt64(s.max_drawdown)),
                                   std::move(need)));
  }
  // 4. Sharpe: undefined (fails closed) below two trades or with zero variance
  {
    std::string need = ">= ";
    need += formatDecimal(th.min_sharpe);
    std::string measured;
    bool pass = false;
    if (no_trades) {
      measured = kNoTrades;
    } else if (s.trades < 2) {
      measured = "undefined (1 trade)";
    } else if (!s.sharpe_defined) {
      measured = "undefined (zero variance)";
    } else {
      measured = formatFixed(s.sharpe, 4);
      pass = s.sharpe * static_cast<double>(kScale) >= static_cast<double>(th.min_sharpe);
    }
    r.criteria.push_back(criterion("sharpe", pass, std::move(measured), std::move(need)));
  }
  // 5. fill rate: fills x 100 >= pct x sent, compared without dividing
  {
    std::string need = ">= ";
    need += std::to_string(th.min_fill_rate_pct);
    need += '%';
    std::string measured;
    bool pass = false;
    if (stats.orders_sent == 0) {
      measured = "no orders sent";
    } else {
      const Int128 filled = static_cast<Int128>(stats.fills);
      const Int128 sent = static_cast<Int128>(stats.orders_sent);
      pass = filled * 100 >= static_cast<Int128>(th.min_fill_rate_pct) * sent;
      // percent with one decimal, truncated: fills x 1000 / sent tenths of a percent
      const std::int64_t tenths = clampToInt64(filled * 1000 / sent);
      measured = std::to_string(tenths / 10);
      measured += '.';
      measured += std::to_string(tenths % 10);
      measured += "% (";
      measured += std::to_string(stats.fills);
      measured += '/';
      measured += std::to_string(stats.orders_sent);
      measured += ')';
    }
    r.criteria.push_back(criterion("fill_rate", pass, std::move(measured), std::move(need)));
  }
  // 6. latency p95
  {
    std::string need = "<= ";
    need += std::to_string(th.max_latency_p95_us);
    need += " us";
    std::string measured;
    bool pass = false;
    if (stats.latency_ns.empty()) {
      measured = "no latency samples";
    } else {
      const std::int64_t p95 = percentile95(stats.latency_ns);
      pass = static_cast<Int128>(p95) <= static_cast<Int128>(th.max_latency_p95_us) * 1000;
      measured = formatMicros(p95);
      measured += " us";
    }
    r.criteria.push_back(criterion("latency_p95", pass, std::move(measured), std::move(need)));
  }

  std::size_t passed = 0;
  std::string failures;
  for (const PromotionCriterion& c : r.criteria) {
    if (c.pass) {
      ++passed;
      continue;
    }
    if (!failures.empty()) failures += "; ";
    failures += c.name;
    failures += ' ';
    failures += c.measured;
    failures += " (need ";
    failures += c.threshold;
    failures += ')';
  }
  r.pass = passed == r.criteria.size();
  if (r.pass) {
    r.summary = "PASS: ";
    r.summary += std::to_string(passed);
    r.summary += '/';
    r.summary += std::to_string(r.criteria.size());
    r.summary += " criteria";
  } else {
    r.summary = "FAIL: ";
    r.summary += failures;
  }
  return r;
}

}  // namespace bw::risk
