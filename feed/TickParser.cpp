#include "feed/TickParser.h"

#include <cstdint>
#include <cstring>
#include <new>

#include <simdjson.h>

#include "core/FixedPoint.h"
#include "feed/DigitRun.h"
#include "feed/FastDecimal.h"
#include "feed/KnownShapeJson.h"
#include "feed/TickFields.h"

namespace bw::feed {
namespace {

namespace od = simdjson::ondemand;

constexpr std::int64_t kNsPerMs = 1'000'000;

ParseResult fail(ParseError e, const char* field = "") noexcept { return ParseResult{e, field, DecimalError::kOk}; }

/// "<digits> " at the start of the line: the receive time. A value that does not fit an
/// int64 is kHugeNumber instead of wrapping.
ParseError parseReceiveTime(std::string_view line, std::int64_t& ns, std::size_t& json_at) noexcept {
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  std::uint64_t first16 = 0;
  const char* p = readDigits16(begin, end, first16);  // 16 digits fit an int64
  auto v = static_cast<std::int64_t>(first16);
  bool huge = false;
  while (p < end && *p >= '0' && *p <= '9') {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *p - '0', &v)) huge = true;
    ++p;
  }
  if (p == begin || p == end || *p != ' ') return ParseError::kBadTimestamp;
  if (huge) return ParseError::kHugeNumber;
  ns = v;
  json_at = static_cast<std::size_t>(p - begin) + 1;
  return ParseError::kOk;
}

/// `key` (raw, just past its opening quote) is exactly `lit`. Reads at most sizeof(lit)
/// bytes: the key's closing quote and the document's padding keep that in bounds.
template <std::size_t N>
bool keyIs(const char* key, const char (&lit)[N]) noexcept {
  return std::memcmp(key, lit, N - 1) == 0 && key[N - 1] == '"';
}

/// A JSON string holding a decimal, into 1e-8 units. Reads the raw string in the input
/// (no unescape copy): a backslash is not a decimal character, so parseDecimal refuses it.
ParseResult decimalField(od::value& value, const char* name, std::int64_t& out) noexcept {
  od::raw_json_string raw;
  if (value.get_raw_json_string().get(raw) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, name);
  const char* begin = raw.raw();
  if (fastDecimal(begin, out) != nullptr) return {};
  const char* end = begin;
  while (*end != '"') ++end;  // stage 1 found the closing quote: the scan ends there
  const DecimalError e = parseDecimal(std::string_view(begin, static_cast<std::size_t>(end - begin)), out);
  if (e == DecimalError::kOk) return {};
  return ParseResult{e == DecimalError::kOverflow ? ParseError::kHugeNumber : ParseError::kBadDecimal, name, e};
}

/// Why an integer field did not read: simdjson 3.0 reports an integer beyond 64 bits as
/// INCORRECT_TYPE, so the token's text decides: all digits is a number too large to hold.
ParseResult numberError(od::value& value, simdjson::error_code e, const char* name) noexcept {
  if (e == simdjson::NUMBER_OUT_OF_RANGE) return fail(ParseError::kHugeNumber, name);
  const std::string_view token = value.raw_json_token();
  {
    std::size_t i = !token.empty() && token[0] == '-' ? 1 : 0;
    const std::size_t first_digit = i;
    while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
    // raw_json_token may carry trailing whitespace up to the next structural character.
    std::size_t end = i;
    while (end < token.size() && (token[end] == ' ' || token[end] == '\t' || token[end] == '\n' || token[end] == '\r')) ++end;
    if (i > first_digit && end == token.size()) return fail(ParseError::kHugeNumber, name);
  }
  return fail(ParseError::kBadFieldType, name);
}

/// Millisecond epoch timestamp into ns, refusing one that would overflow.
ParseResult millisField(od::value& value, const char* name, std::int64_t& ns) noexcept {
  std::int64_t ms = 0;
  if (const auto e = value.get_int64().get(ms); e != simdjson::SUCCESS) return numberError(value, e, name);
  if (__builtin_mul_overflow(ms, kNsPerMs, &ns)) return fail(ParseError::kHugeNumber, name);
  return {};
}

/// A trade or update id.
ParseResult idField(od::value& value, const char* name, std::uint64_t& id) noexcept {
  if (const auto e = value.get_uint64().get(id); e != simdjson::SUCCESS) return numberError(value, e, name);
  return {};
}

