// Issue 5's bar-close target: all signals + belief + decision on one close of the
// strategy's bar <= 150 ns. Replays the real BTCUSDT 0808 capture's bar closes (built once,
// outside the timing, by the shipped [bars] set) through DecisionEngine as the engine does
// on a close: every confluence timeframe that closed with it folds its bar into its
// indicators (SymbolSignals), then decide() snapshots the features and runs the entry
// policy (belief per template, lockouts, brackets, utilities).
//   BM_StrategyBarClose      every 1s close of the capture, in order (1.2 timeframes per
//                            close on average: a 5s bar every fifth, 1m and 5m rarely)
//   BM_ClosesOfTimeframes/N  only the closes where exactly N timeframes close together:
//                            N = 1 (1s alone), 2 (with the 5s bar), 3 (and the 1m bar),
//                            4 (a 5-minute boundary, every series at once: the worst case)
//   BM_CloseDistribution     every close of the capture in order, each timed on its own with
//                            rdtsc (which adds ~10-20 ns): p50, p99, p99.9 and max per close
//                            in ns, so the rare 4-timeframe close shows in the tail
//   BM_CloseInTickStream     the same closes met in the capture's whole tick stream, as the
//                            engine meets them: every tick goes through BarSet::onTick and
//                            DecisionEngine::onTick, and only a close's onBar + decide is
//                            timed (rdtsc), as in BM_CloseDistribution. Between two closes
//                            ~150 ticks of other work run; the p50 against
//                            BM_CloseDistribution's, in the same run, is what running the
//                            close path cold costs on this machine (issue 7)
//   BM_EveryFeatureRead/N    the same closes with every bar feature computed on every
//                            timeframe, as if the templates read all 48 (the engine computes
//                            only what its templates read: the shipped ones read 7), then
//                            the same policy: the cost a richer template set would pay
// Read ns_per_close. Run pinned:
//   taskset -c 1 build/bin/bench/bench_bar_close --benchmark_repetitions=7
//     --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/ColdCaches.h"
#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "bench/SampleCounters.h"
#include "core/TscClock.h"
#include "feed/BarSet.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/MalformedLog.h"
#include "strategy/DecisionEngine.h"
#include "strategy/decision/EntryPolicy.h"
#include "strategy/signals/TimeframeMap.h"

