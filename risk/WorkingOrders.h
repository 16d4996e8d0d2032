#pragma once
// Orders the gate accepted that are not yet done (sent, acknowledged or not: RTS 6 Art.
// 15(2) asks that orders in flight count at their worst case). Fixed capacity, indexed by
// OrderId modulo the capacity: ids are assigned sequentially, so a slot is reused only
// after kCapacity newer orders, and a collision with a still-working order is refused.
// Single writer: the engine thread.

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/Order.h"

namespace bw::risk {

struct WorkingOrder {
  OrderId id = 0;  ///< 0: free slot
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  bool reduce_only = false;
  Price limit{};
  Qty leaves{};               ///< quantity still open
  std::int64_t reserved = 0;  ///< notional still reserved against max_total_notional
};

class WorkingOrders {
 public:
  static constexpr std::size_t kCapacity = 4096;  // power of two
  static_assert((kCapacity & (kCapacity - 1)) == 0);

  /// Slot for a new order, or nullptr if its slot is held by another working order.
  [[nodiscard]] WorkingOrder* claim(OrderId id) noexcept {
    WorkingOrder& slot = slots_[id & (kCapacity - 1)];
    return slot.id == 0 ? &slot : nullptr;
  }
  /// The working order with this id, or nullptr.
  [[nodiscard]] WorkingOrder* find(OrderId id) noexcept {
    WorkingOrder& slot = slots_[id & (kCapacity - 1)];
    return slot.id == id && id != 0 ? &slot : nullptr;
  }
  [[nodiscard]] const WorkingOrder* find(OrderId id) const noexcept {
    const WorkingOrder& slot = slots_[id & (kCapacity - 1)];
    return slot.id == id && id != 0 ? &slot : nullptr;
  }
  /// Counts a claimed slot once the caller has filled it in.
  void commit(const WorkingOrder& /*slot*/) noexcept { ++count_; }
  void release(WorkingOrder& slot) noexcept {
    slot = WorkingOrder{};
    --count_;
  }
  [[nodiscard]] std::size_t count() const noexcept { return count_; }

  /// Calls f(order) for each working order (cold path: end-of-run cancels).
  template <typename F>
  void forEach(F&& f) {
    for (WorkingOrder& o : slots_) {
      if (o.id != 0) f(o);
    }
  }

 private:
  std::array<WorkingOrder, kCapacity> slots_{};
  std::size_t count_ = 0;
};

}  // namespace bw::risk
