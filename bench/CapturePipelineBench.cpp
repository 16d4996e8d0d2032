// Issue 4's target: all four Binance captures in ../shared/data through the feed (readers
// + receive-time merge), the book stage, the data-quality monitor, every bar series
// (feed/BarSet, the config's [bars]), the decision engine and
// RiskGate::check, on one thread (no FIX, no queues), in under one second on one core.
// Accepted orders are filled at once at their limit (gate and strategy both told), so
// positions, brackets and exits run as in a replay.
//
// Three starting points, one pass each per iteration, so the figure splits in one run:
//   gzip_files    openCapture on the .jsonl.gz files: gzip + read + parse + the pipeline
//   plain_files   the same readers on the captures decompressed into /dev/shm (or the temp
//                 folder): read + parse + the pipeline, no gzip
//   in_memory     the decompressed bytes already in memory, lines parsed by TickParser and
//                 merged by CaptureMerger: the pipeline's own work, no I/O and no per-line
//                 parse-latency stamps
// Without ../shared/data it runs on two simulator captures (BTCUSDT, ETHUSDT) and says so.
//
// Run (pinned, medians of repetitions):
//   taskset -c 1 build/bin/bench/bench_capture_pipeline --benchmark_repetitions=7
//     --benchmark_report_aggregates_only=true --benchmark_out=F --benchmark_out_format=json

#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/BarSet.h"
#include "feed/BookBuilder.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/DataQuality.h"
#include "feed/MalformedLog.h"
#include "feed/MarketSimulator.h"
#include "feed/TickParser.h"
#include "risk/PositionBook.h"
#include "risk/RiskGate.h"
#include "strategy/DecisionEngine.h"
#include "strategy/signals/TimeframeMap.h"

namespace bw {
namespace {

constexpr const char* kCaptures[] = {
    "binance-spot-btcusdt-20240808.jsonl.gz", "binance-spot-btcusdt-20240809.jsonl.gz",
    "binance-spot-ethusdt-20240808.jsonl.gz", "binance-spot-ethusdt-20240809.jsonl.gz"};

/// The inputs, prepared once: gzip paths, their decompressed copies, and the bytes.
struct Inputs {
  std::vector<std::string> gzip_paths;
  std::vector<std::string> plain_paths;
  std::vector<std::string> bytes;  // decompressed, with parser padding after the last line
  bool simulated = false;
  std::filesystem::path scratch;   // removed at exit: ~47 MB that would otherwise stay in /dev/shm

  Inputs() = default;
  Inputs(Inputs&&) = default;
  Inputs(const Inputs&) = delete;
  Inputs& operator=(const Inputs&) = delete;
  Inputs& operator=(Inputs&&) = delete;
  ~Inputs() {
    std::error_code ignored;
    if (!scratch.empty()) std::filesystem::remove_all(scratch, ignored);
  }
};

std::string gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error("cannot read " + path);
  std::string out;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs x;
    const std::filesystem::path data = BW_DATA_DIR;
    const std::filesystem::path scratch =
        (std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path()) /
        "bw-capture-pipeline-bench";
    std::filesystem::create_directories(scratch);
    x.scratch = scratch;
    if (std::filesystem::exists(data / kCaptures[0])) {
      for (const char* name : kCaptures) x.gzip_paths.push_back((data / name).string());
    } else {
      x.simulated = true;
      for (const char* symbol : {"BTCUSDT", "ETHUSDT"}) {
        feed::SimulatorConfig sim;
        sim.symbol = symbol;
        sim.seconds = 1'200;
        const std::string path = (scratch / (std::string(symbol) + "-sim.jsonl.gz")).string();
        (void)feed::writeSimulatedCapture(path, sim);
        x.gzip_paths.push_back(path);
      }
      std::fprintf(stderr, "no ../shared/data: benchmarking two simulator captures instead\n");
    }
    for (const std::string& gz : x.gzip_paths) {
      std::string text = gunzip(gz);
      const std::string plain = (scratch / std::filesystem::path(gz).stem()).string();  // drops .gz
      std::ofstream(plain, std::ios::binary) << text;
      x.plain_paths.push_back(plain);
      text.append(feed::TickParser::kPadding, ' ');
      x.bytes.push_back(std::move(text));
    }
    return x;
  }();
  return in;
}

