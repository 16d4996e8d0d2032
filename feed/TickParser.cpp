#include "feed/TickParser.h"

#include <cstdint>
#include <new>
#include <utility>

namespace bw::feed {
namespace {

namespace od = simdjson::ondemand;

constexpr std::int64_t kNsPerMs = 1'000'000;

ParseResult fail(ParseError e, const char* field = "") noexcept { return ParseResult{e, field, DecimalError::kOk}; }

/// "<digits> " at the start of the line: the receive time. Refuses a value that does not
/// fit an int64 instead of wrapping.
bool parseReceiveTime(std::string_view line, std::int64_t& ns, std::size_t& json_at) noexcept {
  std::size_t i = 0;
  std::int64_t v = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, line[i] - '0', &v)) return false;
    ++i;
  }
  if (i == 0 || i >= line.size() || line[i] != ' ') return false;
  ns = v;
  json_at = i + 1;
  return true;
}

/// A JSON string holding a decimal, into 1e-8 units.
ParseResult decimalField(od::value& value, const char* name, std::int64_t& out) noexcept {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, name);
  const DecimalError e = parseDecimal(text, out);
  if (e != DecimalError::kOk) return ParseResult{ParseError::kBadDecimal, name, e};
  return {};
}

/// Millisecond epoch timestamp into ns, refusing one that would overflow.
ParseResult millisField(od::value& value, const char* name, std::int64_t& ns) noexcept {
  std::int64_t ms = 0;
  if (value.get_int64().get(ms) != simdjson::SUCCESS || __builtin_mul_overflow(ms, kNsPerMs, &ns)) {
    return fail(ParseError::kBadFieldType, name);
  }
  return {};
}

/// [[px, qty], ...]: every level is checked; `best` is the highest (bids) or lowest
/// (asks) price with a non-zero quantity, 0 when none.
ParseResult levelsField(od::value& value, const char* name, bool bids, std::int64_t& best) noexcept {
  od::array levels;
  if (value.get_array().get(levels) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, name);
  best = 0;
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
    if (qty == 0) continue;  // a removed level
    if (best == 0 || (bids ? px > best : px < best)) best = px;
  }
  return {};
}

/// What the fields of a "data" object (or a snapshot) said, before we know its kind.
struct Fields {
  std::string_view event;  // "e"
  std::string_view symbol; // "s"
  bool has_event = false, has_symbol = false, has_price = false, has_qty = false, has_trade_time = false;
  bool has_maker = false, has_bid = false, has_ask = false, has_bid_qty = false, has_ask_qty = false;
  bool has_update_id = false, bid_is_levels = false, ask_is_levels = false;
  bool buyer_is_maker = false;
  std::int64_t price = 0, qty = 0, bid = 0, ask = 0, bid_qty = 0, ask_qty = 0;
  std::int64_t trade_ns = 0, event_ns = 0;
};

/// "b" / "a": a decimal string in bookTicker, an array of levels in depthUpdate.
ParseResult sideField(od::value& value, const char* name, bool bids, std::int64_t& out, bool& is_levels) noexcept {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return fail(ParseError::kBadJson, name);
  is_levels = type == od::json_type::array;
  return is_levels ? levelsField(value, name, bids, out) : decimalField(value, name, out);
}

ParseResult readDataObject(od::object& data, Fields& f) noexcept {
  for (auto field_result : data) {
    od::field field;
    if (std::move(field_result).get(field) != simdjson::SUCCESS) return fail(ParseError::kBadJson);
    const od::raw_json_string key = field.key();
    od::value& value = field.value();
    ParseResult r;
    if (key == "e") {
      f.has_event = value.get_string().get(f.event) == simdjson::SUCCESS;
      if (!f.has_event) return fail(ParseError::kBadFieldType, "e");
    } else if (key == "s") {
      f.has_symbol = value.get_string().get(f.symbol) == simdjson::SUCCESS;
      if (!f.has_symbol) return fail(ParseError::kBadFieldType, "s");
    } else if (key == "p") {
      r = decimalField(value, "p", f.price);
      f.has_price = true;
    } else if (key == "q") {
      r = decimalField(value, "q", f.qty);
      f.has_qty = true;
    } else if (key == "T") {
      r = millisField(value, "T", f.trade_ns);
      f.has_trade_time = true;
    } else if (key == "E") {
      r = millisField(value, "E", f.event_ns);
    } else if (key == "m") {
      if (value.get_bool().get(f.buyer_is_maker) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, "m");
      f.has_maker = true;
    } else if (key == "b") {
      r = sideField(value, "b", true, f.bid, f.bid_is_levels);
      f.has_bid = true;
    } else if (key == "a") {
      r = sideField(value, "a", false, f.ask, f.ask_is_levels);
      f.has_ask = true;
    } else if (key == "B") {
      r = decimalField(value, "B", f.bid_qty);
      f.has_bid_qty = true;
    } else if (key == "A") {
      r = decimalField(value, "A", f.ask_qty);
      f.has_ask_qty = true;
    } else if (key == "u") {
      f.has_update_id = true;  // value unused for now; skipped by On-Demand
    }
    if (!r.ok()) return r;
  }
  return {};
}

ParseResult resolveSymbol(const Fields& f, const InstrumentTable& instruments, Tick& out) noexcept {
  if (!f.has_symbol) return fail(ParseError::kMissingField, "s");
  out.symbol = instruments.find(f.symbol);
  if (out.symbol == kNoSymbol) return fail(ParseError::kUnknownSymbol, "s");
  return {};
}

