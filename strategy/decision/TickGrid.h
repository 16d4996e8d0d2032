#pragma once
// Integer price arithmetic for brackets: rounding to an instrument's tick and a distance
// of a fixed-point multiple of the ATR. Positive prices only (the callers check). Int128
// products: ATR x multiplier can pass int64 (a 6e12 ATR times a 1e10 multiplier).
// Any thread; no allocation.

#include <cstdint>

#include "core/FixedPoint.h"

namespace bw::strategy::decision {

/// Largest multiple of `tick` at or below `raw` (raw >= 0, tick > 0).
[[nodiscard]] constexpr std::int64_t floorToTick(std::int64_t raw, std::int64_t tick) noexcept {
  return raw / tick * tick;
}

/// Smallest multiple of `tick` at or above `raw` (raw >= 0, tick > 0).
[[nodiscard]] constexpr std::int64_t ceilToTick(std::int64_t raw, std::int64_t tick) noexcept {
  return (raw / tick + (raw % tick != 0 ? 1 : 0)) * tick;
}

/// atr x multiple (multiple in 1e-8 units), rounded DOWN to the tick: a bracket distance
/// never longer than the configured multiple. Saturates at INT64_MAX (no sane input gets near).
[[nodiscard]] constexpr std::int64_t atrDistance(Price atr, std::int64_t multiple, std::int64_t tick) noexcept {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(atr.raw, multiple, &product)) {
    return floorToTick(product / kScale, tick);  // int64 / constant: a multiply, not __divti3
  }
  const Int128 wide = static_cast<Int128>(atr.raw) * multiple / kScale;
  return floorToTick(wide > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(wide), tick);
}

}  // namespace bw::strategy::decision
