// Bar update cost per tick (feed::BarSet::onTick: advance market time, add the trade,
// emit what closed), over the real ticks of the two 2024-08-08 Binance captures merged by
// receive time (BTCUSDT + ETHUSDT, held in memory), or over a seeded simulated capture
// when ../shared/data is absent (said in the benchmark's label).
//   BM_BarsNoSeries     trades only, no series: reading the ticks and the checks (a floor)
//   BM_BarsOneInterval  trades only, one 1s series
//   BM_BarsFullSet      trades only, 1s 5s 1m 5m + tick100 + vol10 (the shipped [bars])
//   BM_BarsFullSetAllTicks  every tick (quotes and depth advance time too), full set
// ns_per_tick is the figure to read (target: <= 10 ns per trade for BM_BarsFullSet). Run pinned, e.g.
//   taskset -c 1 build/bin/bench/bench_bars --benchmark_repetitions=10
//     --benchmark_report_aggregates_only=true --benchmark_out=F --benchmark_out_format=json
// Each pass over the ticks is shifted later by the capture's span (outside the timing) so
// time bars keep closing on every pass, as in a long replay.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/TscClock.h"
#include "feed/BarSet.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/MarketSimulator.h"

namespace bw::feed {
namespace {

struct Ticks {
  std::vector<Tick> all;
  std::vector<Tick> trades;
  std::string label;
};

const Ticks& ticks() {
  static const Ticks loaded = [] {
    Ticks t;
    std::vector<std::string> files;
    const std::string dir = BW_DATA_DIR;
    for (const char* f : {"binance-spot-btcusdt-20240808.jsonl.gz", "binance-spot-ethusdt-20240808.jsonl.gz"}) {
      if (std::filesystem::exists(dir + "/" + f)) files.push_back(dir + "/" + f);
    }
    t.label = "binance btcusdt+ethusdt 20240808";
    if (files.size() != 2) {
      const auto path = std::filesystem::temp_directory_path() / "bw-bench-bars-sim.jsonl.gz";
      SimulatorConfig c;
      c.seconds = 600;
      (void)writeSimulatedCapture(path.string(), c);
      files = {path.string()};
      t.label = "simulated BTCUSDT (no ../shared/data)";
    }
    const InstrumentTable instruments = InstrumentTable::withDefaults();
    std::ostringstream log_text;
    MalformedLog log(log_text);
    const TscClock clock = TscClock::calibrate(5);
    std::vector<std::unique_ptr<TickSource>> sources;
    for (const std::string& f : files) sources.push_back(openCapture(f, instruments, log, clock));
    CaptureMerger merger(sources);
    Tick tick;
    while (merger.next(tick)) {
      tick.levels = nullptr;  // as on the engine side of the queue
      t.all.push_back(tick);
      if (tick.kind == TickKind::kTrade) t.trades.push_back(tick);
    }
    return t;
  }();
  return loaded;
}

BarsConfig oneInterval() {
  BarsConfig c;
  c.time_intervals_ms = {1'000};
  c.tick_bar_trades = 0;
  c.volume_bar_qty = Qty{0};
  return c;
}

void run(benchmark::State& state, const BarsConfig& config, const std::vector<Tick>& source, const std::string& label) {
  if (source.empty()) {
    state.SkipWithError("no ticks");
    return;
  }
  std::vector<Tick> input = source;
  const std::int64_t span = input.back().recv_ns - input.front().recv_ns + 1'000'000'000;
  auto set = std::make_unique<BarSet>(config);  // ~95 KB: on the heap, not the stack
  std::uint64_t closed = 0;
  const auto sink = [&closed](const Bar& b) noexcept { closed += b.trades + 1; };
  for (auto _ : state) {
    for (const Tick& t : input) set->onTick(t, sink);
    benchmark::DoNotOptimize(closed);
    state.PauseTiming();
    for (Tick& t : input) t.recv_ns += span;
    state.ResumeTiming();
  }
  const auto n = static_cast<double>(state.iterations()) * static_cast<double>(input.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  // Seconds per tick, shown in ns by the reporter's SI prefix ("3.1n").
  state.counters["ns_per_tick"] = benchmark::Counter(n, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["ticks_per_pass"] = static_cast<double>(input.size());
  state.counters["bars_1s_per_pass"] =
      static_cast<double>(set->seriesCount() > 0 ? set->closed(0) : 0) / static_cast<double>(state.iterations());
  state.SetLabel(label);
}

BarsConfig noSeries() {
  BarsConfig c;
  c.time_intervals_ms = {};
  c.tick_bar_trades = 0;
  c.volume_bar_qty = Qty{0};
  return c;
}

void BM_BarsNoSeries(benchmark::State& state) { run(state, noSeries(), ticks().trades, ticks().label); }
void BM_BarsOneInterval(benchmark::State& state) { run(state, oneInterval(), ticks().trades, ticks().label); }
void BM_BarsFullSet(benchmark::State& state) { run(state, BarsConfig{}, ticks().trades, ticks().label); }
void BM_BarsFullSetAllTicks(benchmark::State& state) { run(state, BarsConfig{}, ticks().all, ticks().label); }
BENCHMARK(BM_BarsNoSeries);
BENCHMARK(BM_BarsOneInterval);
BENCHMARK(BM_BarsFullSet);
BENCHMARK(BM_BarsFullSetAllTicks);

}  // namespace
}  // namespace bw::feed

BENCHMARK_MAIN();