namespace bw::strategy {
namespace {

/// The bars that closed with one strategy bar, timeframe 0 first.
struct Close {
  std::size_t count = 0;
  std::array<std::pair<std::size_t, feed::Bar>, kMaxTimeframes> bars{};
};

const Config& benchConfig() {
  static const Config c = loadConfig(std::string(BW_SOURCE_DIR) + "/config/breakwater.toml");
  return c;
}

std::vector<Close> realCloses() {
  const Config& config = benchConfig();
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const std::string capture = std::string(BW_DATA_DIR) + "/binance-spot-btcusdt-20240808.jsonl.gz";
  if (!std::filesystem::exists(capture)) return {};  // a clone without ../shared/data: reported as skipped
  feed::MalformedLog log(std::cerr);
  std::vector<std::unique_ptr<feed::TickSource>> sources;
  sources.push_back(feed::openCapture(capture, instruments, log, TscClock::calibrate(5)));
  feed::CaptureMerger merger(sources);
  feed::BarSet bars(config.bars);
  const TimeframeMap timeframes = timeframeMap(bars, config);
  std::vector<Close> closes;
  Tick tick;
  while (merger.poll(tick) == feed::StreamStatus::kTick) {
    Close c;
    bars.onTick(tick, [&](const feed::Bar& bar) {
      const std::int8_t t = timeframes[bar.series];
      if (t >= 0 && c.count < kMaxTimeframes) c.bars[c.count++] = {static_cast<std::size_t>(t), bar};
    });
    if (c.count != 0 && c.bars[0].first == 0) closes.push_back(c);
  }
  return closes;
}

using bench::reportPercentiles;

void run(benchmark::State& state, const std::vector<Close>& closes) {
  if (closes.empty()) {
    state.SkipWithError("no bar closes (is ../shared/data there?)");
    return;
  }
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  DecisionEngine engine(instruments, benchConfig());
  std::size_t i = 0;
  std::size_t folded = 0;
  for (auto _ : state) {
    const Close& c = closes[i];
    i = i + 1 == closes.size() ? 0 : i + 1;
    for (std::size_t b = 0; b < c.count; ++b) engine.onBar(c.bars[b].first, c.bars[b].second);
    folded += c.count;
    benchmark::DoNotOptimize(engine.decide(c.bars[0].second.symbol));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["ns_per_close"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["timeframes_per_close"] = static_cast<double>(folded) / static_cast<double>(state.iterations());
}

void BM_StrategyBarClose(benchmark::State& state) {
  static const std::vector<Close> closes = realCloses();
  run(state, closes);
}
BENCHMARK(BM_StrategyBarClose);

void BM_CloseDistribution(benchmark::State& state) {
  static const std::vector<Close> closes = realCloses();
  if (closes.empty()) {
    state.SkipWithError("no bar closes (is ../shared/data there?)");
    return;
  }
  static const TscClock clock = TscClock::calibrate(50);
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  DecisionEngine engine(instruments, benchConfig());
  std::vector<std::uint64_t> ticks;
  ticks.reserve(1'000'000);
  std::size_t i = 0;
  for (auto _ : state) {
    const Close& c = closes[i];
    i = i + 1 == closes.size() ? 0 : i + 1;
    const std::uint64_t start = TscClock::now();
    for (std::size_t b = 0; b < c.count; ++b) engine.onBar(c.bars[b].first, c.bars[b].second);
    benchmark::DoNotOptimize(engine.decide(c.bars[0].second.symbol));
    const std::uint64_t end = TscClock::now();
    if (ticks.size() < ticks.capacity()) ticks.push_back(end - start);
  }
  reportPercentiles(state, ticks, clock);
}
BENCHMARK(BM_CloseDistribution);

/// The capture's ticks, parsed once (outside every timing).
std::vector<Tick> realTicks() {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const std::string capture = std::string(BW_DATA_DIR) + "/binance-spot-btcusdt-20240808.jsonl.gz";
  if (!std::filesystem::exists(capture)) return {};
  feed::MalformedLog log(std::cerr);
  std::vector<std::unique_ptr<feed::TickSource>> sources;
  sources.push_back(feed::openCapture(capture, instruments, log, TscClock::calibrate(5)));
  feed::CaptureMerger merger(sources);
  std::vector<Tick> ticks;
  Tick tick;
  while (merger.poll(tick) == feed::StreamStatus::kTick) {
    tick.levels = nullptr;  // owned by the reader, gone with it; the bars and tick features read the top only
    ticks.push_back(tick);
  }
  return ticks;
}

/// realTicks(), read once; empty, with the benchmark skipped, without ../shared/data.
const std::vector<Tick>& ticksOrSkip(benchmark::State& state) {
  static const std::vector<Tick> ticks = realTicks();
  if (ticks.empty()) state.SkipWithError("no ticks (is ../shared/data there?)");
  return ticks;
}

const TscClock& benchClock() {
  static const TscClock clock = TscClock::calibrate(50);
  return clock;
}

void BM_CloseInTickStream(benchmark::State& state) {
  const std::vector<Tick>& ticks = ticksOrSkip(state);
  if (ticks.empty()) return;
  const TscClock& clock = benchClock();
  const Config& config = benchConfig();
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::vector<std::uint64_t> samples;
  samples.reserve(1'000'000);
  std::size_t folded = 0;
  for (auto _ : state) {  // one pass over the capture per iteration, fresh state
    state.PauseTiming();
    auto bars = std::make_unique<feed::BarSet>(config.bars);
    const TimeframeMap timeframes = timeframeMap(*bars, config);
    auto engine = std::make_unique<DecisionEngine>(instruments, config);
    state.ResumeTiming();
    for (const Tick& tick : ticks) {
      Close c;
      bars->onTick(tick, [&](const feed::Bar& bar) {
        const std::int8_t t = timeframes[bar.series];
        if (t >= 0 && c.count < kMaxTimeframes) c.bars[c.count++] = {static_cast<std::size_t>(t), bar};
      });
      if (c.count != 0) {
        const std::uint64_t start = TscClock::now();
        for (std::size_t b = 0; b < c.count; ++b) engine->onBar(c.bars[b].first, c.bars[b].second);
        if (c.bars[0].first == 0) benchmark::DoNotOptimize(engine->decide(c.bars[0].second.symbol));
        const std::uint64_t end = TscClock::now();
        if (c.bars[0].first == 0 && samples.size() < samples.capacity()) {
          samples.push_back(end - start);
          folded += c.count;
        }
      }
      engine->onTick(tick);
      if (tick.kind == TickKind::kTrade) benchmark::DoNotOptimize(engine->onTrade(tick));
    }
  }
  state.counters["closes"] = static_cast<double>(samples.size());
  state.counters["ticks_per_close"] = static_cast<double>(ticks.size()) * static_cast<double>(state.iterations()) /
                                      static_cast<double>(samples.size());
  state.counters["timeframes_per_close"] = static_cast<double>(folded) / static_cast<double>(samples.size());
  reportPercentiles(state, samples, clock);
}
BENCHMARK(BM_CloseInTickStream)->Unit(benchmark::kMillisecond)->Iterations(5);

/// BM_CloseInTickStream's closes with the caches emptied before each (bench/ColdCaches.h),
/// and the closing tick's own BarSet::onTick timed too: the close as the pipeline meets it
/// after seconds of other work. Arg 0 empties nothing (the same timing, hot), 1 the
/// per-core caches (L1, L2), 2 every level (L3 too). One pass over the capture per
/// iteration, its first 400 closes measured.
void BM_ColdClose(benchmark::State& state) {
  const std::vector<Tick>& ticks = ticksOrSkip(state);
  if (ticks.empty()) return;
  const TscClock& clock = benchClock();
  const Config& config = benchConfig();
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::optional<bench::ColdCaches> cold;
  if (state.range(0) != 0) cold.emplace(state.range(0) == 1 ? bench::Evict::kCoreCaches : bench::Evict::kAllCaches);
  std::vector<std::uint64_t> samples;
  samples.reserve(4'096);
  for (auto _ : state) {
    state.PauseTiming();
    auto bars = std::make_unique<feed::BarSet>(config.bars);
    const TimeframeMap timeframes = timeframeMap(*bars, config);
    auto engine = std::make_unique<DecisionEngine>(instruments, config);
    // The ticks that close a strategy bar, from a BarSet of their own.
    std::vector<bool> closing(ticks.size(), false);
    {
      feed::BarSet scout(config.bars);
      for (std::size_t k = 0; k < ticks.size(); ++k) {
        scout.onTick(ticks[k], [&](const feed::Bar& bar) { closing[k] = closing[k] || timeframes[bar.series] == 0; });
      }
    }
    state.ResumeTiming();
    std::size_t measured = 0;
    for (std::size_t k = 0; k < ticks.size(); ++k) {
      const Tick& tick = ticks[k];
      const bool timed = closing[k] && measured < 400;
      if (timed && cold) cold->evict();
      SymbolId closed = kNoSymbol;
      const std::uint64_t start = TscClock::now();
      bars->onTick(tick, [&](const feed::Bar& bar) {
        const std::int8_t t = timeframes[bar.series];
        if (t < 0) return;
        if (t == 0) closed = bar.symbol;
        engine->onBar(static_cast<std::size_t>(t), bar);
      });
      if (closed != kNoSymbol) benchmark::DoNotOptimize(engine->decide(closed));
      const std::uint64_t end = TscClock::now();
      if (timed) {
        samples.push_back(end - start);
        ++measured;
      }
      engine->onTick(tick);
      if (tick.kind == TickKind::kTrade) benchmark::DoNotOptimize(engine->onTrade(tick));
    }
  }
  state.counters["closes"] = static_cast<double>(samples.size());
  reportPercentiles(state, samples, clock);
}
BENCHMARK(BM_ColdClose)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(3);

std::vector<Close> closesOfTimeframes(std::size_t count) {
  static const std::vector<Close> all = realCloses();
  std::vector<Close> some;
  for (const Close& c : all) {
    if (c.count == count) some.push_back(c);
  }
  return some;
}

void BM_ClosesOfTimeframes(benchmark::State& state) {
  const std::vector<Close> some = closesOfTimeframes(static_cast<std::size_t>(state.range(0)));
  state.counters["closes"] = static_cast<double>(some.size());
  run(state, some);
}
BENCHMARK(BM_ClosesOfTimeframes)->DenseRange(1, static_cast<int>(kMaxTimeframes));

void BM_EveryFeatureRead(benchmark::State& state) {
  const std::vector<Close> closes = closesOfTimeframes(static_cast<std::size_t>(state.range(0)));
  if (closes.empty()) {
    state.SkipWithError("no bar closes (is ../shared/data there?)");
    return;
  }
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  SymbolSignals signals(signalLengthsFrom(benchConfig().signals));  // every feature on every timeframe
  const decision::EntryPolicy policy(benchConfig());
  decision::SymbolBeliefState belief;
  std::size_t i = 0;
  for (auto _ : state) {
    const Close& c = closes[i];
    i = i + 1 == closes.size() ? 0 : i + 1;
    for (std::size_t b = 0; b < c.count; ++b) signals.onBar(c.bars[b].first, c.bars[b].second);
    benchmark::DoNotOptimize(policy.decide(signals.snapshot(), instruments[c.bars[0].second.symbol], belief));
  }
  state.counters["closes"] = static_cast<double>(closes.size());
  state.counters["ns_per_close"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_EveryFeatureRead)->DenseRange(1, static_cast<int>(kMaxTimeframes));

}  // namespace
}  // namespace bw::strategy

BENCHMARK_MAIN();
