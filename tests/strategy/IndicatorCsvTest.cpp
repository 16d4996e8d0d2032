// IndicatorCsv and `breakwater indicators` as a function: the exact header, exact rows on
// hand-worked bars (warm-up cells empty, then filled), the command on a hand-made JSON
// capture, and each refusal with its message and exit code.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../feed/FeedTestSupport.h"
#include "CsvCells.h"
#include "IndicatorFixtures.h"
#include "strategy/indicators/IndicatorCsv.h"
#include "tools/IndicatorsCommand.h"

namespace bw::indicators {
namespace {

constexpr std::int64_t kSecondNs = 1'000'000'000;

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Lengths of 2 (ROC 1, 2, 3) so four bars show every warm-up end.
BarIndicatorLengths shortLengths() {
  BarIndicatorLengths l;
  l.rolling_vwap = 2;
  l.atr = 2;
  l.roc = {1, 2, 3};
  l.relative_volume = 2;
  l.volume_zscore = 2;
  l.adx = 2;
  l.vol_regime.length = 2;
  return l;
}

feed::Bar barAt(int second, std::int64_t high, std::int64_t low, std::int64_t close, std::int64_t volume,
                std::int64_t buy) {
  feed::Bar b = test::bar(high, low, close, volume);
  b.start_ns = test::kDayStartNs + second * kSecondNs;
  b.end_ns = b.start_ns + kSecondNs;
  b.buy_volume = Qty{buy * kScale};
  b.sell_volume = Qty{(volume - buy) * kScale};
  return b;
}

TEST(IndicatorCsvTest, writesTheHeaderFromTheIndicatorNames) {
  std::ostringstream out;
  IndicatorCsv csv(out, BarIndicatorLengths{});
  EXPECT_EQ(out.str(), std::string(test::kDefaultHeader) + "\n");
  EXPECT_EQ(csv.rows(), 0u);
}

TEST(IndicatorCsvTest, writesEmptyCellsWhileWarmingUpThenHandWorkedValues) {
  std::ostringstream out;
  IndicatorCsv csv(out, shortLengths());
  csv.onBar(barAt(0, 102, 98, 100, 1, 1));
  csv.onBar(barAt(1, 104, 100, 103, 3, 1));
  csv.onBar(barAt(2, 106, 101, 102, 2, 2));
  csv.onBar(barAt(3, 103, 97, 98, 2, 0));
  const std::vector<std::string> got = test::textLines(out.str());
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0],
            "ts,open,high,low,close,volume,vwap,vwap2,atr2,roc1,roc2,roc3,rvol2,volz2,imbalance,obv,adx2,plus_di2,"
            "minus_di2,volregime2");
  // Bar 1: the session VWAP and the per-bar figures only.
  EXPECT_EQ(got[1], "1723075200000,100,102,98,100,1,100,,,,,,,,1,0,,,,");
  // Bar 2: VWAP 409/4; ATR (4 + 4) / 2; ROC1 +3 %; z (3 - 2) / 1; imbalance (1 - 2) / 3;
  // OBV +3 on the up close. The DIs need bar N + 1 = 3, rvol N earlier bars.
  EXPECT_EQ(got[2], "1723075201000,103,104,100,103,3,102.25,102.25,4,3,,,,1,-0.3333333333333333,3,,,,");
  // Bar 3: session VWAP 613/6 truncated to 1e-8; rolling (309 + 204) / 5; TR 5, ATR
  // (4 + 5) / 2; ROC1 100 x -1/103, ROC2 +2 %; rvol 2 / mean(1, 3); z (2 - 2.5) / 0.5;
  // OBV 3 - 2. +DM 2 and 2, TR 4 and 5: +DI 100 x 2 / 4.5, -DI 0. ADX needs bar 2N = 4.
  EXPECT_EQ(got[3],
            "1723075202000,102,106,101,102,2,102.16666666,102.6,4.5,-0.970873786407767,2,,1,-1,1,1,,44.44444444444444,"
            "0,");
  // Bar 4: TR 6, ATR (4.5 + 6) / 2; ROC3 -2 %; rvol 2 / mean(3, 2); equal volumes: z 0;
  // -DM 4: S(TR) 5.25, S(+DM) 1, S(-DM) 2 -> DIs 19.05 and 38.10, DX 33.3, ADX (100 + DX) / 2;
  // regime: share 5.25/98 against the mean of 4/103 and 4.5/102 -> ratio 1.29, normal.
  EXPECT_EQ(got[4],
            "1723075203000,98,103,97,98,2,101.125,100,5.25,-3.9215686274509802,-4.854368932038835,-2,0.8,0,-1,-1,"
            "66.66666666666667,19.047619047619047,38.095238095238095,normal");
  EXPECT_EQ(csv.rows(), 4u);
}

