#pragma once
// Replay's lock-step with the built-in venue, in market time: before the engine takes the
// next tick, every request it queued has been handed to FIX (or refused) by the order
// thread, the venue has matched every order and cancel it got and, while any of our
// orders can rest there, every market trade the engine handed it, and every report the
// venue sent for those has been taken off the exec queue by the engine. Then the engine's
// decisions no longer depend on when reports cross the three threads and the loopback
// session, and the same capture and config give the same journal (issue 5).
//
// Bookkeeping only, in counts: the venue's and the gateway's cumulative counters against
// what the engine handed over. The engine asks settled() and waits (Engine::settleWithVenue,
// bounded, counted when it gives up). `breakwater run` (live feeds) has none: its reports
// arrive when they arrive, as they would from a real venue.
//
// The order thread's send records (ORDER_SENT, CANCEL_SENT) come back here instead of
// going to the journal, and the engine journals them once the request is handed off and
// before any report: the journal's multi-producer queue keeps no order between threads,
// so a record journaled on the order thread could land anywhere among the engine's.
//
// Threads:
//   engine thread  noteRequestQueued(), noteTradeHanded(), noteReportTaken(),
//                  requestsHandedOff(), settled(), giveUp(), takeSendRecord()
//   order thread   relaySendRecord(), noteRequestHandled()
// Nothing here allocates after construction, locks or throws.

#include <atomic>
#include <cstdint>

#include "core/SpscQueue.h"
#include "fix/OrderGateway.h"
#include "fix/VenueSimulator.h"
#include "pipeline/JournalEvent.h"
#include "risk/WorkingOrders.h"

namespace bw::pipeline {

class VenueLockstep {
 public:
  /// `venue` and `gateway` must outlive this object. `timeout_ns`: how long the engine
  /// waits for a settled venue before it gives up and counts it. Allocates the record
  /// relay once. Cold path.
  VenueLockstep(const fix::VenueSimulator& venue, const fix::OrderGateway& gateway, std::int64_t timeout_ns)
      : venue_(venue.counters()), gateway_(gateway.counters()), timeout_ns_(timeout_ns),
        send_records_(risk::WorkingOrders::kCapacity) {}

  [[nodiscard]] std::int64_t timeoutNs() const noexcept { return timeout_ns_; }

  // --- engine thread ---

  /// A request pushed onto the order queue.
  void noteRequestQueued() noexcept { ++requests_queued_; }
  /// A market trade handed to VenueSimulator::onMarketTrade.
  void noteTradeHanded() noexcept { ++trades_handed_; }
  /// An execution report taken off the gateway's exec queue.
  void noteReportTaken() noexcept { ++reports_taken_; }

  /// Every queued request has been handed to FIX or refused, and its send record (if
  /// any) is in the relay. One acquire load.
  [[nodiscard]] bool requestsHandedOff() const noexcept {
    // acquire: pairs with noteRequestHandled's release; the order thread's gateway
    // counters, refused-queue pushes and relayed records are visible after it.
    return requests_handled_.load(std::memory_order_acquire) >= requests_queued_;
  }

  /// Nothing is in flight between the engine and the venue: see the header comment.
  /// `orders_rest`: some order of ours is working, so a trade may fill it and the venue
  /// must have matched every trade handed to it; with none working a trade cannot make a
  /// report, and the engine need not wait for the venue thread at every trade.
  [[nodiscard]] bool settled(bool orders_rest) const noexcept {
    if (!requestsHandedOff()) return false;
    const std::uint64_t sent = sentOrders();
    if (matched() + orders_given_up_ < sent) return false;
    if (orders_rest && traded() < trades_handed_) return false;
    return reports_taken_ >= reportsDue();
  }

