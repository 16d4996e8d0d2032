#pragma once
// One order's state as we know it from what we sent and what the venue answered, after
// FIX 4.4's order state change matrices (Vol 4, Appendix D). The legal moves are one
// constexpr table in OrderLifecycle.cpp, a row per state and a column per event; an event
// the table does not allow is reported (a TransitionError, counted on the order) and
// leaves the state as it was: never asserted, never thrown. A desync policy (kill or not)
// is the caller's: see risk/Reconciler.h.
//
// One ClOrdID, one lifecycle: a replace ends the old ClOrdID in kReplaced and the order
// lives on under the new ClOrdID (OrderLifecycle::replacement). One request (cancel or
// replace) is outstanding at a time, as FIX recommends; a second one while the first is
// unanswered is refused (kRequestPending).
//
// Thread: whoever owns the order (the engine thread). 4 bytes; no allocation; noexcept.

#include <cstddef>
#include <cstdint>

namespace bw::risk {

/// FIX 4.4 OrdStatus, from our side. kUnsent: a slot not yet sent (the table's start).
enum class OrderState : std::uint8_t {
  kUnsent = 0,        ///< not sent yet
  kPendingNew,        ///< sent, not yet acknowledged
  kNew,               ///< acknowledged, nothing filled
  kPartiallyFilled,   ///< some filled, some open
  kFilled,            ///< terminal: all filled
  kPendingCancel,     ///< a cancel is out, unanswered
  kPendingReplace,    ///< a replace is out, unanswered
  kCanceled,          ///< terminal: canceled (ours or the venue's unsolicited)
  kReplaced,          ///< terminal for this ClOrdID: the order lives on under the new one
  kRejected,          ///< terminal: the venue refused the order
  kExpired,           ///< terminal: time in force ran out (IOC remainder, day end)
  kCount
};
inline constexpr std::size_t kOrderStateCount = static_cast<std::size_t>(OrderState::kCount);

/// What can happen to an order: our sends, then the venue's reports (ExecType).
enum class LifecycleEvent : std::uint8_t {
  kSent = 0,       ///< we sent NewOrderSingle (35=D)
  kAck,            ///< ER ExecType=0 (New)
  kPartialFill,    ///< ER ExecType=F with leaves > 0
  kFill,           ///< ER ExecType=F with leaves = 0
  kCancelSent,     ///< we sent OrderCancelRequest (35=F)
  kCanceled,       ///< ER ExecType=4, answering our cancel or unsolicited
  kCancelReject,   ///< OrderCancelReject (35=9) CxlRejResponseTo=1
  kReplaceSent,    ///< we sent OrderCancelReplaceRequest (35=G)
  kReplaced,       ///< ER ExecType=5
  kReplaceReject,  ///< OrderCancelReject (35=9) CxlRejResponseTo=2
  kRejected,       ///< ER ExecType=8
  kExpired,        ///< ER ExecType=C
  kStatus,         ///< ER ExecType=I (OrderStatusRequest answer): checked, never moves the state
  kCount
};
inline constexpr std::size_t kLifecycleEventCount = static_cast<std::size_t>(LifecycleEvent::kCount);

/// Why an event was not applied. kNone: it was.
enum class TransitionError : std::uint8_t {
  kNone = 0,             ///< applied
  kNotSent,              ///< an event for an order we never sent (or a replacement not yet confirmed)
  kAlreadySent,          ///< sent a second time
  kAlreadyAcknowledged,  ///< an ack or a reject for an order the venue already acknowledged (duplicate report)
  kRequestPending,       ///< a cancel or replace sent while another is unanswered
  kNoRequestPending,     ///< a cancel/replace answer with no such request outstanding
  kOrderDone,            ///< an update or a request for an order already terminal
  kFillWhenDone,         ///< a fill for an order already terminal (filled, canceled, replaced, rejected, expired)
  kStatusMismatch,       ///< a status report that disagrees with our state
  kUnknownEvent,         ///< an event or reported state out of range
  kNoRoom,               ///< Reconciler only: a live order holds this id's tracking slot
  kCount
};
inline constexpr std::size_t kTransitionErrorCount = static_cast<std::size_t>(TransitionError::kCount);

[[nodiscard]] const char* orderStateName(OrderState s) noexcept;
[[nodiscard]] const char* lifecycleEventName(LifecycleEvent e) noexcept;
[[nodiscard]] const char* transitionErrorName(TransitionError e) noexcept;

[[nodiscard]] constexpr bool isTerminal(OrderState s) noexcept {
  return s == OrderState::kFilled || s == OrderState::kCanceled || s == OrderState::kReplaced ||
         s == OrderState::kRejected || s == OrderState::kExpired;
}
[[nodiscard]] constexpr bool isPendingRequest(OrderState s) noexcept {
  return s == OrderState::kPendingCancel || s == OrderState::kPendingReplace;
}

class OrderLifecycle {
 public:
  /// The cancel or replace we are waiting an answer for (it may outlive a pending state:
  /// a fill can end the order before the venue refuses the cancel).
  enum class Request : std::uint8_t { kNone = 0, kCancel, kReplace };

  /// Applies one event. kNone: applied; otherwise the state is unchanged and the order's
  /// illegal count goes up. `reported` is the venue's OrdStatus on kStatus (ignored
  /// otherwise). No allocation; O(1): one table lookup.
  [[nodiscard]] TransitionError apply(LifecycleEvent event, OrderState reported = OrderState::kUnsent) noexcept;

  /// The lifecycle of a replacement ClOrdID once the venue confirmed the replace: it
  /// continues the old order in `state` (kNew, kPartiallyFilled or kFilled by its cum).
  [[nodiscard]] static OrderLifecycle replacement(OrderState state) noexcept {
    OrderLifecycle l;
    l.state_ = state;
    return l;
  }

  [[nodiscard]] OrderState state() const noexcept { return state_; }
  /// Where a refused cancel or replace returns to (meaningful in a pending state).
  [[nodiscard]] OrderState resumeState() const noexcept { return resume_; }
  [[nodiscard]] Request outstanding() const noexcept { return outstanding_; }
  [[nodiscard]] bool terminal() const noexcept { return isTerminal(state_); }
  /// Illegal events seen on this order (saturates at 255).
  [[nodiscard]] std::uint8_t illegalCount() const noexcept { return illegal_; }

 private:
  [[nodiscard]] TransitionError refuse(TransitionError why) noexcept;
  [[nodiscard]] bool statusAgrees(OrderState reported) const noexcept;

  OrderState state_ = OrderState::kUnsent;
  OrderState resume_ = OrderState::kUnsent;
  Request outstanding_ = Request::kNone;
  std::uint8_t illegal_ = 0;
};
static_assert(sizeof(OrderLifecycle) == 4);

}  // namespace bw::risk
