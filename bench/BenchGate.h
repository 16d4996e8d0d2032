#pragma once
// A RiskGate set up as a trading process would run it, for the benchmarks and the
// kill-latency harness: every control enabled and evaluated on every order, with limits
// generous enough that a batch of valid orders is accepted.
//
//   - defaultLimitValues(), then: exposure and open-risk limits raised so kMaxBatch working
//     entries fit; max_open_orders at its bound (4096); rates at 1e6/s (GCRA still runs);
//     duplicate window 1 ms with each order 1 ms after the last in market time (the window
//     is checked and the word updated on every order); max_data_age_ms at its bound (one
//     day of market time: the staleness comparison still runs). Shadow limits off.
//   - BTCUSDT marked at 60000, ETHUSDT at 3000; XRPUSDT is in the table but never traded
//     (the NO_REFERENCE_PRICE case).
//
// Single thread: whoever owns it calls check and the exec-side helpers (cancel, fill,
// refreshTick). Setup allocates; check() does not.

#include <cstdint>
#include <utility>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "risk/PositionBook.h"
#include "risk/RiskGate.h"

namespace bw::bench {

/// Working orders a benchmark batch holds at once (well under max_open_orders' 4096).
inline constexpr int kMaxBatch = 256;

[[nodiscard]] inline Price px(std::int64_t units) noexcept { return Price{units * kScale}; }

/// Every control on; room for kMaxBatch working 30-USDT entries (see the header comment).
[[nodiscard]] inline LimitValues benchLimits() noexcept {
  LimitValues v = defaultLimitValues();
  const std::int64_t roomy = 1'000'000 * kScale;  // 1e6 USDT: a batch of 256 x 30 USDT fits
  v[LimitKey::kMaxSymbolGrossNotional] = roomy;
  v[LimitKey::kMaxSymbolNetNotional] = roomy;
  v[LimitKey::kMaxTotalNotional] = roomy;
  v[LimitKey::kMaxTotalNetNotional] = roomy;
  v[LimitKey::kMaxOpenRisk] = roomy;  // 256 x 0.5 risk; one symbol may take its 60%
  v[LimitKey::kMaxOpenOrders] = 4'096;
  v[LimitKey::kDuplicateWindowMs] = 1;
  v[LimitKey::kMaxOrdersPerSec] = 1'000'000;
  v[LimitKey::kMaxMessagesPerSec] = 1'000'000;
  v[LimitKey::kMaxCancelsPerSec] = 1'000'000;
  v[LimitKey::kMaxDataAgeMs] = limit_bounds::kMillisDay;
  return v;
}

/// BTCUSDT and ETHUSDT as in production, plus XRPUSDT (never traded here).
[[nodiscard]] inline InstrumentTable benchInstruments() {
  InstrumentTable t = InstrumentTable::withDefaults();
  t.add("XRPUSDT", Price{1'000'000}, Qty{1'000});
  return t;
}

[[nodiscard]] inline risk::GateOptions benchOptions(risk::Callers callers) noexcept {
  risk::GateOptions o;
  o.callers = callers;
  return o;
}

struct BenchGate {
  /// Takes over `block` (private or a mapped instance) and stores `limits` as its live set.
  BenchGate(ControlBlock block, risk::GateOptions options, const LimitValues& limits = benchLimits())
      : instruments(benchInstruments()),
        control(std::move(block)),
        gate(instruments, control, positions, options),
        btc(instruments.find("BTCUSDT")),
        eth(instruments.find("ETHUSDT")),
        xrp(instruments.find("XRPUSDT")) {
    ControlBlockLayout& l = control.layout();
    l.limit_sets[l.live_set.load(std::memory_order_acquire) & 1u].store(limits);
    gate.onTrade(btc, px(60'000), now);
    gate.onTrade(eth, px(3'000), now);
  }
  BenchGate(const BenchGate&) = delete;
  BenchGate& operator=(const BenchGate&) = delete;

  /// A buy of 0.0005 BTC (30 USDT) at 60000, stop 59000, target 61000 (risk 0.5), 1 ms
  /// after the previous order. A sell mirrors the bracket.
  OrderIntent entry(Side side = Side::kBuy) noexcept {
    OrderIntent o;
    o.id = next_id++;
    o.ts_ns = (now += 1'000'000);
    o.symbol = btc;
    o.side = side;
    o.limit = px(60'000);
    o.qty = Qty{50'000};
    o.stop_loss = side == Side::kBuy ? px(59'000) : px(61'000);
    o.take_profit = side == Side::kBuy ? px(61'000) : px(59'000);
    return o;
  }
  /// 0.01 ETH (30 USDT) at 3000, stop 2900, target 3100.
  OrderIntent ethEntry() noexcept {
    OrderIntent o = entry();
    o.symbol = eth;
    o.limit = px(3'000);
    o.stop_loss = px(2'900);
    o.take_profit = px(3'100);
    o.qty = Qty{1'000'000};
    return o;
  }
  /// A reduce-only exit of `qty` BTC at 60000.
  OrderIntent exitOrder(Side side, Qty qty) noexcept {
    OrderIntent o;
    o.id = next_id++;
    o.ts_ns = (now += 1'000'000);
    o.symbol = btc;
    o.side = side;
    o.reduce_only = true;
    o.limit = px(60'000);
    o.qty = qty;
    return o;
  }

  [[nodiscard]] static ExecEvent exec(ExecEvent::Kind kind, const OrderIntent& o, Qty last_qty = Qty{0}) noexcept {
    ExecEvent e;
    e.kind = kind;
    e.id = o.id;
    e.symbol = o.symbol;
    e.side = o.side;
    e.last_px = o.limit;
    e.last_qty = last_qty;
    return e;
  }
  /// The venue canceled a working order: its reservations are released.
  void cancel(const OrderIntent& o) noexcept { (void)gate.onExec(exec(ExecEvent::Kind::kCanceled, o)); }
  /// Accepts and fully fills an order; false if the gate refused it.
  bool fill(const OrderIntent& o) noexcept {
    if (gate.check(o) != risk::RejectCode::kAccepted) return false;
    (void)gate.onExec(exec(ExecEvent::Kind::kFill, o, o.qty));
    return true;
  }
  /// A tick on both traded symbols at the current market time (what the engine thread
  /// does on every tick): keeps a long run inside max_data_age_ms.
  void refreshTick() noexcept {
    gate.onTick(btc, now);
    gate.onTick(eth, now);
  }

  InstrumentTable instruments;
  ControlBlock control;
  risk::PositionBook positions;
  risk::RiskGate gate;
  SymbolId btc;
  SymbolId eth;
  SymbolId xrp;
  OrderId next_id = 1;
  std::int64_t now = 1'700'000'000'000'000'000;
};

}  // namespace bw::bench
