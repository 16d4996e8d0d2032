// TickParser::parse per line kind (a recorded trade, bookTicker and depthUpdate line) and
// over every line of a real capture held in memory (../shared/data; skipped with a
// message when absent). Run: build/bin/bench/bench_tick_parser --benchmark_repetitions=10
//   --benchmark_report_aggregates_only=true --benchmark_out=F --benchmark_out_format=json

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/InstrumentTable.h"
#include "feed/LineReader.h"
#include "feed/TickParser.h"

namespace bw::feed {
namespace {

// Lines in the recorded captures' format (../shared/data/README.md), with its example values.
constexpr std::string_view kTrade =
    R"(1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}})";
constexpr std::string_view kQuote =
    R"(1723161254087891268 {"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}})";
constexpr std::string_view kDepth =
    R"(1723161254036059768 {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255308,"s":"BTCUSDT","U":50093239203,"u":50093239207,"b":[["55653.87000000","0.00000000"]],"a":[["61838.04000000","0.32332000"],["61844.30000000","0.40163000"],["61862.50000000","0.05019000"],["61862.51000000","0.00000000"]]}})";

/// A line copied into a buffer with the padding simdjson needs.
std::string padded(std::string_view line) {
  std::string s(line);
  s.append(TickParser::kPadding, ' ');
  return s;
}

void parseOne(benchmark::State& state, std::string_view line) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  TickParser parser(instruments);
  parser.reserve(4096);
  const std::string buffer = padded(line);
  const std::string_view view(buffer.data(), line.size());
  Tick tick;
  for (auto _ : state) {
    const ParseResult r = parser.parse(view, tick);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(tick);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(line.size()));
}

void BM_ParseTrade(benchmark::State& state) { parseOne(state, kTrade); }
void BM_ParseBookTicker(benchmark::State& state) { parseOne(state, kQuote); }
void BM_ParseDepthUpdate(benchmark::State& state) { parseOne(state, kDepth); }
BENCHMARK(BM_ParseTrade);
BENCHMARK(BM_ParseBookTicker);
BENCHMARK(BM_ParseDepthUpdate);

/// Every line of a real capture, from memory (no gzip, no I/O): items/s is lines/s.
void BM_ParseRealCapture(benchmark::State& state) {
  const std::string path = std::string(BW_DATA_DIR) + "/binance-spot-btcusdt-20240808.jsonl.gz";
  if (!std::filesystem::exists(path)) {
    state.SkipWithError("no ../shared/data beside the checkout");
    return;
  }
  std::vector<std::string> lines;
  std::size_t bytes = 0;
  {
    LineReader reader(path, TickParser::kPadding);
    std::string_view line;
    while (reader.next(line)) {
      lines.push_back(padded(line));
      lines.back().resize(line.size() + TickParser::kPadding);
      bytes += line.size();
    }
  }
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  TickParser parser(instruments);
  parser.reserve(256 * 1024);
  Tick tick;
  for (auto _ : state) {
    for (const std::string& l : lines) {
      const ParseResult r = parser.parse(std::string_view(l.data(), l.size() - TickParser::kPadding), tick);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(lines.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ParseRealCapture)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bw::feed

BENCHMARK_MAIN();
