// RiskGate::check from several threads at once (Callers::kConcurrent). Run under
// ThreadSanitizer by ./tools/check. The assertions are exact: with identical orders and a
// limit that is a multiple of their size, the compare-and-swap reservations must admit
// exactly limit / size orders, never one more (over-admission) and never one fewer.

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "RiskGateFixture.h"
#include "core/SpscQueue.h"

namespace bw::risk {
namespace {

constexpr int kThreads = 4;

class RiskGateConcurrencyTest : public RiskGateFixture {
 protected:
  RiskGateConcurrencyTest() : RiskGateFixture(Callers::kConcurrent) {
    // Everything roomy except the limits under test.
    for (const LimitKey k : {LimitKey::kMaxOpenOrders}) setLimit(k, 4'096);
    for (const LimitKey k : {LimitKey::kMaxTotalNotional, LimitKey::kMaxTotalNetNotional, LimitKey::kMaxSymbolGrossNotional,
                             LimitKey::kMaxSymbolNetNotional, LimitKey::kMaxOpenRisk}) {
      setLimit(k, 1'000'000 * kScale);
    }
    setLimit(LimitKey::kMaxSymbolRiskSharePct, 100);
    // Both symbols may open: a checker opening a symbol holds a slot for an instant, which
    // can refuse another symbol spuriously (never over-admit) when the limit is tight.
    setLimit(LimitKey::kMaxOpenPositions, 64);
    setLimit(LimitKey::kMaxPositionQty, 1'000 * kScale);
  }

  /// Runs `orders_per_thread` checks on each of kThreads threads, all released at once.
  /// Returns the accepted orders per thread.
  std::vector<std::vector<OrderIntent>> race(int orders_per_thread, const std::function<OrderIntent(int, int)>& make) {
    std::vector<std::vector<OrderIntent>> accepted(kThreads);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::vector<OrderIntent> mine;
        for (int i = 0; i < orders_per_thread; ++i) mine.push_back(make(t, i));
        ready.fetch_add(1);
        while (ready.load() < kThreads) {
        }
        for (const OrderIntent& o : mine) {
          if (gate_.check(o) == RejectCode::kAccepted) accepted[static_cast<std::size_t>(t)].push_back(o);
        }
      });
    }
    for (std::thread& th : threads) th.join();
    return accepted;
  }

