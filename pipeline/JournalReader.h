#pragma once
// Parses a journal written by pipeline/Journal.h back into records. Cold path (tools,
// compliance export, promotion evaluation): allocates freely. A malformed line (torn by a
// crash, edited by hand, foreign) is counted and reported as file:line: reason, and
// parsing goes on; nothing in a line can crash the reader.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "core/Tick.h"
#include "pipeline/JournalEvent.h"

namespace bw::pipeline {

/// One journal line, every column parsed.
struct JournalRecord {
  std::size_t line = 0;         ///< 1-based line number in the file
  std::uint64_t seq = 0;
  std::int64_t wall_ns = 0;
  std::int64_t market_ns = 0;
  JournalEventType type = JournalEventType::kSession;
  std::uint64_t order_id = 0;
  std::string symbol;           ///< as written: a name, "-" (none) or "#<id>" (not in the table)
  Side side = kNoSide;          ///< kNoSide for "-"
  JournalScope scope = JournalScope::kNone;
  std::int64_t price = 0;       ///< raw 1e-8
  std::int64_t qty = 0;         ///< raw 1e-8
  std::uint8_t code = 0;        ///< numeric code (see JournalEventType)
  std::string code_name;        ///< as written: a name (PRICE_COLLAR, OPERATOR, FILL...) or the number
  std::string rule;             ///< regulation text, "" for none
  std::uint8_t strategy = 0;
  std::int64_t aux = 0;
  std::int64_t aux2 = 0;
  std::string text;
};

struct JournalReadResult {
  std::vector<JournalRecord> records;
  std::size_t lines = 0;                ///< lines read, headers included
  std::size_t malformed = 0;            ///< lines refused (not in records)
  std::size_t seq_breaks = 0;           ///< well-formed lines whose seq does not rise (kept)
  std::vector<std::string> errors;      ///< "file:line: reason", the first kMaxErrors of them
  static constexpr std::size_t kMaxErrors = 100;

  [[nodiscard]] bool ok() const noexcept { return malformed == 0 && seq_breaks == 0; }
};

/// Parses one data line (no trailing newline). False, with `reason` set, if malformed.
[[nodiscard]] bool parseJournalLine(std::string_view line, JournalRecord& out, std::string& reason);

/// Parses a whole journal from a stream; `source_name` prefixes error messages. The first
/// line must be the "# breakwater journal v1" header (else it counts as malformed); other
/// '#' lines and the column header are skipped.
[[nodiscard]] JournalReadResult parseJournal(std::istream& in, const std::string& source_name);

/// Reads the file at `path`. Throws std::runtime_error naming the path if it cannot open it.
[[nodiscard]] JournalReadResult readJournal(const std::string& path);

}  // namespace bw::pipeline
