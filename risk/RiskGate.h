#pragma once
// The only door to the order thread. check() runs every pre-trade control in a fixed
// order and stops at the first failure; an accepted order reserves its notional against
// max_total_notional with a compare-and-swap, so two callers can never jointly pass a
// limit, and stays counted (worst case: full quantity at its limit price) until the venue
// says it is filled, canceled or rejected.
//
// Threads: check(), approveCancel(), onTrade(), onExec() and releaseUnsent() run on the
// engine thread (the working-order table is single-writer). Counters, limits and the kill
// switch are atomics any thread may read. Nothing here allocates, locks, throws, makes a
// system call or touches floating point.

#include <array>
#include <atomic>
#include <cstdint>

#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "risk/KillSwitch.h"
#include "risk/PositionBook.h"
#include "risk/RejectCode.h"
#include "risk/RiskLimits.h"
#include "risk/WorkingOrders.h"

namespace bw::risk {

class RiskGate {
 public:
  RiskGate(const InstrumentTable& instruments, RiskLimits& limits, KillSwitch& kill, PositionBook& positions) noexcept
      : instruments_(instruments), limits_(limits), kill_(kill), positions_(positions) {}

  /// Judges an order intent. On kAccepted the order is recorded as working and its
  /// notional reserved. Engine thread; no allocation; O(symbols).
  [[nodiscard]] RejectCode check(const OrderIntent& intent) noexcept;

  /// A cancel of a working order may always go out (it only lowers risk), even with the
  /// kill switch tripped. False if the order is not working. Engine thread.
  [[nodiscard]] bool approveCancel(OrderId id) const noexcept;

  /// Last trade: the collar's reference price and the positions' mark. Engine thread.
  void onTrade(SymbolId symbol, Price price) noexcept { positions_.mark(symbol, price); }

  /// Venue feedback: fills move into positions, done orders release their reservation.
  /// Engine thread.
  void onExec(const ExecEvent& event) noexcept;

  /// The order thread could not send an accepted order: forget it. Engine thread.
  void releaseUnsent(OrderId id) noexcept;

  [[nodiscard]] std::uint64_t accepted() const noexcept { return accepted_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t rejects(RejectCode code) const noexcept {
    return rejects_[static_cast<std::size_t>(code)].load(std::memory_order_relaxed);
  }
  [[nodiscard]] std::uint64_t unknownExecs() const noexcept { return unknown_execs_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::int64_t reservedNotional() const noexcept { return reserved_.load(std::memory_order_acquire); }
  [[nodiscard]] std::size_t workingOrders() const noexcept { return working_.count(); }
  [[nodiscard]] WorkingOrders& working() noexcept { return working_; }
  [[nodiscard]] const PositionBook& positions() const noexcept { return positions_; }
  [[nodiscard]] const KillSwitch& killSwitch() const noexcept { return kill_; }

 private:
  [[nodiscard]] RejectCode checkOrderShape(const OrderIntent& o, const Instrument& inst) const noexcept;
  [[nodiscard]] RejectCode checkCollar(const OrderIntent& o) const noexcept;
  [[nodiscard]] RejectCode checkReduceOnly(const OrderIntent& o) const noexcept;
  [[nodiscard]] RejectCode checkEntryExposure(const OrderIntent& o) const noexcept;
  [[nodiscard]] bool reserve(std::int64_t notional) noexcept;
  void unreserve(std::int64_t notional) noexcept { reserved_.fetch_sub(notional, std::memory_order_acq_rel); }
  void retire(WorkingOrder& order) noexcept;
  RejectCode reject(RejectCode code) noexcept {
    rejects_[static_cast<std::size_t>(code)].fetch_add(1, std::memory_order_relaxed);
    return code;
  }

  const InstrumentTable& instruments_;
  RiskLimits& limits_;
  KillSwitch& kill_;
  PositionBook& positions_;
  WorkingOrders working_;
  std::array<std::uint32_t, InstrumentTable::kCapacity> working_entries_{};    // per symbol
  std::array<std::int64_t, InstrumentTable::kCapacity> working_reduce_qty_{};  // per symbol

  // Shared with other checkers and readers: each on its own cache line.
  alignas(64) std::atomic<std::int64_t> reserved_{0};  // notional of working non-reduce orders
  alignas(64) std::atomic<std::uint64_t> accepted_{0};
  alignas(64) std::atomic<std::uint64_t> unknown_execs_{0};
  alignas(64) std::array<std::atomic<std::uint64_t>, kRejectCodeCount> rejects_{};
};

}  // namespace bw::risk