  /// Built from constants only: the checker threads call it at once, so it must not touch
  /// the fixture's counters (entry() advances now_ and next_id_).
  OrderIntent order(int thread, int i, SymbolId symbol, Side side) const {
    const bool btc = symbol == btc_;
    const bool buy = side == Side::kBuy;
    OrderIntent o;
    o.id = static_cast<OrderId>(thread * 1'000 + i + 1);
    o.symbol = symbol;
    o.side = side;
    o.limit = btc ? px(60'000) : px(3'000);
    o.qty = btc ? Qty{50'000} : Qty{1'000'000};  // 30 USDT either way
    o.stop_loss = btc ? px(buy ? 59'000 : 61'000) : px(buy ? 2'900 : 3'100);
    o.take_profit = btc ? px(buy ? 61'000 : 59'000) : px(buy ? 3'100 : 2'900);
    // Interleaved stamps 1 ms apart: like threads reading one clock, never a duplicate,
    // and no thread far enough ahead to use up the rate buckets' tolerance for the others.
    o.ts_ns = now_ + (static_cast<std::int64_t>(i) * kThreads + thread) * 1'000'000LL;
    return o;
  }
};

TEST_F(RiskGateConcurrencyTest, totalNotionalAdmitsExactlyTheLimitAcrossThreads) {
  setLimit(LimitKey::kMaxTotalNotional, 3'000 * kScale);  // 100 orders of 30 USDT
  const auto accepted = race(200, [&](int t, int i) { return order(t, i, i % 2 ? btc_ : eth_, Side::kBuy); });
  std::size_t n = 0;
  for (const auto& a : accepted) n += a.size();
  EXPECT_EQ(n, 100u);
  EXPECT_EQ(gate_.reservedNotional(), 3'000 * kScale);
  EXPECT_EQ(gate_.openOrders(), 100);
  EXPECT_EQ(gate_.accepted(), 100u);
  EXPECT_EQ(gate_.rejects(RejectCode::kMaxTotalNotional), 700u) << [this] {
    std::string other;
    for (std::size_t c = 1; c < kRejectCodeCount; ++c) {
      if (gate_.rejects(static_cast<RejectCode>(c)) != 0) {
        other += rejectCodeName(static_cast<RejectCode>(c));
        other += "=";
        other += std::to_string(gate_.rejects(static_cast<RejectCode>(c)));
        other += " ";
      }
    }
    return other;
  }();
}

TEST_F(RiskGateConcurrencyTest, perSymbolAndOpenOrderLimitsHoldUnderContention) {
  setLimit(LimitKey::kMaxSymbolGrossNotional, 600 * kScale);  // 20 per symbol
  setLimit(LimitKey::kMaxOpenOrders, 30);
  const auto accepted = race(100, [&](int t, int i) { return order(t, i, i % 2 ? btc_ : eth_, i % 3 ? Side::kBuy : Side::kSell); });
  std::size_t btc = 0, eth = 0;
  for (const auto& a : accepted) {
    for (const OrderIntent& o : a) (o.symbol == btc_ ? btc : eth)++;
  }
  EXPECT_LE(btc, 20u);
  EXPECT_LE(eth, 20u);
  EXPECT_EQ(btc + eth, 30u);  // max_open_orders binds first
  EXPECT_EQ(gate_.openOrders(), 30);
}

TEST_F(RiskGateConcurrencyTest, openPositionsLetExactlyOneNewSymbolIn) {
  setLimit(LimitKey::kMaxOpenPositions, 1);
  const auto accepted = race(50, [&](int t, int i) { return order(t, i, t % 2 ? btc_ : eth_, Side::kBuy); });
  std::size_t btc = 0, eth = 0;
  for (const auto& a : accepted) {
    for (const OrderIntent& o : a) (o.symbol == btc_ ? btc : eth)++;
  }
  EXPECT_TRUE((btc == 0) != (eth == 0)) << "btc " << btc << " eth " << eth;
  EXPECT_EQ(gate_.openSymbols(), 1);
}

TEST_F(RiskGateConcurrencyTest, accountingBalancesWhileTheExecThreadFillsAndCancels) {
  // Checkers race while an exec thread fills and cancels what they got accepted. Marks
  // stay at the limit prices, so every fill moves notional from "working" to "position"
  // at the same value, and the committed words never see more than the limit.
  setLimit(LimitKey::kMaxTotalNotional, 600 * kScale);  // 20 working or held orders
  setLimit(LimitKey::kMaxSymbolGrossNotional, 1'000'000 * kScale);
  std::vector<std::unique_ptr<SpscQueue<OrderIntent>>> to_exec;
  for (int t = 0; t < kThreads; ++t) to_exec.push_back(std::make_unique<SpscQueue<OrderIntent>>(8'192));
  std::atomic<int> checkers_done{0};
  std::atomic<bool> violated{false};
  std::vector<std::int64_t> accepted_notional(kThreads, 0);

  std::thread exec_thread([&] {
    std::mt19937 rng(7);
    std::vector<OrderIntent> held;  // filled orders, later closed with exits... kept as positions
    for (;;) {
      bool any = false;
      for (auto& q : to_exec) {
        OrderIntent o;
        while (q->tryPop(o)) {
          any = true;
          const unsigned roll = rng() % 4;
          if (roll == 0) {
            gate_.onExec(exec(ExecEvent::Kind::kFill, o, o.qty));
          } else if (roll == 1) {
            gate_.onExec(exec(ExecEvent::Kind::kPartialFill, o, Qty{o.qty.raw / 2}));
            gate_.onExec(exec(ExecEvent::Kind::kCanceled, o));
          } else if (roll == 2) {
            gate_.onExec(exec(ExecEvent::Kind::kRejected, o));
          } else {
            gate_.onExec(exec(ExecEvent::Kind::kCanceled, o));
          }
          // The committed gross (positions at book + working) never passes the limit.
          if (gate_.reservedNotional() + positions_.totalBookGross() > 600 * kScale) violated = true;
        }
      }
      if (!any && checkers_done.load() == kThreads) {
        // One last sweep: everything pushed before `done` is in the queues now.
        bool left = false;
        for (auto& q : to_exec) left |= q->sizeApprox() != 0;
        if (!left) return;
      }
    }
  });
  std::vector<std::thread> checkers;
  for (int t = 0; t < kThreads; ++t) {
    checkers.emplace_back([&, t] {
      for (int i = 0; i < 2'000; ++i) {
        const OrderIntent o = order(t, i % 1'000, i % 2 ? btc_ : eth_, Side::kBuy);
        OrderIntent unique = o;
        unique.id = static_cast<OrderId>(1'000'000 + t * 100'000 + i);
        if (gate_.check(unique) == RejectCode::kAccepted) {
          accepted_notional[static_cast<std::size_t>(t)] += 30 * kScale;
          while (!to_exec[static_cast<std::size_t>(t)]->tryPush(unique)) std::this_thread::yield();
        }
      }
      checkers_done.fetch_add(1);
    });
  }
  for (std::thread& th : checkers) th.join();
  exec_thread.join();

  std::int64_t reserved_total = 0;
  for (const std::int64_t n : accepted_notional) reserved_total += n;
  EXPECT_FALSE(violated.load());
  EXPECT_GT(reserved_total, 0);
  EXPECT_EQ(gate_.openOrders(), 0);
  // reserved = released + still working + filled, to the unit.
  EXPECT_EQ(reserved_total, gate_.releasedNotional() + gate_.reservedNotional() + gate_.filledNotional());
  EXPECT_EQ(gate_.reservedNotional(), 0);
  EXPECT_LE(positions_.totalBookGross(), 600 * kScale);
}

}  // namespace
}  // namespace bw::risk