/// [[px, qty], ...] into `dst` (message order, `count` of them). `best` is the highest
/// (bids) or lowest (asks) price with a non-zero quantity, 0 when none.
ParseResult levelsField(od::value& value, const char* name, bool bids, BookLevel* dst, std::uint32_t& count,
                        BestLevel& best) noexcept {
  od::array levels;
  if (value.get_array().get(levels) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, name);
  best = BestLevel{};
  count = 0;
  for (auto level_result : levels) {
    od::array level;
    if (level_result.get_array().get(level) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, name);
    std::int64_t px_qty[2] = {0, 0};
    int n = 0;
    for (auto item_result : level) {
      od::value item;
      if (item_result.get(item) != simdjson::SUCCESS || n == 2) return fail(ParseError::kBadFieldType, name);
      if (const ParseResult r = decimalField(item, name, px_qty[n]); !r.ok()) return r;
      ++n;
    }
    if (n != 2) return fail(ParseError::kBadFieldType, name);
    const std::int64_t px = px_qty[0];
    const std::int64_t qty = px_qty[1];
    if (px <= 0 || qty < 0) return fail(ParseError::kNonPositive, name);
    if (count == BookLevels::kMaxPerSide) return fail(ParseError::kTooManyLevels, name);
    dst[count++] = BookLevel{Price{px}, Qty{qty}};
    if (qty == 0) continue;  // a removed level
    if (best.px == 0 || (bids ? px > best.px : px < best.px)) best = BestLevel{px, qty};
  }
  return {};
}

/// "b" / "a": a decimal string in bookTicker, an array of levels in depthUpdate.
ParseResult sideField(od::value& value, const char* name, bool bids, BookLevels& levels,
                      BestLevel& best, bool& is_levels) noexcept {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return fail(ParseError::kBadJson, name);
  is_levels = type == od::json_type::array;
  if (!is_levels) return decimalField(value, name, best.px);
  return bids ? levelsField(value, name, true, levels.bids.data(), levels.bid_count, best)
              : levelsField(value, name, false, levels.asks.data(), levels.ask_count, best);
}

/// One object's fields into `f`. Keys are dispatched on their first byte (each key is
/// compared once, not against every name in turn); unknown keys are skipped by On-Demand.
/// `root`: a "data" object is descended into (the combined-stream envelope).
ParseResult readObject(od::object& object, TickFields& f, BookLevels& levels, bool root) noexcept {
  for (auto field_result : object) {
    od::field field;
    if (std::move(field_result).get(field) != simdjson::SUCCESS) return fail(ParseError::kBadJson);
    const char* key = field.key().raw();
    od::value& value = field.value();
    ParseResult r;
    switch (key[0]) {
      case 'e':
        if (!keyIs(key, "e")) break;
        f.has_event = value.get_string().get(f.event) == simdjson::SUCCESS;
        if (!f.has_event) return fail(ParseError::kBadFieldType, "e");
        break;
      case 's':
        if (!keyIs(key, "s")) break;  // "stream": the data's own "s" names the symbol
        f.has_symbol = value.get_string().get(f.symbol) == simdjson::SUCCESS;
        if (!f.has_symbol) return fail(ParseError::kBadFieldType, "s");
        break;
      case 'p':
        if (!keyIs(key, "p")) break;
        r = decimalField(value, "p", f.price);
        f.has_price = true;
        break;
      case 'q':
        if (!keyIs(key, "q")) break;
        r = decimalField(value, "q", f.qty);
        f.has_qty = true;
        break;
      case 'T':
        if (!keyIs(key, "T")) break;
        r = millisField(value, "T", f.trade_ns);
        f.has_trade_time = true;
        break;
      case 'E':
        if (!keyIs(key, "E")) break;
        r = millisField(value, "E", f.event_ns);
        f.has_event_time = true;
        break;
      case 'm':
        if (!keyIs(key, "m")) break;
        if (value.get_bool().get(f.buyer_is_maker) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, "m");
        f.has_maker = true;
        break;
      case 't':
        if (!keyIs(key, "t")) break;
        r = idField(value, "t", f.trade_id);
        f.has_trade_id = true;
        break;
      case 'u':
        if (!keyIs(key, "u")) break;
        r = idField(value, "u", f.update_id);
        f.has_update_id = true;
        break;
      case 'U':
        if (!keyIs(key, "U")) break;
        r = idField(value, "U", f.first_id);
        f.has_first_id = true;
        break;
      case 'b':
        if (keyIs(key, "b")) {
          r = sideField(value, "b", true, levels, f.bid, f.bid_is_levels);
          f.has_bid = true;
        } else if (keyIs(key, "bids")) {
          r = levelsField(value, "bids", true, levels.bids.data(), levels.bid_count, f.bid);
          f.has_bids = true;
        }
        break;
      case 'a':
        if (keyIs(key, "a")) {
          r = sideField(value, "a", false, levels, f.ask, f.ask_is_levels);
          f.has_ask = true;
        } else if (keyIs(key, "asks")) {
          r = levelsField(value, "asks", false, levels.asks.data(), levels.ask_count, f.ask);
          f.has_asks = true;
        }
        break;
      case 'B':
        if (!keyIs(key, "B")) break;
        r = decimalField(value, "B", f.bid_qty);
        f.has_bid_qty = true;
        break;
      case 'A':
        if (!keyIs(key, "A")) break;
        r = decimalField(value, "A", f.ask_qty);
        f.has_ask_qty = true;
        break;
      case 'l':
        if (!keyIs(key, "lastUpdateId")) break;
        r = idField(value, "lastUpdateId", f.last_update_id);
        f.has_last_update_id = true;
        break;
      case 'd': {
        if (!root || !keyIs(key, "data")) break;
        od::object data;
        if (value.get_object().get(data) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, "data");
        f.has_data = true;
        r = readObject(data, f, levels, false);
        break;
      }
      default: break;
    }
    if (!r.ok()) return r;
  }
  return {};
}

