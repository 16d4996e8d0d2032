// OrderLifecycle against FIX 4.4 Vol 4 Appendix D, written out here independently of the
// table in OrderLifecycle.cpp: every (situation, event) pair listed below must move the
// order to the listed state; every pair not listed must be refused and leave the order
// exactly as it was.

#include "risk/OrderLifecycle.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace bw::risk {
namespace {

using S = OrderState;
using E = LifecycleEvent;
using X = TransitionError;

/// A lifecycle driven along `path` (every step must be legal).
OrderLifecycle along(std::initializer_list<E> path) {
  OrderLifecycle l;
  for (E e : path) {
    const X t = l.apply(e);
    EXPECT_EQ(t, X::kNone) << "setting up: " << lifecycleEventName(e) << " refused: " << transitionErrorName(t);
  }
  return l;
}

/// A starting point of the matrix: a state and the history that matters (the state a
/// pending request returns to, a request that outlived the order).
struct Situation {
  const char* name;
  std::vector<E> path;
};

struct Legal {
  const char* situation;
  E event;
  S next;
};

const std::vector<Situation>& situations() {
  static const std::vector<Situation> all = {
      {"Unsent", {}},
      {"PendingNew", {E::kSent}},
      {"New", {E::kSent, E::kAck}},
      {"PartiallyFilled", {E::kSent, E::kAck, E::kPartialFill}},
      {"Filled", {E::kSent, E::kAck, E::kFill}},
      {"PendingCancel<-New", {E::kSent, E::kAck, E::kCancelSent}},
      {"PendingCancel<-PendingNew", {E::kSent, E::kCancelSent}},
      {"PendingCancel<-PartiallyFilled", {E::kSent, E::kAck, E::kPartialFill, E::kCancelSent}},
      {"PendingReplace<-New", {E::kSent, E::kAck, E::kReplaceSent}},
      {"PendingReplace<-PendingNew", {E::kSent, E::kReplaceSent}},
      {"PendingReplace<-PartiallyFilled", {E::kSent, E::kAck, E::kPartialFill, E::kReplaceSent}},
      {"Canceled", {E::kSent, E::kAck, E::kCanceled}},
      {"Replaced", {E::kSent, E::kAck, E::kReplaceSent, E::kReplaced}},
      {"Rejected", {E::kSent, E::kRejected}},
      {"Expired", {E::kSent, E::kAck, E::kExpired}},
      {"Filled+cancelOut", {E::kSent, E::kAck, E::kCancelSent, E::kFill}},
      {"Filled+replaceOut", {E::kSent, E::kAck, E::kReplaceSent, E::kFill}},
      {"Canceled+replaceOut", {E::kSent, E::kAck, E::kReplaceSent, E::kCanceled}},
      {"Expired+cancelOut", {E::kSent, E::kAck, E::kCancelSent, E::kExpired}},
  };
  return all;
}

// Every legal move; kStatus (with the venue agreeing) is legal in every situation but
// Unsent and is checked separately.
const std::vector<Legal>& legalMoves() {
  static const std::vector<Legal> all = {
      {"Unsent", E::kSent, S::kPendingNew},
      // Pending new: acknowledged, filled before the ack, canceled or replaced before it,
      // rejected, expired (an IOC that found nothing).
      {"PendingNew", E::kAck, S::kNew},
      {"PendingNew", E::kPartialFill, S::kPartiallyFilled},
      {"PendingNew", E::kFill, S::kFilled},
      {"PendingNew", E::kCancelSent, S::kPendingCancel},
      {"PendingNew", E::kCanceled, S::kCanceled},
      {"PendingNew", E::kReplaceSent, S::kPendingReplace},
      {"PendingNew", E::kRejected, S::kRejected},
      {"PendingNew", E::kExpired, S::kExpired},
      // New and partially filled: fills, our requests, unsolicited cancel, expiry.
      {"New", E::kPartialFill, S::kPartiallyFilled},
      {"New", E::kFill, S::kFilled},
      {"New", E::kCancelSent, S::kPendingCancel},
      {"New", E::kCanceled, S::kCanceled},
      {"New", E::kReplaceSent, S::kPendingReplace},
      {"New", E::kExpired, S::kExpired},
      {"PartiallyFilled", E::kPartialFill, S::kPartiallyFilled},
      {"PartiallyFilled", E::kFill, S::kFilled},
      {"PartiallyFilled", E::kCancelSent, S::kPendingCancel},
      {"PartiallyFilled", E::kCanceled, S::kCanceled},
      {"PartiallyFilled", E::kReplaceSent, S::kPendingReplace},
      {"PartiallyFilled", E::kExpired, S::kExpired},
      // Pending cancel: fills go on, the last one ends the order; canceled; refused
      // (back where it was); expired; the order's own ack or reject when sent before it.
      {"PendingCancel<-New", E::kPartialFill, S::kPendingCancel},
      {"PendingCancel<-New", E::kFill, S::kFilled},
      {"PendingCancel<-New", E::kCanceled, S::kCanceled},
      {"PendingCancel<-New", E::kCancelReject, S::kNew},
      {"PendingCancel<-New", E::kExpired, S::kExpired},
      {"PendingCancel<-PendingNew", E::kAck, S::kPendingCancel},
      {"PendingCancel<-PendingNew", E::kPartialFill, S::kPendingCancel},
      {"PendingCancel<-PendingNew", E::kFill, S::kFilled},
      {"PendingCancel<-PendingNew", E::kCanceled, S::kCanceled},
      {"PendingCancel<-PendingNew", E::kCancelReject, S::kPendingNew},
      {"PendingCancel<-PendingNew", E::kRejected, S::kRejected},
      {"PendingCancel<-PendingNew", E::kExpired, S::kExpired},
      {"PendingCancel<-PartiallyFilled", E::kPartialFill, S::kPendingCancel},
      {"PendingCancel<-PartiallyFilled", E::kFill, S::kFilled},
      {"PendingCancel<-PartiallyFilled", E::kCanceled, S::kCanceled},
      {"PendingCancel<-PartiallyFilled", E::kCancelReject, S::kPartiallyFilled},
      {"PendingCancel<-PartiallyFilled", E::kExpired, S::kExpired},
      // Pending replace: the same, with replaced / replace reject; an unsolicited cancel.
      {"PendingReplace<-New", E::kPartialFill, S::kPendingReplace},
      {"PendingReplace<-New", E::kFill, S::kFilled},
      {"PendingReplace<-New", E::kCanceled, S::kCanceled},
      {"PendingReplace<-New", E::kReplaced, S::kReplaced},
      {"PendingReplace<-New", E::kReplaceReject, S::kNew},
      {"PendingReplace<-New", E::kExpired, S::kExpired},
      {"PendingReplace<-PendingNew", E::kAck, S::kPendingReplace},
      {"PendingReplace<-PendingNew", E::kPartialFill, S::kPendingReplace},
      {"PendingReplace<-PendingNew", E::kFill, S::kFilled},
      {"PendingReplace<-PendingNew", E::kCanceled, S::kCanceled},
      {"PendingReplace<-PendingNew", E::kReplaced, S::kReplaced},
      {"PendingReplace<-PendingNew", E::kReplaceReject, S::kPendingNew},
      {"PendingReplace<-PendingNew", E::kRejected, S::kRejected},
      {"PendingReplace<-PendingNew", E::kExpired, S::kExpired},
      {"PendingReplace<-PartiallyFilled", E::kPartialFill, S::kPendingReplace},
      {"PendingReplace<-PartiallyFilled", E::kFill, S::kFilled},
      {"PendingReplace<-PartiallyFilled", E::kCanceled, S::kCanceled},
      {"PendingReplace<-PartiallyFilled", E::kReplaced, S::kReplaced},
      {"PendingReplace<-PartiallyFilled", E::kReplaceReject, S::kPartiallyFilled},
      {"PendingReplace<-PartiallyFilled", E::kExpired, S::kExpired},
      // Terminal: only the late answer to a request that crossed the order's end.
      {"Filled+cancelOut", E::kCancelReject, S::kFilled},
      {"Filled+replaceOut", E::kReplaceReject, S::kFilled},
      {"Canceled+replaceOut", E::kReplaceReject, S::kCanceled},
      {"Expired+cancelOut", E::kCancelReject, S::kExpired},
  };
  return all;
}

std::optional<S> legalNext(const std::string& situation, E event) {
  for (const Legal& m : legalMoves()) {
    if (situation == m.situation && event == m.event) return m.next;
  }
  return std::nullopt;
}

OrderLifecycle reach(const Situation& s) {
  OrderLifecycle l;
  for (E e : s.path) EXPECT_EQ(l.apply(e), X::kNone) << s.name << ": " << lifecycleEventName(e);
  return l;
}

TEST(OrderLifecycleTest, everyLegalMoveOfTheMatrixLandsWhereFixSays) {
  std::size_t checked = 0;
  for (const Situation& s : situations()) {
    for (std::size_t i = 0; i < kLifecycleEventCount; ++i) {
      const auto e = static_cast<E>(i);
      if (e == E::kStatus) continue;
      const std::optional<S> next = legalNext(s.name, e);
      if (!next) continue;
      OrderLifecycle l = reach(s);
      EXPECT_EQ(l.apply(e), X::kNone) << s.name << " + " << lifecycleEventName(e);
      EXPECT_EQ(l.state(), *next) << s.name << " + " << lifecycleEventName(e) << " -> " << orderStateName(l.state());
      EXPECT_EQ(l.illegalCount(), 0u);
      ++checked;
    }
  }
  EXPECT_EQ(checked, legalMoves().size());  // every listed move names a real situation
}

TEST(OrderLifecycleTest, everyOtherMoveIsRefusedAndLeavesTheOrderAsItWas) {
  std::size_t refused = 0;
  for (const Situation& s : situations()) {
    for (std::size_t i = 0; i < kLifecycleEventCount; ++i) {
      const auto e = static_cast<E>(i);
      if (e == E::kStatus || legalNext(s.name, e)) continue;
      OrderLifecycle l = reach(s);
      const OrderLifecycle before = l;
      const X why = l.apply(e);
      EXPECT_NE(why, X::kNone) << s.name << " + " << lifecycleEventName(e) << " was allowed";
      EXPECT_EQ(l.state(), before.state()) << s.name << " + " << lifecycleEventName(e);
      EXPECT_EQ(l.resumeState(), before.resumeState());
      EXPECT_EQ(l.outstanding(), before.outstanding());
      EXPECT_EQ(l.illegalCount(), before.illegalCount() + 1);
      ++refused;
    }
  }
  EXPECT_GT(refused, 150u);  // 19 situations x 12 events, less the legal moves
}

TEST(OrderLifecycleTest, statusThatAgreesIsLegalInEverySentSituation) {
  for (const Situation& s : situations()) {
    OrderLifecycle l = reach(s);
    const S state = l.state();
    const X expected = state == S::kUnsent ? X::kNotSent : X::kNone;
    EXPECT_EQ(l.apply(E::kStatus, state), expected) << s.name;
    EXPECT_EQ(l.state(), state);
  }
}

TEST(OrderLifecycleTest, illegalMovesNameTheirReason) {
  OrderLifecycle canceled = along({E::kSent, E::kAck, E::kCanceled});
  EXPECT_EQ(canceled.apply(E::kPartialFill), X::kFillWhenDone);
  EXPECT_EQ(canceled.apply(E::kFill), X::kFillWhenDone);
  EXPECT_EQ(canceled.apply(E::kCanceled), X::kOrderDone);  // a duplicate report
  EXPECT_EQ(canceled.apply(E::kCancelSent), X::kOrderDone);
  EXPECT_EQ(canceled.apply(E::kCancelReject), X::kNoRequestPending);
  EXPECT_EQ(canceled.state(), S::kCanceled);
  EXPECT_EQ(canceled.illegalCount(), 5u);

  OrderLifecycle acked = along({E::kSent, E::kAck});
  EXPECT_EQ(acked.apply(E::kSent), X::kAlreadySent);
  EXPECT_EQ(acked.apply(E::kAck), X::kAlreadyAcknowledged);
  EXPECT_EQ(acked.apply(E::kRejected), X::kAlreadyAcknowledged);
  EXPECT_EQ(acked.apply(E::kReplaced), X::kNoRequestPending);
  EXPECT_EQ(acked.apply(static_cast<E>(200)), X::kUnknownEvent);
  EXPECT_EQ(acked.state(), S::kNew);

  OrderLifecycle replacing = along({E::kSent, E::kAck, E::kReplaceSent});
  EXPECT_EQ(replacing.apply(E::kCancelSent), X::kRequestPending);  // one request at a time
  EXPECT_EQ(replacing.apply(E::kReplaceSent), X::kRequestPending);
  EXPECT_EQ(replacing.apply(E::kCancelReject), X::kNoRequestPending);  // it is a replace we wait for
  EXPECT_EQ(replacing.state(), S::kPendingReplace);

  // The ack of an order acknowledged before our cancel went out is a duplicate.
  OrderLifecycle cancelling = along({E::kSent, E::kAck, E::kCancelSent});
  EXPECT_EQ(cancelling.apply(E::kAck), X::kAlreadyAcknowledged);
  EXPECT_EQ(cancelling.apply(E::kRejected), X::kAlreadyAcknowledged);
  EXPECT_EQ(cancelling.state(), S::kPendingCancel);

  OrderLifecycle never;
  EXPECT_EQ(never.apply(E::kFill), X::kNotSent);
  EXPECT_EQ(never.state(), S::kUnsent);
}

TEST(OrderLifecycleTest, fillsDuringPendingCancelThenCancelRejectReturnsToPartiallyFilled) {
  OrderLifecycle l = along({E::kSent, E::kAck, E::kCancelSent});
  EXPECT_EQ(l.resumeState(), S::kNew);
  ASSERT_EQ(l.apply(E::kPartialFill), X::kNone);
  EXPECT_EQ(l.state(), S::kPendingCancel);  // still waiting for the cancel's answer
  EXPECT_EQ(l.resumeState(), S::kPartiallyFilled);
  ASSERT_EQ(l.apply(E::kCancelReject), X::kNone);
  EXPECT_EQ(l.state(), S::kPartiallyFilled);
  EXPECT_EQ(l.outstanding(), OrderLifecycle::Request::kNone);
}

TEST(OrderLifecycleTest, lastFillDuringPendingCancelEndsTheOrderAndTheLateRejectIsExpected) {
  OrderLifecycle l = along({E::kSent, E::kAck, E::kCancelSent, E::kFill});
  EXPECT_EQ(l.state(), S::kFilled);
  EXPECT_EQ(l.outstanding(), OrderLifecycle::Request::kCancel);
  EXPECT_EQ(l.apply(E::kCancelReject), X::kNone);  // "too late to cancel"
  EXPECT_EQ(l.outstanding(), OrderLifecycle::Request::kNone);
  EXPECT_EQ(l.apply(E::kCancelReject), X::kNoRequestPending);  // a second one is not
  EXPECT_EQ(l.state(), S::kFilled);
}

TEST(OrderLifecycleTest, cancelRejectReturnsToTheStateBeforeTheCancel) {
  for (const auto& [path, prior] : std::vector<std::pair<std::vector<E>, S>>{
           {{E::kSent}, S::kPendingNew},
           {{E::kSent, E::kAck}, S::kNew},
           {{E::kSent, E::kAck, E::kPartialFill}, S::kPartiallyFilled}}) {
    OrderLifecycle l;
    for (E e : path) ASSERT_EQ(l.apply(e), X::kNone);
    ASSERT_EQ(l.apply(E::kCancelSent), X::kNone);
    ASSERT_EQ(l.apply(E::kCancelReject), X::kNone);
    EXPECT_EQ(l.state(), prior);
  }
}

TEST(OrderLifecycleTest, replaceFlows) {
  // Accepted: the old ClOrdID ends Replaced, the order lives on under the new one.
  OrderLifecycle old = along({E::kSent, E::kAck, E::kPartialFill, E::kReplaceSent});
  ASSERT_EQ(old.apply(E::kReplaced), X::kNone);
  EXPECT_EQ(old.state(), S::kReplaced);
  EXPECT_TRUE(old.terminal());
  EXPECT_EQ(old.apply(E::kFill), X::kFillWhenDone);  // fills now come under the new ClOrdID
  OrderLifecycle next = OrderLifecycle::replacement(S::kPartiallyFilled);
  EXPECT_EQ(next.apply(E::kFill), X::kNone);
  EXPECT_EQ(next.state(), S::kFilled);

  // Refused: back to where it was, a fill in between included.
  OrderLifecycle refused = along({E::kSent, E::kAck, E::kReplaceSent, E::kPartialFill});
  ASSERT_EQ(refused.apply(E::kReplaceReject), X::kNone);
  EXPECT_EQ(refused.state(), S::kPartiallyFilled);
  // And a new replace may go out after the answer.
  EXPECT_EQ(refused.apply(E::kReplaceSent), X::kNone);
}

TEST(OrderLifecycleTest, statusReportThatDisagreesIsAMismatch) {
  OrderLifecycle l = along({E::kSent, E::kAck});
  EXPECT_EQ(l.apply(E::kStatus, S::kCanceled), X::kStatusMismatch);
  EXPECT_EQ(l.apply(E::kStatus, S::kCount), X::kUnknownEvent);
  EXPECT_EQ(l.state(), S::kNew);
  // A cancel out: the venue may not have seen it yet.
  ASSERT_EQ(l.apply(E::kCancelSent), X::kNone);
  EXPECT_EQ(l.apply(E::kStatus, S::kNew), X::kNone);
  EXPECT_EQ(l.apply(E::kStatus, S::kPendingCancel), X::kNone);
  EXPECT_EQ(l.apply(E::kStatus, S::kPartiallyFilled), X::kStatusMismatch);
}

TEST(OrderLifecycleTest, everyStateEventAndErrorHasAName) {
  for (std::size_t i = 0; i < kOrderStateCount; ++i) EXPECT_STRNE(orderStateName(static_cast<S>(i)), "UNKNOWN");
  for (std::size_t i = 0; i < kLifecycleEventCount; ++i) {
    EXPECT_STRNE(lifecycleEventName(static_cast<E>(i)), "UNKNOWN");
  }
  for (std::size_t i = 0; i < kTransitionErrorCount; ++i) {
    EXPECT_STRNE(transitionErrorName(static_cast<X>(i)), "UNKNOWN");
  }
  EXPECT_STREQ(orderStateName(S::kPendingCancel), "PENDING_CANCEL");
  EXPECT_STREQ(transitionErrorName(X::kFillWhenDone), "FILL_WHEN_DONE");
}

}  // namespace
}  // namespace bw::risk
