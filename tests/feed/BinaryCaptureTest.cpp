// The binary capture: every tick kind written and read back field by field with its
// levels; symbols mapped by name; the header checks; truncated files and bad records
// counted, never a crash; files longer than the reader's 256 KiB read window (groups
// across its edge, a file cut short while it is replayed).

#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "FeedTestSupport.h"
#include "TickEquality.h"
#include "feed/BinaryCaptureFormat.h"
#include "feed/BinaryCaptureReader.h"
#include "feed/BinaryCaptureWriter.h"
#include "feed/BinaryRecordWindow.h"

namespace bw::feed {
namespace {

std::vector<std::byte> readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> bytes(text.size());
  std::memcpy(bytes.data(), text.data(), text.size());
  return bytes;
}

void writeBytes(const std::filesystem::path& path, const std::vector<std::byte>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

class BinaryCaptureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const SymbolId btc = instruments_.find("BTCUSDT");
    const SymbolId eth = instruments_.find("ETHUSDT");
    Tick trade;
    trade.kind = TickKind::kTrade;
    trade.symbol = btc;
    trade.recv_ns = 1'000;
    trade.exch_ns = 900;
    trade.price = Price{6'183'763'000'000};
    trade.qty = Qty{2'000'000};
    trade.seq = 3'735'683'259;
    trade.aggressor = Side::kSell;
    Tick quote;
    quote.kind = TickKind::kQuote;
    quote.symbol = eth;
    quote.recv_ns = 2'000;
    quote.bid = Price{260'000'000'000};
    quote.ask = Price{260'001'000'000};
    quote.bid_qty = Qty{150'000'000};
    quote.ask_qty = Qty{20'000'000};
    quote.seq = 50'093'239'212;
    quote.flags = kTickOutOfOrder;
    depth_levels_.bid_count = 7;  // three level records for the bids, one for the asks
    for (std::uint32_t i = 0; i < 7; ++i) depth_levels_.bids[i] = {Price{100'000'000 - i}, Qty{i}};
    depth_levels_.ask_count = 2;
    depth_levels_.asks[0] = {Price{200'000'000}, Qty{5}};
    depth_levels_.asks[1] = {Price{200'000'001}, Qty{0}};
    Tick depth;
    depth.kind = TickKind::kDepth;
    depth.symbol = btc;
    depth.recv_ns = 3'000;
    depth.exch_ns = 2'500;
    depth.bid = Price{100'000'000};
    depth.ask = Price{200'000'000};
    depth.seq = 50'093'239'207;
    depth.first_seq = 50'093'239'203;
    depth.levels = &depth_levels_;
    Tick snapshot;
    snapshot.kind = TickKind::kSnapshot;
    snapshot.symbol = btc;
    snapshot.recv_ns = 4'000;
    snapshot.seq = 50'093'239'218;
    snapshot.levels = &depth_levels_;
    ticks_ = {trade, quote, depth, snapshot};
  }

  std::filesystem::path writeAll(const std::string& name, const InstrumentTable& table) {
    const auto path = test::tempDir(name) / "c.bwc";
    BinaryCaptureWriter writer(path.string(), table);
    for (const Tick& t : ticks_) writer.write(t);
    writer.close();
    return path;
  }

  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  BookLevels depth_levels_;
  std::vector<Tick> ticks_;
  std::ostringstream log_text_;
  MalformedLog log_{log_text_};
  TscClock clock_ = TscClock::calibrate(1);
};

TEST_F(BinaryCaptureTest, everyKindRoundTripsFieldByFieldWithItsLevels) {
  const auto path = writeAll("bin-roundtrip", instruments_);
  // 4 main + quote's top + depth's top and 3+1 level records + snapshot's top and 3+1.
  EXPECT_EQ(std::filesystem::file_size(path), binary::headerSize(instruments_.size()) + 15 * binary::kRecordSize);
  BinaryCaptureReader reader(path.string(), instruments_, log_, clock_);
  Tick t;
  for (const Tick& expected : ticks_) {
    ASSERT_TRUE(reader.next(t));
    EXPECT_TRUE(test::sameTick(t, expected));
    EXPECT_NE(t.parsed_tsc, 0u);
    EXPECT_NE(t.arrival_tsc, 0u);  // the decode's start when timed, else its end
    EXPECT_LE(t.arrival_tsc, t.parsed_tsc);
  }
  EXPECT_FALSE(reader.next(t));
  const FeedStats& s = reader.stats();
  EXPECT_EQ(s.ticks, 4u);
  EXPECT_EQ(s.lines, 4u);
  EXPECT_EQ(s.trades + s.quotes + s.depth_updates + s.snapshots, 4u);
  EXPECT_EQ(s.malformed, 0u) << log_text_.str();
}

TEST_F(BinaryCaptureTest, readsFromMemoryLikeFromAMapping) {
  const auto bytes = readBytes(writeAll("bin-memory", instruments_));
  BinaryCaptureReader reader("memory", bytes, instruments_, log_, clock_);
  Tick t;
  std::size_t i = 0;
  while (reader.next(t)) EXPECT_TRUE(test::sameTick(t, ticks_[i++]));
  EXPECT_EQ(i, ticks_.size());
}

TEST_F(BinaryCaptureTest, mapsSymbolsByNameAndCountsNamesTheRunningTableLacks) {
  InstrumentTable writer_table;  // ETHUSDT first: ids differ from the defaults
  writer_table.add("ETHUSDT", Price{1'000'000}, Qty{10'000});
  writer_table.add("BTCUSDT", Price{1'000'000}, Qty{1'000});
  for (Tick& t : ticks_) t.symbol = writer_table.find(instruments_[t.symbol].name());
  const auto path = writeAll("bin-symbols", writer_table);

  BinaryCaptureReader reader(path.string(), instruments_, log_, clock_);
  Tick t;
  ASSERT_TRUE(reader.next(t));
  EXPECT_EQ(t.symbol, instruments_.find("BTCUSDT"));
  ASSERT_TRUE(reader.next(t));
  EXPECT_EQ(t.symbol, instruments_.find("ETHUSDT"));

  InstrumentTable only_eth;
  only_eth.add("ETHUSDT", Price{1'000'000}, Qty{10'000});
  BinaryCaptureReader partial(path.string(), only_eth, log_, clock_);
  std::uint64_t ticks = 0;
  while (partial.next(t)) ++ticks;
  EXPECT_EQ(ticks, 1u) << "only the ETHUSDT quote";
  EXPECT_EQ(partial.stats().unknown_symbol, 3u);
  EXPECT_EQ(partial.stats().lines, 4u);
}

TEST_F(BinaryCaptureTest, refusesAWrongMagicAnotherVersionOrRecordSizeNamingTheFile) {
  const auto path = writeAll("bin-header", instruments_);
  const auto good = readBytes(path);
  const auto expectRefused = [&](std::size_t offset, std::byte value, const std::string& words) {
    auto bytes = good;
    bytes[offset] = value;
    writeBytes(path, bytes);
    try {
      BinaryCaptureReader reader(path.string(), instruments_, log_, clock_);
      ADD_FAILURE() << "opened with byte " << offset << " changed";
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(path.string()), std::string::npos) << what;
      EXPECT_NE(what.find(words), std::string::npos) << what;
    }
  };
  expectRefused(0, std::byte{'X'}, "wrong magic");
  expectRefused(offsetof(binary::FileHeader, version), std::byte{2}, "format version 2");
  expectRefused(offsetof(binary::FileHeader, record_size), std::byte{128}, "record size 128");
  expectRefused(offsetof(binary::FileHeader, instrument_count), std::byte{3}, "header size");
  writeBytes(path, std::vector<std::byte>(good.begin(), good.begin() + 10));
  EXPECT_THROW(BinaryCaptureReader(path.string(), instruments_, log_, clock_), std::runtime_error);
}

TEST_F(BinaryCaptureTest, aShortFileYieldsItsWholeRecordsThenOneTruncatedCount) {
  const auto path = writeAll("bin-short", instruments_);
  auto bytes = readBytes(path);
  // Keep the trade, the quote's two records, and half of the depth's main record.
  bytes.resize(binary::headerSize(instruments_.size()) + 3 * binary::kRecordSize + 20);
  writeBytes(path, bytes);
  BinaryCaptureReader reader(path.string(), instruments_, log_, clock_);
  Tick t;
  std::uint64_t ticks = 0;
  while (reader.next(t)) ++ticks;
  EXPECT_EQ(ticks, 2u);
  EXPECT_EQ(reader.stats().by_kind[static_cast<std::size_t>(ParseError::kTruncatedFile)], 1u);
  EXPECT_EQ(reader.stats().malformed, 1u);
  EXPECT_NE(log_text_.str().find("file ends before"), std::string::npos) << log_text_.str();
}

TEST_F(BinaryCaptureTest, aBadRecordIsCountedWithItsRecordNumberAndSkipped) {
  const auto path = writeAll("bin-bad", instruments_);
  auto bytes = readBytes(path);
  const std::size_t records = binary::headerSize(instruments_.size());
  bytes[records] = std::byte{99};                                // record 1 (trade): unknown type
  bytes[records + 1 * binary::kRecordSize + 1] = std::byte{7};   // record 2 (quote): side 7
  bytes[records + 5 * binary::kRecordSize] = std::byte{1};       // record 6 (depth's first levels): type trade
  writeBytes(path, bytes);
  BinaryCaptureReader reader(path.string(), instruments_, log_, clock_);
  Tick t;
  ASSERT_TRUE(reader.next(t));
  EXPECT_TRUE(test::sameTick(t, ticks_[3])) << "the snapshot after the bad depth still reads";
  EXPECT_FALSE(reader.next(t));
  EXPECT_EQ(reader.stats().by_kind[static_cast<std::size_t>(ParseError::kBadRecord)], 3u);
  EXPECT_EQ(reader.stats().lines, 4u);
  const std::string text = log_text_.str();
  EXPECT_NE(text.find(path.string() + ":1: skipped: BAD_RECORD (field 'type')"), std::string::npos) << text;
  EXPECT_NE(text.find(path.string() + ":2: skipped: BAD_RECORD (field 'side')"), std::string::npos) << text;
  EXPECT_NE(text.find(path.string() + ":4: skipped: BAD_RECORD (field 'levels')"), std::string::npos) << text;
}

Tick tradeAt(std::int64_t recv_ns) {
  Tick t;
  t.kind = TickKind::kTrade;
  t.symbol = 0;
  t.recv_ns = recv_ns;
  t.price = Price{100 + recv_ns % 7};
  t.qty = Qty{1 + recv_ns % 3};
  return t;
}

TEST_F(BinaryCaptureTest, aFileLongerThanOneReadWindowReadsLikeTheSameBytesInMemory) {
  constexpr std::uint64_t kWindow = BinaryRecordWindow::kWindowRecords;
  // Trades (one record each) up to just before the first window's edge, then the largest
  // group a reader decodes (both sides full: 3,336 records) across that edge, then depth
  // ticks of every size up to 40 levels a side, over several more windows.
  BookLevels full;
  full.bid_count = full.ask_count = static_cast<std::uint32_t>(BookLevels::kMaxPerSide);
  for (std::uint32_t i = 0; i < full.bid_count; ++i) {
    full.bids[i] = {Price{1'000'000 - i}, Qty{i}};
    full.asks[i] = {Price{1'000'001 + i}, Qty{i + 1}};
  }
  std::vector<Tick> written;
  for (std::uint64_t i = 0; i + 10 < kWindow; ++i) written.push_back(tradeAt(static_cast<std::int64_t>(i)));
  Tick snapshot;
  snapshot.kind = TickKind::kSnapshot;
  snapshot.symbol = 0;
  snapshot.recv_ns = static_cast<std::int64_t>(kWindow);
  snapshot.levels = &full;
  written.push_back(snapshot);
  std::vector<BookLevels> books(41);
  for (std::uint32_t n = 0; n < books.size(); ++n) {
    books[n].bid_count = n;
    books[n].ask_count = (n * 7) % 41;
    for (std::uint32_t i = 0; i < n; ++i) books[n].bids[i] = {Price{500 - i}, Qty{n}};
    for (std::uint32_t i = 0; i < books[n].ask_count; ++i) books[n].asks[i] = {Price{600 + i}, Qty{i}};
  }
  for (std::uint32_t i = 0; i < 4'000; ++i) {
    Tick depth;
    depth.kind = TickKind::kDepth;
    depth.symbol = 1;
    depth.recv_ns = static_cast<std::int64_t>(2 * kWindow + i);
    depth.bid = Price{500};
    depth.ask = Price{600};
    depth.levels = &books[i % books.size()];
    written.push_back(depth);
  }
  const auto path = test::tempDir("bin-windows") / "c.bwc";
  {
    BinaryCaptureWriter writer(path.string(), instruments_);
    for (const Tick& t : written) writer.write(t);
  }
  ASSERT_GT(std::filesystem::file_size(path), 5 * kWindow * binary::kRecordSize) << "spans several windows";

  const auto bytes = readBytes(path);
  BinaryCaptureReader from_file(path.string(), instruments_, log_, clock_);
  BinaryCaptureReader in_memory("memory", bytes, instruments_, log_, clock_);
  Tick a, b;
  std::size_t i = 0;
  while (from_file.next(a)) {
    ASSERT_TRUE(in_memory.next(b)) << "tick " << i;
    ASSERT_LT(i, written.size());
    ASSERT_TRUE(test::sameTick(a, b)) << "tick " << i;
    ASSERT_TRUE(test::sameTick(a, written[i])) << "tick " << i;
    ++i;
  }
  EXPECT_FALSE(in_memory.next(b));
  EXPECT_EQ(i, written.size());
  EXPECT_EQ(from_file.stats().malformed, 0u) << log_text_.str();
  EXPECT_EQ(from_file.stats().lines, in_memory.stats().lines);
}

TEST_F(BinaryCaptureTest, aFileCutShortWhileReplayedYieldsWhatIsLeftThenOneTruncatedCount) {
  constexpr std::uint64_t kWindow = BinaryRecordWindow::kWindowRecords;
  const auto path = test::tempDir("bin-cut") / "c.bwc";
  {
    BinaryCaptureWriter writer(path.string(), instruments_);
    for (std::uint64_t i = 0; i < 3 * kWindow; ++i) writer.write(tradeAt(static_cast<std::int64_t>(i)));
  }
  BinaryCaptureReader reader(path.string(), instruments_, log_, clock_);
  Tick t;
  ASSERT_TRUE(reader.next(t));  // the first window is read
  // Cut inside the second window's records, mid-record: a mapping would fault (SIGBUS).
  const std::uint64_t kept = kWindow + 100;
  std::filesystem::resize_file(path, binary::headerSize(instruments_.size()) + kept * binary::kRecordSize + 20);
  std::uint64_t ticks = 1;
  while (reader.next(t)) ++ticks;
  EXPECT_EQ(ticks, kept);
  EXPECT_EQ(reader.stats().by_kind[static_cast<std::size_t>(ParseError::kTruncatedFile)], 1u);
  EXPECT_EQ(reader.stats().malformed, 1u);
  EXPECT_FALSE(reader.next(t)) << "still the end, counted once";
  EXPECT_EQ(reader.stats().malformed, 1u);
  EXPECT_NE(log_text_.str().find("file ends before"), std::string::npos) << log_text_.str();
}

}  // namespace
}  // namespace bw::feed
