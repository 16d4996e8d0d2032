#pragma once
// Shared by the send-path benchmarks (OrderEncodeBench, FastSendBench): the same 1024
// gate-approved orders, the same clock and the same per-order percentile counters, so
// their figures can be read side by side.

#include <benchmark/benchmark.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Order.h"
#include "core/TscClock.h"
#include "fix/QuickFixOrderReference.h"
#include "fix/WireConvert.h"

namespace bw::bench {

inline constexpr const char* kSendSender = "BREAKWATER";
inline constexpr const char* kSendTarget = "VENUESIM";
inline constexpr std::size_t kSendRequests = 1024;

inline const TscClock& sendTscClock() {
  static const TscClock clock = TscClock::calibrate(50);
  return clock;
}

/// 1024 new orders rotating symbol, side, TIF, price and quantity, ids from 1'000'000.
inline std::array<OrderRequest, kSendRequests> makeSendRequests(const InstrumentTable& table) {
  std::array<OrderRequest, kSendRequests> requests{};
  for (std::size_t i = 0; i < kSendRequests; ++i) {
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

inline std::int64_t wallClockNs() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// p50/p99/p99.9/max of the per-order rdtsc samples as counters (ns).
inline void reportPercentiles(benchmark::State& state, const LatencyHistogram& histogram) {
  const TscClock& clock = sendTscClock();
  const auto ns = [&](std::uint64_t ticks) { return static_cast<double>(clock.toNs(ticks)); };
  state.counters["p50_ns"] = ns(histogram.percentile(0.50));
  state.counters["p99_ns"] = ns(histogram.percentile(0.99));
  state.counters["p999_ns"] = ns(histogram.percentile(0.999));
  state.counters["max_ns"] = ns(histogram.max());
}

/// The header and the fields every QuickFIX path shares: comp ids, MsgSeqNum, SendingTime
/// of now, side, TIF.
inline fix::ReferenceOrder referenceOrder(const OrderRequest& r, std::uint64_t seq) {
  fix::ReferenceOrder o;
  o.sender_comp_id = kSendSender;
  o.target_comp_id = kSendTarget;
  o.msg_seq_num = static_cast<int>(seq);
  o.now = true;
  o.side = fix::sideChar(r.side);
  o.tif = fix::tifChar(r.tif);
  return o;
}

/// QuickFIX's default way to the bytes of `r`: FIX44::NewOrderSingle with typed fields
/// (FIX::Price / FIX::OrderQty from doubles), the ClOrdID and symbol text made from the
/// request first, then Message::toString().
inline std::string quickFixDefaultOrder(const OrderRequest& r, std::uint64_t seq, const InstrumentTable& instruments) {
  fix::ReferenceOrder o = referenceOrder(r, seq);
  char id[24];
  *std::to_chars(id, id + sizeof id - 1, r.id).ptr = '\0';
  o.cl_ord_id = id;
  o.symbol = instruments[r.symbol].symbol.data();
  o.price = static_cast<double>(r.limit.raw) / static_cast<double>(kScale);
  o.qty = static_cast<double>(r.qty.raw) / static_cast<double>(kScale);
  return fix::buildWithQuickFix(o, fix::ReferenceDecimals::kDouble);
}

}  // namespace bw::bench
