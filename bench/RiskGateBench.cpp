// RiskGate::check on the accept path (every control runs, notional reserved and, to keep
// the state steady, released again by a cancel) and on reject paths (stops at the first
// failing control). Run: build/bin/bench/bench_risk_gate --benchmark_repetitions=10
//   --benchmark_report_aggregates_only=true --benchmark_out=F --benchmark_out_format=json

#include <benchmark/benchmark.h>

#include <array>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "risk/RiskGate.h"

namespace bw::risk {
namespace {

struct GateFixture {
  GateFixture() : instruments(InstrumentTable::withDefaults()), limits(LimitsConfig{}), gate(instruments, limits, kill, positions) {
    btc = instruments.find("BTCUSDT");
    gate.onTrade(btc, Price{60'000 * kScale});
  }
  OrderIntent entry(OrderId id) const {
    OrderIntent o;
    o.id = id;
    o.symbol = btc;
    o.side = Side::kBuy;
    o.limit = Price{60'000 * kScale};
    o.qty = Qty{50'000};
    o.stop_loss = Price{59'000 * kScale};
    o.take_profit = Price{61'000 * kScale};
    return o;
  }
  InstrumentTable instruments;
  RiskLimits limits;
  KillSwitch kill;
  PositionBook positions;
  RiskGate gate;
  SymbolId btc;
};

void BM_RiskGateCheckAccept(benchmark::State& state) {
  // Batches of kBatch accepted checks are timed; releasing them (the exec path) is not.
  // Pause/Resume costs a few hundred ns, so it is paid once per batch, not per check.
  constexpr int kBatch = 256;
  GateFixture f;
  LimitsConfig roomy;  // room for a whole batch of working orders
  roomy.max_total_notional = Notional{1'000'000 * kScale};
  f.limits.set(roomy);
  std::array<OrderIntent, kBatch> orders;
  OrderId id = 1;
  ExecEvent cancel;
  cancel.kind = ExecEvent::Kind::kCanceled;
  for (auto _ : state) {
    state.PauseTiming();
    for (OrderIntent& o : orders) o = f.entry(id++);
    state.ResumeTiming();
    for (const OrderIntent& o : orders) benchmark::DoNotOptimize(f.gate.check(o));
    state.PauseTiming();
    for (const OrderIntent& o : orders) {
      cancel.id = o.id;
      f.gate.onExec(cancel);
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.counters["ns_per_check"] = benchmark::Counter(static_cast<double>(state.iterations() * kBatch),
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  if (f.gate.accepted() != static_cast<std::uint64_t>(state.iterations() * kBatch)) state.SkipWithError("not all accepted");
}
BENCHMARK(BM_RiskGateCheckAccept);

void BM_RiskGateCheckAcceptAndRelease(benchmark::State& state) {
  GateFixture f;
  OrderId id = 1;
  ExecEvent cancel;
  cancel.kind = ExecEvent::Kind::kCanceled;
  for (auto _ : state) {
    OrderIntent o = f.entry(id++);
    benchmark::DoNotOptimize(o);
    benchmark::DoNotOptimize(f.gate.check(o));
    cancel.id = o.id;
    f.gate.onExec(cancel);
  }
}
BENCHMARK(BM_RiskGateCheckAcceptAndRelease);

void BM_RiskGateCheckRejectKillSwitch(benchmark::State& state) {
  GateFixture f;
  f.kill.trip(KillReason::kOperator);
  const OrderIntent o = f.entry(1);
  for (auto _ : state) benchmark::DoNotOptimize(f.gate.check(o));
}
BENCHMARK(BM_RiskGateCheckRejectKillSwitch);

void BM_RiskGateCheckRejectCollar(benchmark::State& state) {
  // Fails late: kill, shape, qty and notional pass before the collar refuses it.
  GateFixture f;
  OrderIntent o = f.entry(1);
  o.limit = Price{60'400 * kScale};
  o.take_profit = Price{61'000 * kScale};
  o.qty = Qty{10'000};
  for (auto _ : state) benchmark::DoNotOptimize(f.gate.check(o));
  if (f.gate.rejects(RejectCode::kPriceCollar) == 0) state.SkipWithError("collar did not reject");
}
BENCHMARK(BM_RiskGateCheckRejectCollar);

void BM_RiskGateCheckRejectTotalNotional(benchmark::State& state) {
  // Fails last: every control runs, then the reservation CAS refuses it.
  GateFixture f;
  LimitsConfig l;
  l.max_total_notional = Notional{50 * kScale};
  f.limits.set(l);
  (void)f.gate.check(f.entry(1));  // 30 of 50 reserved
  const OrderIntent o = f.entry(2);
  for (auto _ : state) benchmark::DoNotOptimize(f.gate.check(o));
  if (f.gate.rejects(RejectCode::kMaxTotalNotional) == 0) state.SkipWithError("total notional did not reject");
}
BENCHMARK(BM_RiskGateCheckRejectTotalNotional);

}  // namespace
}  // namespace bw::risk

BENCHMARK_MAIN();
