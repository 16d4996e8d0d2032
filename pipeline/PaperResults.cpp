#include "pipeline/PaperResults.h"

#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/FixedPoint.h"

namespace bw::pipeline {

namespace {

struct OpenTrip {
  Int128 position = 0;  ///< signed base quantity, 1e-8 units
  Int128 cash = 0;      ///< sell proceeds - buy cost, 1e-16 quote units (price x qty, unscaled)
};

std::int64_t toPnl(Int128 cash) noexcept {
  const Int128 pnl = cash / kScale;  // truncates toward zero, like checkedNotional
  if (pnl > std::numeric_limits<std::int64_t>::max()) return std::numeric_limits<std::int64_t>::max();
  if (pnl < std::numeric_limits<std::int64_t>::min()) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(pnl);
}

}  // namespace

risk::PaperStats paperStatsFromJournal(const std::vector<JournalRecord>& records) {
  risk::PaperStats stats;
  std::unordered_map<std::string, OpenTrip> trips;
  std::unordered_set<std::uint64_t> sent;
  std::unordered_set<std::uint64_t> filled;

  for (const JournalRecord& r : records) {
    if (r.type == JournalEventType::kOrderSent) {
      ++stats.orders_sent;
      sent.insert(r.order_id);
      filled.erase(r.order_id);  // ids restart each run: a new send is a new order
      stats.latency_ns.push_back(r.aux < 0 ? 0 : r.aux);
      continue;
    }
    if (r.type != JournalEventType::kFill || r.qty <= 0 || r.side == kNoSide) continue;
    if (sent.count(r.order_id) != 0 && filled.insert(r.order_id).second) ++stats.fills;

    OpenTrip& trip = trips[r.symbol];
    const Int128 price = r.price;
    Int128 remaining = r.qty;
    const Int128 sign = r.side == Side::kBuy ? 1 : -1;
    while (remaining > 0) {
      // The part of this fill that moves the position toward (and at most to) flat closes
      // the open trip; anything beyond opens the next one.
      Int128 step = remaining;
      const bool reducing = trip.position != 0 && (trip.position > 0) != (sign > 0);
      if (reducing) {
        const Int128 open = trip.position > 0 ? trip.position : -trip.position;
        if (step > open) step = open;
      }
      trip.position += sign * step;
      trip.cash -= sign * price * step;  // buy: pay; sell: receive
      remaining -= step;
      if (reducing && trip.position == 0) {
        stats.trades.push_back(risk::PaperTrade{toPnl(trip.cash)});
        trip.cash = 0;
      }
    }
  }
  return stats;
}

}  // namespace bw::pipeline
