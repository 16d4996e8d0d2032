// Proves the CSV row parser, the CSV reader and the binary reader allocate nothing per
// tick once warm: this binary links the counting operator new (tests/support).

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "AllocationCounter.h"
#include "FeedTestSupport.h"
#include "feed/BinaryCaptureReader.h"
#include "feed/BinaryCaptureWriter.h"
#include "feed/CsvCaptureReader.h"
#include "feed/CsvTickParser.h"

namespace bw::feed {
namespace {

constexpr const char* kHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

std::string csvRows(int n) {
  std::string text = kHeader;
  text += '\n';
  for (int i = 0; i < n; ++i) {
    text += "binance-futures,BTCUSDT,";
    text += std::to_string(1'000'000 + i);
    text += ',';
    text += std::to_string(2'000'000 + i);
    text += ',';
    text += std::to_string(i);
    text += i % 2 == 0 ? ",buy,9682.19,0.132\n" : ",sell,9682,1\n";
    if (i % 100 == 0) text += "binance-futures,BTCUSDT,bad,row\n";  // refused rows too
  }
  return text;
}

TEST(CaptureFormatsAllocationTest, csvRowParserAllocatesNothing) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  CsvTickParser parser(instruments);
  ASSERT_EQ(parser.setHeader(kHeader), "");
  Tick t;
  std::uint64_t ok = 0;
  const std::uint64_t before = bw::test::allocationCount();
  for (int i = 0; i < 10'000; ++i) {
    ok += parser.parse("binance-futures,BTCUSDT,1582329602111000,1582329602418379,42377944,buy,9682.19,0.132", t)
              .ok();
    ok += parser.parse("binance-futures,XRPUSDT,1,2,3,buy,1,1", t).ok();
    ok += parser.parse("a,b,c", t).ok();
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u);
  EXPECT_EQ(ok, 10'000u);
}

TEST(CaptureFormatsAllocationTest, csvReaderAllocatesNothingPerRowOnceWarm) {
  const auto dir = test::tempDir("alloc-csv");
  test::writeGzip(dir / "t.csv.gz", csvRows(20'000));
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::ostringstream text;
  MalformedLog log(text, 0);  // reports past the cap format nothing
  CsvCaptureReader reader((dir / "t.csv.gz").string(), instruments, log, TscClock::calibrate(1));
  Tick t;
  ASSERT_TRUE(reader.next(t));  // warm: the first gzip read
  std::uint64_t ticks = 1;
  const std::uint64_t before = bw::test::allocationCount();
  for (int i = 0; i < 19'000; ++i) ticks += reader.next(t) ? 1u : 0u;
  EXPECT_EQ(bw::test::allocationCount() - before, 0u);
  EXPECT_EQ(ticks, 19'001u);
  EXPECT_GT(reader.stats().malformed, 100u);
}

TEST(CaptureFormatsAllocationTest, binaryReaderAllocatesNothingPerTick) {
  const auto dir = test::tempDir("alloc-binary");
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  BookLevels levels;
  levels.bid_count = 4;
  levels.ask_count = 1;
  for (std::uint32_t i = 0; i < 4; ++i) levels.bids[i].price = Price{1};
  levels.asks[0].price = Price{2};
  {
    BinaryCaptureWriter writer((dir / "c.bwc").string(), instruments);
    for (int i = 0; i < 10'000; ++i) {
      Tick t;
      t.symbol = 0;
      t.recv_ns = i;
      t.price = Price{100};
      t.qty = Qty{1};
      t.kind = static_cast<TickKind>(i % 4);
      if (t.kind == TickKind::kDepth || t.kind == TickKind::kSnapshot) t.levels = &levels;
      t.bid_qty = Qty{i % 3};
      writer.write(t);
    }
  }
  std::ostringstream text;
  MalformedLog log(text, 0);
  BinaryCaptureReader reader((dir / "c.bwc").string(), instruments, log, TscClock::calibrate(1));
  Tick t;
  std::uint64_t ticks = 0;
  const std::uint64_t before = bw::test::allocationCount();
  while (reader.next(t)) ++ticks;
  EXPECT_EQ(bw::test::allocationCount() - before, 0u);
  EXPECT_EQ(ticks, 10'000u);
  EXPECT_EQ(reader.stats().malformed, 0u) << text.str();
}

}  // namespace
}  // namespace bw::feed