// ---- the command ----

/// A Binance combined-stream trade line with a receive-time prefix (ns).
std::string tradeLine(std::int64_t recv_ns, const std::string& symbol, const std::string& price,
                      const std::string& qty, bool seller_aggressor) {
  std::string lower = symbol;
  for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
  const std::int64_t ms = recv_ns / 1'000'000;
  return std::to_string(recv_ns) + R"( {"stream":")" + lower + R"(@trade","data":{"e":"trade","E":)" +
         std::to_string(ms) + R"(,"s":")" + symbol + R"(","t":1,"p":")" + price + R"(","q":")" + qty +
         R"(","T":)" + std::to_string(ms) + R"(,"m":)" + (seller_aggressor ? "true" : "false") + R"(,"M":true}})";
}

std::int64_t at(double seconds) { return test::kDayStartNs + static_cast<std::int64_t>(seconds * 1e9); }

/// Four hand-made seconds (a flat one among them), then one trade a second up to second 40
/// so every default length warms up, except the regime's 100.
std::string handMadeCapture() {
  std::vector<std::string> l = {
      tradeLine(at(0.1), "BTCUSDT", "100.00", "1", false),
      tradeLine(at(0.5), "BTCUSDT", "101.50", "0.5", true),
      tradeLine(at(1.2), "BTCUSDT", "101.00", "2", false),
      tradeLine(at(3.3), "BTCUSDT", "99.99", "0.25", true),
  };
  for (int s = 4; s <= 40; ++s) {
    l.push_back(tradeLine(at(s + 0.5), "BTCUSDT", std::to_string(100 + (s * 7) % 5) + ".25", "1", s % 3 == 0));
  }
  return feed::test::joinLines(l);
}

struct CommandResult {
  int rc;
  std::string out;
  std::string err;
};

CommandResult runCommand(const tools::IndicatorsArgs& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int rc = tools::indicatorsCommand(args, out, err);
  return {rc, out.str(), err.str()};
}

TEST(IndicatorsCommandTest, writesOneRowPerBarOfAHandMadeCapture) {
  const auto dir = feed::test::tempDir("indicators-csv");
  const std::string capture = (dir / "trades.jsonl").string();
  feed::test::writePlain(capture, handMadeCapture());
  tools::IndicatorsArgs args;
  args.captures = {capture};
  args.csv_path = (dir / "out.csv").string();
  const CommandResult run = runCommand(args);
  ASSERT_EQ(run.rc, 0) << run.err;
  // Bars of seconds 0-39 closed; second 40's is still open when the capture ends.
  EXPECT_EQ(run.out, "wrote " + args.csv_path + ": 40 rows of 1s bars of BTCUSDT (1 flat)\n");

  const std::vector<std::string> got = test::textLines(readFile(args.csv_path));
  ASSERT_EQ(got.size(), 41u);
  EXPECT_EQ(got[0], test::kDefaultHeader);
  // ts is the bar's open time in epoch ms. VWAP 150.75 / 1.5; imbalance (1 - 0.5) / 1.5.
  EXPECT_EQ(got[1], "1723075200000,100,101.5,100,101.5,1.5,100.5,,,,,,,,0.3333333333333333,0,,,,");
  // VWAP 352.75 / 3.5 truncated to 1e-8; OBV -2 on the down close.
  EXPECT_EQ(got[2], "1723075201000,101,101,101,101,2,100.78571428,,,,,,,,1,-2,,,,");
  // Second 2 traded nothing: a flat row at the previous close, volume 0.
  EXPECT_EQ(got[3], "1723075202000,101,101,101,101,0,100.78571428,,,,,,,,0,-2,,,,");
  // VWAP 377.7475 / 3.75 truncated.
  EXPECT_EQ(got[4], "1723075203000,99.99,99.99,99.99,99.99,0.25,100.73266666,,,,,,,,-1,-2.25,,,,");

  // Each column's first filled row (0-based bar index): empty before, filled from there on.
  const std::vector<std::string> header = test::csvCells(got[0]);
  const std::vector<std::pair<std::string, std::size_t>> first_filled = {
      {"vwap", 0},  {"vwap20", 19}, {"atr14", 13},   {"roc5", 5},       {"roc10", 10},        {"roc20", 20},
      {"rvol20", 20}, {"volz20", 19}, {"imbalance", 0}, {"obv", 0}, {"adx14", 27}, {"plus_di14", 14},
      {"minus_di14", 14}, {"volregime100", 999}};
  for (const auto& [name, first] : first_filled) {
    const auto column = static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    ASSERT_LT(column, header.size()) << name;
    for (std::size_t bar = 0; bar < 40; ++bar) {
      const std::vector<std::string> row = test::csvCells(got[bar + 1]);
      ASSERT_EQ(row.size(), header.size()) << "bar " << bar;
      EXPECT_EQ(row[column].empty(), bar < first) << name << " at bar " << bar << ": '" << row[column] << "'";
    }
  }
}

