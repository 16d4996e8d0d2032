#include "feed/KnownShapeJson.h"

#include <bit>
#include <cstdint>
#include <cstring>

#include "core/Decimal.h"
#include "feed/DigitRun.h"
#include "feed/FastDecimal.h"

namespace bw::feed {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr int kMaxIntegerDigits = 18;  // any 18 digits fit an int64: no overflow check per digit

/// A cursor over the JSON text. Every reader returns false on the first byte that is not
/// what the known shape has there; the caller then declines the whole line.
class ShapeCursor {
 public:
  explicit ShapeCursor(std::string_view json) noexcept : p_(json.data()), end_(json.data() + json.size()) {}

  [[nodiscard]] bool atEnd() const noexcept { return p_ == end_; }

  /// Exactly the bytes of `text` next.
  template <std::size_t N>
  [[nodiscard]] bool literal(const char (&text)[N]) noexcept {
    constexpr std::size_t n = N - 1;
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, text, n) != 0) return false;
    p_ += n;
    return true;
  }

  /// A JSON unsigned integer: '0' or a non-zero digit and more digits, up to 18 of them.
  /// A sign, a fraction, an exponent or more digits are left to simdjson's path.
  [[nodiscard]] bool integer(std::uint64_t& value) noexcept {
    const char* const first = p_;
    std::uint64_t v = 0;
    p_ = readDigits16(p_, end_, v);
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9' && p_ - first < kMaxIntegerDigits) {
      v = v * 10 + static_cast<std::uint64_t>(*p_ - '0');
      ++p_;
    }
    const auto digits = p_ - first;
    if (digits == 0 || (*first == '0' && digits > 1)) return false;
    if (p_ < end_ && *p_ >= '0' && *p_ <= '9') return false;  // a 19th digit
    value = v;
    return true;
  }

  /// A millisecond epoch time into ns; one that would overflow is left to simdjson's path
  /// (which reports it as a huge number).
  [[nodiscard]] bool millis(std::int64_t& ns) noexcept {
    std::uint64_t ms = 0;
    if (!integer(ms)) return false;
    return !__builtin_mul_overflow(static_cast<std::int64_t>(ms), kNsPerMs, &ns);
  }

  /// The rest of a string after its opening quote, through the closing one: printable
  /// ASCII without a backslash (no escapes to undo, nothing for UTF-8 validation to find).
  [[nodiscard]] bool plainString(std::string_view& text) noexcept {
    const char* const first = p_;
    for (;;) {
      std::uint64_t word = 0;
      std::memcpy(&word, p_, 8);
      const std::uint64_t stops = stringStops(word);
      if (stops == 0) {
        p_ += 8;
        if (p_ >= end_) return false;
        continue;
      }
      p_ += std::countr_zero(stops) / 8;
      if (p_ >= end_ || *p_ != '"') return false;
      text = std::string_view(first, static_cast<std::size_t>(p_ - first));
      ++p_;
      return true;
    }
  }

  /// The rest of a decimal string after its opening quote, through the closing one.
  [[nodiscard]] bool decimal(std::int64_t& value) noexcept {
    const char* const after = decimalAt(p_, value);
    if (after == nullptr || after > end_) return false;
    p_ = after;
    return true;
  }

  [[nodiscard]] bool boolean(bool& value) noexcept {
    if (literal("true")) {
      value = true;
      return true;
    }
    value = false;
    return literal("false");
  }

  /// [["px","qty"],...] into `dst`, as TickParser's levelsField: message order, a
  /// non-positive price or negative quantity or too many levels declined (simdjson's path
  /// reports them), `best` the best level with a non-zero quantity.
  [[nodiscard]] bool levels(bool bids, BookLevel* dst, std::uint32_t& count_out, BestLevel& best_out) noexcept {
    // Locals, written back once: `dst` could alias `best_out` and `count_out` as far as the
    // compiler knows, which made it reload and store them at every level.
    BestLevel best;
    std::uint32_t count = 0;
    const char* p = p_;
    bool ok = false;
    if (p < end_ && *p == '[') {
      ++p;
      if (p < end_ && *p == ']') {
        ok = true;
        ++p;
      }
      while (!ok) {
        std::int64_t px = 0;
        std::int64_t qty = 0;
        // `["` px `","` qty `"]`: the decimals consume their closing quotes.
        if (end_ - p < 2 || p[0] != '[' || p[1] != '"') break;
        const char* q = decimalAt(p + 2, px);
        if (q == nullptr || end_ - q < 2 || q[0] != ',' || q[1] != '"') break;
        q = decimalAt(q + 2, qty);
        if (q == nullptr || end_ - q < 2 || q[0] != ']') break;
        if (px <= 0 || qty < 0 || count == BookLevels::kMaxPerSide) break;
        dst[count++] = BookLevel{Price{px}, Qty{qty}};
        if (qty != 0 && (best.px == 0 || (bids ? px > best.px : px < best.px))) best = BestLevel{px, qty};
        p = q + 2;
        if (q[1] == ']') ok = true;
        else if (q[1] != ',') break;
      }
    }
    best_out = best;
    count_out = count;
    p_ = p;
    return ok;
  }

 private:
  /// A decimal from just past its opening quote: the 8-place shape inline, any other
  /// (the simulator writes "60008.67") through parseDecimal, exactly as TickParser's
  /// simdjson path reads it. Returns the byte after the closing quote, which can lie past
  /// the end when the line is cut (callers check), or nullptr: declined, for simdjson's
  /// path to report.
  [[gnu::always_inline]] const char* decimalAt(const char* p, std::int64_t& value) const noexcept {
    const char* const after = fastDecimal(p, value);
    return after != nullptr ? after : otherDecimalAt(p, value);
  }

  [[gnu::noinline]] const char* otherDecimalAt(const char* p, std::int64_t& value) const noexcept {
    const char* quote = p;
    while (quote < end_ && *quote != '"') ++quote;
    if (quote == end_ ||
        parseDecimal(std::string_view(p, static_cast<std::size_t>(quote - p)), value) != DecimalError::kOk) {
      return nullptr;
    }
    return quote + 1;
  }

  const char* p_;
  const char* const end_;
};

