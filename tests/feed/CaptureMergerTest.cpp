#include "feed/CaptureMerger.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "FeedTestSupport.h"
#include "feed/CaptureReader.h"

namespace bw::feed {
namespace {

/// A trade line for BTCUSDT or ETHUSDT received at `recv_ns`, priced `price` (whole units).
std::string trade(const char* symbol, std::int64_t recv_ns, int price) {
  return std::to_string(recv_ns) + R"( {"stream":"x@trade","data":{"e":"trade","s":")" + symbol +
         R"(","p":")" + std::to_string(price) + R"(","q":"1","T":1,"m":false}})";
}

TEST(CaptureMergerTest, mergesFilesByReceiveTimeWithTiesToTheEarlierFile) {
  const auto dir = test::tempDir("merge");
  test::writePlain(dir / "btc.jsonl", test::joinLines({trade("BTCUSDT", 10, 1), trade("BTCUSDT", 30, 3),
                                                       trade("BTCUSDT", 50, 5)}));
  test::writeGzip(dir / "eth.jsonl.gz", test::joinLines({trade("ETHUSDT", 20, 2), trade("ETHUSDT", 30, 4),
                                                         trade("ETHUSDT", 60, 6), "garbage"}));
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const TscClock clock = TscClock::calibrate(5);
  std::ostringstream log_text;
  MalformedLog log(log_text);
  std::vector<std::unique_ptr<TickSource>> readers;
  readers.push_back(std::make_unique<CaptureReader>((dir / "btc.jsonl").string(), instruments, log, clock));
  readers.push_back(std::make_unique<CaptureReader>((dir / "eth.jsonl.gz").string(), instruments, log, clock));
  CaptureMerger merger(readers);

  std::vector<std::int64_t> prices;
  Tick t;
  while (merger.next(t)) prices.push_back(t.price.raw / kScale);
  EXPECT_EQ(prices, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
  const FeedStats s = merger.stats();
  EXPECT_EQ(s.lines, 7u);
  EXPECT_EQ(s.trades, 6u);
  EXPECT_EQ(s.malformed, 1u);
  EXPECT_EQ(merger.parseLatency().count(), 7u);
  EXPECT_FALSE(merger.next(t)) << "stays done";
}

}  // namespace
}  // namespace bw::feed
