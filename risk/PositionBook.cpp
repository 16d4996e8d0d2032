#include "risk/PositionBook.h"

namespace bw::risk {
namespace {

/// a * b / c, saturated to int64 (only display values can get near it): in 64 bits when the
/// product fits, else in 128 (see scaledProduct in core/FixedPoint.h).
std::int64_t mulDiv(std::int64_t a, std::int64_t b, std::int64_t c) noexcept {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(a, b, &product) && !(product == INT64_MIN && c == -1)) return product / c;
  const Int128 r = static_cast<Int128>(a) * b / c;
  if (r > INT64_MAX) return INT64_MAX;
  if (r < INT64_MIN) return INT64_MIN;
  return static_cast<std::int64_t>(r);
}

}  // namespace

void PositionBook::revalue(Slot& s) noexcept {
  const std::int64_t pos = load(s.qty);
  const std::int64_t mark_px = load(s.mark);
  const std::int64_t exposure = mark_px == 0 ? 0 : mulDiv(pos, mark_px, kScale);
  const std::int64_t unrealized = pos == 0 || mark_px == 0 ? 0 : exposure - load(s.cost);
  const std::int64_t old_exposure = load(s.exposure);
  bump(totals_.gross, absRaw(exposure) - absRaw(old_exposure));
  bump(totals_.net, exposure - old_exposure);
  bump(totals_.unrealized, unrealized - load(s.unrealized));
  s.exposure.store(exposure, std::memory_order_relaxed);
  s.unrealized.store(unrealized, std::memory_order_relaxed);
  const std::int64_t cost = load(s.cost);
  const std::int64_t reval_gross = mark_px == 0 ? 0 : absRaw(exposure) - absRaw(cost);
  const std::int64_t reval_net = mark_px == 0 ? 0 : exposure - cost;
  bump(totals_.reval_gross, reval_gross - load(s.reval_gross));
  bump(totals_.reval_net, reval_net - load(s.reval_net));
  s.reval_gross.store(reval_gross, std::memory_order_relaxed);
  s.reval_net.store(reval_net, std::memory_order_relaxed);
  const std::int64_t pnl = load(totals_.realized) + load(totals_.unrealized);
  if (pnl > load(totals_.peak_pnl)) totals_.peak_pnl.store(pnl, std::memory_order_relaxed);
}

void PositionBook::mark(SymbolId symbol, Price price) noexcept {
  Slot& s = slots_[symbol];
  s.mark.store(price.raw, std::memory_order_relaxed);
  revalue(s);
}

void PositionBook::addRisk(SymbolId symbol, std::int64_t risk) noexcept {
  bump(slots_[symbol].risk, risk);
  bump(totals_.risk, risk);
}

FillOutcome PositionBook::applyFill(SymbolId symbol, Side side, Price price, Qty qty) noexcept {
  Slot& s = slots_[symbol];
  FillOutcome out;
  const std::int64_t start_pos = load(s.qty);
  std::int64_t pos = start_pos;
  std::int64_t cost = load(s.cost);
  std::int64_t realized = load(s.realized);
  std::int64_t risk = load(s.risk);
  std::int64_t delta = side == Side::kBuy ? qty.raw : -qty.raw;

  if (pos != 0 && ((pos > 0) != (delta > 0))) {
    // Reducing: close min(|delta|, |pos|) against the average cost; the open risk of the
    // closed share goes with it.
    const std::int64_t closing = absRaw(delta) < absRaw(pos) ? absRaw(delta) : absRaw(pos);
    const std::int64_t closing_signed = delta > 0 ? closing : -closing;
    const std::int64_t cost_removed = mulDiv(cost, closing, absRaw(pos));
    const std::int64_t risk_removed = mulDiv(risk, closing, absRaw(pos));
    const std::int64_t cash = -mulDiv(closing_signed, price.raw, kScale);
    realized += cash - cost_removed;
    cost -= cost_removed;
    risk -= risk_removed;
    pos += closing_signed;
    delta -= closing_signed;
    if (pos == 0) {  // a round trip ended: no rounding residue on a flat book
      cost = 0;
      risk = 0;
      out.closed_trade = true;
      out.trade_pnl = realized - s.realized_at_open;
    }
  }
  if (delta != 0) {  // opening or adding (also the flipped remainder)
    if (pos == 0) s.realized_at_open = realized;
    pos += delta;
    cost += mulDiv(delta, price.raw, kScale);
  }
  if (out.closed_trade) {
    const std::int64_t streak = out.trade_pnl < 0 ? load(totals_.consecutive_losses) + 1 : 0;
    totals_.consecutive_losses.store(streak, std::memory_order_relaxed);
  }
  bump(totals_.realized, realized - load(s.realized));
  bump(totals_.book_gross, absRaw(cost) - absRaw(load(s.cost)));
  bump(totals_.book_net, cost - load(s.cost));
  bump(totals_.risk, risk - load(s.risk));
  s.qty.store(pos, std::memory_order_relaxed);
  s.cost.store(cost, std::memory_order_relaxed);
  s.realized.store(realized, std::memory_order_relaxed);
  s.risk.store(risk, std::memory_order_relaxed);
  out.opened = start_pos == 0 && pos != 0;
  out.flattened = start_pos != 0 && pos == 0;
  revalue(s);
  return out;
}

std::uint32_t PositionBook::openPositions(std::size_t symbols) const noexcept {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < symbols; ++i) n += load(slots_[i].qty) != 0 ? 1u : 0u;
  return n;
}

}  // namespace bw::risk