/// After `{"e":"trade","E":`.
bool tradeBody(ShapeCursor& c, TickFields& f) noexcept {
  bool ignored_best_match = false;  // "M": not used, but must be a boolean
  f.has_event_time = f.has_symbol = f.has_trade_id = f.has_price = f.has_qty = true;
  f.has_trade_time = f.has_maker = true;
  return c.millis(f.event_ns) && c.literal(",\"s\":\"") && c.plainString(f.symbol) &&
         c.literal(",\"t\":") && c.integer(f.trade_id) && c.literal(",\"p\":\"") && c.decimal(f.price) &&
         c.literal(",\"q\":\"") && c.decimal(f.qty) && c.literal(",\"T\":") && c.millis(f.trade_ns) &&
         c.literal(",\"m\":") && c.boolean(f.buyer_is_maker) && c.literal(",\"M\":") &&
         c.boolean(ignored_best_match) && c.literal("}");
}

/// After `{"e":"depthUpdate","E":`.
bool depthBody(ShapeCursor& c, TickFields& f, BookLevels& levels) noexcept {
  f.has_event_time = f.has_symbol = f.has_first_id = f.has_update_id = true;
  f.has_bid = f.has_ask = f.bid_is_levels = f.ask_is_levels = true;
  return c.millis(f.event_ns) && c.literal(",\"s\":\"") && c.plainString(f.symbol) &&
         c.literal(",\"U\":") && c.integer(f.first_id) && c.literal(",\"u\":") && c.integer(f.update_id) &&
         c.literal(",\"b\":") && c.levels(true, levels.bids.data(), levels.bid_count, f.bid) &&
         c.literal(",\"a\":") && c.levels(false, levels.asks.data(), levels.ask_count, f.ask) && c.literal("}");
}

/// After `{"u":`.
bool bookTickerBody(ShapeCursor& c, TickFields& f) noexcept {
  f.has_update_id = f.has_symbol = f.has_bid = f.has_bid_qty = f.has_ask = f.has_ask_qty = true;
  return c.integer(f.update_id) && c.literal(",\"s\":\"") && c.plainString(f.symbol) &&
         c.literal(",\"b\":\"") && c.decimal(f.bid.px) && c.literal(",\"B\":\"") && c.decimal(f.bid_qty) &&
         c.literal(",\"a\":\"") && c.decimal(f.ask.px) && c.literal(",\"A\":\"") && c.decimal(f.ask_qty) &&
         c.literal("}");
}

/// After `{"lastUpdateId":`.
bool snapshotBody(ShapeCursor& c, TickFields& f, BookLevels& levels) noexcept {
  f.has_last_update_id = f.has_bids = f.has_asks = true;
  return c.integer(f.last_update_id) && c.literal(",\"bids\":") &&
         c.levels(true, levels.bids.data(), levels.bid_count, f.bid) && c.literal(",\"asks\":") &&
         c.levels(false, levels.asks.data(), levels.ask_count, f.ask) && c.literal("}");
}

/// One data object, from its opening brace. A snapshot is never enveloped.
bool dataObject(ShapeCursor& c, TickFields& f, BookLevels& levels, bool enveloped) noexcept {
  if (c.literal("{\"u\":")) return bookTickerBody(c, f);
  if (c.literal("{\"e\":\"trade\",\"E\":")) {
    f.has_event = true;
    f.event = "trade";
    return tradeBody(c, f);
  }
  if (c.literal("{\"e\":\"depthUpdate\",\"E\":")) {
    f.has_event = true;
    f.event = "depthUpdate";
    return depthBody(c, f, levels);
  }
  if (!enveloped && c.literal("{\"lastUpdateId\":")) return snapshotBody(c, f, levels);
  return false;
}

}  // namespace

bool readKnownShape(std::string_view json, TickFields& f, BookLevels& levels) noexcept {
  ShapeCursor c(json);
  if (c.literal("{\"stream\":\"")) {
    std::string_view stream;  // the data's own "s" names the symbol
    f.has_data = true;
    if (!c.plainString(stream) || !c.literal(",\"data\":") || !dataObject(c, f, levels, true) || !c.literal("}")) {
      return false;
    }
  } else if (!dataObject(c, f, levels, false)) {
    return false;
  }
  return c.atEnd();
}

}  // namespace bw::feed