  /// The engine waited timeoutNs() in vain (a message lost, a thread stalled): what is
  /// missing now is written off, so later ticks wait only for what they add, not for the
  /// lost message again. Late arrivals of what was written off then count as slack, so
  /// replays with timeouts are no longer promised to be identical (they are counted).
  void giveUp() noexcept {
    const std::uint64_t handled = requests_handled_.load(std::memory_order_acquire);
    if (requests_queued_ > handled) requests_queued_ = handled;
    const std::uint64_t sent = sentOrders();
    if (matched() + orders_given_up_ < sent) orders_given_up_ = sent - matched();
    if (traded() < trades_handed_) trades_handed_ = traded();
    if (reports_taken_ < reportsDue()) reports_taken_ = reportsDue();
  }

  /// The next relayed send record, in the order the order thread made them.
  [[nodiscard]] bool takeSendRecord(JournalEvent& out) noexcept { return send_records_.tryPop(out); }

  // --- order thread ---

  /// Hands a send record to the engine instead of the journal. False (the record is
  /// lost) only if the engine is kWorkingOrders behind, which lock-step never lets it be.
  [[nodiscard]] bool relaySendRecord(const JournalEvent& e) noexcept { return send_records_.tryPush(e); }

  /// One request done (sent, refused or failed); after its record and refused-queue push.
  void noteRequestHandled() noexcept {
    // release: publishes this request's gateway counters, refused push and record.
    // Single writer: a plain load and store, no locked read-modify-write.
    requests_handled_.store(requests_handled_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }

 private:
  /// Requests on the wire, each one message the venue answers: orders, cancels (a mass
  /// cancel's fallback cancels among them), replaces, mass cancels, status requests. The
  /// order thread's counters, stored before the release that requestsHandedOff() acquires.
  [[nodiscard]] std::uint64_t sentOrders() const noexcept {
    return gateway_.sent_new.load(std::memory_order_relaxed) + gateway_.sent_cancel.load(std::memory_order_relaxed) +
           gateway_.sent_replace.load(std::memory_order_relaxed) +
           gateway_.sent_mass_cancel.load(std::memory_order_relaxed) +
           gateway_.sent_status.load(std::memory_order_relaxed);
  }
  /// Orders and cancels the venue has answered or dropped. acquire (here and in traded()):
  /// the venue stores reports_sent before releasing these counts, so a reportsDue() read
  /// after them counts every report of what they count.
  [[nodiscard]] std::uint64_t matched() const noexcept {
    return venue_.orders_matched.load(std::memory_order_acquire) +
           venue_.order_queue_full.load(std::memory_order_relaxed) +
           venue_.mass_cancels_unsupported.load(std::memory_order_acquire);  // each answered by a 35=j
  }
  /// Market trades the venue has matched or dropped (trade_queue_full is the engine
  /// thread's own counter, written in onMarketTrade).
  [[nodiscard]] std::uint64_t traded() const noexcept {
    return venue_.market_trades.load(std::memory_order_acquire) +
           venue_.trade_queue_full.load(std::memory_order_relaxed);
  }
  /// Reports sent by the venue that will reach the exec queue: the ones the gateway could
  /// not decode or queue are counted there and never come.
  [[nodiscard]] std::uint64_t reportsDue() const noexcept {
    const std::uint64_t sent = venue_.reports_sent.load(std::memory_order_acquire) +
                               venue_.mass_cancels_unsupported.load(std::memory_order_acquire);
    const std::uint64_t lost = gateway_.exec_malformed.load(std::memory_order_relaxed) +
                               gateway_.exec_dropped.load(std::memory_order_relaxed);
    return sent > lost ? sent - lost : 0;
  }

  const fix::VenueCounters& venue_;
  const fix::OrderGatewayCounters& gateway_;
  const std::int64_t timeout_ns_;
  // engine thread
  alignas(64) std::uint64_t requests_queued_ = 0;
  std::uint64_t trades_handed_ = 0;
  std::uint64_t reports_taken_ = 0;
  std::uint64_t orders_given_up_ = 0;  // written off by giveUp()
  // order thread
  alignas(64) std::atomic<std::uint64_t> requests_handled_{0};
  SpscQueue<JournalEvent> send_records_;  // order thread -> engine thread
};

}  // namespace bw::pipeline
