#pragma once
// Squares the venue's execution reports with our own books (issue 6, item 3). It keeps,
// per ClOrdID we sent, the order's quantity, the cum we believe and its OrderLifecycle,
// and per symbol the position the reports add up to; each report is checked against
// them and a disagreement is a Desync:
//   UNKNOWN_ORDER      a report for a ClOrdID we never sent
//   OVERFILL           fills past the order's quantity
//   FILL_AFTER_DONE    a fill for an order already terminal
//   QUANTITY_MISMATCH  the report's CumQty is not ours plus this fill (cum backwards, a
//                      fill repeated or missed), or CumQty + LeavesQty != OrderQty
//   STATE_MISMATCH     a status report (ExecType=I) with another state than ours
//   POSITION_MISMATCH  comparePosition: a venue position snapshot differs from ours
// The caller trips the kill switch on any of them (risk/DesyncKill.h does it in one call).
// Illegal transitions that move no quantity (a duplicate ack, a duplicate cancel) are
// counted per TransitionError but are no desync.
//
// Terminal orders stay in the table until their slot is reused, so a late fill after a
// cancel reads as FILL_AFTER_DONE rather than UNKNOWN_ORDER. The table is indexed by
// OrderId modulo kCapacity, like WorkingOrders: ids are sequential, so a slot comes back
// after kCapacity newer orders; a live order holding the slot refuses the newcomer (kNoRoom).
//
// Thread: one (the engine thread, which processes execution reports). Nothing allocates,
// locks or throws after construction; the desync text is formatted into the Desync's own
// buffer, only when one is found. ~200 KiB: construct once, at start.

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"
#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "core/Tick.h"
#include "risk/Desync.h"
#include "risk/OrderLifecycle.h"
#include "risk/OrderReport.h"

namespace bw::risk {

/// One ClOrdID as we sent it and as we believe it stands.
struct TrackedOrder {
  OrderId id = 0;  ///< 0: free slot
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  OrderLifecycle life;
  Qty qty{};                   ///< OrderQty we sent (a replacement: the new quantity)
  Qty cum{};                   ///< what we believe is filled
  OrderId replacement_id = 0;  ///< a replace is out: its ClOrdID (tracked as an unsent slot until confirmed)
  OrderId replaces = 0;        ///< a replacement: the ClOrdID it replaces
};

/// What one report did: its desync (kNone: books agree) and whether the lifecycle took it.
struct ReconcileResult {
  DesyncKind desync = DesyncKind::kNone;
  TransitionError transition = TransitionError::kNone;
};

class Reconciler {
 public:
  static constexpr std::size_t kCapacity = 4096;  // power of two, as WorkingOrders
  static_assert((kCapacity & (kCapacity - 1)) == 0);

  // ---- what we sent (engine thread, when the order thread takes the request) ----

  /// A NewOrderSingle went out. kNoRoom: a live order holds the slot (do not send);
  /// kAlreadySent: this id was sent before.
  [[nodiscard]] TransitionError onNewSent(OrderId id, SymbolId symbol, Side side, Qty qty) noexcept;
  /// An OrderCancelRequest for `id` went out.
  [[nodiscard]] TransitionError onCancelSent(OrderId id) noexcept;
  /// An OrderCancelReplaceRequest for `id` went out, under ClOrdID `new_id`, for `new_qty`.
  [[nodiscard]] TransitionError onReplaceSent(OrderId id, OrderId new_id, Qty new_qty) noexcept;

  // ---- what the venue said ----

  /// One execution report or cancel reject. On a desync, lastDesync() has its text.
  /// O(1), no allocation.
  [[nodiscard]] ReconcileResult onReport(const OrderReport& report) noexcept;

  /// A venue position snapshot for `symbol` against ours (our PositionBook's, or
  /// reportedPosition): kPositionMismatch when they differ, with lastDesync() set.
  [[nodiscard]] DesyncKind comparePosition(SymbolId symbol, Qty venue, Qty ours) noexcept;

  // ---- reading ----

  [[nodiscard]] const TrackedOrder* find(OrderId id) const noexcept;
  /// The position the fills reported so far add up to (unknown orders' fills included:
  /// the venue moved by them whatever we think).
  [[nodiscard]] Qty reportedPosition(SymbolId symbol) const noexcept {
    return symbol < positions_.size() ? Qty{positions_[symbol]} : Qty{};
  }
  [[nodiscard]] const Desync& lastDesync() const noexcept { return last_; }
  [[nodiscard]] std::uint64_t desyncs(DesyncKind k) const noexcept { return desyncs_[static_cast<std::size_t>(k)]; }
  [[nodiscard]] std::uint64_t desyncsTotal() const noexcept;
  [[nodiscard]] std::uint64_t transitionErrors(TransitionError e) const noexcept {
    return transition_errors_[static_cast<std::size_t>(e)];
  }
  [[nodiscard]] std::uint64_t reports() const noexcept { return reports_; }

 private:
  [[nodiscard]] TrackedOrder* findMutable(OrderId id) noexcept;
  [[nodiscard]] TrackedOrder* claim(OrderId id) noexcept;
  TransitionError count(TransitionError e) noexcept;
  void bookFill(SymbolId symbol, Side side, Qty qty) noexcept;
  [[nodiscard]] DesyncKind checkFill(TrackedOrder& o, const OrderReport& r, TransitionError t) noexcept;
  [[nodiscard]] DesyncKind checkUpdate(TrackedOrder& o, const OrderReport& r, TransitionError t) noexcept;
  [[nodiscard]] DesyncKind onReplaced(TrackedOrder& o, const OrderReport& r) noexcept;
  /// Records a desync (counts it, formats lastDesync's text). Returns `kind`.
  DesyncKind record(DesyncKind kind, OrderId id, SymbolId symbol, std::int64_t ours, std::int64_t theirs,
                    const char* what) noexcept;

  std::array<TrackedOrder, kCapacity> orders_{};
  std::array<std::int64_t, InstrumentTable::kCapacity> positions_{};
  std::array<std::uint64_t, kDesyncKindCount> desyncs_{};
  std::array<std::uint64_t, kTransitionErrorCount> transition_errors_{};
  std::uint64_t reports_ = 0;
  Desync last_;
};

}  // namespace bw::risk
