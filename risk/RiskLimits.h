#pragma once
// The limits the gate enforces, held in atomics so an operator can tighten them while the
// engine runs. Each limit is a single word: a reader sees either the old or the new value,
// never a torn one. Relaxed loads are enough: a limit has no data that depends on it.

#include <atomic>
#include <cstdint>

#include "core/Config.h"
#include "core/FixedPoint.h"

namespace bw::risk {

class RiskLimits {
 public:
  explicit RiskLimits(const LimitsConfig& config) noexcept { set(config); }

  /// Replaces every limit (cold path: start, operator change).
  void set(const LimitsConfig& c) noexcept {
    max_order_notional_.store(c.max_order_notional.raw, std::memory_order_relaxed);
    max_total_notional_.store(c.max_total_notional.raw, std::memory_order_relaxed);
    max_open_positions_.store(c.max_open_positions, std::memory_order_relaxed);
    max_daily_loss_abs_.store(c.max_daily_loss_abs.raw, std::memory_order_relaxed);
    max_order_qty_.store(c.max_order_qty.raw, std::memory_order_relaxed);
    price_collar_bps_.store(c.price_collar_bps, std::memory_order_relaxed);
  }

  [[nodiscard]] LimitsConfig snapshot() const noexcept {
    LimitsConfig c;
    c.max_order_notional.raw = maxOrderNotional();
    c.max_total_notional.raw = maxTotalNotional();
    c.max_open_positions = maxOpenPositions();
    c.max_daily_loss_abs.raw = maxDailyLossAbs();
    c.max_order_qty.raw = maxOrderQty();
    c.price_collar_bps = priceCollarBps();
    return c;
  }

  [[nodiscard]] std::int64_t maxOrderNotional() const noexcept { return max_order_notional_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::int64_t maxTotalNotional() const noexcept { return max_total_notional_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint32_t maxOpenPositions() const noexcept { return max_open_positions_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::int64_t maxDailyLossAbs() const noexcept { return max_daily_loss_abs_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::int64_t maxOrderQty() const noexcept { return max_order_qty_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint32_t priceCollarBps() const noexcept { return price_collar_bps_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> max_order_notional_{0};
  std::atomic<std::int64_t> max_total_notional_{0};
  std::atomic<std::uint32_t> max_open_positions_{0};
  std::atomic<std::int64_t> max_daily_loss_abs_{0};
  std::atomic<std::int64_t> max_order_qty_{0};
  std::atomic<std::uint32_t> price_collar_bps_{0};
};

}  // namespace bw::risk
