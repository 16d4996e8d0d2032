// Every line of the four recorded Binance captures through both of TickParser's JSON paths
// (BothJsonPaths.h): same verdict, tick and levels, and nearly all read in one pass.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "BothJsonPaths.h"

namespace bw::feed {
namespace {

using test::BothJsonPaths;

TEST(KnownShapeJsonTest, everyLineOfTheRecordedCapturesMatchesSimdjson) {
  const std::string dir = BW_DATA_DIR;
  const char* const files[] = {"binance-spot-btcusdt-20240808.jsonl.gz", "binance-spot-btcusdt-20240809.jsonl.gz",
                               "binance-spot-ethusdt-20240808.jsonl.gz", "binance-spot-ethusdt-20240809.jsonl.gz"};
  BothJsonPaths both;
  std::uint64_t lines = 0;
  for (const char* f : files) lines += test::compareFile(dir + "/" + f, both);
  EXPECT_GT(lines, 170'000u);
  // Binance writes one shape per stream: all but malformed lines take the one-pass reader.
  EXPECT_GT(static_cast<double>(both.knownShapeLines()), 0.99 * static_cast<double>(lines));
}

}  // namespace
}  // namespace bw::feed
