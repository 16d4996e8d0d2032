#include "pipeline/Engine.h"

#include "core/IdleStrategy.h"
#include "pipeline/EntryReasonText.h"
#include "strategy/signals/TimeframeMap.h"

namespace bw::pipeline {
namespace {

/// A price `bps` through the market from `ref` for `side` (exits and flattening), on the tick grid.
Price throughTheMarket(const Instrument& inst, Price ref, Side side, std::int64_t bps) noexcept {
  const std::int64_t move = static_cast<std::int64_t>(static_cast<Int128>(ref.raw) * bps / 10'000);
  const std::int64_t raw = side == Side::kBuy ? ref.raw + move : ref.raw - move;
  const std::int64_t tick = inst.tick_size.raw > 0 ? inst.tick_size.raw : 1;
  return Price{side == Side::kBuy ? (raw + tick - 1) / tick * tick : raw / tick * tick};
}

}  // namespace

Engine::Engine(const Config& config, const InstrumentTable& instruments, const TscClock& clock, risk::RiskGate& gate,
               EngineQueues queues, fix::OrderGateway& gateway, fix::VenueSimulator* venue, EngineControl control)
    : config_(config),
      instruments_(instruments),
      clock_(clock),
      gate_(gate),
      queues_(queues),
      gateway_(gateway),
      venue_(venue),
      control_(control),
      bars_(config.bars),
      decisions_(instruments, config),
      reconciler_(std::make_unique<risk::Reconciler>()) {
  const int series = bars_.timeSeries(config.strategy.bar_interval_ms * 1'000'000);
  // loadConfig refuses such a config; a hand-built one is refused here, before any tick.
  if (series < 0) throw ConfigError("[strategy] bar_interval_ms: must be one of [bars] time_intervals");
  strategy_series_ = static_cast<std::uint8_t>(series);
  timeframe_of_series_ = strategy::timeframeMap(bars_, config);
  seen_change_seq_ = control_.block.layout().change_seq.load(std::memory_order_acquire);
  warm_interval_tsc_ = static_cast<std::uint64_t>(clock_.ticksPerNs() * static_cast<double>(kWarmIntervalNs));
}

void Engine::processTick(const Tick& tick) noexcept {
  const std::uint64_t taken_tsc = TscClock::now();
  // In lock-step a tick handed over while the engine waited for the venue is timed from
  // the wait's end: the wait is replay's bookkeeping, not latency. The end-to-end stages
  // start at the tick's arrival, moved by that wait too.
  const std::uint64_t ready_tsc = tick.parsed_tsc > settled_tsc_ ? tick.parsed_tsc : settled_tsc_;
  const std::uint64_t arrival_tsc = (tick.arrival_tsc != 0 ? tick.arrival_tsc : tick.parsed_tsc) + (ready_tsc - tick.parsed_tsc);
  hop_tsc_ = taken_tsc > ready_tsc ? taken_tsc - ready_tsc : 0;
  taken_tsc_ = taken_tsc;
  bars_done_tsc_ = 0;
  if (tick.kind == TickKind::kClock) {
    onClockTick(tick.recv_ns, arrival_tsc);
    tick_to_decision_.record(clock_.toNs(TscClock::now() - ready_tsc));
    return;
  }
  ++counters_.ticks;
  now_ns_ = tick.recv_ns;
  gate_.setDataQuality(tick.symbol, tick.quality);  // the feed's score for this symbol, before any decision
  if (tick.kind == TickKind::kTrade) {
    ++counters_.trades;
    gate_.onTrade(tick.symbol, tick.price, tick.recv_ns);
    noteTrigger(control_.triggers.onPnl(gate_.positions().totalPnl().raw));
    if (venue_ != nullptr) {
      venue_->onMarketTrade(tick);
      if (lockstep_ != nullptr) lockstep_->noteTradeHanded();
    }
  } else if (tick.symbol < instruments_.size()) {
    gate_.onTick(tick.symbol, tick.recv_ns);
    // The venue judges marketability and queue position against the quote. No lock-step
    // count: a quote makes no report (see fix/VenueSimulator.h).
    if (venue_ != nullptr) venue_->onMarketQuote(tick);
  }
  // Every tick moves market time (bars whose interval ended close first), then a trade
  // joins the open bars of its symbol. The bars that closed are decided on as of their
  // close, so before this tick's own features are folded in.
  bars_.onTick(tick, [this, arrival_tsc](const feed::Bar& bar) noexcept { onBar(bar, arrival_tsc); });
  if (pending_count_ != 0) bars_done_tsc_ = TscClock::now();  // a strategy bar closed: a decision follows
  decidePending(arrival_tsc);
  decisions_.onTick(tick);
  if (tick.kind == TickKind::kTrade) handle(decisions_.onTrade(tick), arrival_tsc);
  flushDeferredLines();
  // Every tick counts, decision or not: this is the engine's per-tick cost plus the hop.
  tick_to_decision_.record(clock_.toNs(TscClock::now() - ready_tsc));
}

void Engine::recordTickToVerdict(std::uint64_t tick_tsc, std::uint64_t decision_tsc, std::uint64_t verdict_tsc) noexcept {
  const std::uint64_t total = verdict_tsc - tick_tsc;
  tick_to_verdict_.record(clock_.toNs(total > hop_tsc_ ? total - hop_tsc_ : 0));
  // Its parts, so a slow verdict says where it went. The engine's share starts when it took
  // the tick; bars_done_tsc_ is set only when a strategy bar closed on this tick, before the
  // decisions it causes (a decision on a trade - a stop, a target - has no bar part).
  const std::uint64_t ready_tsc = taken_tsc_ - hop_tsc_;
  tick_to_engine_.record(clock_.toNs(ready_tsc > tick_tsc ? ready_tsc - tick_tsc : 0));
  const bool after_bars = bars_done_tsc_ != 0 && bars_done_tsc_ <= decision_tsc;
  if (after_bars) engine_to_bars_.record(clock_.toNs(bars_done_tsc_ - taken_tsc_));
  const std::uint64_t decide_from = after_bars ? bars_done_tsc_ : taken_tsc_;
  bars_to_decision_.record(clock_.toNs(decision_tsc > decide_from ? decision_tsc - decide_from : 0));
}

void Engine::onBar(const feed::Bar& bar, std::uint64_t tick_tsc) noexcept {
  const std::int8_t timeframe = timeframe_of_series_[bar.series];
  if (timeframe < 0 || bar.symbol >= instruments_.size()) return;
  if (timeframe == 0) {
    // A second strategy bar of the symbol in one advance (a silence: flat bars): the first
    // is decided now, with the longer series as they were.
    if (decision_pending_[bar.symbol]) {
      decide(bar.symbol, tick_tsc);  // still listed: the list holds each symbol once
    } else {
      pending_symbols_[pending_count_++] = bar.symbol;
    }
    ++counters_.bars;
    decision_pending_[bar.symbol] = true;
    // A decision follows, and perhaps a risk check. An engine that spins keeps the check warm
    // between closes (warmDecisionPathWhenDue); one that does not finds its lines in memory
    // seconds after the last check. Prefetched now, they arrive while the signals and the
    // decision run (bench_risk_gate BM_ColdCheck/3 against /2: about half the cold check).
    if (config_.cores.engine_idle != IdleMode::kSpin) gate_.prefetchCheck(bar.symbol, last_intent_[bar.symbol].strategy);
  }
  decisions_.onBar(static_cast<std::size_t>(timeframe), bar);
}

void Engine::decidePending(std::uint64_t tick_tsc) noexcept {
  for (std::size_t i = 0; i < pending_count_; ++i) {
    if (decision_pending_[pending_symbols_[i]]) decide(pending_symbols_[i], tick_tsc);
  }
  pending_count_ = 0;
}

void Engine::decide(SymbolId symbol, std::uint64_t tick_tsc) noexcept {
  decision_pending_[symbol] = false;
  handle(decisions_.decide(symbol), tick_tsc);
}

void Engine::onClockTick(std::int64_t recv_ns, std::uint64_t arrival_tsc) noexcept {
  ++counters_.clock_ticks;
  // Market time never goes back: the message behind this tick carries the same recv_ns.
  if (recv_ns > now_ns_) now_ns_ = recv_ns;
  bars_.advanceTo(recv_ns, [this, arrival_tsc](const feed::Bar& bar) noexcept { onBar(bar, arrival_tsc); });
  if (pending_count_ != 0) bars_done_tsc_ = TscClock::now();
  decidePending(arrival_tsc);
  flushDeferredLines();
}

void Engine::handle(const strategy::Decision& d, std::uint64_t tick_tsc) noexcept {
  using Kind = strategy::Decision::Kind;
  if (d.kind == Kind::kNone) return;
  const std::int64_t wall = JournalEvent::wallNowNs();
  if (d.kind == Kind::kCancel) {
    risk::WorkingOrder* order = gate_.working().find(d.cancel_target);
    if (order != nullptr && !order->cancel_requested && sendCancel(*order, d.cancel_id, false, 0)) ++counters_.cancels;
    return;
  }
  if (d.kind == Kind::kReplace) {
    sendReplace(d, tick_tsc);
    return;
  }
  d.kind == Kind::kEnter ? ++counters_.entries : ++counters_.exits;
  OrderIntent intent = d.intent;
  intent.tick_tsc = tick_tsc;
  intent.ts_ns = now_ns_;
  // Verdict and hand-off first, their journal lines once every verdict of this tick is
  // handed off (deferLines): formatting a decision's reasons costs more than the risk check
  // (0.2-4 us against 0.2-2 us, measured), and a tick that closes the bars of two symbols
  // would make the second wait for the first's lines. The lines keep the wall time taken
  // above, so the journal still reads decision, verdict, sent.
  risk::RejectCode shadow = risk::RejectCode::kAccepted;
  const risk::RejectCode verdict = gate_.check(intent, &shadow);
  const std::uint64_t verdict_tsc = TscClock::now();
  const bool accepted = verdict == risk::RejectCode::kAccepted;
  if (accepted) sendNew(intent, verdict_tsc);
  if (intent.symbol < last_intent_.size()) {
    last_intent_[intent.symbol] = intent;
    has_last_intent_[intent.symbol] = true;
  }
  // Recorded after the hand-off: the order thread is not kept waiting for our histograms.
  const std::int64_t check_ns = clock_.toNs(verdict_tsc - intent.decision_tsc);
  decision_to_verdict_.record(check_ns);
  recordTickToVerdict(tick_tsc, intent.decision_tsc, verdict_tsc);
  deferLines({d, intent, verdict, shadow, wall, check_ns});
  if (!accepted) {
    noteTrigger(control_.triggers.onVerdict(verdict, now_ns_));
    decisions_.onRefused(intent.id);
  }
}

void Engine::deferLines(const VerdictLines& lines) noexcept {
  if (deferred_count_ == deferred_.size()) flushDeferredLines();  // never dropped; order kept
  deferred_[deferred_count_++] = lines;
}

void Engine::flushDeferredLines() noexcept {
  for (std::size_t i = 0; i < deferred_count_; ++i) {
    const VerdictLines& l = deferred_[i];
    JournalEvent decision = JournalEvent::decision(l.wall_ns, l.intent.ts_ns, l.intent);
    if (l.decision.kind == strategy::Decision::Kind::kEnter) {
      writeEntryReason(l.decision.why, decision);
    } else {
      decision.setText(l.decision.exit_why);  // "target child", "stop", "target", ...
    }
    journal(decision);
    journal(JournalEvent::verdict(l.wall_ns, l.intent.ts_ns, l.intent, l.verdict, l.check_ns));
    if (l.shadow != risk::RejectCode::kAccepted) {
      journal(JournalEvent::shadowReject(l.wall_ns, l.intent.ts_ns, l.intent, l.shadow));
    }
  }
  deferred_count_ = 0;
}

namespace {

/// The request for an intent the gate accepted (a new order, or a replace's replacement).
OrderRequest requestFor(OrderRequest::Action action, const OrderIntent& intent, std::uint64_t verdict_tsc) noexcept {
  OrderRequest req;
  req.action = action;
  req.id = intent.id;
  req.symbol = intent.symbol;
  req.side = intent.side;
  req.tif = intent.tif;
  req.flatten = intent.flatten;
  req.strategy = intent.strategy;
  req.limit = intent.limit;
  req.qty = intent.qty;
  req.verdict_tsc = verdict_tsc;
  req.tick_tsc = intent.tick_tsc;
  return req;
}

}  // namespace

void Engine::sendNew(const OrderIntent& intent, std::uint64_t verdict_tsc) noexcept {
  const OrderRequest req = requestFor(OrderRequest::Action::kNew, intent, verdict_tsc);
  if (!queues_.orders.tryPush(req)) {
    // Never silent: counted, and the reservation is given back.
    ++counters_.order_queue_full;
    gate_.releaseUnsent(intent.id);
    decisions_.onRefused(intent.id);
    return;
  }
  if (lockstep_ != nullptr) lockstep_->noteRequestQueued();
  (void)reconciler_->onNewSent(req.id, req.symbol, req.side, req.qty);  // a refusal is counted there
}

void Engine::sendReplace(const strategy::Decision& d, std::uint64_t tick_tsc) noexcept {
  OrderIntent intent = d.intent;
  intent.tick_tsc = tick_tsc;
  intent.ts_ns = now_ns_;
  const std::int64_t wall = JournalEvent::wallNowNs();
  const risk::RejectCode verdict = gate_.checkReplace(d.cancel_target, intent.id, intent.limit, now_ns_);
  const std::uint64_t verdict_tsc = TscClock::now();
  const bool accepted = verdict == risk::RejectCode::kAccepted;
  // As for an entry: the hand-off first, the histograms and the journal lines (with the wall
  // time taken above) after, so the order thread is not kept waiting for them.
  OrderRequest req = requestFor(OrderRequest::Action::kReplace, intent, verdict_tsc);
  req.orig_id = d.cancel_target;
  const bool queued = accepted && queues_.orders.tryPush(req);
  if (queued) {
    if (lockstep_ != nullptr) lockstep_->noteRequestQueued();
    (void)reconciler_->onReplaceSent(req.orig_id, req.id, req.qty);
    ++counters_.replaces;
  }
  recordTickToVerdict(tick_tsc, intent.decision_tsc, verdict_tsc);
  deferLines({d, intent, verdict, risk::RejectCode::kAccepted, wall, clock_.toNs(verdict_tsc - intent.decision_tsc)});
  if (!accepted) {
    ++counters_.replaces_refused;
    noteTrigger(control_.triggers.onVerdict(verdict, now_ns_));
    decisions_.onRefused(intent.id);  // the strategy cancels the target instead
    return;
  }
  if (!queued) {
    ++counters_.order_queue_full;
    (void)gate_.releaseUnsentReplace(req.id);
    ++counters_.replaces_refused;
    decisions_.onRefused(req.id);
  }
}

void Engine::onReplaceUnsent(OrderId replacement_id) noexcept {
  const OrderId replaced = gate_.releaseUnsentReplace(replacement_id);
  ++counters_.replaces_refused;
  // As the venue refusing it would: the reconciler gives the replacement's slot back.
  risk::OrderReport never_sent;
  never_sent.event = risk::LifecycleEvent::kReplaceReject;
  never_sent.id = replaced;
  never_sent.replacement_id = replacement_id;
  (void)reconciler_->onReport(never_sent);
  decisions_.onRefused(replacement_id);
}

void Engine::sendKillMassCancel(SymbolId symbol, std::uint64_t kill_tsc) noexcept {
  std::uint32_t covered = 0;
  gate_.working().forEach([&](risk::WorkingOrder& order) {
    if (!order.cancel_requested && (symbol == kNoSymbol || order.symbol == symbol)) ++covered;
  });
  if (covered == 0) return;
  OrderRequest req;
  req.action = OrderRequest::Action::kMassCancel;
  req.id = decisions_.nextId();
  req.symbol = symbol;
  req.from_kill = true;
  req.verdict_tsc = kill_tsc;
  if (!queues_.orders.tryPush(req)) {
    ++counters_.order_queue_full;  // the per-order pass after it tries each order instead
    return;
  }
  if (lockstep_ != nullptr) lockstep_->noteRequestQueued();
  gate_.working().forEach([&](risk::WorkingOrder& order) {
    if (order.cancel_requested || (symbol != kNoSymbol && order.symbol != symbol)) return;
    (void)gate_.checkCancel(order.id.load(std::memory_order_relaxed), now_ns_, /*urgent=*/true);
    (void)reconciler_->onCancelSent(order.id.load(std::memory_order_relaxed));
    order.cancel_requested = true;
    order.cancel_via = req.id;
  });
  ++counters_.kill_mass_cancels;
  counters_.kill_cancels += covered;
}

void Engine::onMassCancelRefused(OrderId request_id) noexcept {
  ++counters_.mass_cancels_refused;
  const std::uint64_t kill_tsc = control_.block.layout().global_kill.tsc.load(std::memory_order_acquire);
  gate_.working().forEach([&](risk::WorkingOrder& order) {
    if (order.cancel_via != request_id) return;
    order.cancel_via = 0;
    order.cancel_requested = false;
    // Counted once already, under the mass cancel.
    if (sendCancel(order, decisions_.nextId(), true, kill_tsc, /*tell_reconciler=*/false)) --counters_.kill_cancels;
  });
}

bool Engine::sendCancel(risk::WorkingOrder& order, OrderId cancel_id, bool from_kill, std::uint64_t kill_tsc,
                        bool tell_reconciler) noexcept {
  // Kill and end-of-session cancels are urgent: never throttled.
  const bool urgent = from_kill || draining_;
  const risk::RejectCode verdict = gate_.checkCancel(order.id.load(std::memory_order_relaxed), now_ns_, urgent);
  if (verdict != risk::RejectCode::kAccepted) {
    ++counters_.cancels_refused;  // the strategy asks again on a later trade
    noteTrigger(control_.triggers.onVerdict(verdict, now_ns_));
    return false;
  }
  OrderRequest req;
  req.action = OrderRequest::Action::kCancel;
  req.id = cancel_id;
  req.orig_id = order.id.load(std::memory_order_relaxed);
  req.symbol = order.symbol;
  req.side = order.side;
  req.strategy = order.strategy;
  req.from_kill = from_kill;
  req.limit = order.limit;
  req.qty = order.leaves;
  req.verdict_tsc = from_kill ? kill_tsc : TscClock::now();
  if (!queues_.orders.tryPush(req)) {
    ++counters_.order_queue_full;
    return false;
  }
  if (lockstep_ != nullptr) lockstep_->noteRequestQueued();
  if (tell_reconciler) (void)reconciler_->onCancelSent(req.orig_id);
  order.cancel_requested = true;
  if (from_kill) ++counters_.kill_cancels;
  return true;
}

void Engine::processExec(const ExecEvent& e) noexcept {
  const std::int64_t wall = JournalEvent::wallNowNs();
  switch (e.kind) {
    case ExecEvent::Kind::kNew: ++counters_.acks; break;
    case ExecEvent::Kind::kPartialFill: ++counters_.fills; ++counters_.partial_fills; break;
    case ExecEvent::Kind::kFill: ++counters_.fills; break;
    case ExecEvent::Kind::kCanceled: ++counters_.canceled; break;
    case ExecEvent::Kind::kRejected: ++counters_.venue_rejects; break;
    case ExecEvent::Kind::kCancelRejected:
    case ExecEvent::Kind::kReplaceRejected: ++counters_.cancel_rejects; break;
    // Lifecycle answers that move no quantity: journaled and reconciled, no counter yet.
    case ExecEvent::Kind::kReplaced:
    case ExecEvent::Kind::kStatus:
    case ExecEvent::Kind::kPendingCancel:
    case ExecEvent::Kind::kPendingReplace:
    case ExecEvent::Kind::kMassCancelReport: break;
  }
  JournalEvent je = JournalEvent::exec(wall, e);
  je.market_ns = now_ns_;
  journal(je);
  // A mass cancel report is about the request; each order it canceled has its own report.
  if (!execConcernsOneOrder(e.kind)) {
    if (e.kind == ExecEvent::Kind::kMassCancelReport && e.mass_response == '0') onMassCancelRefused(e.id);
    return;
  }
  // Reconciliation first: its desync names the order and the numbers that disagree, and
  // that text is the kill's reason (the gate's own desync check then finds the kill tripped).
  const risk::ReconcileResult reconciled = reconciler_->onReport(risk::fromExecEvent(e));
  if (reconciled.desync != risk::DesyncKind::kNone) {
    ++counters_.desyncs;
    journal(JournalEvent::desync(wall, now_ns_, reconciler_->lastDesync()));
    noteTrigger(control_.triggers.onDesync(reconciler_->lastDesync().text));
  }
  const risk::ExecOutcome outcome = gate_.onExec(e);
  decisions_.onExec(e);
  if (e.kind == ExecEvent::Kind::kReplaced) {
    // A kill that tripped while the replace was out canceled the old ClOrdID, too late:
    // the order lives on under the new one, so it is canceled again under that.
    risk::WorkingOrder* moved = gate_.working().find(e.new_id);
    if (moved != nullptr && control_.block.killed(moved->symbol, moved->strategy)) {
      sendCancel(*moved, decisions_.nextId(), true, control_.block.layout().global_kill.tsc.load(std::memory_order_acquire));
    }
  }
  if (e.kind == ExecEvent::Kind::kRejected) noteTrigger(control_.triggers.onVenueReject(now_ns_));
  noteTrigger(control_.triggers.onExec(outcome, now_ns_));
  if (outcome.fill) noteTrigger(control_.triggers.onPnl(gate_.positions().totalPnl().raw));
}

bool Engine::pollVenue() noexcept {
  bool worked = false;
  // Lock-step: nothing before the order thread has handed off every request; then its
  // send records, refusals and the reports, always in that order (VenueLockstep.h).
  if (lockstep_ == nullptr || lockstep_->requestsHandedOff()) {
    JournalEvent sent;
    while (lockstep_ != nullptr && lockstep_->takeSendRecord(sent)) {
      journal(sent);
      worked = true;
    }
    OrderId refused = 0;
    while (queues_.refused.tryPop(refused)) {
      ++counters_.refused_by_order_thread;
      // A refused new order still holds its own slot (one load); only an id that does not is
      // looked for among the replaces out (a scan, on this rare path only).
      if (gate_.working().find(refused) == nullptr && gate_.working().findReplacing(refused) != nullptr) {
        onReplaceUnsent(refused);
        worked = true;
        continue;
      }
      // Never on the wire: closed in the reconciler as rejected, so its slot comes free.
      risk::OrderReport never_sent;
      never_sent.event = risk::LifecycleEvent::kRejected;
      never_sent.id = refused;
      (void)reconciler_->onReport(never_sent);
      gate_.releaseUnsent(refused);
      decisions_.onRefused(refused);
      worked = true;
    }
    ExecEvent e;
    while (gateway_.pollExec(e)) {
      if (lockstep_ != nullptr) lockstep_->noteReportTaken();
      processExec(e);
      worked = true;
    }
  }
  if (journalBadFixMessages()) worked = true;
  // FIX disconnect while trading: an automatic kill (cancel-on-disconnect is the venue's).
  const bool logged_on = gateway_.loggedOn();
  if (was_logged_on_ && !logged_on && !draining_) noteTrigger(control_.triggers.onDisconnect());
  was_logged_on_ = logged_on;
  return worked;
}

bool Engine::journalBadFixMessages() noexcept {
  fix::BadFixMessage m;
  bool any = false;
  while (gateway_.pollBadMessage(m)) {
    journal(JournalEvent::badFix(m.wall_ns, now_ns_, m));
    ++counters_.bad_fix_journaled;
    any = true;
  }
  return any;
}

bool Engine::pollControl() noexcept {
  // acquire: pairs with the release in every control-block write (CLI or our triggers).
  const std::uint64_t seq = control_.block.layout().change_seq.load(std::memory_order_acquire);
  if (seq == seen_change_seq_ && !flatten_pending_) return false;
  seen_change_seq_ = seq;
  const bool global = control_.block.globallyKilled();
  if (!global) kill_handled_ = false;  // reset by an operator: the next kill is handled afresh
  if (global && !kill_handled_) onKillSeen();
  // Any kill (global, strategy, symbol): cancel the working orders it covers. The global
  // one and a symbol's in one OrderMassCancelRequest each (one message, however many
  // orders); a strategy's one by one (a mass cancel cannot name a strategy).
  const std::uint64_t kill_tsc = control_.block.layout().global_kill.tsc.load(std::memory_order_acquire);
  if (global) {
    sendKillMassCancel(kNoSymbol, kill_tsc);
  } else {
    for (std::size_t i = 0; i < instruments_.size(); ++i) {
      const auto symbol = static_cast<SymbolId>(i);
      if (control_.block.symbolKilled(symbol)) sendKillMassCancel(symbol, kill_tsc);
    }
  }
  gate_.working().forEach([&](risk::WorkingOrder& order) {
    if (!order.cancel_requested && control_.block.killed(order.symbol, order.strategy)) {
      sendCancel(order, decisions_.nextId(), true, kill_tsc);
    }
  });
  if (flatten_pending_ && gate_.openOrders() == 0) flattenPositions();
  return true;
}

void Engine::onKillSeen() noexcept {
  kill_handled_ = true;
  control_.triggers.onKillSeen();  // three within 24 h force DRY_RUN
  flatten_pending_ = config_.kill.flatten_on_kill;
}

void Engine::flattenPositions() noexcept {
  flatten_pending_ = false;
  const std::int64_t bps = config_.strategy.exit_slippage_bps;
  for (std::size_t i = 0; i < instruments_.size(); ++i) {
    const auto symbol = static_cast<SymbolId>(i);
    const std::int64_t pos = gate_.positions().position(symbol).raw;
    const Price mark = gate_.positions().markPrice(symbol);
    if (pos == 0 || mark.raw <= 0) continue;
    OrderIntent o;
    o.id = decisions_.nextId();
    o.symbol = symbol;
    o.side = pos > 0 ? Side::kSell : Side::kBuy;
    o.reduce_only = true;
    o.flatten = true;
    o.limit = throughTheMarket(instruments_[symbol], mark, o.side, bps);
    o.qty = Qty{pos > 0 ? pos : -pos};
    o.ts_ns = now_ns_;
    o.decision_tsc = TscClock::now();
    const risk::RejectCode verdict = gate_.check(o);
    journal(JournalEvent::verdict(JournalEvent::wallNowNs(), now_ns_, o, verdict, 0));
    if (verdict == risk::RejectCode::kAccepted) {
      ++counters_.flatten_orders;
      sendNew(o, TscClock::now());
    }
  }
}

void Engine::cancelAllWorking() noexcept {
  gate_.working().forEach([this](risk::WorkingOrder& order) {
    if (!order.cancel_requested) sendCancel(order, decisions_.nextId(), false, 0);
  });
}

void Engine::settleWithVenue() noexcept {
  if (lockstep_ == nullptr) return;
  IdleStrategy idle(config_.cores.engine_idle);
  std::uint64_t waiting_since_tsc = 0;  // read only once the first check finds work in flight
  for (;;) {
    // Settled first, then one more poll: what the counts say has arrived is then taken
    // (a refusal, a send record) before the engine moves on.
    const bool settled = lockstep_->settled(gate_.workingOrders() != 0);
    bool worked = pollVenue();
    // A kill does not wait for a slow venue: its cancels go out now, as in a live run
    // (they are then part of what this wait settles).
    worked |= pollControl();
    if (settled) {
      if (waiting_since_tsc != 0) settled_tsc_ = TscClock::now();
      return;
    }
    const std::uint64_t now_tsc = TscClock::now();
    if (waiting_since_tsc == 0) {
      waiting_since_tsc = now_tsc;
    } else if (clock_.toNs(now_tsc - waiting_since_tsc) > lockstep_->timeoutNs()) {
      ++counters_.lockstep_timeouts;  // never a hang: counted, written off, replay goes on
      lockstep_->giveUp();
      settled_tsc_ = now_tsc;
      return;
    }
    if (worked) {
      idle.reset();
    } else {
      idle.idle();
    }
  }
}

void Engine::warmDecisionPathWhenDue() noexcept {
  if (config_.cores.engine_idle != IdleMode::kSpin) return;  // a shared core: warming would take it from its other threads
  const std::uint64_t now = TscClock::now();
  if (now < next_warm_tsc_ || instruments_.size() == 0) return;
  next_warm_tsc_ = now + warm_interval_tsc_;
  const SymbolId symbol = next_warm_symbol_;
  next_warm_symbol_ = static_cast<SymbolId>((symbol + 1) % instruments_.size());
  ++counters_.decision_path_warm_ups;
  // Three steps, and a tick that arrives meanwhile goes first: it waits for one step at most.
  decisions_.warmIndicators(symbol);
  if (queues_.ticks.sizeApprox() != 0) return;
  (void)decisions_.warm(symbol);
  // handle() reads the wall clock between the decision and the check. Read cold (the vDSO's
  // code and clock pages, untouched since the last decision) it took 165 ns at p50 and
  // 1.7 us at p99 on machine A; kept warm here, 30 ns and 200 ns.
  (void)JournalEvent::wallNowNs();
  if (queues_.ticks.sizeApprox() != 0) return;
  if (has_last_intent_[symbol]) {
    OrderIntent& intent = last_intent_[symbol];
    intent.ts_ns = now_ns_;  // as fresh as the market data a real check would see
    (void)gate_.warm(intent);
  }
}

void Engine::run(const std::atomic<bool>& feed_done) {
  IdleStrategy idle(config_.cores.engine_idle);
  std::int64_t drain_deadline_ns = 0;
  Tick tick;
  for (;;) {
    bool worked = false;
    while (queues_.ticks.tryPop(tick)) {
      processTick(tick);
      worked = true;
      if (lockstep_ != nullptr) {  // one tick per turn: the venue settled and the control block read after each
        settleWithVenue();
        break;
      }
    }
    worked |= pollVenue();
    worked |= pollControl();
    if (!draining_) {
      // acquire pairs with the feed's release: every tick pushed before `done` is visible.
      if (feed_done.load(std::memory_order_acquire) && queues_.ticks.sizeApprox() == 0) {
        while (queues_.ticks.tryPop(tick)) {
          processTick(tick);
          settleWithVenue();
        }
        draining_ = true;
        drain_deadline_ns = TscClock::monotonicNs() + config_.fix.drain_timeout_ms * 1'000'000;
        cancelAllWorking();
      }
    } else if (gate_.workingOrders() == 0 || TscClock::monotonicNs() > drain_deadline_ns) {
      return;
    } else {
      cancelAllWorking();  // cancels the gate's cancel rate held back go out as tokens return
    }
    settleWithVenue();  // a kill's or the drain's cancels answered before the next tick
    if (worked) {
      idle.reset();
    } else {
      warmDecisionPathWhenDue();
      idle.idle();
    }
  }
}

}  // namespace bw::pipeline
