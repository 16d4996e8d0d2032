#pragma once
// One tardis.dev trades CSV row -> one trade Tick. The header names the columns, in any
// order; extra columns are ignored (see ../shared/data/README.md):
//   exchange,symbol,timestamp,local_timestamp,id,side,price,amount
// Timestamps are µs since the epoch (local_timestamp -> recv_ns, timestamp -> exch_ns,
// both x1000); side is the aggressor (`buy`/`sell`); id -> Tick::seq; price and amount go
// from their decimal text straight to 1e-8 integers (core/Decimal.h), never a double.
// Fields are plain: tardis never quotes, so a quoted field with a comma in it reads as a
// row with the wrong number of columns and is refused as such.
//
// Feed thread only (one parser per reader). parse() allocates nothing and throws nothing.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/InstrumentTable.h"
#include "core/Tick.h"
#include "feed/ParseError.h"

namespace bw::feed {

class CsvTickParser {
 public:
  /// More columns than this in a header is refused (tardis trades have 8).
  static constexpr std::size_t kMaxColumns = 32;
  /// The columns a row must have; `exchange` and `id` are optional (id absent: seq 0).
  static constexpr std::array<std::string_view, 6> kRequired{"symbol", "timestamp", "local_timestamp",
                                                             "side",   "price",     "amount"};

  explicit CsvTickParser(const InstrumentTable& instruments) noexcept : instruments_(instruments) {}

  /// Takes the header row. Returns "" when every required column is there, else what is
  /// wrong (the missing column's name, or too many columns). Cold path (may allocate).
  [[nodiscard]] std::string setHeader(std::string_view header);

  /// True when setHeader accepted a header.
  [[nodiscard]] bool ready() const noexcept { return columns_ != 0; }

  /// Parses one row (no trailing newline) into a trade tick (every field but parsed_tsc).
  /// Refusals: kEmptyLine, kBadColumnCount, kBadFieldType (side, timestamp, id),
  /// kBadDecimal, kHugeNumber, kNonPositive, kUnknownSymbol; ParseResult::field names
  /// the column. Feed thread; no allocation; no exception.
  [[nodiscard]] ParseResult parse(std::string_view row, Tick& out) const noexcept;

 private:
  enum Field : std::uint8_t { kSymbol, kTimestamp, kLocalTimestamp, kSide, kPrice, kAmount, kId, kFieldCount };

  const InstrumentTable& instruments_;
  std::size_t columns_ = 0;                        // columns in the header; 0 until set
  std::array<std::size_t, kFieldCount> index_{};   // column of each field
  bool has_id_ = false;
};

}  // namespace bw::feed
