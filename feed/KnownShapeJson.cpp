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

  /// The rest of a decimal string after its opening quote, through the closing one: the
  /// 8-place shape at once, any other decimal (the simulator writes "60008.67") through
  /// parseDecimal, exactly as TickParser's simdjson path reads it. One parseDecimal refuses
  /// is declined, for simdjson's path to report.
  [[nodiscard]] bool decimal(std::int64_t& value) noexcept {
    const char* after = fastDecimal(p_, value);
    if (after == nullptr) {
      const char* quote = p_;
      while (quote < end_ && *quote != '"') ++quote;
      if (quote == end_ ||
          parseDecimal(std::string_view(p_, static_cast<std::size_t>(quote - p_)), value) != DecimalError::kOk) {
        return false;
      }
      after = quote + 1;
    }
    if (after > end_) return false;
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
  [[nodiscard]] bool levels(bool bids, BookLevel* dst, std::uint32_t& count, BestLevel& best) noexcept {
    best = BestLevel{};
    count = 0;
    if (!literal("[")) return false;
    if (literal("]")) return true;
    for (;;) {
      std::int64_t px = 0;
      std::int64_t qty = 0;
      if (!literal("[\"") || !decimal(px) || !literal(",\"") || !decimal(qty) || !literal("]")) return false;
      if (px <= 0 || qty < 0 || count == BookLevels::kMaxPerSide) return false;
      dst[count++] = BookLevel{Price{px}, Qty{qty}};
      if (qty != 0 && (best.px == 0 || (bids ? px > best.px : px < best.px))) best = BestLevel{px, qty};
      if (literal("]")) return true;
      if (!literal(",")) return false;
    }
  }

 private:
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
