#pragma once
// The order thread's FIX 4.4 session (QuickFIX initiator) to the venue. Public header is
// C++20 and QuickFIX-free: the session lives behind FixInitiator's or FastInitiator's
// pimpl (C++14).
//
// Two send paths (FixEndpoint::fast_send_path, [fix] send_path):
//   fast      new orders and cancels leave as fix/OrderEncoder bytes, one write() on our
//             own socket (fix/FastOrderSender); QuickFIX's Session keeps the protocol but
//             has no thread: the order thread runs it through pollSession().
//   quickfix  QuickFIX builds every message; its SocketInitiator thread owns the socket.
//
// Threads:
//   control thread  construct, start(), waitLoggedOn(), stop(), destroy. On the fast path
//                   start/waitLoggedOn/stop run the session themselves, so they must not
//                   overlap the order thread's send()/pollSession() (start the order
//                   thread after waitLoggedOn, stop after joining it).
//   order thread    send(), pollSession()   (one thread only)
//   engine thread   pollExec()       (one thread only: single consumer of the exec queue)
//   session thread  ExecutionReport / OrderCancelReject callbacks: copy into an ExecEvent
//                   and push. QuickFIX's SocketInitiator thread on the quickfix path, the
//                   order thread (inside pollSession) on the fast path: either way one
//                   thread, the queue's single producer.
//   any thread      counters()
//
// One OrderGateway per SenderCompID->TargetCompID pair per process: QuickFIX registers
// sessions in a process-wide table.

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "core/SpscQueue.h"
#include "fix/BadFixMessage.h"
#include "fix/FastInitiator.h"
#include "fix/FixEndpoint.h"
#include "fix/OpenOrders.h"
#include "fix/SessionEventSink.h"
#include "fix/WireConvert.h"

namespace bw::fix {

class FastOrderSender;
class MappedSentStore;
class FixInitiator;
struct WireOrder;

/// Counters, each written by one thread (grouped per writer on its own cache line) and
/// readable from any thread with relaxed loads.
struct OrderGatewayCounters {
  // order thread
  alignas(64) std::atomic<std::uint64_t> sent_new{0};     ///< NewOrderSingle handed to QuickFIX
  std::atomic<std::uint64_t> sent_cancel{0};               ///< OrderCancelRequest handed to QuickFIX
  std::atomic<std::uint64_t> sent_replace{0};              ///< OrderCancelReplaceRequest
  std::atomic<std::uint64_t> sent_mass_cancel{0};          ///< OrderMassCancelRequest
  std::atomic<std::uint64_t> sent_status{0};               ///< OrderStatusRequest
  std::atomic<std::uint64_t> mass_cancel_fallbacks{0};     ///< mass cancels sent as per-order cancels
  std::atomic<std::uint64_t> fallback_cancels{0};          ///< the OrderCancelRequests they sent (also in sent_cancel)
  std::atomic<std::uint64_t> open_untracked{0};            ///< orders the fallback could not track (table slot held)
  std::atomic<std::uint64_t> send_failures{0};             ///< send() returned false
  // QuickFIX initiator thread
  alignas(64) std::atomic<std::uint64_t> exec_received{0};  ///< every 35=8 / 35=9 that arrived
  std::atomic<std::uint64_t> exec_dropped{0};    ///< decoded but the exec queue was full
  std::atomic<std::uint64_t> exec_malformed{0};  ///< could not be decoded (see WireConvert.h);
                                                 ///< non-zero means our view of the venue is wrong
  std::atomic<std::uint64_t> unreadable{0};      ///< other application messages
  std::atomic<std::uint64_t> open_updates_dropped{0};  ///< fallback only: an order's end not passed on
  /// Session events by SessionEventKind (fix/FixBridge.h): logons, resends, rejects...
  std::array<std::atomic<std::uint64_t>, kSessionEventKindCount> session_events{};
  /// exec_malformed by ExecDecodeError (index 0, kOk, stays 0) and unreadable by reason:
  /// each sums to its total above.
  std::array<std::atomic<std::uint64_t>, kExecDecodeErrorCount> malformed_by_kind{};
  std::array<std::atomic<std::uint64_t>, kUnreadableReasonCount> unreadable_by_reason{};
  /// Messages QuickFIX's session layer refused before the application (bad CheckSum or
  /// BodyLength, garbled: dropped; a bad header: Reject; SendingTime missing: disconnect),
  /// by SessionRefusal.
  /// Bytes with no "8=" in them are skipped by QuickFIX's parser unseen: no count.
  std::array<std::atomic<std::uint64_t>, kSessionRefusalCount> session_refused_by_reason{};
  std::atomic<std::uint64_t> bad_raw_kept{0};     ///< refused messages queued with their raw text
  std::atomic<std::uint64_t> bad_raw_dropped{0};  ///< refused messages whose raw text found the queue full
  std::atomic<bool> logged_on{false};
};

class OrderGateway {
 public:
  /// Exec reports the engine may fall behind by before they are dropped (and counted).
  static constexpr std::size_t kDefaultExecQueueCapacity = 4096;
  /// How long stop() waits for the venue to answer our Logout.
  static constexpr std::chrono::milliseconds kLogoutWait{2000};

  /// Allocates the exec queue; connects nothing. `instruments` must outlive this object.
  OrderGateway(const FixEndpoint& endpoint, const InstrumentTable& instruments,
               std::size_t exec_queue_capacity = kDefaultExecQueueCapacity);
  ~OrderGateway();
  OrderGateway(const OrderGateway&) = delete;
  OrderGateway& operator=(const OrderGateway&) = delete;

  /// Starts the session thread, which connects to endpoint.host:port and logs on in the
  /// background (retrying the connection every second). Throws std::runtime_error with
  /// QuickFIX's reason on failure. Control thread; cold path.
  void start();

