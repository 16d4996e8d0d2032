#pragma once

#include <cstddef>
#include <cstdint>

#include "core/Decimal.h"

namespace bw::feed {

/// Why a capture line was not turned into a tick. Stable names for logs and tests.
enum class ParseError : std::uint8_t {
  kOk = 0,            ///< a tick was parsed
  kEmptyLine,         ///< nothing on the line
  kBadTimestamp,      ///< the line does not start with "<receive ns> " (digits, one space)
  kBadJson,           ///< the JSON part is not a well-formed object
  kUnknownMessage,    ///< an object, but not a trade, bookTicker, depthUpdate or snapshot
  kMissingField,      ///< a required field is absent (see ParseResult::field)
  kBadFieldType,      ///< a field has the wrong JSON type (see ParseResult::field)
  kBadDecimal,        ///< a price or quantity is not a decimal we can hold exactly
  kNonPositive,       ///< a price, or a trade quantity, is zero or negative
  kUnknownSymbol,     ///< well-formed, but the symbol is not in the instrument table
  kHugeNumber,        ///< a number too large to hold (decimal, id or timestamp overflow)
  kTruncatedLine,     ///< the file's last line ends without a newline and does not parse
  kTruncatedFile,     ///< a gzip stream (or binary capture) ends early or corrupt
  kBadColumnCount,    ///< CSV: a row without the header's number of columns
  kBadRecord,         ///< binary capture: a record with an unknown kind or impossible values
  kTooManyLevels,     ///< a depth message with more levels per side than BookLevels holds
};

/// How many ParseError values there are (arrays indexed by kind).
inline constexpr std::size_t kParseErrorCount = static_cast<std::size_t>(ParseError::kTooManyLevels) + 1;

[[nodiscard]] constexpr const char* parseErrorName(ParseError e) noexcept {
  switch (e) {
    case ParseError::kOk: return "OK";
    case ParseError::kEmptyLine: return "EMPTY_LINE";
    case ParseError::kBadTimestamp: return "BAD_TIMESTAMP";
    case ParseError::kBadJson: return "BAD_JSON";
    case ParseError::kUnknownMessage: return "UNKNOWN_MESSAGE";
    case ParseError::kMissingField: return "MISSING_FIELD";
    case ParseError::kBadFieldType: return "BAD_FIELD_TYPE";
    case ParseError::kBadDecimal: return "BAD_DECIMAL";
    case ParseError::kNonPositive: return "NON_POSITIVE";
    case ParseError::kUnknownSymbol: return "UNKNOWN_SYMBOL";
    case ParseError::kHugeNumber: return "HUGE_NUMBER";
    case ParseError::kTruncatedLine: return "TRUNCATED_LINE";
    case ParseError::kTruncatedFile: return "TRUNCATED_FILE";
    case ParseError::kBadColumnCount: return "BAD_COLUMN_COUNT";
    case ParseError::kBadRecord: return "BAD_RECORD";
    case ParseError::kTooManyLevels: return "TOO_MANY_LEVELS";
  }
  return "?";
}

/// Outcome of parsing one line: the error, and where it applies the field it names and
/// the decimal parser's reason. Plain data, no strings built: the hot path stays clean.
struct ParseResult {
  ParseError error = ParseError::kOk;
  const char* field = "";                      ///< JSON key at fault ("" when none)
  DecimalError decimal = DecimalError::kOk;    ///< for kBadDecimal

  [[nodiscard]] bool ok() const noexcept { return error == ParseError::kOk; }
};

}  // namespace bw::feed
