#pragma once
// Live-gate layer 4, the promotion (graduation) gate: a strategy reaches a live venue only
// after its paper results clear every threshold in [live]. This is plain computation over
// paper round trips and order statistics, so it has no pipeline dependency: the journal
// side (pipeline/PaperResults.h) turns a journal into PaperStats, and the gate judges them.
//
// Cold path: evaluated at start and on `breakwater gate`; it allocates (strings) and uses
// floating point for the Sharpe ratio, which is a statistic here, never risk math. Every
// money figure stays integer (1e-8 fixed point, sums in Int128).

#include <cstdint>
#include <string>
#include <vector>

#include "core/FixedPoint.h"

namespace bw {
struct LiveConfig;
}

namespace bw::risk {

/// One paper round trip: a position from flat back to flat.
struct PaperTrade {
  std::int64_t pnl = 0;  ///< realized P&L, 1e-8 quote units
};

/// What a paper session produced.
struct PaperStats {
  std::vector<PaperTrade> trades;     ///< in the order they closed
  std::uint64_t orders_sent = 0;      ///< new orders that reached the (paper) venue
  std::uint64_t fills = 0;            ///< of those, orders that got at least one fill
  std::vector<std::int64_t> latency_ns;  ///< verdict -> send latency per sent order
};

/// The graduation bar, from [live] promotion_* (core/Config.h).
struct PromotionThresholds {
  std::uint32_t min_trades = 50;                 ///< round trips needed
  std::int64_t max_drawdown = 50 * kScale;       ///< peak-to-trough of cumulative P&L, 1e-8 quote
  std::int64_t min_sharpe = 50'000'000;          ///< x1e-8: per-trade Sharpe x sqrt(trades)
  std::uint32_t min_fill_rate_pct = 20;          ///< filled orders / sent orders, percent
  std::int64_t max_latency_p95_us = 1'000;       ///< p95 of verdict -> send latency, microseconds

  /// The thresholds configured in [live].
  [[nodiscard]] static PromotionThresholds fromConfig(const LiveConfig& live) noexcept;
};

/// One criterion's verdict, for `breakwater gate` and the journal.
struct PromotionCriterion {
  std::string name;       ///< stable snake_case: trades, expectancy, max_drawdown, sharpe, fill_rate, latency_p95
  bool pass = false;
  std::string measured;   ///< what was measured ("12", "-0.5", "no trades")
  std::string threshold;  ///< what was needed (">= 50", "> 0", "<= 50")
};

struct PromotionResult {
  bool pass = false;                          ///< every criterion passed
  std::vector<PromotionCriterion> criteria;   ///< always all six, in a fixed order
  std::string summary;  ///< "PASS: 6/6 criteria" or "FAIL: trades 12 (need >= 50); ..."
};

/// Summary statistics of a list of trades, integer where it is money.
struct PaperTradeSummary {
  std::uint64_t trades = 0;
  Int128 total_pnl = 0;
  std::int64_t expectancy = 0;     ///< mean P&L per trade, truncated toward zero (0 with no trades)
  Int128 max_drawdown = 0;         ///< largest fall of cumulative P&L below its running peak (peak starts at 0)
  bool sharpe_defined = false;     ///< needs >= 2 trades and a non-zero standard deviation
  double sharpe = 0.0;             ///< mean / sample stddev x sqrt(trades)
};

[[nodiscard]] PaperTradeSummary summarizeTrades(const std::vector<PaperTrade>& trades);

/// p95 (nearest rank) of the samples; 0 when there are none. Copies and sorts: cold path.
[[nodiscard]] std::int64_t percentile95(const std::vector<std::int64_t>& samples);

/// Judges paper results against the thresholds. Zero trades, zero orders or no latency
/// samples fail their criteria with a clear text, never divide by zero. Cold path.
[[nodiscard]] PromotionResult evaluatePromotion(const PaperStats& stats, const PromotionThresholds& thresholds);

}  // namespace bw::risk
