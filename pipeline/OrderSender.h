#pragma once
// The order thread: drains gate-approved requests and hands them to the FIX session.
// It re-reads the kill switch (one acquire load) immediately before each new order, so a
// kill tripped after the verdict still stops the order. Orders it cannot send go back to
// the engine on the `refused` queue, so their reservations are released.

#include <atomic>
#include <cstdint>

#include "core/IdleStrategy.h"
#include "core/LatencyHistogram.h"
#include "core/Order.h"
#include "core/SpscQueue.h"
#include "core/TscClock.h"
#include "fix/OrderGateway.h"
#include "risk/KillSwitch.h"

namespace bw::pipeline {

struct OrderSenderCounters {
  std::uint64_t sent_new = 0;
  std::uint64_t sent_cancel = 0;
  std::uint64_t stopped_by_kill = 0;
  std::uint64_t send_failures = 0;
};

class OrderSender {
 public:
  OrderSender(SpscQueue<OrderRequest>& orders, SpscQueue<OrderId>& refused, fix::OrderGateway& gateway,
              const risk::KillSwitch& kill, const TscClock& clock) noexcept
      : orders_(orders), refused_(refused), gateway_(gateway), kill_(kill), clock_(clock) {}

  /// Runs until `stop` is set and the queue is empty.
  void run(const std::atomic<bool>& stop, IdleMode mode);

  /// One request (exposed for tests).
  void sendOne(const OrderRequest& req) noexcept;

  [[nodiscard]] const OrderSenderCounters& counters() const noexcept { return counters_; }
  [[nodiscard]] const LatencyHistogram& verdictToSend() const noexcept { return verdict_to_send_; }

 private:
  SpscQueue<OrderRequest>& orders_;
  SpscQueue<OrderId>& refused_;
  fix::OrderGateway& gateway_;
  const risk::KillSwitch& kill_;
  const TscClock& clock_;
  OrderSenderCounters counters_;
  LatencyHistogram verdict_to_send_;
};

}  // namespace bw::pipeline