/// One decompressed capture in memory as a TickSource: split lines, parse, attribute the
/// REST snapshot (which names no symbol) to the file's symbol. Refused lines are counted.
class MemorySource final : public feed::TickSource {
 public:
  MemorySource(const std::string& bytes, const InstrumentTable& instruments)
      : bytes_(bytes), end_(bytes.size() - feed::TickParser::kPadding), parser_(instruments) {
    parser_.reserve(1 << 20);
    // The file's symbol: the first line that names one.
    Tick t;
    for (std::size_t at = 0; at < end_ && file_symbol_ == kNoSymbol;) {
      const std::size_t nl = lineEnd(at);
      if (parser_.parse(std::string_view(bytes_.data() + at, nl - at), t).ok()) file_symbol_ = t.symbol;
      at = nl + 1;
    }
  }

  bool next(Tick& tick) override {
    while (pos_ < end_) {
      const std::size_t nl = lineEnd(pos_);
      const std::string_view line(bytes_.data() + pos_, nl - pos_);
      pos_ = nl + 1;
      ++stats_.lines;
      const feed::ParseResult r = parser_.parse(line, tick);
      if (!r.ok()) {
        stats_.refuse(r.error);
        continue;
      }
      if (tick.symbol == kNoSymbol) tick.symbol = file_symbol_;
      ++stats_.ticks;
      return true;
    }
    return false;
  }
  const feed::FeedStats& stats() const noexcept override { return stats_; }
  const LatencyHistogram& parseLatency() const noexcept override { return latency_; }
  const std::string& path() const noexcept override { return path_; }

 private:
  std::size_t lineEnd(std::size_t from) const noexcept {
    const std::size_t nl = bytes_.find('\n', from);
    return nl == std::string::npos || nl > end_ ? end_ : nl;
  }

  const std::string& bytes_;
  std::size_t end_;
  std::size_t pos_ = 0;
  feed::TickParser parser_;
  SymbolId file_symbol_ = kNoSymbol;
  feed::FeedStats stats_;
  LatencyHistogram latency_;  // not stamped: no per-line clock reads
  std::string path_ = "<memory>";
};

struct PassResult {
  std::uint64_t ticks = 0;
  std::uint64_t bars = 0;
  std::uint64_t decisions = 0;
  std::uint64_t accepted = 0;
  std::uint32_t min_quality = 100;
};

