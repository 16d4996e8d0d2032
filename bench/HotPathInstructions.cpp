// Instruction counts of the deterministic hot paths, for the callgrind regression gate
// (tools/perf-gate, issue 7). Not a Google Benchmark: callgrind counts instructions, which
// do not depend on how loaded this shared machine is, so one run is a stable figure.
//
//   hot_path_instructions PATH [OPS]
//
// PATH is one of the names below; OPS (default 20,000) operations run after a warm-up.
// Under `valgrind --tool=callgrind --collect-atstart=no` only the measured operations are
// counted (CALLGRIND_TOGGLE_COLLECT around them); tools/perf-gate divides callgrind's
// total by OPS. Without valgrind the toggles do nothing and the program just runs.
//
//   risk_check     RiskGate::check of an entry that passes every control (bench/BenchGate.h);
//                  the cancels that keep the gate's book steady are not counted
//   tick_decode    TickParser::parse of one line of the seeded simulated capture
//   bar_update     BarSet::onTick (1s, 5s, 1m, 5m, tick and volume bars) for one tick
//   signal_update  SymbolSignals::onBar of every timeframe that closed on one tick, per
//                  closed strategy bar, with the shipped config's signals
//   fix_encode     OrderEncoder::encode of one NewOrderSingle
//
// Inputs come from the market simulator's seeded capture, never ../shared/data: the counts
// must be the same on every clone. Setup allocates; the measured loops do not.

#include <valgrind/callgrind.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/BenchGate.h"
#include "bench/ColdCaches.h"
#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "feed/BarSet.h"
#include "feed/MarketSimulator.h"
#include "feed/TickParser.h"
#include "fix/OrderEncoder.h"
#include "strategy/DecisionEngine.h"
#include "strategy/signals/SymbolSignals.h"
#include "strategy/signals/TimeframeMap.h"

namespace bw::bench {
namespace {

/// The simulated capture's lines, each with TickParser::kPadding readable bytes after it.
std::vector<std::string> simulatedLines(int seconds = 120) {
  const auto path = std::filesystem::temp_directory_path() / "bw-hot-path-instructions.jsonl.gz";
  feed::SimulatorConfig config;
  config.seconds = seconds;
  (void)feed::writeSimulatedCapture(path.string(), config);
  std::vector<std::string> lines;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return lines;
  std::vector<char> buffer(1 << 16);
  while (gzgets(file, buffer.data(), static_cast<int>(buffer.size())) != nullptr) {
    std::string line(buffer.data());
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty()) continue;
    line.reserve(line.size() + feed::TickParser::kPadding);
    lines.push_back(std::move(line));
  }
  gzclose(file);
  std::filesystem::remove(path);
  return lines;
}

/// The simulated capture parsed, as the engine receives it.
std::vector<Tick> simulatedTicks(const InstrumentTable& instruments, int seconds = 120) {
  feed::TickParser parser(instruments);
  parser.reserve(1 << 16);
  std::vector<Tick> ticks;
  for (const std::string& line : simulatedLines(seconds)) {
    Tick t;
    if (parser.parse(line, t).error != feed::ParseError::kOk) continue;
    t.levels = nullptr;  // as on the engine side of the queue
    ticks.push_back(t);
  }
  return ticks;
}

const Config& shippedConfig() {
  static const Config c = loadConfig(std::string(BW_SOURCE_DIR) + "/config/breakwater.toml");
  return c;
}

/// Runs `op(i)` for i in [0, ops): first `ops` times uncounted (warm-up), then counted.
template <typename Op>
void measure(long ops, Op&& op) {
  for (long i = 0; i < ops; ++i) op(i);
  CALLGRIND_TOGGLE_COLLECT;
  for (long i = 0; i < ops; ++i) op(i);
  CALLGRIND_TOGGLE_COLLECT;
}

int riskCheck(long ops) {
  BenchGate g(ControlBlock::anonymous(), benchOptions(risk::Callers::kSingle));
  std::vector<OrderIntent> batch(kMaxBatch);
  long failed = 0;
  // Batches of kMaxBatch working entries; their cancels run outside the count.
  for (int pass = 0; pass < 2; ++pass) {
    for (long done = 0; done < ops; done += kMaxBatch) {
      const long n = std::min<long>(kMaxBatch, ops - done);
      for (long i = 0; i < n; ++i) batch[static_cast<std::size_t>(i)] = g.entry();
      if (pass == 1) CALLGRIND_TOGGLE_COLLECT;
      for (long i = 0; i < n; ++i) failed += g.gate.check(batch[static_cast<std::size_t>(i)]) != risk::RejectCode::kAccepted;
      if (pass == 1) CALLGRIND_TOGGLE_COLLECT;
      for (long i = 0; i < n; ++i) g.cancel(batch[static_cast<std::size_t>(i)]);
    }
  }
  if (failed != 0) std::fprintf(stderr, "risk_check: %ld checks refused (the path measured is not the accept path)\n", failed);
  return failed == 0 ? 0 : 1;
}

int tickDecode(long ops) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const std::vector<std::string> lines = simulatedLines();
  if (lines.empty()) return 1;
  feed::TickParser parser(instruments);
  parser.reserve(1 << 16);
  long bad = 0;
  measure(ops, [&](long i) {
    Tick t;
    bad += parser.parse(lines[static_cast<std::size_t>(i) % lines.size()], t).error != feed::ParseError::kOk;
  });
  if (bad != 0) std::fprintf(stderr, "tick_decode: %ld lines refused\n", bad);
  return bad == 0 ? 0 : 1;
}

