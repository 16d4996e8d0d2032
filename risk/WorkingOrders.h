#pragma once
// Orders the gate accepted that are not yet done (sent, acknowledged or not: RTS 6 Art.
// 15(2) asks that orders in flight count at their worst case). Fixed capacity, indexed by
// OrderId modulo the capacity: ids are assigned sequentially, so a slot is reused only
// after kCapacity newer orders, and a collision with a still-working order is refused.
//
// Threads: a checker claims a free slot with a compare-and-swap on its id, so several
// checkers may claim at once; it fills the rest of the slot before the order is handed on
// (the queue hop to the order thread and back publishes it). Everything after that, and
// release, happens on the one thread that processes execution reports.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "core/Order.h"

namespace bw::risk {

struct WorkingOrder {
  std::atomic<OrderId> id{0};  ///< 0: free slot
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  bool reduce_only = false;
  std::uint8_t strategy = 0;
  bool cancel_requested = false;  ///< exec thread: a cancel is on its way (a kill sends one only once)
  Price limit{};
  Price reference{};           ///< last trade when accepted (slippage is measured against it)
  Qty leaves{};                ///< quantity still open
  std::int64_t notional = 0;   ///< notional still reserved (entries)
  std::int64_t risk = 0;       ///< stop distance x leaves still reserved (entries)
  OrderId cancel_via = 0;      ///< exec thread: the mass cancel request that covers it (0: none)
  OrderId replace_id = 0;      ///< a replace accepted by the gate is out under this ClOrdID (0: none)
  Price replace_limit{};       ///< ... and the limit it asks for
};

class WorkingOrders {
 public:
  static constexpr std::size_t kCapacity = 4096;  // power of two
  static_assert((kCapacity & (kCapacity - 1)) == 0);

  /// Claims the slot for a new order: nullptr if it is held by another working order.
  [[nodiscard]] WorkingOrder* claim(OrderId id) noexcept {
    WorkingOrder& slot = slots_[id & (kCapacity - 1)];
    OrderId expected = 0;
    // acq_rel: the claim orders the slot's field writes after it for whoever finds it
    return slot.id.compare_exchange_strong(expected, id, std::memory_order_acq_rel) ? &slot : nullptr;
  }
  /// The working order with this id, or nullptr.
  [[nodiscard]] WorkingOrder* find(OrderId id) noexcept {
    WorkingOrder& slot = slots_[id & (kCapacity - 1)];
    return id != 0 && slot.id.load(std::memory_order_acquire) == id ? &slot : nullptr;
  }
  [[nodiscard]] const WorkingOrder* find(OrderId id) const noexcept {
    const WorkingOrder& slot = slots_[id & (kCapacity - 1)];
    return id != 0 && slot.id.load(std::memory_order_acquire) == id ? &slot : nullptr;
  }
  /// No working order holds id's slot (a claim of id would succeed now).
  [[nodiscard]] bool slotFree(OrderId id) const noexcept {
    return slots_[id & (kCapacity - 1)].id.load(std::memory_order_acquire) == 0;
  }
  /// The working order with a replace out under `replace_id`, or nullptr. Scans every
  /// slot: cold path (a replace the order thread could not send).
  [[nodiscard]] WorkingOrder* findReplacing(OrderId replace_id) noexcept {
    if (replace_id == 0) return nullptr;
    for (WorkingOrder& o : slots_) {
      if (o.id.load(std::memory_order_acquire) != 0 && o.replace_id == replace_id) return &o;
    }
    return nullptr;
  }
  /// Frees a slot (exec thread). release: a later claimer sees the slot cleared.
  void release(WorkingOrder& slot) noexcept { slot.id.store(0, std::memory_order_release); }

  /// Calls f(order) for each working order (cold path: kill and end-of-run cancels).
  template <typename F>
  void forEach(F&& f) {
    for (WorkingOrder& o : slots_) {
      if (o.id.load(std::memory_order_acquire) != 0) f(o);
    }
  }

 private:
  std::array<WorkingOrder, kCapacity> slots_{};
};

}  // namespace bw::risk