ParseResult resolveSymbol(const TickFields& f, const InstrumentTable& instruments, Tick& out) noexcept {
  if (!f.has_symbol) return fail(ParseError::kMissingField, "s");
  out.symbol = instruments.find(f.symbol);
  if (out.symbol == kNoSymbol) return fail(ParseError::kUnknownSymbol, "s");
  return {};
}

ParseResult buildTrade(const TickFields& f, const InstrumentTable& instruments, Tick& out) noexcept {
  if (!f.has_price) return fail(ParseError::kMissingField, "p");
  if (!f.has_qty) return fail(ParseError::kMissingField, "q");
  if (!f.has_trade_time) return fail(ParseError::kMissingField, "T");
  if (!f.has_maker) return fail(ParseError::kMissingField, "m");
  if (f.price <= 0) return fail(ParseError::kNonPositive, "p");
  if (f.qty <= 0) return fail(ParseError::kNonPositive, "q");
  out.kind = TickKind::kTrade;
  out.price = Price{f.price};
  out.qty = Qty{f.qty};
  out.exch_ns = f.trade_ns;
  out.seq = f.trade_id;  // 0 when the message has none ("t" is optional for us)
  // The buyer resting on the book means the seller crossed the spread: a sell print.
  out.aggressor = f.buyer_is_maker ? Side::kSell : Side::kBuy;
  return resolveSymbol(f, instruments, out);
}

ParseResult buildQuote(const TickFields& f, const InstrumentTable& instruments, Tick& out) noexcept {
  if (!f.has_bid_qty) return fail(ParseError::kMissingField, "B");
  if (!f.has_ask_qty) return fail(ParseError::kMissingField, "A");
  if (f.bid.px <= 0) return fail(ParseError::kNonPositive, "b");
  if (f.ask.px <= 0) return fail(ParseError::kNonPositive, "a");
  if (f.bid_qty < 0) return fail(ParseError::kNonPositive, "B");
  if (f.ask_qty < 0) return fail(ParseError::kNonPositive, "A");
  out.kind = TickKind::kQuote;
  out.bid = Price{f.bid.px};
  out.ask = Price{f.ask.px};
  out.bid_qty = Qty{f.bid_qty};
  out.ask_qty = Qty{f.ask_qty};
  out.seq = f.update_id;
  out.exch_ns = f.event_ns;  // spot bookTicker carries no time: 0
  return resolveSymbol(f, instruments, out);
}

void setBest(const TickFields& f, Tick& out) noexcept {
  out.bid = Price{f.bid.px};
  out.ask = Price{f.ask.px};
  out.bid_qty = Qty{f.bid.qty};
  out.ask_qty = Qty{f.ask.qty};
}

ParseResult buildDepth(const TickFields& f, const InstrumentTable& instruments, const BookLevels& levels,
                       Tick& out) noexcept {
  if (!f.has_bid) return fail(ParseError::kMissingField, "b");
  if (!f.has_ask) return fail(ParseError::kMissingField, "a");
  if (!f.bid_is_levels) return fail(ParseError::kBadFieldType, "b");
  if (!f.ask_is_levels) return fail(ParseError::kBadFieldType, "a");
  if (!f.has_first_id) return fail(ParseError::kMissingField, "U");
  if (!f.has_update_id) return fail(ParseError::kMissingField, "u");
  out.kind = TickKind::kDepth;
  setBest(f, out);
  out.seq = f.update_id;
  out.first_seq = f.first_id;
  out.exch_ns = f.event_ns;
  out.levels = &levels;
  return resolveSymbol(f, instruments, out);
}

