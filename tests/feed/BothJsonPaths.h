#pragma once
// TickParser's two JSON paths side by side, for the tests that hold them to the same
// result: the replay's (known shapes read in one pass first) and the simdjson-only walk.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/InstrumentTable.h"
#include "feed/LineReader.h"
#include "feed/TickParser.h"
#include "TickEquality.h"

namespace bw::feed::test {

/// Two parsers over the same instruments: the replay's (known shapes first) and the
/// simdjson-only reference.
class BothJsonPaths {
 public:
  BothJsonPaths() : fast_(instruments_), reference_(instruments_, TickParser::KnownShapes::kSimdjsonOnly) {}

  /// Parses `line` both ways (copied into a buffer with exactly kPadding bytes after it)
  /// and says how they differ, if they do.
  ::testing::AssertionResult same(std::string_view line) {
    buffer_.assign(line);
    buffer_.append(TickParser::kPadding, '\x7f');  // padding that is not JSON
    const std::string_view view(buffer_.data(), line.size());
    Tick a;
    Tick b;
    const ParseResult ra = fast_.parse(view, a);
    const ParseResult rb = reference_.parse(view, b);
    if (ra.error != rb.error || std::string_view(ra.field) != std::string_view(rb.field) ||
        ra.decimal != rb.decimal) {
      return ::testing::AssertionFailure() << "verdicts differ: " << parseErrorName(ra.error) << " [" << ra.field
                                           << "] vs " << parseErrorName(rb.error) << " [" << rb.field << "] on: " << line;
    }
    if (!ra.ok()) return ::testing::AssertionSuccess();
    if (auto r = sameTick(a, b); !r) return r << " on: " << line;
    return ::testing::AssertionSuccess();
  }

  [[nodiscard]] std::uint64_t knownShapeLines() const { return fast_.knownShapeLines(); }

 private:
  const InstrumentTable instruments_ = InstrumentTable::withDefaults();
  TickParser fast_;
  TickParser reference_;
  std::string buffer_;
};

/// Every line of a capture file through both paths; returns the lines read.
inline std::uint64_t compareFile(const std::string& path, BothJsonPaths& both) {
  LineReader reader(path, TickParser::kPadding);
  std::string_view line;
  std::uint64_t lines = 0;
  while (reader.next(line)) {
    ++lines;
    EXPECT_TRUE(both.same(line)) << path << ":" << lines;
  }
  return lines;
}

}  // namespace bw::feed::test
