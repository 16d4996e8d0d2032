#include "core/Decimal.h"

#include "core/FixedPoint.h"

namespace bw {

const char* decimalErrorName(DecimalError e) noexcept {
  switch (e) {
    case DecimalError::kOk: return "OK";
    case DecimalError::kEmpty: return "EMPTY";
    case DecimalError::kBadCharacter: return "BAD_CHARACTER";
    case DecimalError::kTooPrecise: return "TOO_PRECISE";
    case DecimalError::kOverflow: return "OVERFLOW";
  }
  return "UNKNOWN";
}

DecimalError parseDecimal(std::string_view text, std::int64_t& out) noexcept {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  // Accumulate as a negative number so INT64_MIN-adjacent values do not overflow early.
  std::int64_t acc = 0;
  int fraction_digits = -1;  // -1: no '.' seen yet
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (fraction_digits >= 0) return DecimalError::kBadCharacter;
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return DecimalError::kBadCharacter;
    any_digit = true;
    const int digit = c - '0';
    if (fraction_digits >= 0) {
      if (fraction_digits == kDecimals) {
        if (digit != 0) return DecimalError::kTooPrecise;
        continue;
      }
      ++fraction_digits;
    }
    if (__builtin_mul_overflow(acc, 10, &acc) || __builtin_sub_overflow(acc, digit, &acc)) {
      return DecimalError::kOverflow;
    }
  }
  if (!any_digit) return DecimalError::kEmpty;
  for (int f = fraction_digits < 0 ? 0 : fraction_digits; f < kDecimals; ++f) {
    if (__builtin_mul_overflow(acc, 10, &acc)) return DecimalError::kOverflow;
  }
  if (!negative) {
    if (acc == INT64_MIN) return DecimalError::kOverflow;
    acc = -acc;
  }
  out = acc;
  return DecimalError::kOk;
}

std::string formatDecimal(std::int64_t raw) {
  const bool negative = raw < 0;
  // Work in unsigned so INT64_MIN formats correctly.
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(raw + 1)) + 1u : static_cast<std::uint64_t>(raw);
  const std::uint64_t scale = static_cast<std::uint64_t>(kScale);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / scale);
  std::uint64_t frac = magnitude % scale;
  if (frac != 0) {
    std::string digits(static_cast<std::size_t>(kDecimals), '0');
    for (int pos = kDecimals - 1; pos >= 0; --pos) {
      digits[static_cast<std::size_t>(pos)] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += '.';
    out += digits;
  }
  return out;
}

}  // namespace bw