  /// Waits until the session is logged on, or the timeout passes (on the fast path,
  /// running the session meanwhile). Control thread.
  [[nodiscard]] bool waitLoggedOn(std::chrono::milliseconds timeout);

  /// Fast path: reads what the venue sent (execution events are pushed from here), runs
  /// the session's timers (heartbeats, test requests), reconnects after a drop. Costs one
  /// recv() when connected; call it when idle, at least every few hundred milliseconds
  /// (kSessionPollIntervalNs), never between a verdict and its send. The quickfix path:
  /// does nothing. Order thread.
  void pollSession() noexcept;
  /// How often the order thread runs pollSession() while it has nothing to send: a report
  /// waits at most this long on top of the wire, for about 2% of the thread's time.
  static constexpr std::int64_t kSessionPollIntervalNs = 50'000;
  [[nodiscard]] bool fastSendPath() const noexcept { return fast_ != nullptr; }
  /// Fast path: keeps the send path warm (FastOrderSender::warm); the quickfix path: does
  /// nothing. Order thread, while it has nothing to send.
  void warmSendPath() noexcept;
  /// Fast path: TSC stamps around the latest send() call (the latest request's bytes,
  /// after a send() that returned true). The quickfix path: zeros (its socket is
  /// QuickFIX's). Order thread.
  [[nodiscard]] SocketWriteStamps lastWrite() noexcept;

  /// Sends Logout, waits for the answer (at most kLogoutWait), stops the session thread.
  /// Safe to call twice; the destructor calls it. Call it after the order thread has
  /// stopped sending. Control thread; cold path.
  void stop() noexcept;

  /// NewOrderSingle (35=D, limit) for Action::kNew, OrderCancelRequest (35=F) for kCancel,
  /// OrderCancelReplaceRequest (35=G) for kReplace, OrderMassCancelRequest (35=q) for
  /// kMassCancel, OrderStatusRequest (35=H) for kStatus (core/Order.h says which fields
  /// each uses). Prices and quantities leave as decimal text from formatDecimal.
  ///
  /// Mass cancel fallback: when the endpoint says the venue has no 35=q (mass_cancel =
  /// false, or FIX 4.2, which has none), kMassCancel leaves as one OrderCancelRequest per order this gateway sent that
  /// the venue has not yet ended (OpenOrders), of the symbol or all; their ClOrdIDs are
  /// "<request id>-<n>". No 35=r comes back then: each order gets its own Canceled (or,
  /// if it ended meanwhile, a cancel reject).
  ///
  /// Returns false, counted in send_failures, when not logged on, the symbol is unknown,
  /// or QuickFIX threw (a fallback: when any of its cancels failed). Order thread only.
  /// Never throws. The quickfix path allocates (QuickFIX builds the message as a
  /// std::string); the fast path allocates nothing for new orders and cancels (one
  /// write()); replace, mass cancel and status still go through QuickFIX there.
  [[nodiscard]] bool send(const OrderRequest& request) noexcept;

  /// Passes every session event to `sink` from now on (nullptr: none). Call before start()
  /// (the QuickFIX thread reads it unguarded). `sink` must outlive the session. Control
  /// thread; cold path.
  void setSessionEventSink(SessionEventSink* sink) noexcept { session_sink_ = sink; }

  /// Next execution event, if any. Engine thread only; no allocation, no lock.
  [[nodiscard]] bool pollExec(ExecEvent& out) noexcept { return execs_.tryPop(out); }

  /// Refused messages (exec_malformed, unreadable, session_refused_by_reason) kept with their raw text.
  static constexpr std::size_t kBadMessageQueueCapacity = 64;
  /// Next refused message with its raw text, if any, for the journal. One consumer thread
  /// (the engine's); no allocation, no lock. A full queue drops the newest (bad_raw_dropped):
  /// the counters still count it by kind.
  [[nodiscard]] bool pollBadMessage(BadFixMessage& out) noexcept { return bad_messages_.tryPop(out); }

  [[nodiscard]] const OrderGatewayCounters& counters() const noexcept { return counters_; }
  [[nodiscard]] bool loggedOn() const noexcept { return counters_.logged_on.load(std::memory_order_acquire); }

 private:
  class Events;

  [[nodiscard]] bool sendMassCancelAsCancels(const OrderRequest& request) noexcept;
  /// `request` through whichever path the endpoint chose. Order thread.
  [[nodiscard]] bool sendToSession(const OrderRequest& request) noexcept;
  /// Field text built elsewhere (the fallback's cancels), through QuickFIX either way.
  [[nodiscard]] bool sendWire(const WireOrder& wire) noexcept;

  const InstrumentTable& instruments_;
  const bool cancel_per_order_;  // the venue has no 35=q: expand mass cancels
  OrderGatewayCounters counters_;
  SpscQueue<ExecEvent> execs_;  // QuickFIX thread -> engine thread
  SpscQueue<BadFixMessage> bad_messages_;  // QuickFIX thread -> engine thread (cold: refused messages only)
  // Mass cancel fallback only (cancel_per_order_); else empty.
  std::unique_ptr<OpenOrders> open_;     // order thread
  SpscQueue<OpenOrderUpdate> open_updates_;  // QuickFIX thread -> order thread
  SessionEventSink* session_sink_ = nullptr;  // set before start(); QuickFIX thread calls it
  std::unique_ptr<Events> events_;
  std::unique_ptr<FixInitiator> initiator_;  // quickfix path; else null
  // Fast path with a file store; else null. Open (and its file locked) while the gateway lives.
  std::unique_ptr<MappedSentStore> fast_store_;
  std::unique_ptr<FastOrderSender> fast_;    // fast path; else null (destroyed before its store)
};

}  // namespace bw::fix
