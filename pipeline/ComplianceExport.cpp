#include "pipeline/ComplianceExport.h"

#include <algorithm>

#include <unordered_map>

#include "core/Decimal.h"

namespace bw::pipeline {

namespace {

std::string sideText(Side s) { return s == Side::kBuy ? "BUY" : s == Side::kSell ? "SELL" : "-"; }

bool isOrderLifecycle(JournalEventType t) noexcept {
  switch (t) {
    case JournalEventType::kOrderSent:
    case JournalEventType::kCancelSent:
    case JournalEventType::kReplaceSent:
    case JournalEventType::kAck:
    case JournalEventType::kFill:
    case JournalEventType::kCanceled:
    case JournalEventType::kVenueReject: return true;
    default: return false;
  }
}

void resolveFinalState(ComplianceRow& row) {
  if (!row.accepted) {
    row.final_state = "REJECTED";
  } else if (!row.sent) {
    row.final_state = "NOT_SENT";
  } else if (row.venue_rejected) {
    row.final_state = "VENUE_REJECTED";
  } else if (row.replaced) {
    row.final_state = "REPLACED";
  } else if (row.qty > 0 && row.filled_qty >= row.qty) {
    row.final_state = "FILLED";
  } else if (row.canceled) {
    row.final_state = "CANCELED";
  } else if (row.filled_qty > 0) {
    row.final_state = "PARTIALLY_FILLED";
  } else {
    row.final_state = "WORKING";
  }
}

}  // namespace

std::vector<ComplianceRow> buildComplianceRows(const std::vector<JournalRecord>& journal) {
  // The journal's lines come from several producer threads through one multi-producer
  // queue, which keeps each thread's order but not the order between threads (an ORDER_SENT
  // from the order thread can be written before the engine's VERDICT). Events are put back
  // in time order by their producer's wall clock; ties keep file order.
  std::vector<JournalRecord> records = journal;
  std::stable_sort(records.begin(), records.end(),
                   [](const JournalRecord& a, const JournalRecord& b) { return a.wall_ns < b.wall_ns; });
  std::vector<ComplianceRow> rows;
  std::unordered_map<std::uint64_t, std::size_t> row_of;          // order id -> newest row
  std::unordered_map<std::uint64_t, std::int64_t> decision_wall;  // order id -> latest DECISION wall time

  for (const JournalRecord& r : records) {
    if (r.order_id == 0) continue;
    if (r.type == JournalEventType::kDecision) {
      decision_wall[r.order_id] = r.wall_ns;
      continue;
    }
    if (r.type == JournalEventType::kVerdict) {
      ComplianceRow row;
      row.order_id = r.order_id;
      const auto d = decision_wall.find(r.order_id);
      row.decision_wall_ns = d != decision_wall.end() ? d->second : r.wall_ns;
      if (d != decision_wall.end()) decision_wall.erase(d);
      row.symbol = r.symbol;
      row.side = sideText(r.side);
      row.price = r.price;
      row.qty = r.qty;
      row.accepted = r.code == static_cast<std::uint8_t>(risk::RejectCode::kAccepted);
      row.code = r.code_name;
      row.rule = r.rule;
      row.final_wall_ns = r.wall_ns;
      row_of[r.order_id] = rows.size();
      rows.push_back(std::move(row));
      continue;
    }
    if (!isOrderLifecycle(r.type)) continue;
    const auto it = row_of.find(r.order_id);
    if (it == row_of.end()) continue;  // an order we never saw judged (journal started mid-run)
    ComplianceRow& row = rows[it->second];
    row.final_wall_ns = r.wall_ns;
    switch (r.type) {
      case JournalEventType::kOrderSent: row.sent = true; break;
      case JournalEventType::kReplaceSent: {
        // The replacement has its own row (its DECISION and VERDICT): sent now, and its
        // filled quantity starts where the order's stands, as FIX's CumQty carries over.
        const auto replacement = row_of.find(static_cast<std::uint64_t>(r.aux));
        if (replacement != row_of.end()) {
          const std::int64_t filled = row.filled_qty;
          rows[replacement->second].sent = true;
          rows[replacement->second].filled_qty = filled;
        }
        break;
      }
      case JournalEventType::kAck:
        row.acked = true;
        if (r.code == static_cast<std::uint8_t>(ExecEvent::Kind::kReplaced)) row.replaced = true;
        break;
      case JournalEventType::kFill:
        row.acked = true;  // a fill implies the venue had the order
        row.filled_qty += r.qty;
        break;
      case JournalEventType::kCanceled: row.canceled = true; break;
      case JournalEventType::kVenueReject:
        // A rejected cancel or replace leaves the order working: only an order reject is final.
        if (r.code == static_cast<std::uint8_t>(ExecEvent::Kind::kRejected)) row.venue_rejected = true;
        break;
      default: break;
    }
  }
  for (ComplianceRow& row : rows) resolveFinalState(row);
  return rows;
}

std::size_t complianceRowCount(const std::vector<JournalRecord>& records) {
  std::size_t n = 0;
  for (const JournalRecord& r : records) n += (r.type == JournalEventType::kVerdict && r.order_id != 0) ? 1u : 0u;
  return n;
}

std::string csvField(std::string_view value, bool always) {
  const bool quote = always || value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::size_t writeComplianceCsv(const std::vector<JournalRecord>& records, std::ostream& out) {
  const std::vector<ComplianceRow> rows = buildComplianceRows(records);
  out << kComplianceCsvHeader << '\n';
  for (const ComplianceRow& row : rows) {
    std::string line = std::to_string(row.order_id);
    line += ',';
    line += std::to_string(row.decision_wall_ns);
    line += ',';
    line += csvField(row.symbol);
    line += ',';
    line += row.side;
    line += ',';
    line += formatDecimal(row.price);
    line += ',';
    line += formatDecimal(row.qty);
    line += ',';
    line += row.accepted ? "ACCEPTED" : "REJECTED";
    line += ',';
    line += csvField(row.code);
    line += ',';
    line += csvField(row.rule, true);
    line += ',';
    line += row.sent ? '1' : '0';
    line += ',';
    line += row.acked ? '1' : '0';
    line += ',';
    line += formatDecimal(row.filled_qty);
    line += ',';
    line += row.final_state;
    line += ',';
    line += std::to_string(row.final_wall_ns);
    line += '\n';
    out << line;
  }
  return rows.size();
}

}  // namespace bw::pipeline
