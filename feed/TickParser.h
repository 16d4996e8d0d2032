#pragma once
// One capture line -> one Tick. Two line shapes:
//   `<receive ns> <json>` as recorded from Binance's combined websocket stream (see
//   ../shared/data/README.md), and plain JSON lines `<json>` (the line starts with '{').
// The JSON is either the combined-stream envelope {"stream":..,"data":{..}} or the bare
// data object, one of:
//   trade        {"e":"trade","E":..,"s":..,"t":id,"p":..,"q":..,"T":..,"m":..}
//   bookTicker   {"u":id,"s":..,"b":..,"B":..,"a":..,"A":..}
//   depthUpdate  {"e":"depthUpdate","E":..,"s":..,"U":first,"u":last,"b":[[px,qty]..],"a":..}
//   snapshot     {"lastUpdateId":..,"bids":[[px,qty]..],"asks":[[px,qty]..]}  (REST, never enveloped)
// A line in exactly the shape Binance writes (keys in Binance's order, no whitespace) is
// read in one forward pass by KnownShapeJson; every other line, and any line that pass
// declines, is read with simdjson On-Demand, which accepts or reports it. Both give the
// same tick (KnownShapeJsonTest, the tick_parser fuzz target). Prices and quantities go from their decimal text
// straight to 1e-8 integers, never through a double.
//
// Receive time of a plain JSON line: the exchange time it carries (E, else the trade time
// T). A bare bookTicker or a snapshot carries none: recv_ns is then 0 and the capture
// reader gives it the previous tick's receive time (see CaptureReader).
//
// Ids: seq is the trade id (t), the update id (u) of a bookTicker or depthUpdate, or the
// snapshot's lastUpdateId; first_seq is a depthUpdate's first id (U).
//
// Depth: a depthUpdate carries changed levels, not the book. Every level of a depthUpdate
// or snapshot is written, in message order, into the parser's BookLevels and
// tick.levels points at it until the next parse() (the book stage applies them). bid/ask
// on a kDepth tick are the best non-zero levels *in the message* (0 if none); on a
// snapshot, the book's best levels. More than BookLevels::kMaxPerSide levels on a side is
// kTooManyLevels. A snapshot names no symbol: it comes back with symbol kNoSymbol and the
// caller (the capture reader) attributes it to its file's symbol.
//
// Numbers too large to hold (a decimal, an id, a timestamp that would overflow) are
// kHugeNumber, not wrapped.
//
// Feed thread only (one parser per thread). No exception; no allocation once the simdjson
// parser has grown to the longest line (reserve() does that up front).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/BookLevels.h"
#include "core/InstrumentTable.h"
#include "core/Tick.h"
#include "feed/ParseError.h"
#include "feed/TickFields.h"

namespace bw::feed {

class TickParser {
 public:
  /// Whether the one-pass reader of the known Binance shapes goes first. kSimdjsonOnly is
  /// for comparing the two paths (tests, bench_tick_parser); the replay always reads first.
  enum class KnownShapes : bool { kReadFirst, kSimdjsonOnly };

  /// Bytes that must be readable past the end of every line handed to parse():
  /// simdjson::SIMDJSON_PADDING (TickParser.cpp checks they agree).
  static constexpr std::size_t kPadding = 64;

  /// Allocates the level buffer (cold path; may throw std::bad_alloc).
  explicit TickParser(const InstrumentTable& instruments, KnownShapes known_shapes = KnownShapes::kReadFirst);
  ~TickParser();
  TickParser(TickParser&&) noexcept;
  TickParser& operator=(TickParser&&) = delete;  // instruments_ is a reference

  /// Sizes the simdjson parser for lines up to `max_line_bytes`. Cold path (allocates).
  void reserve(std::size_t max_line_bytes);

  /// Parses one line (no trailing newline). `line.data()` must have kPadding readable
  /// bytes after `line.size()` (their content does not matter). On success fills `out`
  /// (all fields but parsed_tsc) and returns kOk. Feed thread; no allocation for lines
  /// within reserve(); no exception.
  [[nodiscard]] ParseResult parse(std::string_view line, Tick& out) noexcept;

  /// The levels of the last depth or snapshot line parsed (what tick.levels points at).
  [[nodiscard]] const BookLevels& levels() const noexcept { return *levels_; }

  /// Lines read by the one-pass known-shape reader (the rest went to simdjson).
  [[nodiscard]] std::uint64_t knownShapeLines() const noexcept { return known_shape_lines_; }

 private:
  /// simdjson On-Demand over the JSON into `f` and the levels.
  ParseResult walk(std::string_view json, TickFields& f) noexcept;

  const InstrumentTable& instruments_;
  KnownShapes known_shapes_;
  std::uint64_t known_shape_lines_ = 0;
  // simdjson's On-Demand parser, defined in TickParser.cpp: simdjson.h is a very large
  // header, and every file that reads captures includes this one (compile time).
  struct JsonParser;
  std::unique_ptr<JsonParser> json_;
  std::unique_ptr<BookLevels> levels_;  // 160 KiB: on the heap, once
};

}  // namespace bw::feed
