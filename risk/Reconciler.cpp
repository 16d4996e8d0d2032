#include "risk/Reconciler.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace bw::risk {
namespace {

using E = LifecycleEvent;

/// 1e-8 units as a decimal with trailing zeros trimmed ("1.5", "-2"). No allocation.
void formatUnits(char (&out)[32], std::int64_t raw) noexcept {
  const std::uint64_t magnitude = raw < 0 ? 0 - static_cast<std::uint64_t>(raw) : static_cast<std::uint64_t>(raw);
  const auto scale = static_cast<std::uint64_t>(kScale);
  const std::uint64_t whole = magnitude / scale;
  const std::uint64_t frac = magnitude % scale;
  const char* sign = raw < 0 ? "-" : "";
  if (frac == 0) {
    std::snprintf(out, sizeof out, "%s%" PRIu64, sign, whole);
    return;
  }
  const int n = std::snprintf(out, sizeof out, "%s%" PRIu64 ".%08" PRIu64, sign, whole, frac);
  for (int i = n - 1; i > 0 && out[i] == '0'; --i) out[i] = '\0';
}

[[nodiscard]] bool isFill(E e) noexcept { return e == E::kPartialFill || e == E::kFill; }

/// Where a replacement continues, by what its predecessor had filled.
[[nodiscard]] OrderState continuingState(Qty cum, Qty qty) noexcept {
  if (cum.raw >= qty.raw) return OrderState::kFilled;
  return cum.raw > 0 ? OrderState::kPartiallyFilled : OrderState::kNew;
}

}  // namespace

TrackedOrder* Reconciler::findMutable(OrderId id) noexcept {
  TrackedOrder& o = orders_[id & (kCapacity - 1)];
  return id != 0 && o.id == id ? &o : nullptr;
}

const TrackedOrder* Reconciler::find(OrderId id) const noexcept {
  const TrackedOrder& o = orders_[id & (kCapacity - 1)];
  return id != 0 && o.id == id ? &o : nullptr;
}

TrackedOrder* Reconciler::claim(OrderId id) noexcept {
  TrackedOrder& o = orders_[id & (kCapacity - 1)];
  // A terminal order's record is given up (its late reports now read as unknown); a live
  // one, or a replacement still waiting for its answer (unsent, not terminal), keeps it.
  if (id == 0 || (o.id != 0 && !o.life.terminal())) return nullptr;
  o = TrackedOrder{};
  o.id = id;
  return &o;
}

TransitionError Reconciler::count(TransitionError e) noexcept {
  if (e != TransitionError::kNone) ++transition_errors_[static_cast<std::size_t>(e)];
  return e;
}

std::uint64_t Reconciler::desyncsTotal() const noexcept {
  std::uint64_t total = 0;
  for (std::size_t i = 1; i < kDesyncKindCount; ++i) total += desyncs_[i];
  return total;
}

TransitionError Reconciler::onNewSent(OrderId id, SymbolId symbol, Side side, Qty qty) noexcept {
  if (find(id) != nullptr) return count(TransitionError::kAlreadySent);
  TrackedOrder* o = claim(id);
  if (o == nullptr) return count(TransitionError::kNoRoom);
  o->symbol = symbol;
  o->side = side;
  o->qty = qty;
  return count(o->life.apply(E::kSent));
}

TransitionError Reconciler::onCancelSent(OrderId id) noexcept {
  TrackedOrder* o = findMutable(id);
  if (o == nullptr) return count(TransitionError::kNotSent);
  return count(o->life.apply(E::kCancelSent));
}

TransitionError Reconciler::onReplaceSent(OrderId id, OrderId new_id, Qty new_qty) noexcept {
  TrackedOrder* o = findMutable(id);
  if (o == nullptr) return count(TransitionError::kNotSent);
  if (find(new_id) != nullptr) return count(TransitionError::kAlreadySent);
  const TrackedOrder& slot = orders_[new_id & (kCapacity - 1)];
  if (new_id == 0 || (slot.id != 0 && !slot.life.terminal())) return count(TransitionError::kNoRoom);
  const TransitionError t = o->life.apply(E::kReplaceSent);
  if (t != TransitionError::kNone) return count(t);
  // The replacement is tracked from now on, unsent until the venue confirms it: a report
  // for it before then is an unknown order.
  TrackedOrder* n = claim(new_id);
  n->symbol = o->symbol;
  n->side = o->side;
  n->qty = new_qty;
  n->replaces = id;
  o->replacement_id = new_id;
  return TransitionError::kNone;
}

