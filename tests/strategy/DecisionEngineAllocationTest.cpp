// Proves the whole decision path of the engine thread allocates nothing after construction:
// ticks into the tick features, bars of every confluence timeframe into the indicators, the
// idle warm-up, the policy on each strategy-bar close, entries sized and sent, fills, bracket exits and
// time-to-live cancels. This binary links the counting operator new.

#include <gtest/gtest.h>

#include <iostream>

#include "AllocationCounter.h"
#include "strategy/DecisionEngine.h"

namespace bw::strategy {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kDayStartNs = 1'723'075'200LL * kSecond;

feed::Bar barAt(std::int64_t close_cents, std::int64_t end_ns, std::int64_t seconds, std::int64_t step) {
  feed::Bar b;
  b.symbol = 0;
  b.open = Price{(close_cents - step) * 1'000'000};
  b.close = Price{close_cents * 1'000'000};
  b.high = Price{(close_cents + 150) * 1'000'000};
  b.low = Price{(close_cents - 150) * 1'000'000};
  b.volume = Qty{kScale / 10};
  b.buy_volume = Qty{step > 0 ? kScale / 10 : 0};
  b.sell_volume = Qty{step > 0 ? 0 : kScale / 10};
  b.turnover = Notional{close_cents * 1'000'000 / 10};
  b.trades = 3;
  b.start_ns = end_ns - seconds * kSecond;
  b.end_ns = end_ns;
  return b;
}

TEST(DecisionEngineAllocationTest, theWholeDecisionPathAllocatesNothing) {
  Config config;  // the shipped signals and templates, with costs low enough to trade often
  config.decision.fee_bps = 0.0;
  config.decision.slippage_bps = 0.0;
  config.decision.min_expected_utility_bps = 0.0;
  config.belief.min_side_bars = 1;
  config.templates[TemplateKind::kMeanReversion].lockouts = LockoutConfig{};
  config.templates[TemplateKind::kMomentum].lockouts = LockoutConfig{};
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  DecisionEngine engine(instruments, config);
  const std::int64_t seconds_per_timeframe[] = {1, 5, 60, 300};

  std::uint64_t entries = 0, exits = 0, cancels = 0;
  const std::uint64_t before = bw::test::allocationCount();
  for (std::int64_t s = 1; s <= 20'000; ++s) {
    const std::int64_t now = kDayStartNs + s * kSecond;
    // A wave with noise: trends (momentum) and stretches from the VWAP (mean reversion).
    const std::int64_t step = ((s / 40) % 2 == 0 ? 1 : -1) * (50 + (s * 37) % 90);
    const std::int64_t close = 6'000'000 + ((s % 400) - 200) * 60 + step;
    Tick quote;
    quote.kind = TickKind::kQuote;
    quote.symbol = 0;
    quote.recv_ns = now;
    quote.bid = Price{(close - 1) * 1'000'000};
    quote.ask = Price{(close + 1) * 1'000'000};
    quote.bid_qty = Qty{(1 + s % 5) * kScale};
    quote.ask_qty = Qty{(1 + s % 3) * kScale};
    engine.onTick(quote);
    for (std::size_t tf = 0; tf < 4; ++tf) {
      if (s % seconds_per_timeframe[tf] == 0) engine.onBar(tf, barAt(close, now, seconds_per_timeframe[tf], step));
    }
    engine.warmIndicators(0);  // the idle warm-up: a scratch copy of the indicators, updated in place
    (void)engine.warm(0);
    const Decision d = engine.decide(0);
    if (d.kind == Decision::Kind::kEnter) {
      ++entries;
      if (s % 3 != 0) {  // two in three entries fill; the rest rest until their time-to-live
        ExecEvent fill;
        fill.kind = ExecEvent::Kind::kFill;
        fill.id = d.intent.id;
        fill.symbol = 0;
        fill.side = d.intent.side;
        fill.last_qty = d.intent.qty;
        fill.last_px = d.intent.limit;
        engine.onExec(fill);
      }
    }
    Tick trade;
    trade.kind = TickKind::kTrade;
    trade.symbol = 0;
    trade.recv_ns = trade.exch_ns = now + 1;
    trade.price = Price{close * 1'000'000 + (s % 2 == 0 ? 1 : -1) * 400'000'000};  // +-4 USDT: brackets get hit
    trade.qty = Qty{kScale / 100};
    trade.aggressor = s % 2 == 0 ? Side::kBuy : Side::kSell;
    engine.onTick(trade);
    const Decision t = engine.onTrade(trade);
    if (t.kind == Decision::Kind::kExit || t.kind == Decision::Kind::kCancel) {
      t.kind == Decision::Kind::kExit ? ++exits : ++cancels;
      ExecEvent done;
      done.kind = t.kind == Decision::Kind::kExit ? ExecEvent::Kind::kFill : ExecEvent::Kind::kCanceled;
      done.id = t.kind == Decision::Kind::kExit ? t.intent.id : t.cancel_target;
      done.symbol = 0;
      done.side = t.intent.side;
      done.last_qty = t.intent.qty;
      done.last_px = t.intent.limit;
      engine.onExec(done);
    }
  }
  EXPECT_EQ(bw::test::allocationCount() - before, 0u) << "the decision path allocated after construction";
  // The loop went through every path: entries, bracket exits, time-to-live cancels.
  EXPECT_GT(entries, 10u);
  EXPECT_GT(exits, 5u);
  EXPECT_GT(cancels, 0u);
  std::cout << entries << " entries, " << exits << " exits, " << cancels << " cancels\n";
}

}  // namespace
}  // namespace bw::strategy
