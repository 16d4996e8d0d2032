// The one-pass known-shape reader against TickParser's simdjson walk: for every line, both
// must give the same verdict, error, field, tick and levels (TickParser::KnownShapes
// kReadFirst vs kSimdjsonOnly). The seeded simulator's capture, and every sample line with each byte changed, removed,
// duplicated or cut — so a shape the reader accepts wrongly, or reads differently, fails.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "feed/MarketSimulator.h"
#include "feed/TickParser.h"
#include "BothJsonPaths.h"
#include "TestTempDir.h"

namespace bw::feed {
namespace {

using test::BothJsonPaths;

// Lines in the recorded captures' format (../shared/data/README.md).
const std::vector<std::string> kSamples = {
    R"(1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}})",
    R"(1723161254087891268 {"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}})",
    R"(1723161254036059768 {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255308,"s":"BTCUSDT","U":50093239203,"u":50093239207,"b":[["55653.87000000","0.00000000"]],"a":[["61838.04000000","0.32332000"],["61844.30000000","0.40163000"]]}})",
    R"(1723161254000000000 {"lastUpdateId":50093239200,"bids":[["61837.63000000","3.78826000"],["61837.62000000","0.00100000"]],"asks":[["61837.64000000","1.54698000"]]})",
    R"({"e":"trade","E":1723161255343,"s":"ETHUSDT","t":1,"p":"2600.10000000","q":"1.00000000","T":1723161255342,"m":false,"M":true})",
    R"({"u":7,"s":"ETHUSDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"})",
    R"({"e":"depthUpdate","E":1723161255308,"s":"ETHUSDT","U":0,"u":9,"b":[],"a":[]})",
};

TEST(KnownShapeJsonTest, samplesAreReadInOnePassAndMatchSimdjson) {
  BothJsonPaths both;
  for (const std::string& line : kSamples) EXPECT_TRUE(both.same(line));
  EXPECT_EQ(both.knownShapeLines(), kSamples.size());  // every sample is a known shape
}

TEST(KnownShapeJsonTest, shapeWithOtherDecimalsOrAnUnknownSymbolIsReadInOnePassWithTheSameResult) {
  BothJsonPaths both;
  // Fewer places (as the simulator writes), no point at all.
  EXPECT_TRUE(both.same(R"({"u":7,"s":"ETHUSDT","b":"2600.1","B":"1","a":"2600.11","A":"2.000"})"));
  EXPECT_EQ(both.knownShapeLines(), 1u);
  // The symbol lookup is build()'s, shared by both paths: the same kUnknownSymbol.
  EXPECT_TRUE(both.same(R"({"u":7,"s":"XYZUSDT","b":"2600.1","B":"1","a":"2600.11","A":"2.000"})"));
  EXPECT_EQ(both.knownShapeLines(), 2u);
  // A sign, too many places: the same verdict whichever path reads them.
  EXPECT_TRUE(both.same(R"({"u":7,"s":"ETHUSDT","b":"-2600.1","B":"1","a":"2600.11","A":"2.000"})"));
  EXPECT_TRUE(both.same(R"({"u":7,"s":"ETHUSDT","b":"2600.123456789","B":"1","a":"2600.11","A":"2.000"})"));
}

TEST(KnownShapeJsonTest, linesOutsideTheShapesAreLeftToSimdjsonWithTheSameResult) {
  const std::vector<std::string> others = {
      // whitespace, another key order, an extra key, a trailing byte: valid, not the shape
      R"({"u":7, "s":"ETHUSDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"})",
      R"({"s":"ETHUSDT","u":7,"b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"})",
      R"({"u":7,"s":"ETHUSDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000","x":1})",
      R"({"u":7,"s":"ETHUSDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"} )",
      // a decimal with an escape, an escaped symbol, a long id, a signed time
      R"({"u":7,"s":"ETHUSDT","b":"2600.1\u0030","B":"1","a":"2600.11000000","A":"2.00000000"})",
      R"({"u":7,"s":"ETH\u0055SDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"})",
      R"({"u":1234567890123456789,"s":"ETHUSDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"})",
      R"({"e":"trade","E":-1,"s":"ETHUSDT","t":1,"p":"2600.10000000","q":"1.00000000","T":1,"m":false,"M":true})",
      // invalid: leading zero, huge number, unknown symbol, non-ASCII, missing field, bad type
      R"({"u":07,"s":"ETHUSDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"})",
      R"({"u":123456789012345678901,"s":"ETHUSDT","b":"2600.10000000","B":"1.00000000","a":"2600.11000000","A":"2.00000000"})",
      R"({"e":"trade","E":99999999999999999,"s":"ETHUSDT","t":1,"p":"2600.10000000","q":"1.00000000","T":1,"m":false,"M":true})",
      "{\"u\":7,\"s\":\"ETH\xC3\xA9\",\"b\":\"2600.10000000\",\"B\":\"1.00000000\",\"a\":\"2600.11000000\",\"A\":\"2.00000000\"}",
      R"({"u":7,"s":"ETHUSDT","b":"2600.10000000","a":"2600.11000000","A":"2.00000000"})",
      R"({"e":"trade","E":1,"s":"ETHUSDT","t":1,"p":"2600.10000000","q":"1.00000000","T":1,"m":0,"M":true})",
      R"({"e":"depthUpdate","E":1,"s":"ETHUSDT","U":0,"u":9,"b":[["0.00000000","1.00000000"]],"a":[]})",
      R"({"stream":"x","data":{"lastUpdateId":1,"bids":[],"asks":[]}})",
  };
  BothJsonPaths both;
  for (const std::string& line : others) EXPECT_TRUE(both.same(line));
  EXPECT_EQ(both.knownShapeLines(), 0u);
}

/// Each sample with every byte replaced by each of these, deleted, doubled, and the line
/// cut at every length: thousands of near-misses of the shape, valid and not.
TEST(KnownShapeJsonTest, everyOneByteChangeOfTheSamplesGivesTheSameResultBothWays) {
  const std::string replacements = std::string("\"\\,:{}[]0159.- xeEtf\x01\x7f") + '\xC3';
  BothJsonPaths both;
  std::uint64_t variants = 0;
  for (const std::string& sample : kSamples) {
    for (std::size_t i = 0; i < sample.size(); ++i) {
      for (const char c : replacements) {
        if (c == sample[i]) continue;
        std::string changed = sample;
        changed[i] = c;
        ASSERT_TRUE(both.same(changed));
        ++variants;
      }
      std::string removed = sample;
      removed.erase(i, 1);
      ASSERT_TRUE(both.same(removed));
      std::string doubled = sample;
      doubled.insert(i, 1, sample[i]);
      ASSERT_TRUE(both.same(doubled));
      ASSERT_TRUE(both.same(std::string_view(sample).substr(0, i)));
      variants += 3;
    }
  }
  EXPECT_GT(variants, 20'000u);
  // Digit changes keep the shape: a share of the variants took the one-pass reader.
  EXPECT_GT(both.knownShapeLines(), 1'000u);
}

TEST(KnownShapeJsonTest, simulatedCaptureReadsInOnePassAndMatchesSimdjson) {
  const auto path = bw::test::testTempDir("known-shape-sim.jsonl.gz");
  SimulatorConfig config;
  config.seconds = 120;
  const SimulatorStats stats = writeSimulatedCapture(path.string(), config);
  BothJsonPaths both;
  EXPECT_EQ(test::compareFile(path.string(), both), stats.lines);
  EXPECT_EQ(both.knownShapeLines(), stats.lines);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace bw::feed
