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
#include <charconv>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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

constexpr const char* kSender = "BREAKWATER";
constexpr const char* kTarget = "VENUESIM";
constexpr std::size_t kRequests = 1024;

const TscClock& tscClock() {
  static const TscClock clock = TscClock::calibrate(50);
  return clock;
}

std::array<OrderRequest, kRequests> makeRequests(const InstrumentTable& table) {
  std::array<OrderRequest, kRequests> requests{};
  for (std::size_t i = 0; i < kRequests; ++i) {
    OrderRequest& r = requests[i];
    r.action = OrderRequest::Action::kNew;
    r.id = 1'000'000 + i;
    r.symbol = table.find(i % 2 ? "BTCUSDT" : "ETHUSDT");
    r.side = i % 3 ? Side::kBuy : Side::kSell;
    r.tif = static_cast<TimeInForce>(i % 3);
    r.limit = Price{(i % 2 ? 6'183'763'000'000 : 261'235'000'000) + static_cast<std::int64_t>(i) * 1'000'000};
    r.qty = Qty{12'000 + static_cast<std::int64_t>(i % 17) * 1'000};
  }
  return requests;
}

std::int64_t wallClockNs() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

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
  ReferenceOrder o;
  o.sender_comp_id = kSender;
  o.target_comp_id = kTarget;
  o.msg_seq_num = static_cast<int>(s.seq);
  o.now = true;
  o.side = fix::sideChar(r.side);
  o.tif = fix::tifChar(r.tif);
  std::string text;
  if (path == Path::kQuickFixDefault) {
    char id[24];
    *std::to_chars(id, id + sizeof id - 1, r.id).ptr = '\0';
    o.cl_ord_id = id;
    o.symbol = s.instruments[r.symbol].symbol.data();
    o.price = static_cast<double>(r.limit.raw) / static_cast<double>(kScale);
    o.qty = static_cast<double>(r.qty.raw) / static_cast<double>(kScale);
    text = fix::buildWithQuickFix(o, ReferenceDecimals::kDouble);
  } else {
    fix::WireOrder w;
    if (!fix::encodeOrder(r, s.instruments, w)) return;
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
  const TscClock& clock = tscClock();
  const InstrumentTable table = InstrumentTable::withDefaults();
  const auto requests = makeRequests(table);
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
  const auto ns = [&](std::uint64_t ticks) { return static_cast<double>(clock.toNs(ticks)); };
  state.SetItemsProcessed(state.iterations());
  state.counters["p50_ns"] = ns(histogram->percentile(0.50));
  state.counters["p99_ns"] = ns(histogram->percentile(0.99));
  state.counters["p999_ns"] = ns(histogram->percentile(0.999));
  state.counters["max_ns"] = ns(histogram->max());
  state.counters["bytes_per_order"] = static_cast<double>(s.bytes) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_SendPath, encoder, Path::kEncoder);
BENCHMARK_CAPTURE(BM_SendPath, quickfix_default, Path::kQuickFixDefault);
BENCHMARK_CAPTURE(BM_SendPath, quickfix_gateway, Path::kQuickFixGateway);

/// Two back-to-back rdtsc reads timed the same way: the floor in every sample above.
void BM_RdtscFloor(benchmark::State& state) {
  const TscClock& clock = tscClock();
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