ParseResult buildSnapshot(const TickFields& f, const BookLevels& levels, Tick& out) noexcept {
  if (!f.has_bids) return fail(ParseError::kMissingField, "bids");
  if (!f.has_asks) return fail(ParseError::kMissingField, "asks");
  out.kind = TickKind::kSnapshot;
  setBest(f, out);
  out.seq = f.last_update_id;
  out.levels = &levels;
  out.symbol = kNoSymbol;  // the reader attributes it to the file's symbol
  return {};
}

ParseResult build(const TickFields& f, const InstrumentTable& instruments, const BookLevels& levels, Tick& out) noexcept {
  if (f.has_event) {
    if (f.event == "trade") return buildTrade(f, instruments, out);
    if (f.event == "depthUpdate") return buildDepth(f, instruments, levels, out);
    return fail(ParseError::kUnknownMessage, "e");
  }
  if (f.has_last_update_id && !f.has_data) return buildSnapshot(f, levels, out);
  // bookTicker: the only stream without an event type.
  if (f.has_update_id && f.has_bid && f.has_ask) {
    if (f.bid_is_levels || f.ask_is_levels) return fail(ParseError::kBadFieldType, f.bid_is_levels ? "b" : "a");
    return buildQuote(f, instruments, out);
  }
  return fail(ParseError::kUnknownMessage);
}

}  // namespace

static_assert(TickParser::kPadding == simdjson::SIMDJSON_PADDING, "lines are padded for simdjson");

struct TickParser::JsonParser {
  simdjson::ondemand::parser parser;
};

TickParser::TickParser(const InstrumentTable& instruments, KnownShapes known_shapes)
    : instruments_(instruments),
      known_shapes_(known_shapes),
      json_(std::make_unique<JsonParser>()),
      levels_(std::make_unique<BookLevels>()) {}

TickParser::~TickParser() = default;
TickParser::TickParser(TickParser&&) noexcept = default;

void TickParser::reserve(std::size_t max_line_bytes) {
  if (json_->parser.allocate(max_line_bytes) != simdjson::SUCCESS) throw std::bad_alloc();
}

ParseResult TickParser::walk(std::string_view json, TickFields& f) noexcept {
  od::document doc;
  if (json_->parser.iterate(json.data(), json.size(), json.size() + kPadding).get(doc) != simdjson::SUCCESS) {
    return fail(ParseError::kBadJson);
  }
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return fail(ParseError::kBadJson);
  if (const ParseResult r = readObject(root, f, *levels_, true); !r.ok()) return r;
  // Trailing content after the object ("{...} x") is not a well-formed line: a location
  // still in bounds means tokens are left.
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) return fail(ParseError::kBadJson);
  return {};
}

ParseResult TickParser::parse(std::string_view line, Tick& out) noexcept {
  if (line.empty()) return fail(ParseError::kEmptyLine);
  // Copied from a constant: `out = Tick{}` built the blank on the stack and read it back
  // across two stores, a store-forwarding stall on every line (perf, bench_tick_parser).
  static constexpr Tick kBlank{};
  out = kBlank;
  levels_->clear();
  // A line starting with '{' is plain JSON: no receive-time prefix.
  const bool plain = line[0] == '{';
  std::size_t json_at = 0;
  if (!plain) {
    // An error code, not a ParseResult: a 24-byte result read back right after its byte
    // stores stalled store forwarding on every line (perf).
    if (const ParseError e = parseReceiveTime(line, out.recv_ns, json_at); e != ParseError::kOk) {
      return fail(e, e == ParseError::kHugeNumber ? "receive time" : "");
    }
  }
  const std::string_view json = line.substr(json_at);
  // Zeroing these 168 bytes compiled to `rep stos`, whose start-up cost was a quarter of
  // parse()'s own time (perf); feed/CMakeLists.txt builds this file with unrolled stores.
  static constexpr TickFields kNoFields{};
  TickFields f = kNoFields;
  if (known_shapes_ == KnownShapes::kReadFirst && readKnownShape(json, f, *levels_)) {
    ++known_shape_lines_;
  } else {
    f = kNoFields;
    levels_->clear();
    if (const ParseResult r = walk(json, f); !r.ok()) return r;
  }
  const ParseResult r = build(f, instruments_, *levels_, out);
  if (plain) out.recv_ns = f.has_event_time ? f.event_ns : f.has_trade_time ? f.trade_ns : 0;
  out.stamped_on_arrival = !plain;  // the prefix is read before the body
  return r;
}

}  // namespace bw::feed
