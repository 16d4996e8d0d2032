#include "strategy/DecisionEngine.h"

#include "core/TscClock.h"

namespace bw::strategy {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

std::int64_t scaleBy(std::int64_t value, std::int64_t factor_1e8) noexcept {
  return static_cast<std::int64_t>(static_cast<Int128>(value) * factor_1e8 / kScale);
}

std::int64_t eventTime(const Tick& t) noexcept { return t.exch_ns != 0 ? t.exch_ns : t.recv_ns; }

}  // namespace

DecisionEngine::DecisionEngine(const InstrumentTable& instruments, const StrategyConfig& config)
    : instruments_(instruments), config_(config) {
  signals_.reserve(instruments.size());
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    signals_.push_back(std::make_unique<VwapAtrSignal>(config.vwap_bars, config.atr_bars));
  }
}

Price DecisionEngine::roundToTick(std::int64_t raw, const Instrument& inst, bool up) const noexcept {
  const std::int64_t tick = inst.tick_size.raw;
  std::int64_t down = raw / tick * tick;
  if (up && down < raw) down += tick;
  return Price{down};
}

Decision DecisionEngine::onBar(const feed::Bar& bar) noexcept {
  Decision d;
  if (bar.symbol >= signals_.size()) return d;
  VwapAtrSignal& signal = *signals_[bar.symbol];
  signal.onBar(bar);
  SymbolState& s = state_[bar.symbol];
  if (!signal.ready() || s.entry_id != 0 || s.exit_id != 0 || s.position != 0) return d;

  const std::int64_t vwap = signal.vwap().raw;
  const std::int64_t atr = signal.atr().raw;
  if (vwap <= 0 || atr <= 0) return d;
  const std::int64_t band = scaleBy(atr, config_.entry_band_atr);
  const std::int64_t close = bar.close.raw;
  const bool buy = close < vwap - band;
  const bool sell = close > vwap + band;
  if (!buy && !sell) return d;

  const Instrument& inst = instruments_[bar.symbol];
  const std::int64_t stop_distance = scaleBy(atr, config_.stop_atr);
  OrderIntent& o = d.intent;
  o.symbol = bar.symbol;
  o.side = buy ? Side::kBuy : Side::kSell;
  o.type = OrderType::kLimit;
  o.tif = TimeInForce::kDay;
  o.limit = roundToTick(close, inst, !buy);
  o.stop_loss = roundToTick(buy ? close - stop_distance : close + stop_distance, inst, !buy);
  o.take_profit = roundToTick(vwap, inst, buy);
  // Size to the target notional, rounded down to whole lots.
  const std::int64_t raw_qty =
      static_cast<std::int64_t>(static_cast<Int128>(config_.order_notional.raw) * kScale / o.limit.raw);
  o.qty = Qty{raw_qty / inst.lot_size.raw * inst.lot_size.raw};
  if (o.qty.raw <= 0) return d;
  o.expire_ns = bar.end_ns + config_.entry_ttl_ms * kNsPerMs;
  o.id = next_id_++;
  o.decision_tsc = TscClock::now();

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

  if (s.entry_id != 0 && !s.cancel_sent && eventTime(trade) >= s.entry_expire_ns) {
    s.cancel_sent = true;
    d.kind = Decision::Kind::kCancel;
    d.cancel_target = s.entry_id;
    d.cancel_id = next_id_++;
    return d;
  }
  if (s.position == 0 || s.exit_id != 0) return d;

  const bool long_position = s.position > 0;
  const Price px = trade.price;
  const bool hit = long_position ? (px <= s.stop || px >= s.target) : (px >= s.stop || px <= s.target);
  if (!hit) return d;

  const Instrument& inst = instruments_[trade.symbol];
  const std::int64_t slip = px.raw * config_.exit_slippage_bps / 10'000;
  OrderIntent& o = d.intent;
  o.symbol = trade.symbol;
  o.side = long_position ? Side::kSell : Side::kBuy;
  o.type = OrderType::kLimit;
  o.tif = TimeInForce::kDay;  // marketable by construction; the venue has no IOC yet
  o.reduce_only = true;
  o.limit = roundToTick(long_position ? px.raw - slip : px.raw + slip, inst, !long_position);
  o.qty = Qty{absRaw(s.position)};
  o.id = next_id_++;
  o.decision_tsc = TscClock::now();
  s.exit_id = o.id;
  d.kind = Decision::Kind::kExit;
  return d;
}

void DecisionEngine::onExec(const ExecEvent& e) noexcept {
  if (e.symbol >= signals_.size()) return;
  SymbolState& s = state_[e.symbol];
  const bool ours = e.id == s.entry_id || e.id == s.exit_id;
  if (!ours) return;
  if (e.kind == ExecEvent::Kind::kPartialFill || e.kind == ExecEvent::Kind::kFill) {
    s.position += e.side == Side::kBuy ? e.last_qty.raw : -e.last_qty.raw;
  }
  const bool done = e.kind == ExecEvent::Kind::kFill || e.kind == ExecEvent::Kind::kCanceled ||
                    e.kind == ExecEvent::Kind::kRejected;
  if (!done) return;
  if (e.id == s.entry_id) s.entry_id = 0;
  if (e.id == s.exit_id) s.exit_id = 0;
}

void DecisionEngine::onRefused(OrderId id) noexcept {
  for (std::size_t i = 0; i < signals_.size(); ++i) {
    SymbolState& s = state_[i];
    if (s.entry_id == id) s.entry_id = 0;
    if (s.exit_id == id) s.exit_id = 0;
  }
}

}  // namespace bw::strategy
