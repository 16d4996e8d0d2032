#pragma once
// A RiskGate over the default instruments, a private control block holding the runbook
// limits (with the time-based controls opened wide, so that a test of one control is not
// tripped by another: each time-based control has its own test), BTCUSDT marked at 60000
// and ETHUSDT at 3000, and helpers that build valid orders. Each order is 1 ms after the
// last in market time.

#include <gtest/gtest.h>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "core/InstrumentTable.h"
#include "risk/PositionBook.h"
#include "risk/RiskGate.h"

namespace bw::risk {

inline Price px(std::int64_t units) { return Price{units * kScale}; }

/// The runbook defaults with duplicate window, rates and data age out of the way.
inline LimitValues fixtureLimits() {
  LimitValues v = defaultLimitValues();
  v[LimitKey::kDuplicateWindowMs] = 1;
  v[LimitKey::kMaxOrdersPerSec] = 1'000'000;
  v[LimitKey::kMaxMessagesPerSec] = 1'000'000;
  v[LimitKey::kMaxCancelsPerSec] = 1'000'000;
  v[LimitKey::kMaxDataAgeMs] = limit_bounds::kMillisDay;
  return v;
}

class RiskGateFixture : public ::testing::Test {
 protected:
  explicit RiskGateFixture(Callers callers = Callers::kSingle, bool venue_is_live = false)
      : instruments_(InstrumentTable::withDefaults()),
        control_(ControlBlock::anonymous()),
        gate_(instruments_, control_, positions_, options(callers, venue_is_live)) {
    btc_ = instruments_.find("BTCUSDT");
    eth_ = instruments_.find("ETHUSDT");
    control_.layout().limit_sets[0].store(fixtureLimits());
    gate_.onTrade(btc_, px(60'000), now_);
    gate_.onTrade(eth_, px(3'000), now_);
  }

  static GateOptions options(Callers callers, bool venue_is_live) {
    GateOptions o;
    o.callers = callers;
    o.venue_is_live = venue_is_live;
    return o;
  }

  void setLimit(LimitKey key, std::int64_t raw) { control_.setLimit(key, raw); }

  /// A buy of 0.0005 BTC (30 USDT) at 60000 with stop 59000 and target 61000 (risk 0.5).
  OrderIntent entry(Side side = Side::kBuy) {
    OrderIntent o;
    o.id = next_id_++;
    o.ts_ns = (now_ += 1'000'000);
    o.symbol = btc_;
    o.side = side;
    o.limit = px(60'000);
    o.qty = Qty{50'000};
    o.stop_loss = side == Side::kBuy ? px(59'000) : px(61'000);
    o.take_profit = side == Side::kBuy ? px(61'000) : px(59'000);
    return o;
  }
  /// 0.01 ETH (30 USDT) at 3000, stop 2900, target 3100.
  OrderIntent ethEntry() {
    OrderIntent o = entry();
    o.symbol = eth_;
    o.limit = px(3'000);
    o.stop_loss = px(2'900);
    o.take_profit = px(3'100);
    o.qty = Qty{1'000'000};
    return o;
  }
  /// A reduce-only exit of `qty` on BTCUSDT at 60000.
  OrderIntent exitOrder(Side side, Qty qty) {
    OrderIntent o;
    o.id = next_id_++;
    o.ts_ns = (now_ += 1'000'000);
    o.symbol = btc_;
    o.side = side;
    o.reduce_only = true;
    o.limit = px(60'000);
    o.qty = qty;
    return o;
  }

  ExecEvent exec(ExecEvent::Kind kind, const OrderIntent& o, Qty last_qty = Qty{0}) {
    ExecEvent e;
    e.kind = kind;
    e.id = o.id;
    e.symbol = o.symbol;
    e.side = o.side;
    e.last_px = o.limit;
    e.last_qty = last_qty;
    return e;
  }
  /// Accepts and fully fills an order.
  void fill(const OrderIntent& o) {
    ASSERT_EQ(gate_.check(o), RejectCode::kAccepted);
    gate_.onExec(exec(ExecEvent::Kind::kFill, o, o.qty));
  }

  InstrumentTable instruments_;
  ControlBlock control_;
  PositionBook positions_;
  RiskGate gate_;
  SymbolId btc_ = kNoSymbol;
  SymbolId eth_ = kNoSymbol;
  OrderId next_id_ = 1;
  std::int64_t now_ = 1'700'000'000'000'000'000;
};

}  // namespace bw::risk
