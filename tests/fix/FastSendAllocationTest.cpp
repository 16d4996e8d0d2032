// Proves the fast send path allocates nothing per order: encode + sendPrebuilt (the write
// and the store) on a logged-on session with FixedSentStore, in a binary that counts every
// operator new (tests/support/AllocationCounter.cpp) - on this thread: the in-process
// venue's threads allocate as they take the orders. poll() is left out of the counted
// span: it hands incoming messages to QuickFIX, which allocates as it parses them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "AllocationCounter.h"
#include "fix/FastOrderSender.h"
#include "fix/FixedSentStore.h"
#include "fix/VenueSimulator.h"

namespace bw::fix {
namespace {

class CountingEvents final : public InitiatorEvents {
 public:
  void onLogon() noexcept override {}
  void onLogout() noexcept override {}
  void onExec(const WireExec& exec) noexcept override {
    if (exec.exec_type == '0') ++acks;
    last_exec_type = exec.exec_type;
  }
  void onUnreadable() noexcept override {}
  std::uint64_t acks = 0;
  char last_exec_type = 0;
};

TEST(FastSendAllocationTest, threadCounterSeesThisThreadsAllocationOnly) {
  std::atomic<bool> go{false};
  std::atomic<bool> done{false};
  std::thread other([&] {  // started before the count: std::thread allocates its state here
    while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
    for (int i = 0; i < 5; ++i) delete new int(i);
    done.store(true, std::memory_order_release);
  });
  const std::uint64_t before = test::threadAllocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  go.store(true, std::memory_order_release);
  while (!done.load(std::memory_order_acquire)) std::this_thread::yield();
  EXPECT_EQ(test::threadAllocationCount() - before, 1u);
  other.join();
}

TEST(FastSendAllocationTest, encodeAndSendPrebuiltAllocateNothing) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  VenueSimulator venue(VenueConfig{}, instruments);
  venue.start();
  FixEndpoint endpoint;
  endpoint.port = venue.port();
  CountingEvents events;
  FixedSentStore store(1024);  // allocated here, before the counted span
  FastOrderSender sender(endpoint, instruments, events, &store);
  sender.start();
  ASSERT_TRUE(sender.initiator().pollUntilLoggedOn(std::chrono::seconds(5)));

  // Warming runs the path short of the write: no allocation, no MsgSeqNum taken, nothing sent.
  const std::uint64_t seq_before_warm = sender.initiator().nextSenderSeqNum();
  const std::uint64_t before_warm = test::threadAllocationCount();
  for (int i = 0; i < 1'000; ++i) sender.warm(1'723'124'701'123'456'789 + i * 1'000);
  EXPECT_EQ(test::threadAllocationCount() - before_warm, 0u);
  EXPECT_EQ(sender.initiator().nextSenderSeqNum(), seq_before_warm);
  EXPECT_EQ(sender.initiator().stats().raw_sends, 0u);

  constexpr std::uint64_t kOrders = 300;
  OrderRequest r;
  r.action = OrderRequest::Action::kNew;
  r.symbol = instruments.find("BTCUSDT");
  r.tif = TimeInForce::kGtc;
  r.qty = Qty{100'000};
  // Now: the venue's QuickFIX refuses a SendingTime more than 120 s off (CheckLatency).
  std::int64_t utc_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::uint64_t sent = 0;
  const std::uint64_t before = test::threadAllocationCount();
  for (std::uint64_t i = 1; i <= kOrders; ++i) {
    r.id = i;
    r.side = i % 2 ? Side::kBuy : Side::kSell;
    r.limit = Price{(i % 2 ? 5'000'000'000'000 : 7'000'000'000'000) + static_cast<std::int64_t>(i) * 1'000'000};
    utc_ns += 1'000;
    if (sender.send(r, utc_ns) == FastSendResult::kSentPrebuilt) ++sent;
  }
  const std::uint64_t allocations = test::threadAllocationCount() - before;
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(sent, kOrders);

  // They were real orders: the venue acks every one.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (events.acks < kOrders && std::chrono::steady_clock::now() < deadline) {
    sender.poll();
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  EXPECT_EQ(events.acks, kOrders) << "last ExecType " << events.last_exec_type << ", venue took "
                                  << venue.counters().orders_received.load();

  // Replaces (35=G) are pre-built too: each of the first 100 orders repriced, nothing allocated.
  constexpr std::uint64_t kReplaces = 100;
  std::uint64_t replaced = 0;
  const std::uint64_t before_replaces = test::threadAllocationCount();
  for (std::uint64_t i = 1; i <= kReplaces; ++i) {
    r.action = OrderRequest::Action::kReplace;
    r.id = kOrders + i;
    r.orig_id = i;
    r.side = i % 2 ? Side::kBuy : Side::kSell;
    r.limit = Price{(i % 2 ? 5'100'000'000'000 : 6'900'000'000'000) + static_cast<std::int64_t>(i) * 1'000'000};
    utc_ns += 1'000;
    if (sender.send(r, utc_ns) == FastSendResult::kSentPrebuilt) ++replaced;
  }
  EXPECT_EQ(test::threadAllocationCount() - before_replaces, 0u);
  EXPECT_EQ(replaced, kReplaces);
  const auto replace_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (venue.counters().replaces.load() < kReplaces && std::chrono::steady_clock::now() < replace_deadline) {
    sender.poll();
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  EXPECT_EQ(venue.counters().replaces.load(), kReplaces) << "the venue took every replace";
  sender.stop(std::chrono::milliseconds(1000));
  venue.stop();
}

}  // namespace
}  // namespace bw::fix
