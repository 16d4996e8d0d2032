// openCapture chooses the reader by content, never by file name: binary magic, a tardis
// CSV header, else Binance JSON lines; gzip'd files by their decompressed first bytes.

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>

#include "FeedTestSupport.h"
#include "feed/BinaryCaptureReader.h"
#include "feed/BinaryCaptureWriter.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureReader.h"
#include "feed/CsvCaptureReader.h"

namespace bw::feed {
namespace {

constexpr const char* kCsvHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";
constexpr const char* kCsvRow = "binance-futures,BTCUSDT,1000,2000,1,buy,9682,0.1";

class CaptureFactoryTest : public ::testing::Test {
 protected:
  std::unique_ptr<TickSource> open(const std::filesystem::path& path) {
    return openCapture(path.string(), instruments_, log_, clock_);
  }
  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  std::ostringstream log_text_;
  MalformedLog log_{log_text_};
  TscClock clock_ = TscClock::calibrate(1);
};

TEST_F(CaptureFactoryTest, binaryMagicOpensTheBinaryReaderWhateverTheName) {
  const auto dir = test::tempDir("factory-binary");
  const auto path = dir / "looks-like.jsonl";
  {
    BinaryCaptureWriter writer(path.string(), instruments_);
    Tick t;
    t.symbol = instruments_.find("BTCUSDT");
    t.price = Price{1};
    t.qty = Qty{1};
    writer.write(t);
  }
  EXPECT_EQ(detectCaptureFormat(path.string()), CaptureFormat::kBinary);
  auto source = open(path);
  EXPECT_NE(dynamic_cast<BinaryCaptureReader*>(source.get()), nullptr);
  Tick t;
  EXPECT_TRUE(source->next(t));
}

TEST_F(CaptureFactoryTest, aGzippedBinaryCaptureIsRefusedWithAReason) {
  const auto dir = test::tempDir("factory-binary-gz");
  const auto plain = dir / "c.bwc";
  { BinaryCaptureWriter writer(plain.string(), instruments_); }
  std::ifstream in(plain, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  test::writeGzip(dir / "c.bwc.gz", bytes);
  EXPECT_EQ(detectCaptureFormat((dir / "c.bwc.gz").string()), CaptureFormat::kGzipBinary);
  EXPECT_THROW(open(dir / "c.bwc.gz"), std::runtime_error);
}

TEST_F(CaptureFactoryTest, aTardisHeaderOpensTheCsvReaderPlainOrGzipped) {
  const auto dir = test::tempDir("factory-csv");
  test::writePlain(dir / "trades.data", test::joinLines({kCsvHeader, kCsvRow}));
  test::writeGzip(dir / "trades.gz", test::joinLines({kCsvHeader, kCsvRow}));
  for (const char* name : {"trades.data", "trades.gz"}) {
    EXPECT_EQ(detectCaptureFormat((dir / name).string()), CaptureFormat::kTardisCsv) << name;
    auto source = open(dir / name);
    EXPECT_NE(dynamic_cast<CsvCaptureReader*>(source.get()), nullptr) << name;
    Tick t;
    EXPECT_TRUE(source->next(t)) << name;
  }
}

TEST_F(CaptureFactoryTest, aCsvHeaderMissingAColumnReachesTheCsvReaderWhichNamesIt) {
  const auto dir = test::tempDir("factory-csv-missing");
  test::writePlain(dir / "t.csv", test::joinLines({"symbol,timestamp,side,price,amount", "BTCUSDT,1,buy,1,1"}));
  EXPECT_EQ(detectCaptureFormat((dir / "t.csv").string()), CaptureFormat::kTardisCsv);
  try {
    (void)open(dir / "t.csv");
    FAIL() << "opened a CSV without local_timestamp";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("'local_timestamp'"), std::string::npos) << e.what();
  }
}

TEST_F(CaptureFactoryTest, anythingElseIsBinanceJsonLinesPlainOrGzipped) {
  const auto dir = test::tempDir("factory-json");
  test::writePlain(dir / "a.csv", test::joinLines({std::string(test::kTradeLine)}));
  test::writeGzip(dir / "b.jsonl.gz", test::joinLines({std::string(test::kQuoteLine)}));
  test::writePlain(dir / "empty", "");
  for (const char* name : {"a.csv", "b.jsonl.gz", "empty"}) {
    EXPECT_EQ(detectCaptureFormat((dir / name).string()), CaptureFormat::kJsonLines) << name;
    auto source = open(dir / name);
    EXPECT_NE(dynamic_cast<CaptureReader*>(source.get()), nullptr) << name;
  }
  auto source = open(dir / "a.csv");
  Tick t;
  ASSERT_TRUE(source->next(t));
  EXPECT_EQ(t.kind, TickKind::kTrade);
}

TEST_F(CaptureFactoryTest, aMissingFileIsAnErrorNamingIt) {
  try {
    (void)open("/nonexistent/capture.jsonl");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/capture.jsonl"), std::string::npos);
  }
}

}  // namespace
}  // namespace bw::feed
