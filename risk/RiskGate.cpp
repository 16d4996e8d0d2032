#include "risk/RiskGate.h"

namespace bw::risk {

RejectCode RiskGate::check(const OrderIntent& o) noexcept {
  if (kill_.tripped()) return reject(RejectCode::kKillSwitch);
  if (o.symbol >= instruments_.size()) return reject(RejectCode::kUnknownSymbol);
  if (const RejectCode c = checkOrderShape(o, instruments_[o.symbol]); c != RejectCode::kAccepted) return reject(c);

  if (o.qty.raw > limits_.maxOrderQty()) return reject(RejectCode::kMaxOrderQty);
  Notional notional;
  if (!checkedNotional(o.limit, o.qty, notional)) return reject(RejectCode::kNotionalOverflow);
  if (notional.raw > limits_.maxOrderNotional()) return reject(RejectCode::kMaxOrderNotional);
  if (const RejectCode c = checkCollar(o); c != RejectCode::kAccepted) return reject(c);

  if (o.reduce_only) {
    if (const RejectCode c = checkReduceOnly(o); c != RejectCode::kAccepted) return reject(c);
  } else {
    if (const RejectCode c = checkEntryExposure(o); c != RejectCode::kAccepted) return reject(c);
    if (!reserve(notional.raw)) return reject(RejectCode::kMaxTotalNotional);
  }

  WorkingOrder* slot = working_.claim(o.id);
  if (slot == nullptr) {
    if (!o.reduce_only) unreserve(notional.raw);
    return reject(RejectCode::kMaxOpenOrders);
  }
  *slot = WorkingOrder{o.id, o.symbol, o.side, o.reduce_only, o.limit, o.qty, o.reduce_only ? 0 : notional.raw};
  working_.commit(*slot);
  if (o.reduce_only) {
    working_reduce_qty_[o.symbol] += o.qty.raw;
  } else {
    ++working_entries_[o.symbol];
  }
  accepted_.fetch_add(1, std::memory_order_relaxed);
  return RejectCode::kAccepted;
}

RejectCode RiskGate::checkOrderShape(const OrderIntent& o, const Instrument& inst) const noexcept {
  if (o.type != OrderType::kLimit) return RejectCode::kMarketOrderNotAllowed;
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
  return RejectCode::kAccepted;
}

RejectCode RiskGate::checkCollar(const OrderIntent& o) const noexcept {
  const Price reference = positions_.markPrice(o.symbol);
  if (reference.raw <= 0) return RejectCode::kNoReferencePrice;
  // |limit - ref| / ref > bps / 10000, cross-multiplied in 128 bits: no division, no float.
  const Int128 distance = static_cast<Int128>(absRaw(o.limit.raw - reference.raw)) * 10'000;
  const Int128 allowed = static_cast<Int128>(reference.raw) * limits_.priceCollarBps();
  return distance > allowed ? RejectCode::kPriceCollar : RejectCode::kAccepted;
}

RejectCode RiskGate::checkReduceOnly(const OrderIntent& o) const noexcept {
  const std::int64_t pos = positions_.position(o.symbol).raw;
  const bool reduces = (o.side == Side::kSell && pos > 0) || (o.side == Side::kBuy && pos < 0);
  if (!reduces) return RejectCode::kReduceOnlyViolation;
  if (working_reduce_qty_[o.symbol] + o.qty.raw > absRaw(pos)) return RejectCode::kReduceOnlyViolation;
  return RejectCode::kAccepted;
}

RejectCode RiskGate::checkEntryExposure(const OrderIntent& o) const noexcept {
  const std::size_t symbols = instruments_.size();
  const std::int64_t pnl = positions_.totalRealized(symbols).raw + positions_.totalUnrealized(symbols).raw;
  if (pnl <= -limits_.maxDailyLossAbs()) return RejectCode::kMaxDailyLoss;

  const bool symbol_open = positions_.position(o.symbol).raw != 0 || working_entries_[o.symbol] != 0;
  if (!symbol_open) {
    std::uint32_t open = 0;
    for (std::size_t s = 0; s < symbols; ++s) {
      open += (positions_.position(static_cast<SymbolId>(s)).raw != 0 || working_entries_[s] != 0) ? 1u : 0u;
    }
    if (open >= limits_.maxOpenPositions()) return RejectCode::kMaxOpenPositions;
  }
  return RejectCode::kAccepted;
}

bool RiskGate::reserve(std::int64_t notional) noexcept {
  const std::int64_t gross = positions_.totalGrossExposure(instruments_.size()).raw;
  const std::int64_t limit = limits_.maxTotalNotional();
  std::int64_t current = reserved_.load(std::memory_order_acquire);
  // CAS loop: another checker may reserve between our load and our store; the loser
  // re-reads and re-judges, so the sum of reservations never passes the limit.
  do {
    if (gross + current + notional > limit) return false;
  } while (!reserved_.compare_exchange_weak(current, current + notional, std::memory_order_acq_rel,
                                            std::memory_order_acquire));
  return true;
}

bool RiskGate::approveCancel(OrderId id) const noexcept {
  return working_.find(id) != nullptr;
}

void RiskGate::retire(WorkingOrder& order) noexcept {
  if (order.reduce_only) {
    working_reduce_qty_[order.symbol] -= order.leaves.raw;
  } else {
    unreserve(order.reserved);
    --working_entries_[order.symbol];
  }
  working_.release(order);
}

void RiskGate::onExec(const ExecEvent& e) noexcept {
  WorkingOrder* order = working_.find(e.id);
  const bool is_fill = e.kind == ExecEvent::Kind::kPartialFill || e.kind == ExecEvent::Kind::kFill;
  if (order == nullptr) {
    // Not ours or already done. A fill still moved the venue's position, so book it.
    if (e.kind != ExecEvent::Kind::kCancelRejected) unknown_execs_.fetch_add(1, std::memory_order_relaxed);
    if (is_fill && e.symbol < instruments_.size()) positions_.applyFill(e.symbol, e.side, e.last_px, e.last_qty);
    return;
  }
  if (is_fill) {
    const std::int64_t filled = e.last_qty.raw < order->leaves.raw ? e.last_qty.raw : order->leaves.raw;
    positions_.applyFill(order->symbol, order->side, e.last_px, e.last_qty);
    if (order->reduce_only) {
      working_reduce_qty_[order->symbol] -= filled;
    } else {
      // Release the filled share of the reservation; the position now carries it.
      const std::int64_t part = static_cast<std::int64_t>(static_cast<Int128>(order->reserved) * filled /
                                                          (order->leaves.raw == 0 ? 1 : order->leaves.raw));
      unreserve(part);
      order->reserved -= part;
    }
    order->leaves.raw -= filled;
    if (order->leaves.raw == 0 || e.kind == ExecEvent::Kind::kFill) retire(*order);
    return;
  }
  if (e.kind == ExecEvent::Kind::kCanceled || e.kind == ExecEvent::Kind::kRejected) retire(*order);
}

void RiskGate::releaseUnsent(OrderId id) noexcept {
  if (WorkingOrder* order = working_.find(id); order != nullptr) retire(*order);
}

}  // namespace bw::risk
