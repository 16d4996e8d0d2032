// The data-quality score through the whole pipeline: a simulated capture with a burst of
// bad data in the middle (trades dropped, so their ids skip; the rest received "2 s ago",
// so receive times run backwards) gets DATA_QUALITY rejects during the burst and none once
// the score has recovered. Exchange times and prices are left alone so that bars, signals
// and the collar's reference go on as before. Needs no ../shared/data.

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "ConfigPath.h"
#include "feed/MarketSimulator.h"
#include "pipeline/JournalReader.h"
#include "pipeline/Replay.h"
#include "TestTempDir.h"

namespace bw::pipeline {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

/// Copies the gzip capture `in` to plain `out`, damaging trades received in [from, to):
/// every fourth is dropped (a trade-id gap, seen once the parser reads ids) and the rest
/// carry a receive time 2 s earlier than the line before. Returns the damaged trades.
int writeWithBurst(const std::string& in, const std::string& out, std::int64_t from, std::int64_t to) {
  gzFile f = gzopen(in.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error("cannot read " + in);
  std::ofstream o(out);
  char buf[8192];
  int damaged = 0;
  while (gzgets(f, buf, sizeof buf) != nullptr) {
    std::string line(buf);
    const std::int64_t recv = std::stoll(line.substr(0, line.find(' ')));
    if (recv >= from && recv < to && line.find("@trade") != std::string::npos) {
      if (++damaged % 4 == 0) continue;
      line.replace(0, line.find(' '), std::to_string(recv - 2 * kSecond));
    }
    o << line;
  }
  gzclose(f);
  return damaged;
}

TEST(DataQualityReplayTest, burstOfBadDataBlocksEntriesUntilTheScoreRecovers) {
  const auto dir = bw::test::testTempDir("quality-replay-test");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string clean = (dir / "sim.jsonl.gz").string();
  feed::SimulatorConfig sim;
  sim.seed = 7;
  sim.seconds = 900;
  (void)feed::writeSimulatedCapture(clean, sim);
  const std::int64_t burst_from = sim.start_ns + 300 * kSecond;
  const std::int64_t burst_to = sim.start_ns + 360 * kSecond;
  const std::string damaged = (dir / "burst.jsonl").string();
  ASSERT_GT(writeWithBurst(clean, damaged, burst_from, burst_to), 100);

  ReplayOptions o;
  o.config = loadConfig(bw::test::configPath("breakwater.toml"));
  o.config.decision.min_expected_utility_bps = -1'000.0;  // any direction enters: entries often enough to meet the burst
  o.captures = {damaged};
  o.work_dir = (dir / "fix").string();
  o.journal_path = (dir / "journal.tsv").string();
  const ReplaySummary s = runReplay(o);

  ASSERT_EQ(s.symbols[0].symbol, "BTCUSDT");
  const SymbolQuality& q = s.symbols[0].quality;
  EXPECT_GT(q.out_of_order, 0u);
  EXPECT_EQ(q.min_score, 0u);
  EXPECT_EQ(q.score, 100u) << "recovered by the end";
  EXPECT_EQ(q.outliers, 0u) << "prices were left alone";
  ASSERT_EQ(s.rejects.count("DATA_QUALITY"), 1u) << toText(s);
  std::cout << "DATA_QUALITY rejects: " << s.rejects.at("DATA_QUALITY") << ", min score " << q.min_score << "\n";

  // Every DATA_QUALITY verdict falls in the burst or its recovery (at most recovery_ms of
  // market time after it); after that, orders are judged again and none is refused for it.
  const std::int64_t recovered = burst_to + o.config.quality.recovery_ms * 1'000'000;
  const JournalReadResult journal = readJournal(o.journal_path);
  std::uint64_t in_burst = 0;
  std::uint64_t later_verdicts = 0;
  for (const JournalRecord& r : journal.records) {
    if (r.type != JournalEventType::kVerdict) continue;
    if (r.code_name == "DATA_QUALITY") {
      EXPECT_GE(r.market_ns, burst_from);
      EXPECT_LE(r.market_ns, recovered);
      ++in_burst;
    } else if (r.market_ns > recovered) {
      ++later_verdicts;
    }
  }
  EXPECT_EQ(in_burst, s.rejects.at("DATA_QUALITY"));
  EXPECT_GT(later_verdicts, 0u) << "orders after the recovery were judged (and passed the quality control)";
}

}  // namespace
}  // namespace bw::pipeline
