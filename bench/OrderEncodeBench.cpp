// The fast send path (issue 6 item 5): a gate-approved bw::OrderRequest, as the order
// thread gets it, turned into FIX 4.4 NewOrderSingle bytes ready for the socket, three
// ways in one binary so the figures read as ratios of each other:
//
//   BM_SendPath/encoder
//       fix/OrderEncoder: wall clock read (system_clock, vDSO), MsgSeqNum + 1, encode().
//   BM_SendPath/quickfix_default
//       QuickFIX's default: FIX44::NewOrderSingle, typed fields (FIX::Price / FIX::OrderQty
//       from doubles), header fields (BeginString, comp ids, MsgSeqNum, SendingTime of
//       now), Message::toString(); the ClOrdID and symbol text made from the request
//       first. Built in the C++14 fix/QuickFixOrderReference.cpp.
//   BM_SendPath/quickfix_gateway
//       what OrderGateway::send does today before Session::send: WireConvert's
//       encodeOrder (formatDecimal text) then the same QuickFIX build with the decimals
//       set as text.
//
// Each iteration is one order, timed on its own with rdtsc into a histogram: p50_ns,
// p99_ns, p999_ns, max_ns counters (one rdtsc pair, ~10-20 ns on the KVM guest, is in
// every sample); the benchmark's own time is the mean. Orders rotate over 1024 requests
// with different ids, prices and sides. Issue 6's target: encoder p50 <= 1 us.
//
// Neither side includes Session::send's own work (its mutex, toApp, the store, the
// socket write): both stop at the bytes.
//
// Run: taskset -c 1 build/bin/bench/bench_order_encode --benchmark_repetitions=7
//   --benchmark_report_aggregates_only=true [--benchmark_out=F --benchmark_out_format=json]
// Instructions per order: valgrind --tool=callgrind --toggle-collect='*sendPathOnce*'
//   build/bin/bench/bench_order_encode --benchmark_filter=<one>
//   (callgrind_annotate --inclusive=yes; divide by the calls of sendPathOnce).

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "SendPathBenchSupport.h"
#include "core/LatencyHistogram.h"
#include "core/TscClock.h"
#include "fix/OrderEncoder.h"
#include "fix/QuickFixOrderReference.h"
#include "fix/WireConvert.h"

namespace bw::bench {
namespace {

using fix::OrderEncodeError;
using fix::OrderEncoder;
using fix::ReferenceDecimals;
using fix::ReferenceOrder;

enum class Path { kEncoder, kQuickFixDefault, kQuickFixGateway };

constexpr const char* kSender = kSendSender;
constexpr const char* kTarget = kSendTarget;
constexpr std::size_t kRequests = kSendRequests;

/// State of one path: whatever it keeps between orders (the encoder, the last bytes).
struct SendPath {
  explicit SendPath(const InstrumentTable& table) : instruments(table), encoder("FIX.4.4", kSender, kTarget, table) {}
  const InstrumentTable& instruments;
  OrderEncoder encoder;
  std::uint64_t seq = 0;
  std::size_t bytes = 0;  // checked after the run: every path produced a message
};

/// One order through one path. noinline: callgrind's --toggle-collect counts exactly this.
[[gnu::noinline]] void sendPathOnce(SendPath& s, Path path, const OrderRequest& r) {
  ++s.seq;
  if (path == Path::kEncoder) {
    std::string_view out;
    if (s.encoder.encode(r, s.seq, wallClockNs(), out) != OrderEncodeError::kOk) return;
    benchmark::DoNotOptimize(out.data());
    s.bytes += out.size();
    return;
  }
  std::string text;
  if (path == Path::kQuickFixDefault) {
    text = quickFixDefaultOrder(r, s.seq, s.instruments);
  } else {
    fix::WireOrder w;
    if (!fix::encodeOrder(r, s.instruments, w)) return;
    ReferenceOrder o = referenceOrder(r, s.seq);
    o.cl_ord_id = w.cl_ord_id;
    o.symbol = w.symbol;
    o.price_text = w.price;
    o.qty_text = w.order_qty;
    text = fix::buildWithQuickFix(o, ReferenceDecimals::kText);
  }
  benchmark::DoNotOptimize(text.data());
  s.bytes += text.size();
}

void BM_SendPath(benchmark::State& state, Path path) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  const auto requests = makeSendRequests(table);
  SendPath s(table);
  auto histogram = std::make_unique<LatencyHistogram>();
  std::size_t i = 0;
  for (auto _ : state) {
    const OrderRequest& r = requests[i++ % kRequests];
    const std::uint64_t t0 = TscClock::now();
    sendPathOnce(s, path, r);
    const std::uint64_t t1 = TscClock::now();
    histogram->record(static_cast<std::int64_t>(t1 - t0));
  }
  if (s.bytes < static_cast<std::size_t>(state.iterations()) * 100) state.SkipWithError("a path produced no message");
  state.SetItemsProcessed(state.iterations());
  reportPercentiles(state, *histogram);
  state.counters["bytes_per_order"] = static_cast<double>(s.bytes) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_SendPath, encoder, Path::kEncoder);
BENCHMARK_CAPTURE(BM_SendPath, quickfix_default, Path::kQuickFixDefault);
BENCHMARK_CAPTURE(BM_SendPath, quickfix_gateway, Path::kQuickFixGateway);

/// Two back-to-back rdtsc reads timed the same way: the floor in every sample above.
void BM_RdtscFloor(benchmark::State& state) {
  const TscClock& clock = sendTscClock();
  auto histogram = std::make_unique<LatencyHistogram>();
  for (auto _ : state) {
    const std::uint64_t t0 = TscClock::now();
    const std::uint64_t t1 = TscClock::now();
    histogram->record(static_cast<std::int64_t>(t1 - t0));
  }
  state.counters["p50_ns"] = static_cast<double>(clock.toNs(histogram->percentile(0.50)));
}
BENCHMARK(BM_RdtscFloor);

}  // namespace
}  // namespace bw::bench

BENCHMARK_MAIN();
