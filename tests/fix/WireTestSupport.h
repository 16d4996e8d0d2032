#pragma once
// Helpers for the suites that build wire structs by hand (WireConvertTest, VenueBookTest).

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "core/Decimal.h"
#include "fix/WireConvert.h"

namespace bw::fix::test {

/// Decimal text -> 1e-8 units; fails the test on text that does not parse.
inline std::int64_t dec(const char* text) {
  std::int64_t v = 0;
  EXPECT_EQ(parseDecimal(text, v), DecimalError::kOk) << text;
  return v;
}

/// Copies text into a fixed char field of a wire struct (cut to fit, as the adapters do).
template <std::size_t N>
void set(char (&dst)[N], const char* text) {
  copyCut(text, dst, N);
}

}  // namespace bw::fix::test
