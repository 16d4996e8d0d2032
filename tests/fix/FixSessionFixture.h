#pragma once
// A venue simulator and an order gateway logged on to it over loopback, for the session
// suites. Ports are picked at run time, so suites may run in parallel.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "core/Decimal.h"
#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "core/Tick.h"
#include "fix/OrderGateway.h"
#include "fix/VenueSimulator.h"

namespace bw::fix::testing {

inline constexpr std::chrono::milliseconds kWait{5000};

inline std::int64_t dec(const char* text) {
  std::int64_t v = 0;
  EXPECT_EQ(parseDecimal(text, v), DecimalError::kOk) << text;
  return v;
}

/// Polls `done` until it holds or `timeout` passes (no fixed sleeps as assertions).
inline bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = kWait) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

class FixSessionTest : public ::testing::Test {
 protected:
  FixSessionTest() : FixSessionTest(VenueConfig{}) {}
  /// `gateway_endpoint`: the gateway's session settings (its port is set to the venue's).
  explicit FixSessionTest(const VenueConfig& venue_config, const FixEndpoint& gateway_endpoint = FixEndpoint{})
      : gateway_endpoint_(gateway_endpoint), venue_{venue_config, venue_instruments_} {
    // The gateway knows one symbol more than the venue, to provoke "unknown symbol".
    gateway_instruments_.add("DOGEUSDT", Price{100}, Qty{100'000'000});
  }

  void SetUp() override {
    venue_.start();
    ASSERT_NE(venue_.port(), 0);
    FixEndpoint endpoint = gateway_endpoint_;
    endpoint.port = venue_.port();
    gateway_ = std::make_unique<OrderGateway>(endpoint, gateway_instruments_);
    gateway_->start();
    ASSERT_TRUE(gateway_->waitLoggedOn(kWait)) << "no logon to venue on port " << venue_.port();
  }

  void TearDown() override {
    if (gateway_) gateway_->stop();
    venue_.stop();
  }

  /// waitUntil that runs the gateway's session while it waits: on the fast send path
  /// (the default) the test thread is the order thread, and nothing else reads the socket.
  bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = kWait) {
    return bw::fix::testing::waitUntil(
        [&] {
          if (gateway_) gateway_->pollSession();
          return done();
        },
        timeout);
  }

  /// The next execution event; fails the test if none comes within kWait.
  ExecEvent nextExec() {
    ExecEvent e;
    // pollSession: on the fast send path this thread runs the session (else a no-op).
    if (!waitUntil([&] {
          gateway_->pollSession();
          return gateway_->pollExec(e);
        })) {
      ADD_FAILURE() << "no execution event within " << kWait.count() << " ms";
      e.kind = ExecEvent::Kind::kRejected;
      e.id = 0;
    }
    return e;
  }

  OrderRequest limit(OrderId id, Side side, const char* price, const char* qty, const char* symbol = "BTCUSDT") {
    OrderRequest r;
    r.action = OrderRequest::Action::kNew;
    r.id = id;
    r.symbol = gateway_instruments_.find(symbol);
    r.side = side;
    r.tif = TimeInForce::kGtc;
    r.limit = Price{dec(price)};
    r.qty = Qty{dec(qty)};
    return r;
  }

  OrderRequest cancel(OrderId id, OrderId orig_id, Side side, const char* qty) {
    OrderRequest r;
    r.action = OrderRequest::Action::kCancel;
    r.id = id;
    r.orig_id = orig_id;
    r.symbol = gateway_instruments_.find("BTCUSDT");
    r.side = side;
    r.qty = Qty{dec(qty)};
    return r;
  }

  /// Replays one market trade into the venue and waits until it has been matched and its
  /// reports handed to the session.
  void marketTrade(const char* price, const char* qty, const char* symbol = "BTCUSDT") {
    Tick t;
    t.kind = TickKind::kTrade;
    t.symbol = venue_instruments_.find(symbol);
    t.price = Price{dec(price)};
    t.qty = Qty{dec(qty)};
    const std::uint64_t before = venue_.counters().market_trades.load(std::memory_order_acquire);
    venue_.onMarketTrade(t);
    ASSERT_TRUE(waitUntil([&] { return venue_.counters().market_trades.load(std::memory_order_acquire) > before; }));
  }

  /// Replays one top-of-book quote into the venue and waits until it has been applied.
  void marketQuote(const char* bid, const char* bid_qty, const char* ask, const char* ask_qty,
                   const char* symbol = "BTCUSDT") {
    Tick t;
    t.kind = TickKind::kQuote;
    t.symbol = venue_instruments_.find(symbol);
    t.bid = Price{dec(bid)};
    t.bid_qty = Qty{dec(bid_qty)};
    t.ask = Price{dec(ask)};
    t.ask_qty = Qty{dec(ask_qty)};
    const std::uint64_t before = venue_.counters().market_quotes.load(std::memory_order_relaxed);
    venue_.onMarketQuote(t);
    ASSERT_TRUE(waitUntil([&] { return venue_.counters().market_quotes.load(std::memory_order_relaxed) > before; }));
  }

  FixEndpoint gateway_endpoint_;
  InstrumentTable venue_instruments_ = InstrumentTable::withDefaults();
  InstrumentTable gateway_instruments_ = InstrumentTable::withDefaults();
  VenueSimulator venue_;
  std::unique_ptr<OrderGateway> gateway_;
};

}  // namespace bw::fix::testing
