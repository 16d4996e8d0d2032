#include "pipeline/OrderSender.h"

namespace bw::pipeline {

void OrderSender::sendOne(const OrderRequest& req) noexcept {
  handle(req);
  if (lockstep_ != nullptr) lockstep_->noteRequestHandled();  // after handle's records and refused push
}

void OrderSender::journalSend(const JournalEvent& e) noexcept {
  if (lockstep_ != nullptr) {
    // The relay holds as many records as the order queue holds requests, and the engine
    // empties it before its next tick: it fills only after kCapacity lock-step timeouts.
    (void)lockstep_->relaySendRecord(e);
  } else if (journal_ != nullptr) {
    (void)journal_->record(e);
  }
}

void OrderSender::handle(const OrderRequest& req) noexcept {
  const std::uint64_t taken_tsc = TscClock::now();
  const bool is_new = req.action == OrderRequest::Action::kNew;
  if (is_new && !req.flatten && control_.killed(req.symbol, req.strategy)) {
    ++counters_.stopped_by_kill;
    if (!refused_.tryPush(req.id)) ++counters_.send_failures;
    return;
  }
  if (!gateway_.send(req)) {
    ++counters_.send_failures;
    // A new order or a replace never on the wire: the engine gives back what the gate
    // reserved for it (a replace: the order works on as it was).
    const bool refusable = is_new || req.action == OrderRequest::Action::kReplace;
    if (refusable && !refused_.tryPush(req.id)) ++counters_.send_failures;
    return;
  }
  const std::uint64_t returned_tsc = TscClock::now();
  // "Sent" is the moment our finished bytes are handed to the kernel (the fast path stamps
  // its send() call); what the kernel then takes is socket_send_, apart. The stamps are
  // this request's only when made after it was taken: bytes queued behind earlier ones
  // make no call, and the quickfix path stamps nothing - then the return is used.
  const fix::SocketWriteStamps write = gateway_.lastWrite();
  const bool stamped = write.handed_tsc >= taken_tsc;
  const std::uint64_t sent_tsc = stamped ? write.handed_tsc : returned_tsc;
  if (stamped) socket_send_.record(clock_.toNs(write.returned_tsc - write.handed_tsc));
  const std::int64_t latency = clock_.toNs(sent_tsc - req.verdict_tsc);
  // A request judged before the throttle last let a held order go was held itself, or
  // queued behind one (FIFO): its wait is the venue's rate, not our path. Such orders and
  // replaces go to throttle_wait_ instead of the path's stages.
  const bool waited_for_throttle = req.verdict_tsc <= last_throttle_release_tsc_;
  const bool timed = req.tick_tsc != 0 && (is_new || req.action == OrderRequest::Action::kReplace);
  if (timed && waited_for_throttle) {
    throttle_wait_.record(latency);
  } else if (req.tick_tsc != 0) {
    tick_to_send_.record(clock_.toNs(sent_tsc - req.tick_tsc));
    tick_to_send_return_.record(clock_.toNs(returned_tsc - req.tick_tsc));
  }
  const std::int64_t wall = JournalEvent::wallNowNs();
  switch (req.action) {
    case OrderRequest::Action::kNew:
      ++counters_.sent_new;
      if (!waited_for_throttle) verdict_to_send_.record(latency);
      journalSend(JournalEvent::orderSent(wall, req, latency));
      break;
    case OrderRequest::Action::kCancel:
      ++counters_.sent_cancel;
      if (req.from_kill) kill_to_cancel_.record(latency);
      journalSend(JournalEvent::cancelSent(wall, req));
      break;
    case OrderRequest::Action::kReplace:
      ++counters_.sent_replace;
      journalSend(JournalEvent::replaceSent(wall, req, latency));
      break;
    case OrderRequest::Action::kMassCancel:
      ++counters_.sent_mass_cancel;
      if (req.from_kill) kill_to_cancel_.record(latency);
      journalSend(JournalEvent::massCancelSent(wall, req));
      break;
    case OrderRequest::Action::kStatus: ++counters_.sent_status; break;
  }
}

void OrderSender::pollSessionWhenDue() noexcept {
  if (!gateway_.fastSendPath()) return;
  const std::uint64_t now = TscClock::now();
  if (now < next_session_poll_tsc_) return;
  gateway_.pollSession();
  next_session_poll_tsc_ =
      now + static_cast<std::uint64_t>(clock_.ticksPerNs() * static_cast<double>(fix::OrderGateway::kSessionPollIntervalNs));
}

void OrderSender::warmWhenDue(IdleMode mode) noexcept {
  if (mode != IdleMode::kSpin) return;  // a shared core: warming would take it from its other threads
  const std::uint64_t now = TscClock::now();
  if (now < next_warm_tsc_) return;
  gateway_.warmSendPath();
  ++counters_.warm_ups;
  next_warm_tsc_ = now + static_cast<std::uint64_t>(clock_.ticksPerNs() * static_cast<double>(kWarmIntervalNs));
}

bool OrderSender::releaseHeld() noexcept {
  const bool stopped = !held_.flatten && control_.killed(held_.symbol, held_.strategy);
  if (!stopped && !throttle_.tryAcquire(static_cast<std::int64_t>(TscClock::now()))) return false;
  holding_ = false;
  last_throttle_release_tsc_ = TscClock::now();  // it, and whatever queued behind it, waited
  sendOne(held_);  // a kill that came meanwhile stops it there
  return true;
}

void OrderSender::run(const std::atomic<bool>& stop, IdleMode mode) {
  IdleStrategy idle(mode);
  OrderRequest req;
  for (;;) {
    // FIFO: nothing behind a held order goes out before it.
    if (holding_) {
      if (releaseHeld()) {
        idle.reset();
      } else {
        pollSessionWhenDue();
        idle.idle();
      }
      continue;
    }
    if (orders_.tryPop(req)) {
      if (req.action == OrderRequest::Action::kNew) {
        if (!throttle_.tryAcquire(static_cast<std::int64_t>(TscClock::now()))) {
          ++counters_.throttled;
          held_ = req;
          holding_ = true;
          continue;
        }
      } else {
        (void)throttle_.tryAcquire(static_cast<std::int64_t>(TscClock::now()));  // a slot if free; never waits
      }
      sendOne(req);
      pollSessionWhenDue();  // after the send: a burst still lets the session breathe
      idle.reset();
      continue;
    }
    // acquire pairs with the engine's release after its last push.
    if (stop.load(std::memory_order_acquire) && orders_.sizeApprox() == 0) return;
    pollSessionWhenDue();
    warmWhenDue(mode);
    idle.idle();
  }
}

}  // namespace bw::pipeline