/// Feed -> quality -> bars -> decisions -> RiskGate::check over the whole stream, one thread.
PassResult runPass(std::vector<std::unique_ptr<feed::TickSource>>& sources, const InstrumentTable& instruments,
                   const Config& config) {
  feed::CaptureMerger merger(sources);
  feed::DataQuality quality(config.quality);
  feed::BookBuilder books(instruments, std::cerr);
  feed::BarSet bars(config.bars);
  const strategy::TimeframeMap timeframes = strategy::timeframeMap(bars, config);
  strategy::DecisionEngine decisions(instruments, config);
  std::vector<SymbolId> closed;  // symbols whose strategy bar closed on this tick
  closed.reserve(instruments.size());
  ControlBlock control = ControlBlock::anonymous();
  for (std::size_t k = 0; k < kLimitCount; ++k) {
    control.setLimit(static_cast<LimitKey>(k), config.limits.values[static_cast<LimitKey>(k)]);
  }
  risk::PositionBook positions;
  risk::RiskGate gate(instruments, control, positions,
                      risk::gateOptionsFrom(config.limits, instruments, risk::Callers::kSingle, false));
  PassResult r;
  std::int64_t now = 0;

  const auto handle = [&](const strategy::Decision& d) {
    using Kind = strategy::Decision::Kind;
    if (d.kind == Kind::kNone) return;
    ++r.decisions;
    if (d.kind == Kind::kCancel) return;  // fills are immediate: nothing rests to cancel
    OrderIntent intent = d.intent;
    intent.ts_ns = now;
    if (gate.check(intent) != risk::RejectCode::kAccepted) {
      decisions.onRefused(intent.id);
      return;
    }
    ++r.accepted;
    ExecEvent fill;
    fill.kind = ExecEvent::Kind::kFill;
    fill.id = intent.id;
    fill.symbol = intent.symbol;
    fill.side = intent.side;
    fill.last_px = intent.limit;
    fill.last_qty = intent.qty;
    fill.cum_qty = intent.qty;
    (void)gate.onExec(fill);
    decisions.onExec(fill);
  };

  Tick tick;
  std::uint64_t n = 0;
  while (merger.poll(tick) == feed::StreamStatus::kTick) {
    if ((n++ & 63) == 0) quality.noteRefusedLines(feed::DataQuality::missingFieldLines(merger.stats()));
    books.apply(tick);
    quality.observe(tick);
    r.min_quality = std::min<std::uint32_t>(r.min_quality, tick.quality);
    now = tick.recv_ns;
    gate.setDataQuality(tick.symbol, tick.quality);
    if (tick.kind == TickKind::kTrade) gate.onTrade(tick.symbol, tick.price, tick.recv_ns);
    bars.onTick(tick, [&](const feed::Bar& bar) {
      ++r.bars;
      const std::int8_t t = timeframes[bar.series];
      if (t < 0) return;
      decisions.onBar(static_cast<std::size_t>(t), bar);
      if (t == 0) closed.push_back(bar.symbol);
    });
    // As the engine: decide once every series that closed on this tick is in.
    for (const SymbolId s : closed) handle(decisions.decide(s));
    closed.clear();
    decisions.onTick(tick);
    if (tick.kind == TickKind::kTrade) {
      handle(decisions.onTrade(tick));
    } else if (tick.symbol < instruments.size()) {
      gate.onTick(tick.symbol, tick.recv_ns);
    }
  }
  r.ticks = n;
  return r;
}

const Config& benchConfig() {
  static const Config c = loadConfig(std::string(BW_SOURCE_DIR) + "/config/breakwater.toml");
  return c;
}

void report(benchmark::State& state, const PassResult& r) {
  state.counters["ticks"] = static_cast<double>(r.ticks);
  state.counters["ticks_per_s"] = benchmark::Counter(static_cast<double>(r.ticks) * static_cast<double>(state.iterations()),
                                                     benchmark::Counter::kIsRate);
  state.counters["bars"] = static_cast<double>(r.bars);
  state.counters["decisions"] = static_cast<double>(r.decisions);
  state.counters["accepted"] = static_cast<double>(r.accepted);
  state.counters["min_quality"] = r.min_quality;
  state.counters["simulated_input"] = inputs().simulated ? 1 : 0;
}

/// From files (gzip or plain) through openCapture: the readers a replay uses.
void fromFiles(benchmark::State& state, const std::vector<std::string>& paths) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  static const TscClock clock = TscClock::calibrate();
  std::ostringstream log_text;
  feed::MalformedLog log(log_text);
  PassResult r;
  for (auto _ : state) {
    std::vector<std::unique_ptr<feed::TickSource>> sources;
    for (const std::string& p : paths) sources.push_back(feed::openCapture(p, instruments, log, clock));
    r = runPass(sources, instruments, benchConfig());
    benchmark::DoNotOptimize(r);
  }
  report(state, r);
}

void BM_CapturePipelineGzipFiles(benchmark::State& state) { fromFiles(state, inputs().gzip_paths); }
void BM_CapturePipelinePlainFiles(benchmark::State& state) { fromFiles(state, inputs().plain_paths); }

void BM_CapturePipelineInMemory(benchmark::State& state) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  PassResult r;
  for (auto _ : state) {
    std::vector<std::unique_ptr<feed::TickSource>> sources;
    for (const std::string& b : inputs().bytes) sources.push_back(std::make_unique<MemorySource>(b, instruments));
    r = runPass(sources, instruments, benchConfig());
    benchmark::DoNotOptimize(r);
  }
  report(state, r);
}

BENCHMARK(BM_CapturePipelineGzipFiles)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_CapturePipelinePlainFiles)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_CapturePipelineInMemory)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
}  // namespace bw

BENCHMARK_MAIN();
