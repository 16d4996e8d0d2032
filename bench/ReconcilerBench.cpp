// The engine's per-execution-report cost of the order lifecycle and reconciliation
// (risk/OrderLifecycle, risk/Reconciler), in one binary so the figures read as ratios:
//
//   BM_LifecycleApply        one OrderLifecycle::apply (the table lookup alone), over an
//                            order's life Sent, Ack, PartialFill, Fill: items = events.
//   BM_ReconcilePartialFill  one Reconciler::onReport of a clean partial fill, steady
//                            state: 1024 working orders (sent and acked in setup, each for
//                            a quantity that never runs out), visited in turn; the report
//                            is built in the loop (two adds). The per-ER figure.
//   BM_ReconcileOrderLife    a whole clean order: onNewSent, ack, partial fill, fill (4
//                            calls, 3 reports); ids run on, so slots are reused.
//   BM_ReconcileDesync       a report for an unknown ClOrdID: the desync path, text
//                            formatted with snprintf (rare: it ends in a kill).
//
// Run pinned: taskset -c 1 build/bin/bench/bench_reconciler --benchmark_repetitions=7
//   --benchmark_report_aggregates_only=true ; read the medians.

#include <benchmark/benchmark.h>

#include <array>
#include <memory>

#include "risk/Reconciler.h"

namespace bw::risk {
namespace {

using E = LifecycleEvent;

void BM_LifecycleApply(benchmark::State& state) {
  constexpr std::array<E, 4> kLife{E::kSent, E::kAck, E::kPartialFill, E::kFill};
  for (auto _ : state) {
    OrderLifecycle l;
    for (E e : kLife) {
      TransitionError t = l.apply(e);
      benchmark::DoNotOptimize(t);
    }
    benchmark::DoNotOptimize(l);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kLife.size()));
}
BENCHMARK(BM_LifecycleApply);

void BM_ReconcilePartialFill(benchmark::State& state) {
  constexpr OrderId kOrders = 1024;
  constexpr std::int64_t kQty = std::int64_t{1} << 60;  // never filled up within a run
  auto rec = std::make_unique<Reconciler>();
  std::array<OrderReport, kOrders> next{};
  for (OrderId i = 0; i < kOrders; ++i) {
    const OrderId id = i + 1;
    if (rec->onNewSent(id, 0, Side::kBuy, Qty{kQty}) != TransitionError::kNone) state.SkipWithError("send refused");
    OrderReport ack;
    ack.event = E::kAck;
    ack.id = id;
    ack.leaves_qty = Qty{kQty};
    if (rec->onReport(ack).desync != DesyncKind::kNone) state.SkipWithError("ack desync");
    OrderReport& f = next[i];
    f.event = E::kPartialFill;
    f.id = id;
    f.last_qty = Qty{1};
    f.leaves_qty = Qty{kQty};
  }
  std::size_t i = 0;
  for (auto _ : state) {
    OrderReport& f = next[i];
    f.cum_qty.raw += 1;
    f.leaves_qty.raw -= 1;
    ReconcileResult r = rec->onReport(f);
    benchmark::DoNotOptimize(r);
    i = (i + 1) & (kOrders - 1);
  }
  if (rec->desyncsTotal() != 0) state.SkipWithError(rec->lastDesync().text);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReconcilePartialFill);

void BM_ReconcileOrderLife(benchmark::State& state) {
  auto rec = std::make_unique<Reconciler>();
  OrderId id = 1;
  const Qty qty{100};
  OrderReport ack;
  ack.event = E::kAck;
  ack.leaves_qty = qty;
  OrderReport part;
  part.event = E::kPartialFill;
  part.last_qty = Qty{40};
  part.cum_qty = Qty{40};
  part.leaves_qty = Qty{60};
  OrderReport last;
  last.event = E::kFill;
  last.last_qty = Qty{60};
  last.cum_qty = qty;
  for (auto _ : state) {
    TransitionError t = rec->onNewSent(id, 0, Side::kBuy, qty);
    benchmark::DoNotOptimize(t);
    ack.id = part.id = last.id = id;
    ReconcileResult a = rec->onReport(ack);
    ReconcileResult b = rec->onReport(part);
    ReconcileResult c = rec->onReport(last);
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(b);
    benchmark::DoNotOptimize(c);
    ++id;
  }
  if (rec->desyncsTotal() != 0) state.SkipWithError(rec->lastDesync().text);
  state.SetItemsProcessed(state.iterations() * 3);  // reports
}
BENCHMARK(BM_ReconcileOrderLife);

void BM_ReconcileDesync(benchmark::State& state) {
  auto rec = std::make_unique<Reconciler>();
  OrderReport stranger;
  stranger.event = E::kPartialFill;
  stranger.id = 999'999;
  stranger.symbol = 0;
  stranger.last_qty = Qty{150'000'000};
  stranger.cum_qty = Qty{150'000'000};
  stranger.leaves_qty = Qty{50'000'000};
  for (auto _ : state) {
    ReconcileResult r = rec->onReport(stranger);
    benchmark::DoNotOptimize(r);
  }
  if (rec->desyncs(DesyncKind::kUnknownOrder) != static_cast<std::uint64_t>(state.iterations())) {
    state.SkipWithError("not every report was a desync");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReconcileDesync);

}  // namespace
}  // namespace bw::risk

BENCHMARK_MAIN();
