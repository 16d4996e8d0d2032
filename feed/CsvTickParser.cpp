#include "feed/CsvTickParser.h"

#include <limits>

#include "core/Decimal.h"

namespace bw::feed {
namespace {

constexpr std::array<const char*, 7> kFieldNames{"symbol", "timestamp", "local_timestamp", "side",
                                                 "price",  "amount",    "id"};

ParseResult fail(ParseError e, const char* field, DecimalError d = DecimalError::kOk) noexcept {
  return ParseResult{e, field, d};
}

/// Unsigned decimal digits -> value. kBadFieldType when empty or not all digits,
/// kHugeNumber past `max`.
ParseError parseUnsigned(std::string_view text, std::uint64_t max, std::uint64_t& out) noexcept {
  if (text.empty()) return ParseError::kBadFieldType;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return ParseError::kBadFieldType;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return ParseError::kHugeNumber;
    value = value * 10 + digit;
  }
  out = value;
  return ParseError::kOk;
}

/// Microseconds since the epoch -> ns; the ns value must fit an int64 (year 2262).
ParseError parseMicros(std::string_view text, std::int64_t& ns) noexcept {
  constexpr std::uint64_t kMaxMicros = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / 1000;
  std::uint64_t us = 0;
  const ParseError e = parseUnsigned(text, kMaxMicros, us);
  if (e == ParseError::kOk) ns = static_cast<std::int64_t>(us) * 1000;
  return e;
}

ParseResult parsePositiveDecimal(std::string_view text, const char* field, std::int64_t& out) noexcept {
  const DecimalError d = parseDecimal(text, out);
  if (d == DecimalError::kOverflow) return fail(ParseError::kHugeNumber, field, d);
  if (d != DecimalError::kOk) return fail(ParseError::kBadDecimal, field, d);
  if (out <= 0) return fail(ParseError::kNonPositive, field);
  return {};
}

}  // namespace

std::string CsvTickParser::setHeader(std::string_view header) {
  columns_ = 0;
  std::array<bool, kFieldCount> seen{};
  std::array<std::size_t, kFieldCount> index{};
  std::size_t column = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = header.find(',', start);
    const std::string_view name = header.substr(start, comma == std::string_view::npos ? header.npos : comma - start);
    if (column == kMaxColumns) return "more than " + std::to_string(kMaxColumns) + " columns";
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (!seen[f] && name == kFieldNames[f]) {
        seen[f] = true;
        index[f] = column;
      }
    }
    ++column;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  for (std::size_t f = 0; f < kRequired.size(); ++f) {
    if (!seen[f]) {
      std::string what = "no '";
      what += kFieldNames[f];
      what += "' column";
      return what;
    }
  }
  index_ = index;
  has_id_ = seen[kId];
  columns_ = column;
  return {};
}

ParseResult CsvTickParser::parse(std::string_view row, Tick& out) const noexcept {
  if (row.empty()) return fail(ParseError::kEmptyLine, "");
  if (columns_ == 0) return fail(ParseError::kBadColumnCount, "");
  // Split once; a row with another column count than the header's is refused whole.
  std::array<std::string_view, kMaxColumns> cells;
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = row.find(',', start);
    if (count == columns_) return fail(ParseError::kBadColumnCount, "");
    cells[count++] = row.substr(start, comma == std::string_view::npos ? row.npos : comma - start);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (count != columns_) return fail(ParseError::kBadColumnCount, "");

  Tick t;
  t.kind = TickKind::kTrade;
  if (const ParseError e = parseMicros(cells[index_[kTimestamp]], t.exch_ns); e != ParseError::kOk) {
    return fail(e, kFieldNames[kTimestamp]);
  }
  if (const ParseError e = parseMicros(cells[index_[kLocalTimestamp]], t.recv_ns); e != ParseError::kOk) {
    return fail(e, kFieldNames[kLocalTimestamp]);
  }
  if (has_id_ && !cells[index_[kId]].empty()) {
    if (const ParseError e = parseUnsigned(cells[index_[kId]], std::numeric_limits<std::uint64_t>::max(), t.seq);
        e != ParseError::kOk) {
      return fail(e, kFieldNames[kId]);
    }
  }
  const std::string_view side = cells[index_[kSide]];
  if (side == "buy") {
    t.aggressor = Side::kBuy;
  } else if (side == "sell") {
    t.aggressor = Side::kSell;
  } else {
    return fail(ParseError::kBadFieldType, kFieldNames[kSide]);
  }
  if (const ParseResult r = parsePositiveDecimal(cells[index_[kPrice]], kFieldNames[kPrice], t.price.raw); !r.ok()) {
    return r;
  }
  if (const ParseResult r = parsePositiveDecimal(cells[index_[kAmount]], kFieldNames[kAmount], t.qty.raw); !r.ok()) {
    return r;
  }
  // Last: an unknown symbol is a well-formed row for an instrument we do not trade.
  t.symbol = instruments_.find(cells[index_[kSymbol]]);
  if (t.symbol == kNoSymbol) return fail(ParseError::kUnknownSymbol, kFieldNames[kSymbol]);
  out = t;
  return {};
}

}  // namespace bw::feed
