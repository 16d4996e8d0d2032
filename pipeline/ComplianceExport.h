#pragma once
// Compliance export: one CSV row per order the RiskGate judged (every VERDICT in the
// journal), with its verdict, the rule behind a rejection, and what became of it at the
// venue. Cold path.
//
// Columns: order_id,decision_wall_ns,symbol,side,price,qty,verdict,code,rule,sent,acked,
//          filled_qty,final_state,final_wall_ns
//   verdict      ACCEPTED | REJECTED
//   code         the RejectCode name (ACCEPTED when accepted)
//   rule         the regulation the code implements; always double-quoted ("" for none)
//   sent, acked  1 | 0
//   filled_qty   decimal sum of the order's fills
//   final_state  REJECTED (by the gate) | NOT_SENT (accepted, never reached the wire) |
//                VENUE_REJECTED | FILLED | CANCELED (a partial fill then cancel is CANCELED
//                with its filled_qty) | PARTIALLY_FILLED (still working) | WORKING
//   final_wall_ns  wall time of the last event seen for the order
// Other fields are quoted only when they hold a comma, quote or line break (RFC 4180).
// Order ids restart with each process run: a VERDICT for an id already seen starts a new
// row, and later events belong to the newest one.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/JournalReader.h"

namespace bw::pipeline {

struct ComplianceRow {
  std::uint64_t order_id = 0;
  std::int64_t decision_wall_ns = 0;  ///< the DECISION's wall time, else the VERDICT's
  std::string symbol;
  std::string side;                   ///< BUY | SELL | -
  std::int64_t price = 0;             ///< raw 1e-8
  std::int64_t qty = 0;               ///< raw 1e-8
  bool accepted = false;
  std::string code;                   ///< reject code name, ACCEPTED when accepted
  std::string rule;
  bool sent = false;
  bool acked = false;
  std::int64_t filled_qty = 0;        ///< raw 1e-8
  bool canceled = false;
  bool venue_rejected = false;
  bool replaced = false;              ///< the venue replaced it: it lives on in the replacement's row
  std::string final_state;
  std::int64_t final_wall_ns = 0;
};

inline constexpr const char* kComplianceCsvHeader =
    "order_id,decision_wall_ns,symbol,side,price,qty,verdict,code,rule,sent,acked,filled_qty,final_state,"
    "final_wall_ns";

/// One row per verdict, in journal order, final states resolved.
[[nodiscard]] std::vector<ComplianceRow> buildComplianceRows(const std::vector<JournalRecord>& records);

/// Number of rows writeComplianceCsv would write (header excluded).
[[nodiscard]] std::size_t complianceRowCount(const std::vector<JournalRecord>& records);

/// Writes the header and one row per order; returns the number of rows (header excluded).
std::size_t writeComplianceCsv(const std::vector<JournalRecord>& records, std::ostream& out);

/// RFC 4180 field: quoted (inner quotes doubled) when it holds , " CR or LF, or when `always`.
[[nodiscard]] std::string csvField(std::string_view value, bool always = false);

}  // namespace bw::pipeline
