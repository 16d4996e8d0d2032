#pragma once
// The order thread: drains gate-approved requests and hands them to the FIX session.
// Immediately before each new order it re-reads the kill switches that cover it (global,
// its strategy's, its symbol's: three acquire loads on the shared control block), so a
// kill tripped after the verdict - from this process or from `breakwater kill` in another -
// still stops the order. A kill's flattening orders pass (they only reduce). Orders it
// cannot send go back to the engine on the `refused` queue, so their reservations are
// released. An outgoing throttle (fix/SendThrottle.h, [fix] max_msgs_per_second: at most N
// in any second) holds a new order past the venue's rate at the head of the queue, so
// nothing overtakes it; a kill that trips meanwhile stops it at once. Cancels never wait:
// they use a slot when one is free and pass regardless.

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
#include "fix/SendThrottle.h"
#include "pipeline/VenueLockstep.h"

namespace bw::pipeline {

struct OrderSenderCounters {
  std::uint64_t sent_new = 0;
  std::uint64_t sent_cancel = 0;
  std::uint64_t sent_replace = 0;
  std::uint64_t sent_mass_cancel = 0;
  std::uint64_t sent_status = 0;
  std::uint64_t stopped_by_kill = 0;
  std::uint64_t send_failures = 0;
  std::uint64_t throttled = 0;  ///< new orders the outgoing throttle held back (then sent, or stopped by a kill)
  std::uint64_t warm_ups = 0;   ///< idle runs of the send path short of the write (spin mode only)
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

  /// At most `per_second` messages in any second to the venue (0: no throttle). Allocates
  /// the throttle's ring; call before run(). The window is kept in TSC ticks, so the order
  /// thread reads no other clock per message.
  void throttleTo(std::uint32_t per_second) {
    throttle_ = fix::SendThrottle(per_second, static_cast<std::int64_t>(clock_.ticksPerNs() * 1e9));
  }

  /// Runs until `stop` is set and the queue is empty.
  void run(const std::atomic<bool>& stop, IdleMode mode);

  /// One request (exposed for tests).
  void sendOne(const OrderRequest& req) noexcept;

  [[nodiscard]] const OrderSenderCounters& counters() const noexcept { return counters_; }
  /// Gate verdict -> the new order's bytes handed to send() (see tickToSend).
  [[nodiscard]] const LatencyHistogram& verdictToSend() const noexcept { return verdict_to_send_; }
  /// Kill written (TSC in the kill record) -> its cancel handed to the FIX session.
  [[nodiscard]] const LatencyHistogram& killToCancel() const noexcept { return kill_to_cancel_; }
  /// The tick behind a new order or a replace (its arrival at the parser) -> its finished
  /// bytes handed to the kernel's send() (issue 6's reading of "handed to the socket").
  [[nodiscard]] const LatencyHistogram& tickToSend() const noexcept { return tick_to_send_; }
  /// The same tick -> that send() call returned: tickToSend plus the kernel's part.
  [[nodiscard]] const LatencyHistogram& tickToSendReturn() const noexcept { return tick_to_send_return_; }
  /// One send() call of the fast path, call to return: the kernel's loopback TCP and the
  /// wakeup of the reader, for every request whose bytes went out in a call of their own.
  [[nodiscard]] const LatencyHistogram& socketSend() const noexcept { return socket_send_; }
  /// Verdict -> handed to send() for the new orders and replaces the outgoing throttle held,
  /// or that queued behind a held one. They are left out of verdictToSend, tickToSend and
  /// tickToSendReturn: the wait is the venue's rate ([fix] max_msgs_per_second), not the path.
  [[nodiscard]] const LatencyHistogram& throttleWait() const noexcept { return throttle_wait_; }

 private:
  void handle(const OrderRequest& req) noexcept;
  /// The held new order, if the throttle has a slot for it now (or a kill stopped it).
  /// True when it is gone (sent or refused).
  bool releaseHeld() noexcept;
  void journalSend(const JournalEvent& e) noexcept;
  /// Runs the fast path's session (fix::OrderGateway::pollSession) when its interval is up.
  void pollSessionWhenDue() noexcept;
  /// Spin mode only (the core is ours): runs the send path short of the write
  /// (fix::OrderGateway::warmSendPath) every kWarmIntervalNs while idle.
  void warmWhenDue(IdleMode mode) noexcept;
  static constexpr std::int64_t kWarmIntervalNs = 5'000;

  SpscQueue<OrderRequest>& orders_;
  SpscQueue<OrderId>& refused_;
  fix::OrderGateway& gateway_;
  const ControlBlock& control_;
  const TscClock& clock_;
  Journal* journal_;
  VenueLockstep* lockstep_ = nullptr;
  fix::SendThrottle throttle_{0, 1};
  OrderRequest held_{};       // a new order waiting for the throttle
  bool holding_ = false;
  std::uint64_t last_throttle_release_tsc_ = 0;  // TSC the throttle last let a held order go
  std::uint64_t next_session_poll_tsc_ = 0;
  std::uint64_t next_warm_tsc_ = 0;
  OrderSenderCounters counters_;
  LatencyHistogram verdict_to_send_;
  LatencyHistogram kill_to_cancel_;
  LatencyHistogram tick_to_send_;
  LatencyHistogram tick_to_send_return_;
  LatencyHistogram socket_send_;
  LatencyHistogram throttle_wait_;
};

}  // namespace bw::pipeline
