#pragma once
// Paper results from a journal, for the promotion gate (risk/PromotionGate.h): fills are
// paired per symbol into round trips (flat -> flat), P&L in integer fixed point. Cold path.

#include <vector>

#include "pipeline/JournalReader.h"
#include "risk/PromotionGate.h"

namespace bw::pipeline {

/// trades: one per round trip per symbol, P&L = sell proceeds - buy cost of the trip's
///         fills (Int128, truncated toward zero to 1e-8 quote); a fill that crosses through
///         flat closes the trip with the part that reaches flat and opens the next with
///         the rest, at the same price. Positions still open at the end are not trades.
/// orders_sent: ORDER_SENT events.
/// fills: orders (ORDER_SENT ids) with at least one FILL; not FILL events, which would
///        count one order's partial fills several times and let the fill rate pass 100%.
/// latency_ns: each ORDER_SENT's aux (verdict -> send ns; negatives read as 0).
[[nodiscard]] risk::PaperStats paperStatsFromJournal(const std::vector<JournalRecord>& records);

}  // namespace bw::pipeline