int barUpdate(long ops) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::vector<Tick> ticks = simulatedTicks(instruments);
  if (ticks.empty()) return 1;
  const std::int64_t span = ticks.back().recv_ns - ticks.front().recv_ns + 1'000'000'000;
  auto bars = std::make_unique<feed::BarSet>(shippedConfig().bars);
  std::uint64_t closed = 0;
  std::int64_t shift = 0;
  measure(ops, [&](long i) {
    const std::size_t k = static_cast<std::size_t>(i) % ticks.size();
    if (k == 0 && i != 0) shift += span;  // market time only moves forward
    Tick t = ticks[k];
    t.recv_ns += shift;
    if (t.exch_ns != 0) t.exch_ns += shift;
    bars->onTick(t, [&closed](const feed::Bar&) noexcept { ++closed; });
  });
  return closed > 0 ? 0 : 1;
}

int signalUpdate(long ops) {
  const Config& config = shippedConfig();
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  // The bars that closed with each strategy bar, as the engine hands them over.
  struct Close {
    std::size_t count = 0;
    std::array<std::pair<std::size_t, feed::Bar>, strategy::kMaxTimeframes> bars{};
  };
  std::vector<Close> closes;
  feed::BarSet bars(config.bars);
  const strategy::TimeframeMap timeframes = strategy::timeframeMap(bars, config);
  for (const Tick& tick : simulatedTicks(instruments)) {
    Close c;
    bars.onTick(tick, [&](const feed::Bar& bar) {
      const std::int8_t t = timeframes[bar.series];
      if (t >= 0 && c.count < strategy::kMaxTimeframes) c.bars[c.count++] = {static_cast<std::size_t>(t), bar};
    });
    if (c.count != 0 && c.bars[0].first == 0) closes.push_back(c);
  }
  if (closes.empty()) return 1;
  strategy::SymbolSignals signals(strategy::signalLengthsFrom(config.signals));
  measure(ops, [&](long i) {
    const Close& c = closes[static_cast<std::size_t>(i) % closes.size()];
    for (std::size_t b = 0; b < c.count; ++b) signals.onBar(c.bars[b].first, c.bars[b].second);
  });
  return 0;
}

