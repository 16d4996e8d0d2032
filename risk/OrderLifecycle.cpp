#include "risk/OrderLifecycle.h"

#include <array>

namespace bw::risk {
namespace {

using S = OrderState;
using E = LifecycleEvent;
using X = TransitionError;

/// What a cell of the matrix does.
enum class Step : std::uint8_t {
  kIllegal,        ///< refused: `why`
  kTo,             ///< move to `next`
  kResume,         ///< the pending request was refused: back to where it was sent from
  kFillPending,    ///< part filled while a request is out: stay; a refusal now returns to PartiallyFilled
  kAckPending,     ///< acknowledged while a request is out (sent before the ack): stay; a refusal returns to New
  kRejectPending,  ///< rejected while a request is out (sent before the ack): Rejected
  kLateAnswer,     ///< the answer to a request that crossed the order's end (e.g. cancel reject after the last fill)
  kStatus,         ///< a status report: checked against our state, never moves it
};

struct Cell {
  Step step = Step::kIllegal;
  S next = S::kUnsent;
  X why = X::kNone;
};

constexpr Cell to(S next) { return {Step::kTo, next, X::kNone}; }
constexpr Cell no(X why) { return {Step::kIllegal, S::kUnsent, why}; }
constexpr Cell step(Step s) { return {s, S::kUnsent, X::kNone}; }

// Short names so that a row of the matrix fits a line. kTo<state>: move there; kBack,
// kFillP, kAckP, kRejP, kLate, kStat: the steps above; the rest are refusals: kNSent
// (never sent), kAgain (sent twice), kAcked (already acknowledged), kBusy (a request is
// pending), kNoReq (no such request out), kDone (order terminal), kFDone (fill on a
// terminal order).
constexpr Cell kToPN = to(S::kPendingNew);
constexpr Cell kToN = to(S::kNew);
constexpr Cell kToPF = to(S::kPartiallyFilled);
constexpr Cell kToF = to(S::kFilled);
constexpr Cell kToPC = to(S::kPendingCancel);
constexpr Cell kToPR = to(S::kPendingReplace);
constexpr Cell kToC = to(S::kCanceled);
constexpr Cell kToRP = to(S::kReplaced);
constexpr Cell kToRJ = to(S::kRejected);
constexpr Cell kToEX = to(S::kExpired);
constexpr Cell kBack = step(Step::kResume);
constexpr Cell kFillP = step(Step::kFillPending);
constexpr Cell kAckP = step(Step::kAckPending);
constexpr Cell kRejP = step(Step::kRejectPending);
constexpr Cell kLate = step(Step::kLateAnswer);
constexpr Cell kStat = step(Step::kStatus);
constexpr Cell kNSent = no(X::kNotSent);
constexpr Cell kAgain = no(X::kAlreadySent);
constexpr Cell kAcked = no(X::kAlreadyAcknowledged);
constexpr Cell kBusy = no(X::kRequestPending);
constexpr Cell kNoReq = no(X::kNoRequestPending);
constexpr Cell kDone = no(X::kOrderDone);
constexpr Cell kFDone = no(X::kFillWhenDone);

using Row = std::array<Cell, kLifecycleEventCount>;

// Every terminal state answers alike: fills are a desync, updates and new requests are
// refused, and a cancel or replace refused after the order ended is the expected answer
// to a request that crossed its end (FIX 4.4 Appendix D: "cancel request issued for a
// filled order", "unsolicited cancel while a replace is pending").
//                         Sent    Ack     PFill   Fill    CxlSnt  Cxled   CxlRej  RplSnt  Rpled   RplRej  Reject  Expire  Status
constexpr Row kTerminalRow{kAgain, kDone,  kFDone, kFDone, kDone,  kDone,  kLate,  kDone,  kDone,  kLate,  kDone,  kDone,  kStat};

// FIX 4.4 Vol 4 Appendix D, from the client's side. Notes on the choices:
// - a fill may come before the ack (venues that fill marketable orders at once) and
//   acknowledges the order implicitly;
// - a cancel or replace may be sent before the ack ("cancel request issued for an order
//   not yet acknowledged"); the ack or reject of the order itself may then still come;
// - fills go on while a cancel or replace is pending: a part fill stays pending (and a
//   refusal then returns to PartiallyFilled), the last fill ends the order (Filled);
// - a cancel (unsolicited) or an expiry may end the order while a replace is pending;
// - one request at a time: a second cancel or replace before the first is answered is
//   refused (a kill waits one round trip for a pending replace's answer).
constexpr std::array<Row, kOrderStateCount> kMatrix{{
    //             Sent    Ack     PFill   Fill    CxlSnt  Cxled   CxlRej  RplSnt  Rpled   RplRej  Reject  Expire  Status
    /*Unsent*/    {kToPN,  kNSent, kNSent, kNSent, kNSent, kNSent, kNSent, kNSent, kNSent, kNSent, kNSent, kNSent, kNSent},
    /*PendNew*/   {kAgain, kToN,   kToPF,  kToF,   kToPC,  kToC,   kNoReq, kToPR,  kNoReq, kNoReq, kToRJ,  kToEX,  kStat},
    /*New*/       {kAgain, kAcked, kToPF,  kToF,   kToPC,  kToC,   kNoReq, kToPR,  kNoReq, kNoReq, kAcked, kToEX,  kStat},
    /*PartFill*/  {kAgain, kAcked, kToPF,  kToF,   kToPC,  kToC,   kNoReq, kToPR,  kNoReq, kNoReq, kAcked, kToEX,  kStat},
    /*Filled*/    kTerminalRow,
    /*PendCxl*/   {kAgain, kAckP,  kFillP, kToF,   kBusy,  kToC,   kBack,  kBusy,  kNoReq, kNoReq, kRejP,  kToEX,  kStat},
    /*PendRpl*/   {kAgain, kAckP,  kFillP, kToF,   kBusy,  kToC,   kNoReq, kBusy,  kToRP,  kBack,  kRejP,  kToEX,  kStat},
    /*Canceled*/  kTerminalRow,
    /*Replaced*/  kTerminalRow,
    /*Rejected*/  kTerminalRow,
    /*Expired*/   kTerminalRow,
}};

/// The request an event answers (kNone: it answers none).
constexpr OrderLifecycle::Request answeredBy(E e) noexcept {
  switch (e) {
    case E::kCanceled:
    case E::kCancelReject: return OrderLifecycle::Request::kCancel;
    case E::kReplaced:
    case E::kReplaceReject: return OrderLifecycle::Request::kReplace;
    default: return OrderLifecycle::Request::kNone;
  }
}

constexpr std::array<const char*, kOrderStateCount> kStateNames{
    "UNSENT",   "PENDING_NEW", "NEW",      "PARTIALLY_FILLED", "FILLED", "PENDING_CANCEL",
    "PENDING_REPLACE", "CANCELED", "REPLACED", "REJECTED", "EXPIRED"};
constexpr std::array<const char*, kLifecycleEventCount> kEventNames{
    "SENT",     "ACK",      "PARTIAL_FILL",   "FILL",     "CANCEL_SENT", "CANCELED", "CANCEL_REJECT",
    "REPLACE_SENT", "REPLACED", "REPLACE_REJECT", "REJECTED", "EXPIRED",     "STATUS"};
constexpr std::array<const char*, kTransitionErrorCount> kErrorNames{
    "NONE",         "NOT_SENT",    "ALREADY_SENT",   "ALREADY_ACKNOWLEDGED", "REQUEST_PENDING", "NO_REQUEST_PENDING",
    "ORDER_DONE",   "FILL_WHEN_DONE", "STATUS_MISMATCH", "UNKNOWN_EVENT", "NO_ROOM"};

}  // namespace

const char* orderStateName(OrderState s) noexcept {
  const auto i = static_cast<std::size_t>(s);
  return i < kStateNames.size() ? kStateNames[i] : "UNKNOWN";
}
const char* lifecycleEventName(LifecycleEvent e) noexcept {
  const auto i = static_cast<std::size_t>(e);
  return i < kEventNames.size() ? kEventNames[i] : "UNKNOWN";
}
const char* transitionErrorName(TransitionError e) noexcept {
  const auto i = static_cast<std::size_t>(e);
  return i < kErrorNames.size() ? kErrorNames[i] : "UNKNOWN";
}

TransitionError OrderLifecycle::refuse(TransitionError why) noexcept {
  if (illegal_ != UINT8_MAX) ++illegal_;
  return why;
}

bool OrderLifecycle::statusAgrees(OrderState reported) const noexcept {
  // The status answer comes on the same ordered stream as every report before it, so it
  // matches our state; while our cancel or replace is out the venue may not have seen it
  // yet and still reports where the request was sent from.
  return reported == state_ || (isPendingRequest(state_) && reported == resume_);
}

TransitionError OrderLifecycle::apply(LifecycleEvent event, OrderState reported) noexcept {
  const auto e = static_cast<std::size_t>(event);
  if (e >= kLifecycleEventCount) return refuse(X::kUnknownEvent);
  const Cell cell = kMatrix[static_cast<std::size_t>(state_)][e];
  switch (cell.step) {
    case Step::kIllegal: return refuse(cell.why);
    case Step::kTo:
      if (event == E::kCancelSent || event == E::kReplaceSent) {
        resume_ = state_;
        outstanding_ = event == E::kCancelSent ? Request::kCancel : Request::kReplace;
      }
      state_ = cell.next;
      break;
    case Step::kResume: state_ = resume_; break;
    case Step::kFillPending: resume_ = S::kPartiallyFilled; break;
    case Step::kAckPending:
      if (resume_ != S::kPendingNew) return refuse(X::kAlreadyAcknowledged);
      resume_ = S::kNew;
      break;
    case Step::kRejectPending:
      if (resume_ != S::kPendingNew) return refuse(X::kAlreadyAcknowledged);
      state_ = S::kRejected;
      break;
    case Step::kLateAnswer:
      if (outstanding_ != answeredBy(event)) return refuse(X::kNoRequestPending);
      break;
    case Step::kStatus:
      if (static_cast<std::size_t>(reported) >= kOrderStateCount) return refuse(X::kUnknownEvent);
      return statusAgrees(reported) ? X::kNone : refuse(X::kStatusMismatch);
  }
  if (outstanding_ != Request::kNone && outstanding_ == answeredBy(event)) outstanding_ = Request::kNone;
  return X::kNone;
}

}  // namespace bw::risk