void Reconciler::bookFill(SymbolId symbol, Side side, Qty qty) noexcept {
  if (symbol >= positions_.size()) return;
  positions_[symbol] += side == Side::kBuy ? qty.raw : -qty.raw;
}

DesyncKind Reconciler::record(DesyncKind kind, OrderId id, SymbolId symbol, std::int64_t ours, std::int64_t theirs,
                              const char* what) noexcept {
  ++desyncs_[static_cast<std::size_t>(kind)];
  last_.kind = kind;
  last_.id = id;
  last_.symbol = symbol;
  last_.ours = ours;
  last_.theirs = theirs;
  char ours_text[32];
  char theirs_text[32];
  formatUnits(ours_text, ours);
  formatUnits(theirs_text, theirs);
  if (id != 0) {
    std::snprintf(last_.text, sizeof last_.text, "%s order %" PRIu64 ": %s (ours %s, venue %s)", desyncKindName(kind),
                  id, what, ours_text, theirs_text);
  } else {
    std::snprintf(last_.text, sizeof last_.text, "%s symbol %u: %s (ours %s, venue %s)", desyncKindName(kind),
                  static_cast<unsigned>(symbol), what, ours_text, theirs_text);
  }
  return kind;
}

ReconcileResult Reconciler::onReport(const OrderReport& r) noexcept {
  ++reports_;
  TrackedOrder* o = findMutable(r.id);
  if (o == nullptr || o->life.state() == OrderState::kUnsent) {
    // Not ours (or a replacement not yet confirmed). A fill still moved the venue's
    // position: count it there, so the position comparison sees it too.
    if (isFill(r.event)) bookFill(r.symbol, r.side, r.last_qty);
    count(TransitionError::kNotSent);
    char what[64];
    std::snprintf(what, sizeof what, "%s for a ClOrdID we did not send", lifecycleEventName(r.event));
    return {record(DesyncKind::kUnknownOrder, r.id, r.symbol, 0, r.cum_qty.raw, what), TransitionError::kNotSent};
  }
  const TransitionError t = count(o->life.apply(r.event, r.status));
  if (isFill(r.event)) {
    bookFill(o->symbol, o->side, r.last_qty);
    return {checkFill(*o, r, t), t};
  }
  // Another illegal move (a duplicate ack or cancel) moves no quantity: counted, no desync.
  if (t != TransitionError::kNone && t != TransitionError::kStatusMismatch) return {DesyncKind::kNone, t};
  return {checkUpdate(*o, r, t), t};
}

DesyncKind Reconciler::checkFill(TrackedOrder& o, const OrderReport& r, TransitionError t) noexcept {
  if (t == TransitionError::kFillWhenDone) {
    char what[48];
    std::snprintf(what, sizeof what, "fill after %s", orderStateName(o.life.state()));
    return record(DesyncKind::kFillAfterDone, o.id, o.symbol, o.cum.raw, r.last_qty.raw, what);
  }
  std::int64_t cum = 0;
  const bool fits = checkedAdd(o.cum.raw, r.last_qty.raw, cum);
  o.cum.raw = fits ? cum : INT64_MAX;  // what the venue did, right or wrong
  if (!fits || o.cum.raw > o.qty.raw) {
    return record(DesyncKind::kOverfill, o.id, o.symbol, o.qty.raw, o.cum.raw, "cum past the order quantity");
  }
  if (r.cum_qty.raw != o.cum.raw) {
    return record(DesyncKind::kQuantityMismatch, o.id, o.symbol, o.cum.raw, r.cum_qty.raw,
                  r.cum_qty.raw < o.cum.raw ? "cum went backwards" : "cum is not ours plus this fill");
  }
  std::int64_t total = 0;  // checked: the venue's numbers are not trusted to fit
  if (!checkedAdd(r.cum_qty.raw, r.leaves_qty.raw, total) || total != o.qty.raw) {
    return record(DesyncKind::kQuantityMismatch, o.id, o.symbol, o.qty.raw, total,
                  "cum + leaves is not the order quantity");
  }
  if ((r.event == E::kFill) != (o.cum.raw == o.qty.raw)) {
    return record(DesyncKind::kQuantityMismatch, o.id, o.symbol, o.qty.raw, o.cum.raw,
                  r.event == E::kFill ? "filled with quantity left" : "partial fill completes the order");
  }
  return DesyncKind::kNone;
}

