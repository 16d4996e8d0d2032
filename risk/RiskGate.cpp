#include "risk/RiskGate.h"

#include <algorithm>

#include "risk/LiveGate.h"

// The check's functions share one section, laid out together, whose bounds the linker
// provides (__start_/__stop_ of a section named like an identifier).
#define BW_CHECK_PATH [[gnu::section("bw_check_path")]]
extern "C" const char __start_bw_check_path[];
extern "C" const char __stop_bw_check_path[];

namespace bw::risk {
namespace {

const char* const bw_check_path_begin = __start_bw_check_path;
const char* const bw_check_path_end = __stop_bw_check_path;

constexpr std::int64_t kMsNs = 1'000'000;

/// |a - b| x qty in notional units (1e-8 quote), saturated: a stop distance's risk.
std::int64_t riskOf(Price a, Price b, Qty qty) noexcept {
  const Int128 r = scaledProduct(absRaw(a.raw - b.raw), qty.raw);
  return r > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(r);
}

std::int64_t abs64(std::int64_t v) noexcept { return v < 0 ? -v : v; }

/// 23-bit signature of an order's economic content for the duplicate window (the word it
/// shares with a 40-bit ms time stays positive).
std::int64_t orderSignature(const OrderIntent& o) noexcept {
  std::uint64_t h = 1469598103934665603ULL;
  for (const std::uint64_t v : {static_cast<std::uint64_t>(o.side), static_cast<std::uint64_t>(o.limit.raw),
                                static_cast<std::uint64_t>(o.qty.raw), static_cast<std::uint64_t>(o.reduce_only)}) {
    h = (h ^ v) * 1099511628211ULL;
  }
  return static_cast<std::int64_t>((h ^ (h >> 24) ^ (h >> 48)) & 0x7F'FFFF);
}

}  // namespace

/// Which reservations one check took (each is given back if a later control says no).
struct RiskGate::Taken {
  std::int64_t notional = 0;
  std::int64_t risk = 0;
  bool exit_qty = false;
  bool side_qty = false;
  bool symbol_gross = false;
  bool symbol_side = false;
  bool total_gross = false;
  bool total_side = false;
  bool total_risk = false;
  bool symbol_risk = false;
  bool symbol_ref = false;
  bool order_rate = false;
  bool message_rate = false;
  bool open_order = false;
};

GateOptions gateOptionsFrom(const LimitsConfig& limits, const InstrumentTable& instruments, Callers callers,
                            bool venue_is_live) {
  GateOptions o;
  o.callers = callers;
  o.venue_is_live = venue_is_live;
  o.allowed_tif_mask = limits.allowed_tif_mask;
  for (const std::string& name : limits.restricted_symbols) {
    const SymbolId id = instruments.find(name);
    if (id != kNoSymbol) o.restricted[id] = true;  // a name not in the table cannot trade anyway
  }
  return o;
}

RiskGate::RiskGate(const InstrumentTable& instruments, ControlBlock& control, PositionBook& positions,
                   GateOptions options) noexcept
    : instruments_(instruments), control_(control), positions_(positions), options_(options), reserver_(options.callers) {}

BW_CHECK_PATH RejectCode RiskGate::check(const OrderIntent& o, RejectCode* shadow_verdict) noexcept {
  RejectCode shadow = RejectCode::kAccepted;
  if (control_.shadowEnabled()) {
    // The shadow set judges the same order against the same state (before the live set
    // reserves for it, so it is not counted twice), never blocking.
    shadow = judge(o, control_.shadowLimits(), nullptr);
    if (shadow != RejectCode::kAccepted) reserver_.add(block().shadow_rejects[static_cast<std::size_t>(shadow)], 1);
  }
  if (shadow_verdict != nullptr) *shadow_verdict = shadow;
  Taken taken;
  const RejectCode verdict = judge(o, control_.liveLimits(), &taken);
  if (verdict != RejectCode::kAccepted) {
    countReject(verdict);
    return verdict;
  }
  reserver_.add(block().accepted, 1);
  return verdict;
}

void RiskGate::prefetchCheck(SymbolId symbol, StrategyId strategy) const noexcept {
  if (symbol >= instruments_.size()) return;
  // The check's own code, into the unified L2 (an instruction fetch cannot be prefetched into
  // L1i, but from L2 it is ~14 cycles instead of a trip to memory).
  for (const char* c = bw_check_path_begin; c < bw_check_path_end; c += kCacheLine) __builtin_prefetch(c, 0, 2);
  control_.prefetchForCheck(symbol, strategy);
  positions_.prefetch(symbol);
  prefetchObject(instruments_[symbol]);
  __builtin_prefetch(&options_.restricted[symbol], 0, 3);
  __builtin_prefetch(&options_, 0, 3);
  prefetchObjectForWrite(symbols_[symbol]);
  prefetchObjectForWrite(total_gross_);
  prefetchObjectForWrite(total_term_);
  prefetchObjectForWrite(total_risk_);
  prefetchObjectForWrite(open_orders_);
  prefetchObjectForWrite(open_symbols_);
  prefetchObjectForWrite(order_rate_);
  prefetchObjectForWrite(message_rate_);
  prefetchObject(slippage_ewma_bps_);
}

BW_CHECK_PATH RejectCode RiskGate::judge(const OrderIntent& o, const LimitSet& limits, Taken* taken) noexcept {
  if (!o.flatten) {
    if (const RejectCode c = checkGates(o); c != RejectCode::kAccepted) return c;
  }
  std::int64_t notional = 0;
  if (const RejectCode c = checkOrder(o, limits, notional); c != RejectCode::kAccepted) return c;
  if (o.reduce_only) {
    if (const RejectCode c = reserveExit(o, taken); c != RejectCode::kAccepted) return c;
  } else {
    if (const RejectCode c = checkQualityAndLoss(o, limits); c != RejectCode::kAccepted) return c;
    const std::int64_t risk = riskOf(o.limit, o.stop_loss, o.qty);
    if (const RejectCode c = reserveEntry(o, limits, notional, risk, taken); c != RejectCode::kAccepted) {
      if (taken != nullptr) giveBack(o, limits, *taken);
      return c;
    }
  }
  if (const RejectCode c = reserveFlow(o, limits, taken); c != RejectCode::kAccepted) {
    if (taken != nullptr) giveBack(o, limits, *taken);
    return c;
  }
  if (taken == nullptr) return RejectCode::kAccepted;  // shadow: judged, nothing recorded

  WorkingOrder* slot = working_.claim(o.id);
  if (slot == nullptr) {
    giveBack(o, limits, *taken);
    return RejectCode::kOrderIdInUse;
  }
  slot->symbol = o.symbol;
  slot->side = o.side;
  slot->reduce_only = o.reduce_only;
  slot->strategy = o.strategy;
  slot->cancel_requested = false;
  slot->cancel_via = 0;
  slot->replace_id = 0;
  slot->replace_limit = Price{};
  slot->limit = o.limit;
  slot->reference = positions_.markPrice(o.symbol);
  slot->leaves = o.qty;
  slot->notional = taken->notional;
  slot->risk = taken->risk;
  return RejectCode::kAccepted;
}

BW_CHECK_PATH RejectCode RiskGate::checkGates(const OrderIntent& o) const noexcept {
  if (control_.killed(o.symbol, o.strategy)) return RejectCode::kKillSwitch;
  const TradingState state = control_.tradingState();
  if (state == TradingState::kHalted) return RejectCode::kTradingHalted;
  if (state == TradingState::kReducing && !o.reduce_only) return RejectCode::kReducingOnly;
  if (options_.venue_is_live && !liveGateOpen(control_)) return RejectCode::kLiveGateClosed;
  return RejectCode::kAccepted;
}

BW_CHECK_PATH RejectCode RiskGate::checkOrder(const OrderIntent& o, const LimitSet& limits, std::int64_t& notional) const noexcept {
  if (o.symbol >= instruments_.size()) return RejectCode::kUnknownSymbol;
  if (options_.restricted[o.symbol]) return RejectCode::kRestrictedSymbol;
  if (o.type != OrderType::kLimit) return RejectCode::kMarketOrderNotAllowed;
  if ((options_.allowed_tif_mask & (1u << static_cast<unsigned>(o.tif))) == 0) return RejectCode::kTifNotAllowed;
  const Instrument& inst = instruments_[o.symbol];
  if (!inst.validPrice(o.limit)) return RejectCode::kInvalidPrice;
  if (!inst.validQty(o.qty)) return RejectCode::kInvalidQty;
  if (!o.reduce_only) {
    // A buy's stop sits below its limit and its target above; a sell's the other way.
    const bool buy = o.side == Side::kBuy;
    const Price below = buy ? o.stop_loss : o.take_profit;
    const Price above = buy ? o.take_profit : o.stop_loss;
    if (below.raw <= 0 || above.raw <= 0 || !(below < o.limit) || !(o.limit < above)) {
      return RejectCode::kBracketRequired;
    }
  }
  if (o.qty.raw > limits.get(LimitKey::kMaxOrderQty)) return RejectCode::kMaxOrderQty;
  Notional n;
  if (!checkedNotional(o.limit, o.qty, n)) return RejectCode::kNotionalOverflow;
  if (n.raw > limits.get(LimitKey::kMaxOrderNotional)) return RejectCode::kMaxOrderNotional;
  notional = n.raw;

  if (const RejectCode collar = checkCollar(o.symbol, o.limit, limits); collar != RejectCode::kAccepted) {
    return collar;
  }

  const std::int64_t last_tick = symbols_[o.symbol].last_tick_ns.load(std::memory_order_relaxed);
  if (o.ts_ns - last_tick > limits.get(LimitKey::kMaxDataAgeMs) * kMsNs) return RejectCode::kStaleMarketData;
  if (symbols_[o.symbol].data_quality.load(std::memory_order_relaxed) <
      static_cast<std::uint64_t>(limits.get(LimitKey::kMinDataQuality))) {
    return RejectCode::kDataQuality;
  }
  return RejectCode::kAccepted;
}

BW_CHECK_PATH RejectCode RiskGate::checkQualityAndLoss(const OrderIntent& o, const LimitSet& limits) const noexcept {
  if (slippage_ewma_bps_.load(std::memory_order_relaxed) > limits.get(LimitKey::kMaxSlippageBps)) {
    return RejectCode::kExecutionQuality;
  }
  const std::int64_t pnl = positions_.totalPnl().raw;
  if (pnl <= -limits.get(LimitKey::kMaxDailyLossAbs)) return RejectCode::kMaxDailyLoss;
  // loss / equity >= pct / 100, cross-multiplied in 128 bits.
  if (static_cast<Int128>(-pnl) * 100 >=
      static_cast<Int128>(limits.get(LimitKey::kStartEquity)) * limits.get(LimitKey::kMaxDailyLossPct)) {
    return RejectCode::kMaxDailyLossPct;
  }
  if (positions_.peakPnl().raw - pnl >= limits.get(LimitKey::kMaxDrawdown)) return RejectCode::kMaxDrawdown;
  if (positions_.consecutiveLosses() >= static_cast<std::uint64_t>(limits.get(LimitKey::kMaxConsecutiveLosses))) {
    return RejectCode::kMaxConsecutiveLosses;
  }
  if (riskOf(o.limit, o.stop_loss, o.qty) > limits.get(LimitKey::kMaxLossPerTrade)) return RejectCode::kMaxLossPerTrade;
  return RejectCode::kAccepted;
}

BW_CHECK_PATH RejectCode RiskGate::reserveExit(const OrderIntent& o, Taken* taken) noexcept {
  const std::int64_t pos = positions_.position(o.symbol).raw;
  const bool reduces = (o.side == Side::kSell && pos > 0) || (o.side == Side::kBuy && pos < 0);
  if (!reduces) return RejectCode::kReduceOnlyViolation;
  // exit_room = working exits - |position|: together they never exceed the position, so a
  // concurrent pair cannot flip it, and an exit fill moves both sides of it at once.
  const auto fits = [](std::int64_t v) { return v <= 0; };
  SymbolReservations& s = symbols_[o.symbol];
  if (taken == nullptr) {
    return fits(s.exit_room.load(std::memory_order_relaxed) + o.qty.raw) ? RejectCode::kAccepted
                                                                         : RejectCode::kReduceOnlyViolation;
  }
  if (!reserver_.tryAdd(s.exit_room, o.qty.raw, fits)) return RejectCode::kReduceOnlyViolation;
  taken->exit_qty = true;
  return RejectCode::kAccepted;
}

BW_CHECK_PATH RejectCode RiskGate::reserveEntry(const OrderIntent& o, const LimitSet& limits, std::int64_t notional,
                                  std::int64_t risk, Taken* taken) noexcept {
  SymbolReservations& s = symbols_[o.symbol];
  const std::size_t side = o.side == Side::kBuy ? 0 : 1;
  const std::int64_t sign = side == 0 ? 1 : -1;  // buys push net exposure up, sells down
  if (taken != nullptr) {
    taken->notional = notional;
    taken->risk = risk;
  }
  // One step per reserved limit: probe only (shadow) when taken is null.
  const auto step = [&](std::atomic<std::int64_t>& word, std::int64_t delta, auto fits, bool Taken::*flag) {
    if (taken == nullptr) return fits(word.load(std::memory_order_relaxed) + delta);
    if (!reserver_.tryAdd(word, delta, fits)) return false;
    taken->*flag = true;
    return true;
  };

  const std::int64_t max_qty = limits.get(LimitKey::kMaxPositionQty);
  if (!step(s.qty_term[side], o.qty.raw, [&](std::int64_t v) { return abs64(v) <= max_qty; }, &Taken::side_qty)) {
    return RejectCode::kMaxPositionQty;
  }
  // Revaluation terms: the positions at mark less at book value (price movement).
  const std::int64_t sym_reval_gross = positions_.revaluationGross(o.symbol);
  const std::int64_t max_sym_gross = limits.get(LimitKey::kMaxSymbolGrossNotional);
  if (!step(s.gross, notional, [&](std::int64_t v) { return v + sym_reval_gross <= max_sym_gross; }, &Taken::symbol_gross)) {
    return RejectCode::kMaxSymbolGrossNotional;
  }
  const std::int64_t sym_reval_net = positions_.revaluationNet(o.symbol);
  const std::int64_t max_sym_net = limits.get(LimitKey::kMaxSymbolNetNotional);
  if (!step(s.term[side], notional, [&](std::int64_t v) { return abs64(v + sign * sym_reval_net) <= max_sym_net; },
            &Taken::symbol_side)) {
    return RejectCode::kMaxSymbolNetNotional;
  }
  const std::int64_t reval_gross = positions_.totalRevaluationGross();
  const std::int64_t max_gross = limits.get(LimitKey::kMaxTotalNotional);
  if (!step(total_gross_, notional, [&](std::int64_t v) { return v + reval_gross <= max_gross; }, &Taken::total_gross)) {
    return RejectCode::kMaxTotalNotional;
  }
  const std::int64_t reval_net = positions_.totalRevaluationNet();
  const std::int64_t max_net = limits.get(LimitKey::kMaxTotalNetNotional);
  if (!step(total_term_[side], notional, [&](std::int64_t v) { return abs64(v + sign * reval_net) <= max_net; },
            &Taken::total_side)) {
    return RejectCode::kMaxTotalNetNotional;
  }
  const std::int64_t max_risk = limits.get(LimitKey::kMaxOpenRisk);
  if (!step(total_risk_, risk, [&](std::int64_t v) { return v <= max_risk; }, &Taken::total_risk)) {
    return RejectCode::kMaxOpenRisk;
  }
  const std::int64_t max_share = max_risk / 100 * limits.get(LimitKey::kMaxSymbolRiskSharePct);
  if (!step(s.risk, risk, [&](std::int64_t v) { return v <= max_share; }, &Taken::symbol_risk)) {
    return RejectCode::kMaxSymbolRiskShare;
  }
  if (taken == nullptr) {
    const bool open = s.refs.load(std::memory_order_relaxed) > 0;
    if (!open && open_symbols_.load(std::memory_order_relaxed) >= limits.get(LimitKey::kMaxOpenPositions)) {
      return RejectCode::kMaxOpenPositions;
    }
  } else {
    if (!openSymbol(o.symbol, limits.get(LimitKey::kMaxOpenPositions))) return RejectCode::kMaxOpenPositions;
    taken->symbol_ref = true;
  }
  return RejectCode::kAccepted;
}

BW_CHECK_PATH RejectCode RiskGate::reserveFlow(const OrderIntent& o, const LimitSet& limits, Taken* taken) noexcept {
  const std::int64_t max_orders = limits.get(LimitKey::kMaxOpenOrders);
  if (taken == nullptr) {
    // Shadow: rates are judged against the live buckets' state without taking tokens.
    if (open_orders_.load(std::memory_order_relaxed) + 1 > max_orders) return RejectCode::kMaxOpenOrders;
    return RejectCode::kAccepted;
  }
  if (!reserver_.tryAdd(open_orders_, 1, [max_orders](std::int64_t v) { return v <= max_orders; })) {
    return RejectCode::kMaxOpenOrders;
  }
  taken->open_order = true;
  if (o.flatten) return RejectCode::kAccepted;  // a kill's flattening is never throttled

  // Duplicate window: one word per symbol holds the last order's signature and time (ms).
  SymbolReservations& s = symbols_[o.symbol];
  const std::int64_t now_ms = (o.ts_ns / kMsNs) & ((std::int64_t{1} << 40) - 1);
  const std::int64_t signature = orderSignature(o);
  const std::int64_t window = limits.get(LimitKey::kDuplicateWindowMs);
  std::int64_t last = s.last_order.load(std::memory_order_acquire);
  for (;;) {
    const std::int64_t last_ms = last & ((std::int64_t{1} << 40) - 1);
    // |dt|: callers on several threads stamp their own times, which need not arrive in order.
    if ((last >> 40) == signature && last != 0 && abs64(now_ms - last_ms) < window) return RejectCode::kDuplicateOrder;
    const std::int64_t next = (signature << 40) | now_ms;
    if (!reserver_.concurrent()) {
      s.last_order.store(next, std::memory_order_release);
      break;
    }
    if (s.last_order.compare_exchange_weak(last, next, std::memory_order_acq_rel, std::memory_order_acquire)) break;
  }

  if (!order_rate_.tryTake(o.ts_ns, limits.get(LimitKey::kMaxOrdersPerSec), reserver_)) return RejectCode::kMaxOrderRate;
  taken->order_rate = true;
  if (!message_rate_.tryTake(o.ts_ns, limits.get(LimitKey::kMaxMessagesPerSec), reserver_)) {
    return RejectCode::kMaxMessageRate;
  }
  taken->message_rate = true;
  return RejectCode::kAccepted;
}

BW_CHECK_PATH bool RiskGate::openSymbol(SymbolId symbol, std::int64_t max_open) noexcept {
  std::atomic<std::int64_t>& refs = symbols_[symbol].refs;
  for (;;) {
    // Already open (a position or another working entry): one more reference, no slot.
    if (reserver_.tryAdd(refs, 1, [](std::int64_t v) { return v > 1; })) return true;
    // Not open: take one of max_open_positions' slots, then the first reference.
    if (!reserver_.tryAdd(open_symbols_, 1, [max_open](std::int64_t v) { return v <= max_open; })) return false;
    if (reserver_.tryAdd(refs, 1, [](std::int64_t v) { return v == 1; })) return true;
    reserver_.add(open_symbols_, -1);  // another checker opened it first: use its slot
  }
}

void RiskGate::addSymbolRef(SymbolId symbol) noexcept {
  std::atomic<std::int64_t>& refs = symbols_[symbol].refs;
  std::int64_t before = 0;
  if (reserver_.concurrent()) {
    before = refs.fetch_add(1, std::memory_order_acq_rel);
  } else {
    before = refs.load(std::memory_order_relaxed);
    refs.store(before + 1, std::memory_order_release);
  }
  if (before == 0) reserver_.add(open_symbols_, 1);  // a fill we did not reserve for: counted, unbounded
}

void RiskGate::closeSymbolRef(SymbolId symbol) noexcept {
  std::atomic<std::int64_t>& refs = symbols_[symbol].refs;
  std::int64_t now = 0;
  if (reserver_.concurrent()) {
    now = refs.fetch_sub(1, std::memory_order_acq_rel) - 1;
  } else {
    now = refs.load(std::memory_order_relaxed) - 1;
    refs.store(now, std::memory_order_release);
  }
  if (now == 0) reserver_.add(open_symbols_, -1);
}

void RiskGate::giveBack(const OrderIntent& o, const LimitSet& limits, const Taken& t) noexcept {
  SymbolReservations& s = symbols_[o.symbol];
  const std::size_t side = o.side == Side::kBuy ? 0 : 1;
  if (t.message_rate) message_rate_.giveBack(limits.get(LimitKey::kMaxMessagesPerSec), reserver_);
  if (t.order_rate) order_rate_.giveBack(limits.get(LimitKey::kMaxOrdersPerSec), reserver_);
  if (t.open_order) reserver_.add(open_orders_, -1);
  if (t.symbol_ref) closeSymbolRef(o.symbol);
  if (t.symbol_risk) reserver_.add(s.risk, -t.risk);
  if (t.total_risk) reserver_.add(total_risk_, -t.risk);
  if (t.total_side) reserver_.add(total_term_[side], -t.notional);
  if (t.total_gross) reserver_.add(total_gross_, -t.notional);
  if (t.symbol_side) reserver_.add(s.term[side], -t.notional);
  if (t.symbol_gross) reserver_.add(s.gross, -t.notional);
  if (t.side_qty) reserver_.add(s.qty_term[side], -o.qty.raw);
  if (t.exit_qty) reserver_.add(s.exit_room, -o.qty.raw);
}

BW_CHECK_PATH RejectCode RiskGate::checkCollar(SymbolId symbol, Price limit, const LimitSet& limits) const noexcept {
  const Price reference = positions_.markPrice(symbol);
  if (reference.raw <= 0) return RejectCode::kNoReferencePrice;
  // |limit - ref| / ref > bps / 10000, cross-multiplied in 128 bits: no division, no float.
  const Int128 distance = static_cast<Int128>(absRaw(limit.raw - reference.raw)) * 10'000;
  const Int128 allowed = static_cast<Int128>(reference.raw) * limits.get(LimitKey::kPriceCollarBps);
  return distance > allowed ? RejectCode::kPriceCollar : RejectCode::kAccepted;
}

RejectCode RiskGate::checkReplace(OrderId id, OrderId new_id, Price new_limit, std::int64_t now_ns) noexcept {
  const RejectCode verdict = judgeReplace(id, new_id, new_limit, now_ns);
  if (verdict != RejectCode::kAccepted) {
    countReject(verdict);
    return verdict;
  }
  WorkingOrder& order = *working_.find(id);
  order.replace_id = new_id;
  order.replace_limit = new_limit;
  return RejectCode::kAccepted;
}

RejectCode RiskGate::judgeReplace(OrderId id, OrderId new_id, Price new_limit, std::int64_t now_ns) noexcept {
  const WorkingOrder* order = working_.find(id);
  if (order == nullptr) return RejectCode::kUnknownSymbol;  // as checkCancel: not working
  if (!order->reduce_only || order->replace_id != 0) return RejectCode::kReplaceNotAllowed;
  if (new_id == 0 || !working_.slotFree(new_id)) return RejectCode::kOrderIdInUse;
  if (!instruments_[order->symbol].validPrice(new_limit)) return RejectCode::kInvalidPrice;
  const LimitSet& limits = control_.liveLimits();
  if (const RejectCode collar = checkCollar(order->symbol, new_limit, limits); collar != RejectCode::kAccepted) {
    return collar;
  }
  if (control_.globallyKilled() || control_.tradingState() == TradingState::kHalted) return RejectCode::kAccepted;
  if (!cancel_rate_.tryTake(now_ns, limits.get(LimitKey::kMaxCancelsPerSec), reserver_)) {
    return RejectCode::kMaxCancelRate;
  }
  if (!message_rate_.tryTake(now_ns, limits.get(LimitKey::kMaxMessagesPerSec), reserver_)) {
    cancel_rate_.giveBack(limits.get(LimitKey::kMaxCancelsPerSec), reserver_);
    return RejectCode::kMaxMessageRate;
  }
  return RejectCode::kAccepted;
}

RejectCode RiskGate::checkCancel(OrderId id, std::int64_t now_ns, bool urgent) noexcept {
  if (working_.find(id) == nullptr) return RejectCode::kUnknownSymbol;
  // A cancel only lowers risk: under a kill or a halt it always goes out, unthrottled.
  if (urgent || control_.globallyKilled() || control_.tradingState() == TradingState::kHalted) {
    return RejectCode::kAccepted;
  }
  const LimitSet& limits = control_.liveLimits();
  if (!cancel_rate_.tryTake(now_ns, limits.get(LimitKey::kMaxCancelsPerSec), reserver_)) {
    countReject(RejectCode::kMaxCancelRate);
    return RejectCode::kMaxCancelRate;
  }
  if (!message_rate_.tryTake(now_ns, limits.get(LimitKey::kMaxMessagesPerSec), reserver_)) {
    cancel_rate_.giveBack(limits.get(LimitKey::kMaxCancelsPerSec), reserver_);
    countReject(RejectCode::kMaxMessageRate);
    return RejectCode::kMaxMessageRate;
  }
  return RejectCode::kAccepted;
}

void RiskGate::retire(WorkingOrder& order) noexcept {
  SymbolReservations& s = symbols_[order.symbol];
  const std::size_t side = order.side == Side::kBuy ? 0 : 1;
  if (order.reduce_only) {
    reserver_.add(s.exit_room, -order.leaves.raw);
  } else {
    reserver_.add(s.qty_term[side], -order.leaves.raw);
    reserver_.add(s.gross, -order.notional);
    reserver_.add(s.term[side], -order.notional);
    reserver_.add(total_gross_, -order.notional);
    reserver_.add(total_term_[side], -order.notional);
    reserver_.add(s.risk, -order.risk);
    reserver_.add(total_risk_, -order.risk);
    // Single writer: the exec thread. A fully filled order has ~0 left (rounding residue).
    released_.store(released_.load(std::memory_order_relaxed) + order.notional, std::memory_order_release);
    closeSymbolRef(order.symbol);
  }
  reserver_.add(open_orders_, -1);
  working_.release(order);
}

FillOutcome RiskGate::applyFill(SymbolId symbol, Side side, Price price, Qty qty) noexcept {
  SymbolReservations& s = symbols_[symbol];
  const std::int64_t cost_before = positions_.cost(symbol);
  const std::int64_t qty_before = positions_.position(symbol).raw;
  const std::int64_t risk_before = positions_.openRisk(symbol);
  const FillOutcome out = positions_.applyFill(symbol, side, price, qty);
  const std::int64_t d_gross = abs64(positions_.cost(symbol)) - abs64(cost_before);
  const std::int64_t d_net = positions_.cost(symbol) - cost_before;
  const std::int64_t d_qty = positions_.position(symbol).raw - qty_before;
  const std::int64_t d_abs_qty = abs64(positions_.position(symbol).raw) - abs64(qty_before);
  const std::int64_t d_risk = positions_.openRisk(symbol) - risk_before;  // < 0: a reduction took risk away
  reserver_.add(s.gross, d_gross);
  reserver_.add(total_gross_, d_gross);
  reserver_.add(s.term[0], d_net);
  reserver_.add(s.term[1], -d_net);
  reserver_.add(total_term_[0], d_net);
  reserver_.add(total_term_[1], -d_net);
  reserver_.add(s.qty_term[0], d_qty);
  reserver_.add(s.qty_term[1], -d_qty);
  reserver_.add(s.exit_room, -d_abs_qty);
  reserver_.add(s.risk, d_risk);
  reserver_.add(total_risk_, d_risk);
  if (out.opened) addSymbolRef(symbol);  // the position holds the symbol open now
  if (out.flattened) closeSymbolRef(symbol);
  return out;
}

ExecOutcome RiskGate::onExec(const ExecEvent& e) noexcept {
  ExecOutcome out;
  WorkingOrder* order = working_.find(e.id);
  const bool is_fill = e.kind == ExecEvent::Kind::kPartialFill || e.kind == ExecEvent::Kind::kFill;
  out.fill = is_fill;
  if (order == nullptr) {
    // Not ours or already done. A fill still moved the venue's position: book it, and
    // report the desync (our books no longer match the venue's).
    // A cancel or replace that came too late (the order was done) is no news.
    if (e.kind == ExecEvent::Kind::kCancelRejected || e.kind == ExecEvent::Kind::kReplaceRejected ||
        e.kind == ExecEvent::Kind::kNew) {
      return out;
    }
    unknown_execs_.store(unknown_execs_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    if (is_fill && e.symbol < instruments_.size()) {
      out.position = applyFill(e.symbol, e.side, e.last_px, e.last_qty);
      out.desync = true;
    }
    return out;
  }
  if (!is_fill) {
    if (e.kind == ExecEvent::Kind::kCanceled || e.kind == ExecEvent::Kind::kRejected) retire(*order);
    if (e.kind == ExecEvent::Kind::kReplaced) out.desync = !moveToReplacement(*order, e);
    if (e.kind == ExecEvent::Kind::kReplaceRejected) order->replace_id = 0;  // works on as it was
    return out;
  }

  std::int64_t filled = e.last_qty.raw;
  if (filled > order->leaves.raw) {  // overfill: more than we had open
    out.desync = true;
    filled = order->leaves.raw;
  }
  // Slippage against the reference at accept, adverse positive; EWMA with alpha 1/8.
  if (order->reference.raw > 0) {
    const Int128 diff = static_cast<Int128>(e.last_px.raw - order->reference.raw) * 10'000 / order->reference.raw;
    const auto bps = static_cast<std::int64_t>(order->side == Side::kBuy ? diff : -diff);
    out.slippage_bps = bps;
    const std::int64_t ewma = slippage_ewma_bps_.load(std::memory_order_relaxed);
    slippage_ewma_bps_.store(ewma + (bps - ewma) / 8, std::memory_order_relaxed);
  }
  // The position first (the committed words grow by its change at book value), then the
  // working share leaves them: in between a checker sees too much, never too little.
  const std::int64_t risk_share =
      order->reduce_only || order->leaves.raw == 0
          ? 0
          : static_cast<std::int64_t>(static_cast<Int128>(order->risk) * filled / order->leaves.raw);
  if (risk_share != 0) {
    positions_.addRisk(order->symbol, risk_share);  // the words already hold it (working)
  }
  out.position = applyFill(order->symbol, order->side, e.last_px, e.last_qty);  // the venue moved by all of it
  SymbolReservations& s = symbols_[order->symbol];
  const std::size_t side = order->side == Side::kBuy ? 0 : 1;
  if (order->reduce_only) {
    reserver_.add(s.exit_room, -filled);
  } else if (order->leaves.raw > 0) {
    const std::int64_t notional =
        static_cast<std::int64_t>(static_cast<Int128>(order->notional) * filled / order->leaves.raw);
    reserver_.add(s.qty_term[side], -filled);
    reserver_.add(s.gross, -notional);
    reserver_.add(s.term[side], -notional);
    reserver_.add(total_gross_, -notional);
    reserver_.add(total_term_[side], -notional);
    filled_.store(filled_.load(std::memory_order_relaxed) + notional, std::memory_order_release);
    order->notional -= notional;
    order->risk -= risk_share;
  }
  order->leaves.raw -= filled;
  if (order->leaves.raw == 0 || e.kind == ExecEvent::Kind::kFill) retire(*order);
  return out;
}

std::uint32_t RiskGate::dataQuality() const noexcept {
  std::uint32_t worst = 100;
  for (std::size_t i = 0; i < instruments_.size(); ++i) {
    worst = std::min(worst, symbols_[i].data_quality.load(std::memory_order_relaxed));
  }
  return worst;
}

void RiskGate::releaseUnsent(OrderId id) noexcept {
  if (WorkingOrder* order = working_.find(id); order != nullptr) retire(*order);
}

OrderId RiskGate::releaseUnsentReplace(OrderId new_id) noexcept {
  WorkingOrder* order = working_.findReplacing(new_id);
  if (order == nullptr) return 0;
  order->replace_id = 0;
  return order->id.load(std::memory_order_relaxed);
}

bool RiskGate::moveToReplacement(WorkingOrder& order, const ExecEvent& e) noexcept {
  // The venue's new ClOrdID is the one the gate accepted (the reconciler reports any
  // other as a desync; here it only names the slot). Quantity is unchanged by our
  // replaces, so nothing reserved moves: only the key and the limit.
  const OrderId new_id = e.new_id != 0 ? e.new_id : order.replace_id;
  const Price limit = order.replace_limit.raw > 0 ? order.replace_limit : order.limit;
  order.replace_id = 0;
  WorkingOrder* moved = working_.claim(new_id);
  if (moved == nullptr) return false;  // its slot was taken meanwhile: the order stays under the old id
  moved->symbol = order.symbol;
  moved->side = order.side;
  moved->reduce_only = order.reduce_only;
  moved->strategy = order.strategy;
  moved->cancel_requested = false;  // a cancel of the old ClOrdID does not reach the new one
  moved->cancel_via = 0;
  moved->limit = limit;
  moved->reference = order.reference;
  moved->leaves = order.leaves;
  moved->notional = order.notional;
  moved->risk = order.risk;
  moved->replace_id = 0;
  moved->replace_limit = Price{};
  working_.release(order);
  return true;
}

}  // namespace bw::risk