/// A strategy bar's close met cold: every cache evicted, then the closing tick's bars
/// (BarSet::onTick), the timeframes' indicators (DecisionEngine::onBar) and the decision
/// (decide) of every symbol whose strategy bar closed. One operation per closing tick; the
/// ticks between closes run uncounted, as the engine runs them.
int coldClose(long ops) {
  const Config& config = shippedConfig();
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const std::vector<Tick> ticks = simulatedTicks(instruments, 1'800);  // 30 minutes: ~1,600 closes measured
  if (ticks.empty()) return 1;
  auto bars = std::make_unique<feed::BarSet>(config.bars);
  const strategy::TimeframeMap timeframes = strategy::timeframeMap(*bars, config);
  auto engine = std::make_unique<strategy::DecisionEngine>(instruments, config);
  std::array<SymbolId, InstrumentTable::kCapacity> pending{};
  std::size_t pending_count = 0;
  const auto onBar = [&](const feed::Bar& bar) noexcept {
    const std::int8_t t = timeframes[bar.series];
    if (t < 0) return;
    if (t == 0) pending[pending_count++] = bar.symbol;
    engine->onBar(static_cast<std::size_t>(t), bar);
  };
  // Which ticks close a strategy bar: found by a first pass on a BarSet of its own.
  std::vector<bool> closing(ticks.size(), false);
  {
    feed::BarSet scout(config.bars);
    for (std::size_t k = 0; k < ticks.size(); ++k) {
      scout.onTick(ticks[k], [&](const feed::Bar& bar) noexcept { closing[k] = closing[k] || timeframes[bar.series] == 0; });
    }
  }
  ColdCaches cold(Evict::kCoreCaches);  // tools/cold-footprint simulates a 2 MiB last level
  long done = 0;
  long decided = 0;
  for (std::size_t k = 0; k < ticks.size() && done < ops; ++k) {
    const Tick& tick = ticks[k];
    const bool measured = closing[k] && k > ticks.size() / 10;  // after the indicators' warm-up
    if (measured) {
      cold.evict();
      CALLGRIND_TOGGLE_COLLECT;
    }
    bars->onTick(tick, onBar);
    for (std::size_t i = 0; i < pending_count; ++i) decided += engine->decide(pending[i]).kind != strategy::Decision::Kind::kNone;
    pending_count = 0;
    if (measured) {
      CALLGRIND_TOGGLE_COLLECT;
      ++done;
    }
    engine->onTick(tick);
    if (tick.kind == TickKind::kTrade) decided += engine->onTrade(tick).kind != strategy::Decision::Kind::kNone;
  }
  if (done < ops) {
    std::fprintf(stderr, "cold_close: the capture holds %ld closes, not %ld\n", done, ops);
    return 1;
  }
  std::fprintf(stderr, "cold_close: %ld decisions\n", decided);
  return 0;
}

/// RiskGate::check of an entry that passes every control (bench/BenchGate.h), met cold:
/// every cache evicted before each check. Its cancel runs uncounted.
int coldCheck(long ops) {
  BenchGate g(ControlBlock::anonymous(), benchOptions(risk::Callers::kSingle));
  ColdCaches cold(Evict::kCoreCaches);
  long failed = 0;
  for (long i = 0; i < ops; ++i) {
    const OrderIntent o = g.entry();
    cold.evict();
    CALLGRIND_TOGGLE_COLLECT;
    failed += g.gate.check(o) != risk::RejectCode::kAccepted;
    CALLGRIND_TOGGLE_COLLECT;
    g.cancel(o);
  }
  if (failed != 0) std::fprintf(stderr, "cold_check: %ld checks refused\n", failed);
  return failed == 0 ? 0 : 1;
}

int fixEncode(long ops) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  fix::OrderEncoder encoder("FIX.4.4", "BREAKWATER", "VENUESIM", instruments);
  OrderRequest r;
  r.action = OrderRequest::Action::kNew;
  r.symbol = instruments.find("BTCUSDT");
  r.tif = TimeInForce::kGtc;
  r.qty = Qty{50'000};
  long bad = 0;
  std::uint64_t seq = 0;
  measure(ops, [&](long i) {
    r.id = static_cast<OrderId>(i + 1);
    r.side = (i & 1) != 0 ? Side::kSell : Side::kBuy;
    r.limit = Price{(60'000 + (i % 100)) * kScale};
    std::string_view out;
    // A fixed clock: the count must not depend on the time of day's digits.
    bad += encoder.encode(r, ++seq, 1'732'406'400'000'000'000, out) != fix::OrderEncodeError::kOk;
  });
  return bad == 0 ? 0 : 1;
}

}  // namespace
}  // namespace bw::bench

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: hot_path_instructions risk_check|tick_decode|bar_update|signal_update|fix_encode [OPS]\n");
    return 2;
  }
  const std::string_view path = argv[1];
  const long ops = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 20'000;
  if (ops <= 0) {
    std::fprintf(stderr, "hot_path_instructions: OPS must be a positive number, not '%s'\n", argv[2]);
    return 2;
  }
  int rc = 2;
  if (path == "risk_check") rc = bw::bench::riskCheck(ops);
  else if (path == "tick_decode") rc = bw::bench::tickDecode(ops);
  else if (path == "bar_update") rc = bw::bench::barUpdate(ops);
  else if (path == "signal_update") rc = bw::bench::signalUpdate(ops);
  else if (path == "fix_encode") rc = bw::bench::fixEncode(ops);
  else if (path == "cold_close") rc = bw::bench::coldClose(ops);
  else if (path == "cold_check") rc = bw::bench::coldCheck(ops);
  else std::fprintf(stderr, "hot_path_instructions: unknown path '%.*s'\n", static_cast<int>(path.size()), path.data());
  if (rc == 0) std::printf("%.*s %ld\n", static_cast<int>(path.size()), path.data(), ops);
  return rc;
}