ParseResult buildTrade(const Fields& f, const InstrumentTable& instruments, Tick& out) noexcept {
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
  // The buyer resting on the book means the seller crossed the spread: a sell print.
  out.aggressor = f.buyer_is_maker ? Side::kSell : Side::kBuy;
  return resolveSymbol(f, instruments, out);
}

ParseResult buildQuote(const Fields& f, const InstrumentTable& instruments, Tick& out) noexcept {
  if (!f.has_bid_qty) return fail(ParseError::kMissingField, "B");
  if (!f.has_ask_qty) return fail(ParseError::kMissingField, "A");
  if (f.bid <= 0) return fail(ParseError::kNonPositive, "b");
  if (f.ask <= 0) return fail(ParseError::kNonPositive, "a");
  if (f.bid_qty < 0) return fail(ParseError::kNonPositive, "B");
  if (f.ask_qty < 0) return fail(ParseError::kNonPositive, "A");
  out.kind = TickKind::kQuote;
  out.bid = Price{f.bid};
  out.ask = Price{f.ask};
  out.exch_ns = f.event_ns;  // spot bookTicker carries no time: 0
  return resolveSymbol(f, instruments, out);
}

ParseResult buildDepth(const Fields& f, const InstrumentTable& instruments, Tick& out) noexcept {
  if (!f.has_bid) return fail(ParseError::kMissingField, "b");
  if (!f.has_ask) return fail(ParseError::kMissingField, "a");
  if (!f.bid_is_levels) return fail(ParseError::kBadFieldType, "b");
  if (!f.ask_is_levels) return fail(ParseError::kBadFieldType, "a");
  out.kind = TickKind::kDepth;
  out.bid = Price{f.bid};
  out.ask = Price{f.ask};
  out.exch_ns = f.event_ns;
  return resolveSymbol(f, instruments, out);
}

ParseResult parseEnvelopeData(od::value& data_value, const InstrumentTable& instruments, Tick& out) noexcept {
  od::object data;
  if (data_value.get_object().get(data) != simdjson::SUCCESS) return fail(ParseError::kBadFieldType, "data");
  Fields f;
  if (const ParseResult r = readDataObject(data, f); !r.ok()) return r;
  if (f.has_event) {
    if (f.event == "trade") return buildTrade(f, instruments, out);
    if (f.event == "depthUpdate") return buildDepth(f, instruments, out);
    return fail(ParseError::kUnknownMessage, "e");
  }
  // bookTicker: the only stream without an event type.
  if (f.has_update_id && f.has_bid && f.has_ask) {
    if (f.bid_is_levels || f.ask_is_levels) return fail(ParseError::kBadFieldType, f.bid_is_levels ? "b" : "a");
    return buildQuote(f, instruments, out);
  }
  return fail(ParseError::kUnknownMessage);
}

}  // namespace

void TickParser::reserve(std::size_t max_line_bytes) {
  if (parser_.allocate(max_line_bytes) != simdjson::SUCCESS) throw std::bad_alloc();
}

ParseResult TickParser::parse(std::string_view line, Tick& out) noexcept {
  if (line.empty()) return fail(ParseError::kEmptyLine);
  out = Tick{};
  std::size_t json_at = 0;
  if (!parseReceiveTime(line, out.recv_ns, json_at)) return fail(ParseError::kBadTimestamp);
  const std::string_view json = line.substr(json_at);
  od::document doc;
  if (parser_.iterate(json.data(), json.size(), json.size() + kPadding).get(doc) != simdjson::SUCCESS) {
    return fail(ParseError::kBadJson);
  }
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return fail(ParseError::kBadJson);

  bool saw_data = false, is_snapshot = false, has_bids = false, has_asks = false;
  ParseResult result = fail(ParseError::kUnknownMessage);
  std::int64_t best_bid = 0, best_ask = 0;
  for (auto field_result : root) {
    od::field field;
    if (std::move(field_result).get(field) != simdjson::SUCCESS) return fail(ParseError::kBadJson);
    const od::raw_json_string key = field.key();
    od::value& value = field.value();
    if (key == "data") {
      saw_data = true;
      result = parseEnvelopeData(value, instruments_, out);
      if (result.error != ParseError::kOk && result.error != ParseError::kUnknownSymbol) return result;
    } else if (key == "lastUpdateId") {
      is_snapshot = true;
    } else if (key == "bids") {
      if (const ParseResult r = levelsField(value, "bids", true, best_bid); !r.ok()) return r;
      has_bids = true;
    } else if (key == "asks") {
      if (const ParseResult r = levelsField(value, "asks", false, best_ask); !r.ok()) return r;
      has_asks = true;
    }
  }
  // Trailing content after the object ("{...} x") is not a well-formed line: a location
  // still in bounds means tokens are left.
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) return fail(ParseError::kBadJson);
  if (saw_data) return result;
  if (!is_snapshot) return fail(ParseError::kUnknownMessage);
  if (!has_bids) return fail(ParseError::kMissingField, "bids");
  if (!has_asks) return fail(ParseError::kMissingField, "asks");
  out.kind = TickKind::kSnapshot;
  out.bid = Price{best_bid};
  out.ask = Price{best_ask};
  out.symbol = kNoSymbol;  // the reader attributes it to the file's symbol
  return {};
}

}  // namespace bw::feed
