#pragma once
// The orders a gateway sent that may still work at the venue, kept only to expand a mass
// cancel into one OrderCancelRequest per order for a venue without OrderMassCancelRequest
// (FixEndpoint::mass_cancel = false).
//
// Threads: the order thread owns the table (onSent, apply, forEachOpen). What the venue
// said reaches it as OpenOrderUpdate values that the QuickFIX thread pushes onto an SPSC
// queue and the order thread applies before it expands a mass cancel, so nothing here is
// shared. No allocation after construction, no lock.
//
// Indexed by OrderId modulo kCapacity, as risk::WorkingOrders: ids are sequential, so a
// slot comes back after kCapacity newer orders; a live order holding the slot leaves the
// newcomer untracked (counted: a mass cancel fallback would miss it).

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"
#include "core/Order.h"
#include "core/Tick.h"

namespace bw::fix {

/// The venue ended order `id` (filled, canceled, rejected), or, with new_id set, replaced
/// it: the order works on under new_id for `qty`.
struct OpenOrderUpdate {
  OrderId id = 0;
  OrderId new_id = 0;
  Qty qty{};
};

class OpenOrders {
 public:
  static constexpr std::size_t kCapacity = 4096;  // power of two
  static_assert((kCapacity & (kCapacity - 1)) == 0);

  struct Entry {
    OrderId id = 0;  ///< 0: free
    SymbolId symbol = kNoSymbol;
    Side side = Side::kBuy;
    bool cancel_sent = false;  ///< a fallback cancel is out: the next mass cancel skips it
    Qty qty{};
  };

  /// A NewOrderSingle went out (other actions are ignored). Order thread.
  void onSent(const OrderRequest& request) noexcept {
    if (request.action != OrderRequest::Action::kNew) return;
    track(request.id, request.symbol, request.side, request.qty);
  }

  /// What the venue said. Order thread.
  void apply(const OpenOrderUpdate& update) noexcept {
    Entry& e = slot(update.id);
    if (e.id != update.id) return;  // not tracked, or already ended
    const Entry old = e;
    e = Entry{};
    if (update.new_id != 0) track(update.new_id, old.symbol, old.side, update.qty.raw > 0 ? update.qty : old.qty);
  }

  /// Calls f(Entry&) for each open order of `symbol` (kNoSymbol: all). Order thread.
  template <typename F>
  void forEachOpen(SymbolId symbol, F&& f) noexcept {
    for (Entry& e : entries_) {
      if (e.id != 0 && (symbol == kNoSymbol || e.symbol == symbol)) f(e);
    }
  }

  /// Orders that found their slot held by a live older order (never tracked).
  [[nodiscard]] std::uint64_t untracked() const noexcept { return untracked_; }

 private:
  Entry& slot(OrderId id) noexcept { return entries_[id & (kCapacity - 1)]; }
  void track(OrderId id, SymbolId symbol, Side side, Qty qty) noexcept {
    Entry& e = slot(id);
    if (e.id != 0 && e.id != id) {
      ++untracked_;
      return;
    }
    e = Entry{id, symbol, side, false, qty};
  }

  std::array<Entry, kCapacity> entries_{};
  std::uint64_t untracked_ = 0;
};

}  // namespace bw::fix