TEST(IndicatorsCommandTest, refusesABadBarInterval) {
  const auto dir = feed::test::tempDir("indicators-bad-bar");
  const std::string capture = (dir / "trades.jsonl").string();
  feed::test::writePlain(capture, handMadeCapture());
  for (const std::string bar : {"1x", "0s", "25h", "s", "1.5s", ""}) {
    tools::IndicatorsArgs args;
    args.captures = {capture};
    args.csv_path = (dir / "out.csv").string();
    args.bar = bar;
    const CommandResult run = runCommand(args);
    EXPECT_EQ(run.rc, 2) << bar;
    EXPECT_NE(run.err.find("--bar '" + bar + "' is not an interval"), std::string::npos) << run.err;
    EXPECT_FALSE(std::filesystem::exists(args.csv_path)) << bar;
  }
}

TEST(IndicatorsCommandTest, acceptsEveryIntervalUnit) {
  const auto dir = feed::test::tempDir("indicators-units");
  const std::string capture = (dir / "trades.jsonl").string();
  feed::test::writePlain(capture, handMadeCapture());
  for (const auto& [bar, rows] : std::vector<std::pair<std::string, std::string>>{
           {"500ms", "81 rows"}, {"2s", "20 rows"}, {"10s", "4 rows"}}) {
    tools::IndicatorsArgs args;
    args.captures = {capture};
    args.csv_path = (dir / "out.csv").string();
    args.bar = bar;
    const CommandResult run = runCommand(args);
    EXPECT_EQ(run.rc, 0) << bar << ": " << run.err;
    EXPECT_NE(run.out.find(rows), std::string::npos) << run.out;
  }
}

TEST(IndicatorsCommandTest, refusesAMissingCaptureAnUnknownSymbolAndAnUnwritableOutput) {
  const auto dir = feed::test::tempDir("indicators-errors");
  const std::string capture = (dir / "trades.jsonl").string();
  feed::test::writePlain(capture, handMadeCapture());

  tools::IndicatorsArgs missing;
  missing.captures = {(dir / "nope.jsonl").string()};
  missing.csv_path = (dir / "out.csv").string();
  CommandResult run = runCommand(missing);
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("nope.jsonl"), std::string::npos) << run.err;

  tools::IndicatorsArgs unknown;
  unknown.captures = {capture};
  unknown.csv_path = (dir / "out.csv").string();
  unknown.symbol = "DOGEUSDT";
  run = runCommand(unknown);
  EXPECT_EQ(run.rc, 2);
  EXPECT_EQ(run.err, "breakwater indicators: unknown symbol 'DOGEUSDT' (known: BTCUSDT, ETHUSDT)\n");

  tools::IndicatorsArgs untraded = unknown;
  untraded.symbol = "ETHUSDT";
  run = runCommand(untraded);
  EXPECT_EQ(run.rc, 2);
  EXPECT_EQ(run.err, "breakwater indicators: ETHUSDT never trades in the captures\n");
  EXPECT_FALSE(std::filesystem::exists(untraded.csv_path));

  tools::IndicatorsArgs unwritable;
  unwritable.captures = {capture};
  unwritable.csv_path = (dir / "no-such-dir" / "out.csv").string();
  run = runCommand(unwritable);
  EXPECT_EQ(run.rc, 1);
  EXPECT_EQ(run.err, "breakwater indicators: cannot write " + unwritable.csv_path + "\n");

  tools::IndicatorsArgs onto_input;
  onto_input.captures = {capture};
  onto_input.csv_path = capture;
  run = runCommand(onto_input);
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("is also a capture"), std::string::npos) << run.err;
  EXPECT_EQ(readFile(capture), handMadeCapture()) << "the capture is left intact";
}

