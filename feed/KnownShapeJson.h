#pragma once
// The Binance messages exactly as Binance writes them, read in one forward pass without
// simdjson: the combined-stream envelope {"stream":"..","data":{..}} or the bare object,
// holding a trade, a bookTicker, a depthUpdate or a REST snapshot, with the keys in the
// order Binance sends them and no whitespace (TickParser.h lists the shapes).
//
// Why: simdjson On-Demand walks any JSON; for these fixed shapes its generic walk (a field
// loop, a type check and a value iterator per key) cost 3–4x bare extraction, far over
// issue 4's budget. Matching the known bytes in order does the same work in one pass.
//
// Safety: the reader accepts only text that is valid JSON of the known shape — every
// literal compared byte for byte, strings restricted to printable ASCII without escapes,
// integers in JSON's grammar (no leading zero, at most 18 digits), decimals through the
// same fastDecimal simdjson's path uses — and declines everything else. A declined line
// is parsed by TickParser's simdjson path, which accepts it or reports it exactly as
// before. A test (KnownShapeJsonTest) and the tick_parser fuzz target check that both
// paths give the same tick, levels and error on every line they are given.

#include <string_view>

#include "core/BookLevels.h"
#include "feed/TickFields.h"

namespace bw::feed {

/// Reads `json` when it is exactly one of the known shapes: fills `f` and `levels` (as the
/// simdjson walk would) and returns true. Otherwise returns false with `f` and `levels`
/// partly written: the caller resets both before parsing another way. `json.data()` must
/// have 32 readable bytes after its end (TickParser::kPadding covers it). Feed thread; no
/// allocation, no exception.
[[nodiscard]] bool readKnownShape(std::string_view json, TickFields& f, BookLevels& levels) noexcept;

}  // namespace bw::feed
