#pragma once
// One capture line -> one Tick. Lines are `<receive ns> <json>` as recorded from Binance's
// combined websocket stream (see ../shared/data/README.md):
//   {"stream":"btcusdt@trade","data":{"e":"trade","s":..,"p":..,"q":..,"T":..,"m":..}}
//   {"stream":"btcusdt@bookTicker","data":{"u":..,"s":..,"b":..,"B":..,"a":..,"A":..}}
//   {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","s":..,"b":[[px,qty]..],"a":..}}
//   {"lastUpdateId":..,"bids":[[px,qty]..],"asks":[[px,qty]..]}   (REST snapshot, no envelope)
// JSON is read with simdjson On-Demand; prices and quantities go from their decimal text
// straight to 1e-8 integers (core/Decimal.h), never through a double.
//
// Depth: a depthUpdate carries changed levels, not the book, so bid/ask on a kDepth tick
// are the best non-zero levels *in the update* (0 if none); the order book that applies
// them is the feed issue's work. A snapshot is the whole book: bid/ask are its best levels.
// A snapshot names no symbol; it comes back with symbol kNoSymbol and the caller (the
// capture reader) attributes it to its file's symbol.
//
// Feed thread only (one parser per thread). No exception; no allocation once the simdjson
// parser has grown to the longest line (reserve() does that up front).

#include <cstddef>
#include <string_view>

#include <simdjson.h>

#include "core/InstrumentTable.h"
#include "core/Tick.h"
#include "feed/ParseError.h"

namespace bw::feed {

class TickParser {
 public:
  /// Bytes that must be readable past the end of every line handed to parse().
  static constexpr std::size_t kPadding = simdjson::SIMDJSON_PADDING;

  explicit TickParser(const InstrumentTable& instruments) noexcept : instruments_(instruments) {}

  /// Sizes the simdjson parser for lines up to `max_line_bytes`. Cold path (allocates).
  void reserve(std::size_t max_line_bytes);

  /// Parses one line (no trailing newline). `line.data()` must have kPadding readable
  /// bytes after `line.size()` (their content does not matter). On success fills `out`
  /// (all fields but parsed_tsc) and returns kOk. Feed thread; no allocation for lines
  /// within reserve(); no exception.
  [[nodiscard]] ParseResult parse(std::string_view line, Tick& out) noexcept;

 private:
  const InstrumentTable& instruments_;
  simdjson::ondemand::parser parser_;
};

}  // namespace bw::feed