DesyncKind Reconciler::checkUpdate(TrackedOrder& o, const OrderReport& r, TransitionError t) noexcept {
  if (t == TransitionError::kStatusMismatch) {
    char what[64];
    std::snprintf(what, sizeof what, "venue says %s, ours %s", orderStateName(r.status),
                  orderStateName(o.life.state()));
    return record(DesyncKind::kStateMismatch, o.id, o.symbol, o.cum.raw, r.cum_qty.raw, what);
  }
  if (r.event == E::kReplaced) return onReplaced(o, r);
  if (r.event == E::kReplaceReject) {
    // The replacement never came to be: give its slot back.
    TrackedOrder* n = findMutable(o.replacement_id);
    if (n != nullptr && n->replaces == o.id && n->life.state() == OrderState::kUnsent) n->id = 0;
    o.replacement_id = 0;
    return DesyncKind::kNone;
  }
  if (!carriesQuantities(r.event)) return DesyncKind::kNone;
  if (r.cum_qty.raw != o.cum.raw) {
    return record(DesyncKind::kQuantityMismatch, o.id, o.symbol, o.cum.raw, r.cum_qty.raw,
                  r.cum_qty.raw < o.cum.raw ? "cum went backwards" : "cum moved without a fill");
  }
  const std::int64_t leaves = o.life.terminal() ? 0 : o.qty.raw - o.cum.raw;
  if (r.leaves_qty.raw != leaves) {
    return record(DesyncKind::kQuantityMismatch, o.id, o.symbol, leaves, r.leaves_qty.raw,
                  "leaves is not the order quantity less cum");
  }
  return DesyncKind::kNone;
}

DesyncKind Reconciler::onReplaced(TrackedOrder& o, const OrderReport& r) noexcept {
  const OrderId new_id = o.replacement_id;
  o.replacement_id = 0;
  TrackedOrder* n = findMutable(new_id);
  if (n == nullptr || (r.replacement_id != 0 && r.replacement_id != new_id)) {
    return record(DesyncKind::kUnknownOrder, r.replacement_id != 0 ? r.replacement_id : o.id, o.symbol, 0,
                  r.cum_qty.raw, "replaced by a ClOrdID we did not send");
  }
  // The order lives on under the new ClOrdID with what the old one had filled.
  n->cum = o.cum;
  n->life = OrderLifecycle::replacement(continuingState(n->cum, n->qty));
  if (r.order_qty.raw != 0 && r.order_qty.raw != n->qty.raw) {
    return record(DesyncKind::kQuantityMismatch, new_id, n->symbol, n->qty.raw, r.order_qty.raw,
                  "replaced with another quantity than we asked");
  }
  if (r.cum_qty.raw != n->cum.raw) {
    return record(DesyncKind::kQuantityMismatch, new_id, n->symbol, n->cum.raw, r.cum_qty.raw,
                  "cum changed across the replace");
  }
  const std::int64_t leaves = n->qty.raw > n->cum.raw ? n->qty.raw - n->cum.raw : 0;
  if (r.leaves_qty.raw != leaves) {
    return record(DesyncKind::kQuantityMismatch, new_id, n->symbol, leaves, r.leaves_qty.raw,
                  "leaves is not the new quantity less cum");
  }
  return DesyncKind::kNone;
}

DesyncKind Reconciler::comparePosition(SymbolId symbol, Qty venue, Qty ours) noexcept {
  if (venue.raw == ours.raw) return DesyncKind::kNone;
  return record(DesyncKind::kPositionMismatch, 0, symbol, ours.raw, venue.raw, "venue position differs from ours");
}

}  // namespace bw::risk
