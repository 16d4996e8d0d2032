#pragma once
// A RiskGate over the default instruments with the runbook limits, BTCUSDT marked at
// 60000, and a helper that builds a valid bracketed limit entry.

#include <gtest/gtest.h>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "risk/KillSwitch.h"
#include "risk/PositionBook.h"
#include "risk/RiskGate.h"
#include "risk/RiskLimits.h"

namespace bw::risk {

inline Price px(std::int64_t units) { return Price{units * kScale}; }

class RiskGateFixture : public ::testing::Test {
 protected:
  RiskGateFixture() : instruments_(InstrumentTable::withDefaults()), limits_(LimitsConfig{}), gate_(instruments_, limits_, kill_, positions_) {
    btc_ = instruments_.find("BTCUSDT");
    eth_ = instruments_.find("ETHUSDT");
    gate_.onTrade(btc_, px(60'000));
    gate_.onTrade(eth_, px(3'000));
  }

  /// A buy of 0.0005 BTC (30 USDT) at 60000 with stop 59000 and target 61000.
  OrderIntent entry(Side side = Side::kBuy) {
    OrderIntent o;
    o.id = next_id_++;
    o.symbol = btc_;
    o.side = side;
    o.limit = px(60'000);
    o.qty = Qty{50'000};
    o.stop_loss = side == Side::kBuy ? px(59'000) : px(61'000);
    o.take_profit = side == Side::kBuy ? px(61'000) : px(59'000);
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

  InstrumentTable instruments_;
  RiskLimits limits_;
  KillSwitch kill_;
  PositionBook positions_;
  RiskGate gate_;
  SymbolId btc_ = kNoSymbol;
  SymbolId eth_ = kNoSymbol;
  OrderId next_id_ = 1;
};

}  // namespace bw::risk
