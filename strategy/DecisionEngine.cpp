#include "strategy/DecisionEngine.h"

#include <tuple>

#include "core/TscClock.h"
#include "strategy/indicators/LengthsFromConfig.h"
#include "strategy/decision/TickGrid.h"

namespace bw::strategy {
namespace {

std::int64_t eventTime(const Tick& t) noexcept { return t.exch_ns != 0 ? t.exch_ns : t.recv_ns; }

static_assert(static_cast<std::size_t>(decision::DecisionReason::kEntry) + 1 ==
                  std::tuple_size_v<decltype(DecisionCounters{}.by_reason)>,
              "one counter per decision reason");

/// Every symbol's signals, and warmIndicators()' scratch, are built with these: the same lengths.
SignalLengths engineSignalLengths(const Config& config) {
  SignalLengths lengths = signalLengthsFrom(config.signals);
  lengths.features_read = barFeaturesRead(config.templates);
  return lengths;
}

}  // namespace

SignalLengths signalLengthsFrom(const SignalsConfig& s) {
  SignalLengths l;
  l.bars = indicators::barIndicatorLengthsFrom(s);
  l.timeframes = s.timeframes_ms.size();
  l.trade_sign_trades = s.trade_sign_trades;
  l.phases.clear();
  for (const PhaseConfig& p : s.phases) l.phases.push_back(indicators::PhaseRange{p.name, p.start_minute, p.end_minute});
  return l;
}

std::array<std::uint32_t, kMaxTimeframes> barFeaturesRead(const TemplatesConfig& templates) {
  std::array<std::uint32_t, kMaxTimeframes> read{};
  read[0] = 1U << static_cast<unsigned>(BarFeature::kAdx);
  for (const TemplateConfig& t : templates.by_kind) {
    if (!t.enabled) continue;
    for (const ConstraintConfig& c : t.constraints) {
      if (!c.tick && c.timeframe < kMaxTimeframes) read[c.timeframe] |= 1U << c.feature;
    }
  }
  return read;
}

DecisionEngine::DecisionEngine(const InstrumentTable& instruments, const Config& config)
    : DecisionEngine(instruments, config, engineSignalLengths(config)) {}

DecisionEngine::DecisionEngine(const InstrumentTable& instruments, const Config& config, const SignalLengths& lengths)
    : instruments_(instruments),
      config_(config.strategy),
      policy_(config),
      state_(instruments.size()),
      warm_signals_(lengths) {
  signals_.reserve(instruments.size());
  for (std::size_t i = 0; i < instruments.size(); ++i) signals_.emplace_back(lengths);
}

void DecisionEngine::onTick(const Tick& tick) noexcept {
  if (tick.symbol < signals_.size()) signals_[tick.symbol].onTick(tick);
}

void DecisionEngine::onBar(std::size_t timeframe, const feed::Bar& bar) noexcept {
  if (bar.symbol >= signals_.size()) return;
  signals_[bar.symbol].onBar(timeframe, bar);
  if (timeframe == 0) {
    SymbolState& s = state_[bar.symbol];
    s.last_bar = bar;
    s.has_bar = true;
  }
}

Decision DecisionEngine::decide(SymbolId symbol) noexcept {
  if (symbol >= signals_.size()) return Decision{};
  SymbolState& s = state_[symbol];
  s.last = policy_.decide(signals_[symbol].snapshot(), instruments_[symbol], s.belief);
  if (busy(s)) {
    ++counters_.busy;
    return Decision{};
  }
  ++counters_.evaluations;
  ++counters_.by_reason[static_cast<std::size_t>(s.last.reason)];
  return act(symbol, s.last);
}

bool DecisionEngine::warm(SymbolId symbol) noexcept {
  if (symbol >= signals_.size()) return false;
  decision::SymbolBeliefState belief = state_[symbol].belief;
  return policy_.decide(signals_[symbol].snapshot(), instruments_[symbol], belief).enter();
}

void DecisionEngine::warmIndicators(SymbolId symbol) noexcept {
  if (symbol >= signals_.size() || !state_[symbol].has_bar) return;
  warm_signals_.warmFrom(signals_[symbol], state_[symbol].last_bar);
}

Decision DecisionEngine::act(SymbolId symbol, const decision::EntryDecision& entry) noexcept {
  Decision d;
  if (!entry.enter() || symbol >= signals_.size() || entry.limit.raw <= 0) return d;
  SymbolState& s = state_[symbol];
  if (busy(s)) return d;
  const Instrument& inst = instruments_[symbol];
  // Size to the target notional, rounded down to whole lots; Int128: notional x 1e8 passes int64.
  const std::int64_t raw_qty =
      static_cast<std::int64_t>(static_cast<Int128>(config_.order_notional.raw) * kScale / entry.limit.raw);
  const std::int64_t lot = inst.lot_size.raw > 0 ? inst.lot_size.raw : 1;
  OrderIntent& o = d.intent;
  o.qty = Qty{raw_qty / lot * lot};
  if (o.qty.raw <= 0) {
    ++counters_.too_small;
    return d;
  }
  o.symbol = symbol;
  o.side = entry.side;
  o.type = OrderType::kLimit;
  o.tif = TimeInForce::kDay;
  o.limit = entry.limit;
  o.stop_loss = entry.stop;
  o.take_profit = entry.target;
  o.expire_ns = entry.expire_ns;
  o.id = next_id_++;
  o.decision_tsc = TscClock::now();

  const decision::TemplateOutcome& why = entry.decisive();
  d.why = EntryReason{entry.chosen, why.belief, why.uncertainty, why.edge_bps, why.penalty_bps, why.cost_bps,
                      why.expected_utility_bps};
  ++counters_.entries_by_template[static_cast<std::size_t>(entry.chosen)];
  s.entry_id = o.id;
  s.entry_expire_ns = o.expire_ns;
  s.cancel_sent = false;
  s.stop = o.stop_loss;
  s.target = o.take_profit;
  d.kind = Decision::Kind::kEnter;
  return d;
}

Decision DecisionEngine::onTrade(const Tick& trade) noexcept {
  Decision d;
  if (trade.symbol >= signals_.size()) return d;
  SymbolState& s = state_[trade.symbol];

  if (s.entry_id != 0 && !s.cancel_sent && s.entry_expire_ns != 0 && eventTime(trade) >= s.entry_expire_ns) {
    s.cancel_sent = true;
    d.kind = Decision::Kind::kCancel;
    d.cancel_target = s.entry_id;
    d.cancel_id = next_id_++;
    d.exit_why = "ttl";
    return d;
  }
  if (s.position == 0 || s.exit_id != 0) return d;

  const bool long_position = s.position > 0;
  const Price px = trade.price;
  const bool stop_hit = long_position ? px <= s.stop : px >= s.stop;
  if (s.target_id != 0) {  // OCO: the stop pulls the resting target first
    // Asked again on every trade until the child is gone: a cancel the gate's cancel rate
    // held back goes out on a later trade (the engine sends one cancel per order at most).
    if (!stop_hit && !s.target_pulled) return d;
    s.target_pulled = true;
    if (config_.replace_target_on_stop && !s.replace_tried) {
      // One message: the resting child becomes the exit. Its answer (replaced, or refused
      // and then canceled) comes back through onExec.
      s.replace_tried = true;
      d = exitThrough(trade, s, "stop reprices target");
      d.kind = Decision::Kind::kReplace;
      d.intent.tif = TimeInForce::kGtc;  // as the child was sent
      d.intent.qty = Qty{s.target_qty};
      d.cancel_target = s.target_id;
      return d;
    }
    d.kind = Decision::Kind::kCancel;
    d.cancel_target = s.target_id;
    d.cancel_id = next_id_++;
    d.exit_why = "stop pulls target";
    return d;
  }
  if (s.target_pulled || stop_hit) {
    s.target_pulled = false;
    return exitThrough(trade, s, "stop");
  }
  if (s.target_watched) {
    const bool target_hit = long_position ? px >= s.target : px <= s.target;
    return target_hit ? exitThrough(trade, s, "target") : d;
  }
  if (s.entry_id != 0) return d;  // a partly filled entry still works: the child waits for it
  // The entry is done: the target rests at the venue for the whole position.
  OrderIntent& o = d.intent;
  o.symbol = trade.symbol;
  o.side = long_position ? Side::kSell : Side::kBuy;
  o.type = OrderType::kLimit;
  o.tif = TimeInForce::kGtc;
  o.reduce_only = true;
  o.limit = s.target;
  o.qty = Qty{absRaw(s.position)};
  o.id = next_id_++;
  o.decision_tsc = TscClock::now();
  s.target_id = o.id;
  s.target_qty = o.qty.raw;
  s.replace_tried = false;
  d.kind = Decision::Kind::kExit;
  d.exit_why = "target child";
  return d;
}

Decision DecisionEngine::exitThrough(const Tick& trade, SymbolState& s, const char* why) noexcept {
  Decision d;
  const bool long_position = s.position > 0;
  const Price px = trade.price;
  const Instrument& inst = instruments_[trade.symbol];
  const std::int64_t slip = static_cast<std::int64_t>(static_cast<Int128>(px.raw) * config_.exit_slippage_bps / 10'000);
  OrderIntent& o = d.intent;
  o.symbol = trade.symbol;
  o.side = long_position ? Side::kSell : Side::kBuy;
  o.type = OrderType::kLimit;
  o.tif = TimeInForce::kDay;  // marketable by construction; the venue has no IOC yet
  o.reduce_only = true;
  // Through the market: a sell rounds down, a buy up, so the exit stays marketable.
  const std::int64_t tick = inst.tick_size.raw > 0 ? inst.tick_size.raw : 1;
  o.limit = long_position ? Price{decision::floorToTick(px.raw - slip, tick)}
                          : Price{decision::ceilToTick(px.raw + slip, tick)};
  o.qty = Qty{absRaw(s.position)};
  o.id = next_id_++;
  o.decision_tsc = TscClock::now();
  s.exit_id = o.id;
  d.kind = Decision::Kind::kExit;
  d.exit_why = why;
  return d;
}

void DecisionEngine::onExec(const ExecEvent& e) noexcept {
  if (e.symbol >= signals_.size()) return;
  SymbolState& s = state_[e.symbol];
  // A refused replace names the replace's ClOrdID (new_id): it may come after the child
  // it was for has filled and been forgotten.
  const bool replace_refused = e.kind == ExecEvent::Kind::kReplaceRejected && e.new_id != 0 && e.new_id == s.exit_id;
  const bool ours = e.id == s.entry_id || e.id == s.exit_id || e.id == s.target_id || replace_refused;
  if (!ours) return;
  if (replace_refused) {
    s.exit_id = 0;  // the child works on (target_pulled: the next trade cancels it) or is done
    return;
  }
  if (e.kind == ExecEvent::Kind::kReplaced && e.id == s.target_id) {
    s.target_id = 0;  // the child is the exit now, under exit_id
    s.target_pulled = false;
    return;
  }
  if (e.kind == ExecEvent::Kind::kPartialFill || e.kind == ExecEvent::Kind::kFill) {
    s.position += e.side == Side::kBuy ? e.last_qty.raw : -e.last_qty.raw;
  }
  const bool done = e.kind == ExecEvent::Kind::kFill || e.kind == ExecEvent::Kind::kCanceled ||
                    e.kind == ExecEvent::Kind::kRejected;
  if (!done) return;
  if (e.id == s.entry_id) s.entry_id = 0;
  if (e.id == s.exit_id) s.exit_id = 0;
  if (e.id == s.target_id) {
    s.target_id = 0;
    if (e.kind == ExecEvent::Kind::kRejected) s.target_watched = true;  // never asked again
  }
  if (s.position == 0 && s.entry_id == 0) {  // flat: the bracket is over
    s.target_pulled = false;
    s.target_watched = false;
    s.replace_tried = false;
  }
}

void DecisionEngine::onRefused(OrderId id) noexcept {
  for (SymbolState& s : state_) {
    if (s.entry_id == id) s.entry_id = 0;
    if (s.exit_id == id) s.exit_id = 0;
    if (s.target_id == id) {
      s.target_id = 0;
      s.target_watched = true;  // e.g. past the price collar: watched on trades, never asked again
    }
  }
}

}  // namespace bw::strategy
