#pragma once
// Runs of ASCII digits read eight at a time (SWAR: one 64-bit word per eight bytes), for
// the numbers in every capture line — the 19-digit receive time, 13-digit exchange times,
// 10- to 11-digit ids, the whole part of each price. A digit-by-digit loop was a third of
// the known-shape reader's instructions (callgrind, bench_tick_parser BM_ParseTrade).
//
// Callers guarantee 16 readable bytes past any position they pass (the lines are padded):
// the words are loaded whole and only the digits before `end` are used.

#include <bit>
#include <cstdint>
#include <cstring>

namespace bw::feed {

/// Leading bytes of `word` (first byte lowest) that are '0'..'9', 0 to 8.
inline unsigned leadingDigits(std::uint64_t word) noexcept {
  // A digit has high nibble 3, and adding 6 keeps it 3. A carry out of a non-digit byte
  // can only disturb the bytes after it, never the count before it.
  const std::uint64_t not_digit = ((word & 0xF0F0F0F0F0F0F0F0ULL) ^ 0x3030303030303030ULL) |
                                  (((word + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) ^ 0x3030303030303030ULL);
  return not_digit == 0 ? 8u : static_cast<unsigned>(std::countr_zero(not_digit)) / 8u;
}

/// The value of eight digit bytes (first byte most significant), already known digits.
inline std::uint64_t eightDigitsValue(std::uint64_t word) noexcept {
  word -= 0x3030303030303030ULL;  // digits d0..d7, d0 in the lowest byte
  word = (word * 10) + (word >> 8);  // byte pairs: 10*d0+d1, ...
  return (((word & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
          (((word >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >>
         32;
}

/// The value of the first `count` (1..8) bytes of `word`, all digits.
inline std::uint64_t leadingDigitsValue(std::uint64_t word, unsigned count) noexcept {
  if (count == 8) return eightDigitsValue(word);
  // The digits moved to the top of the word, with '0's shifted in before them.
  return eightDigitsValue((word << (8 * (8 - count))) | (0x3030303030303030ULL >> (8 * count)));
}

/// Reads up to 16 digits at `p`, stopping at the first non-digit or at `end`; adds them to
/// `value` (value * 10^n + digits). Returns the byte after the last digit read. Callers
/// continue digit by digit past 16 when they accept longer numbers.
inline const char* readDigits16(const char* p, const char* end, std::uint64_t& value) noexcept {
  static constexpr std::uint64_t kPow10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  for (int chunk = 0; chunk < 2; ++chunk) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    unsigned n = leadingDigits(word);
    if (static_cast<std::uint64_t>(end - p) < n) n = static_cast<unsigned>(end - p);
    if (n == 0) return p;
    value = value * kPow10[n] + leadingDigitsValue(word, n);
    p += n;
    if (n < 8) return p;
  }
  return p;
}

/// Bytes from the first that end a plain JSON string or forbid it: '"', '\\', a control
/// byte (< 0x20), DEL or any non-ASCII byte. One 0x80 bit per such byte, exact per byte
/// (no carry crosses a byte), so the lowest set bit finds the first.
inline std::uint64_t stringStops(std::uint64_t word) noexcept {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::uint64_t quote = word ^ 0x2222222222222222ULL;
  const std::uint64_t backslash = word ^ 0x5C5C5C5C5C5C5C5CULL;
  const std::uint64_t is_quote = ~(((quote & kLow7) + kLow7) | quote | kLow7);
  const std::uint64_t is_backslash = ~(((backslash & kLow7) + kLow7) | backslash | kLow7);
  const std::uint64_t is_control = ~(((word & kLow7) + 0x6060606060606060ULL) | word | kLow7);
  const std::uint64_t is_high = (((word & kLow7) + 0x0101010101010101ULL) | word) & kHigh;
  return is_quote | is_backslash | is_control | is_high;
}

}  // namespace bw::feed
