#pragma once
// The order thread: drains gate-approved requests and hands them to the FIX session.
// Immediately before each new order it re-reads the kill switches that cover it (global,
// its strategy's, its symbol's: three acquire loads on the shared control block), so a
// kill tripped after the verdict - from this process or from `breakwater kill` in another -
// still stops the order. A kill's flattening orders pass (they only reduce). Orders it
// cannot send go back to the engine on the `refused` queue, so their reservations are
// released.

#include <atomic>
#include <cstdint>

#include "core/ControlBlock.h"
#include "core/IdleStrategy.h"
#include "core/LatencyHistogram.h"
#include "core/Order.h"
#include "core/SpscQueue.h"
#include "core/TscClock.h"
#include "fix/OrderGateway.h"
#include "pipeline/Journal.h"
#include "pipeline/VenueLockstep.h"

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
              const ControlBlock& control, const TscClock& clock, Journal* journal = nullptr) noexcept
      : orders_(orders), refused_(refused), gateway_(gateway), control_(control), clock_(clock), journal_(journal) {}

  /// Replay's lock-step (pipeline/VenueLockstep.h): each request is reported handled, and
  /// its send record goes to the engine through `lockstep` instead of the journal. Call
  /// before run(). Null (the default): live runs.
  void lockStepWith(VenueLockstep* lockstep) noexcept { lockstep_ = lockstep; }

  /// Runs until `stop` is set and the queue is empty.
  void run(const std::atomic<bool>& stop, IdleMode mode);

  /// One request (exposed for tests).
  void sendOne(const OrderRequest& req) noexcept;

  [[nodiscard]] const OrderSenderCounters& counters() const noexcept { return counters_; }
  [[nodiscard]] const LatencyHistogram& verdictToSend() const noexcept { return verdict_to_send_; }
  /// Kill written (TSC in the kill record) -> its cancel handed to the FIX session.
  [[nodiscard]] const LatencyHistogram& killToCancel() const noexcept { return kill_to_cancel_; }

 private:
  void handle(const OrderRequest& req) noexcept;
  void journalSend(const JournalEvent& e) noexcept;

  SpscQueue<OrderRequest>& orders_;
  SpscQueue<OrderId>& refused_;
  fix::OrderGateway& gateway_;
  const ControlBlock& control_;
  const TscClock& clock_;
  Journal* journal_;
  VenueLockstep* lockstep_ = nullptr;
  OrderSenderCounters counters_;
  LatencyHistogram verdict_to_send_;
  LatencyHistogram kill_to_cancel_;
};

}  // namespace bw::pipeline