TEST(IndicatorsCommandTest, refusesACaptureThatEndsInsideItsFirstBar) {
  const auto dir = feed::test::tempDir("indicators-short");
  const std::string capture = (dir / "one.jsonl").string();
  feed::test::writePlain(capture, feed::test::joinLines({tradeLine(at(0.1), "BTCUSDT", "100", "1", false)}));
  tools::IndicatorsArgs args;
  args.captures = {capture};
  args.csv_path = (dir / "out.csv").string();
  const CommandResult run = runCommand(args);
  EXPECT_EQ(run.rc, 2);
  EXPECT_EQ(run.err, "breakwater indicators: no closed bar of BTCUSDT: the captures end inside its first bar\n");
  EXPECT_FALSE(std::filesystem::exists(args.csv_path));
}

TEST(IndicatorsCommandTest, needsSymbolWhenTheCapturesTradeSeveral) {
  const auto dir = feed::test::tempDir("indicators-symbols");
  const std::string capture = (dir / "two.jsonl").string();
  feed::test::writePlain(capture, feed::test::joinLines({
                                      tradeLine(at(0.1), "BTCUSDT", "100", "1", false),
                                      tradeLine(at(0.2), "ETHUSDT", "10", "1", false),
                                      tradeLine(at(1.1), "BTCUSDT", "101", "1", false),
                                      tradeLine(at(2.1), "ETHUSDT", "11", "1", false),
                                  }));
  tools::IndicatorsArgs args;
  args.captures = {capture};
  args.csv_path = (dir / "out.csv").string();
  CommandResult run = runCommand(args);
  EXPECT_EQ(run.rc, 2);
  EXPECT_EQ(run.err, "breakwater indicators: the captures trade BTCUSDT and ETHUSDT: pick one with --symbol\n");
  EXPECT_FALSE(std::filesystem::exists(args.csv_path));

  args.symbol = "ETHUSDT";
  run = runCommand(args);
  ASSERT_EQ(run.rc, 0) << run.err;
  const std::vector<std::string> got = test::textLines(readFile(args.csv_path));
  ASSERT_EQ(got.size(), 3u);  // ETHUSDT's seconds 0 and 1; second 2 is still open
  EXPECT_EQ(got[1].substr(0, 30), "1723075200000,10,10,10,10,1,10");
  EXPECT_EQ(got[2].substr(0, 29), "1723075201000,10,10,10,10,0,1");
}

}  // namespace
}  // namespace bw::indicators

namespace bw::indicators {
namespace {

/// A copy of the shipped config with [signals] lengths changed: the header names them.
std::string shippedConfigWith(const std::string& from, const std::string& to) {
  std::string text = readFile(std::string(BW_SOURCE_DIR) + "/config/breakwater.toml");
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(IndicatorsCommandTest, takesTheLengthsFromConfigSignals) {
  const auto dir = feed::test::tempDir("indicators-csv-config");
  const std::string capture = (dir / "trades.jsonl").string();
  feed::test::writePlain(capture, handMadeCapture());
  const std::string config = (dir / "short.toml").string();
  feed::test::writePlain(config, shippedConfigWith("atr_bars = 14 ", "atr_bars = 3 "));
  tools::IndicatorsArgs args;
  args.captures = {capture};
  args.csv_path = (dir / "out.csv").string();
  args.config_path = config;
  const CommandResult run = runCommand(args);
  ASSERT_EQ(run.rc, 0) << run.err;
  const std::vector<std::string> header = test::csvCells(test::textLines(readFile(args.csv_path))[0]);
  EXPECT_NE(std::find(header.begin(), header.end(), "atr3"), header.end());
  EXPECT_EQ(std::find(header.begin(), header.end(), "atr14"), header.end());

  feed::test::writePlain(config, shippedConfigWith("atr_bars = 14 ", "atr_bars = 0 "));
  const CommandResult refused = runCommand(args);
  EXPECT_EQ(refused.rc, 2);
  EXPECT_NE(refused.err.find("[signals] atr_bars"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace bw::indicators
