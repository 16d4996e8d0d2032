#include "risk/PositionBook.h"

namespace bw::risk {
namespace {

/// a * b / c in 128 bits, saturated to int64 (only display values can get near it).
std::int64_t mulDiv(std::int64_t a, std::int64_t b, std::int64_t c) noexcept {
  const Int128 r = static_cast<Int128>(a) * b / c;
  if (r > INT64_MAX) return INT64_MAX;
  if (r < INT64_MIN) return INT64_MIN;
  return static_cast<std::int64_t>(r);
}

}  // namespace

void PositionBook::applyFill(SymbolId symbol, Side side, Price price, Qty qty) noexcept {
  Slot& s = slots_[symbol];
  std::int64_t pos = load(s.qty);
  std::int64_t cost = load(s.cost);
  std::int64_t realized = load(s.realized);
  std::int64_t delta = side == Side::kBuy ? qty.raw : -qty.raw;

  if (pos != 0 && ((pos > 0) != (delta > 0))) {
    // Reducing: close min(|delta|, |pos|) against the average cost.
    const std::int64_t closing = absRaw(delta) < absRaw(pos) ? absRaw(delta) : absRaw(pos);
    const std::int64_t closing_signed = delta > 0 ? closing : -closing;
    const std::int64_t cost_removed = mulDiv(cost, closing, absRaw(pos));
    const std::int64_t cash = -mulDiv(closing_signed, price.raw, kScale);
    realized += cash - cost_removed;
    cost -= cost_removed;
    pos += closing_signed;
    delta -= closing_signed;
    if (pos == 0) cost = 0;  // no rounding residue on a flat book
  }
  if (delta != 0) {  // opening or adding (also the flipped remainder)
    pos += delta;
    cost += mulDiv(delta, price.raw, kScale);
  }
  s.qty.store(pos, std::memory_order_relaxed);
  s.cost.store(cost, std::memory_order_relaxed);
  s.realized.store(realized, std::memory_order_relaxed);
}

Notional PositionBook::unrealizedPnl(SymbolId symbol) const noexcept {
  const Slot& s = slots_[symbol];
  const std::int64_t pos = load(s.qty);
  const std::int64_t mark_px = load(s.mark);
  if (pos == 0 || mark_px == 0) return Notional{0};
  return Notional{mulDiv(pos, mark_px, kScale) - load(s.cost)};
}

Notional PositionBook::grossExposure(SymbolId symbol) const noexcept {
  const Slot& s = slots_[symbol];
  return Notional{mulDiv(absRaw(load(s.qty)), load(s.mark), kScale)};
}

Notional PositionBook::totalRealized(std::size_t symbols) const noexcept {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < symbols; ++i) sum += load(slots_[i].realized);
  return Notional{sum};
}

Notional PositionBook::totalUnrealized(std::size_t symbols) const noexcept {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < symbols; ++i) sum += unrealizedPnl(static_cast<SymbolId>(i)).raw;
  return Notional{sum};
}

Notional PositionBook::totalGrossExposure(std::size_t symbols) const noexcept {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < symbols; ++i) sum += grossExposure(static_cast<SymbolId>(i)).raw;
  return Notional{sum};
}

std::uint32_t PositionBook::openPositions(std::size_t symbols) const noexcept {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < symbols; ++i) n += load(slots_[i].qty) != 0 ? 1u : 0u;
  return n;
}

}  // namespace bw::risk
