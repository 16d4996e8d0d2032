#include "pipeline/Engine.h"

#include "core/IdleStrategy.h"

namespace bw::pipeline {

Engine::Engine(const Config& config, const InstrumentTable& instruments, const TscClock& clock, risk::RiskGate& gate,
               EngineQueues queues, fix::OrderGateway& gateway, fix::VenueSimulator* venue)
    : config_(config),
      instruments_(instruments),
      clock_(clock),
      gate_(gate),
      queues_(queues),
      gateway_(gateway),
      venue_(venue),
      bars_(config.strategy.bar_interval_ms * 1'000'000),
      decisions_(instruments, config.strategy) {}

void Engine::processTick(const Tick& tick) noexcept {
  ++counters_.ticks;
  if (tick.kind == TickKind::kTrade) {
    ++counters_.trades;
    gate_.onTrade(tick.symbol, tick.price);
    if (venue_ != nullptr) venue_->onMarketTrade(tick);
    feed::Bar bar;
    if (bars_.onTrade(tick, bar)) {
      ++counters_.bars;
      handle(decisions_.onBar(bar), tick.parsed_tsc);
    }
    handle(decisions_.onTrade(tick), tick.parsed_tsc);
  }
  // Every tick counts, decision or not: this is the engine's per-tick cost plus the hop.
  tick_to_decision_.record(clock_.toNs(TscClock::now() - tick.parsed_tsc));
}

void Engine::handle(const strategy::Decision& d, std::uint64_t tick_tsc) noexcept {
  using Kind = strategy::Decision::Kind;
  if (d.kind == Kind::kNone) return;
  if (d.kind == Kind::kCancel) {
    ++counters_.cancels;
    if (const risk::WorkingOrder* order = gate_.working().find(d.cancel_target); order != nullptr) {
      sendCancel(*order, d.cancel_id);
    }
    return;
  }
  d.kind == Kind::kEnter ? ++counters_.entries : ++counters_.exits;
  OrderIntent intent = d.intent;
  intent.tick_tsc = tick_tsc;
  const risk::RejectCode verdict = gate_.check(intent);
  const std::uint64_t verdict_tsc = TscClock::now();
  decision_to_verdict_.record(clock_.toNs(verdict_tsc - intent.decision_tsc));
  if (verdict != risk::RejectCode::kAccepted) {
    decisions_.onRefused(intent.id);
    return;
  }
  sendNew(intent, verdict_tsc);
}

void Engine::sendNew(const OrderIntent& intent, std::uint64_t verdict_tsc) noexcept {
  OrderRequest req;
  req.action = OrderRequest::Action::kNew;
  req.id = intent.id;
  req.symbol = intent.symbol;
  req.side = intent.side;
  req.tif = intent.tif;
  req.limit = intent.limit;
  req.qty = intent.qty;
  req.verdict_tsc = verdict_tsc;
  if (!queues_.orders.tryPush(req)) {
    // Never silent: counted, and the reservation is given back.
    ++counters_.order_queue_full;
    gate_.releaseUnsent(intent.id);
    decisions_.onRefused(intent.id);
  }
}

void Engine::sendCancel(const risk::WorkingOrder& order, OrderId cancel_id) noexcept {
  OrderRequest req;
  req.action = OrderRequest::Action::kCancel;
  req.id = cancel_id;
  req.orig_id = order.id;
  req.symbol = order.symbol;
  req.side = order.side;
  req.limit = order.limit;
  req.qty = order.leaves;
  req.verdict_tsc = TscClock::now();
  if (!queues_.orders.tryPush(req)) ++counters_.order_queue_full;
}

void Engine::processExec(const ExecEvent& e) noexcept {
  switch (e.kind) {
    case ExecEvent::Kind::kNew: ++counters_.acks; break;
    case ExecEvent::Kind::kPartialFill: ++counters_.fills; ++counters_.partial_fills; break;
    case ExecEvent::Kind::kFill: ++counters_.fills; break;
    case ExecEvent::Kind::kCanceled: ++counters_.canceled; break;
    case ExecEvent::Kind::kRejected: ++counters_.venue_rejects; break;
    case ExecEvent::Kind::kCancelRejected: ++counters_.cancel_rejects; break;
  }
  gate_.onExec(e);
  decisions_.onExec(e);
}

bool Engine::pollVenue() noexcept {
  bool worked = false;
  ExecEvent e;
  while (gateway_.pollExec(e)) {
    processExec(e);
    worked = true;
  }
  OrderId refused = 0;
  while (queues_.refused.tryPop(refused)) {
    ++counters_.refused_by_order_thread;
    gate_.releaseUnsent(refused);
    decisions_.onRefused(refused);
    worked = true;
  }
  return worked;
}

void Engine::cancelAllWorking() noexcept {
  gate_.working().forEach([this](const risk::WorkingOrder& order) { sendCancel(order, decisions_.nextId()); });
}

void Engine::run(const std::atomic<bool>& feed_done) {
  IdleStrategy idle(config_.cores.idle);
  bool draining = false;
  std::int64_t drain_deadline_ns = 0;
  Tick tick;
  for (;;) {
    bool worked = false;
    while (queues_.ticks.tryPop(tick)) {
      processTick(tick);
      worked = true;
    }
    worked |= pollVenue();
    if (!draining) {
      // acquire pairs with the feed's release: every tick pushed before `done` is visible.
      if (feed_done.load(std::memory_order_acquire) && queues_.ticks.sizeApprox() == 0) {
        while (queues_.ticks.tryPop(tick)) processTick(tick);
        draining = true;
        drain_deadline_ns = TscClock::monotonicNs() + config_.fix.drain_timeout_ms * 1'000'000;
        cancelAllWorking();
      }
    } else if (gate_.workingOrders() == 0 || TscClock::monotonicNs() > drain_deadline_ns) {
      return;
    }
    if (worked) {
      idle.reset();
    } else {
      idle.idle();
    }
  }
}

}  // namespace bw::pipeline
