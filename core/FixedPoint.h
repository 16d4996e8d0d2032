#pragma once
// Integer fixed-point money types. Every price, quantity and notional in Breakwater is an
// int64 count of 1e-8 units (Binance and most crypto venues quote 8 decimals), so decimal
// strings off the wire map exactly onto integers and no risk check ever touches a double.
//
// Products are computed in __int128 and checked: an overflow is reported, never wrapped.

#include <compare>
#include <cstdint>

namespace bw {

/// 128-bit intermediate for products (GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
__extension__ using Int128 = __int128;

inline constexpr int kDecimals = 8;
inline constexpr std::int64_t kScale = 100'000'000;  // 10^kDecimals

/// Price of one unit of base asset, in 1e-8 quote units.
struct Price {
  std::int64_t raw = 0;
  constexpr auto operator<=>(const Price&) const = default;
};

/// Quantity of base asset, in 1e-8 base units. Signed so positions can use it too.
struct Qty {
  std::int64_t raw = 0;
  constexpr auto operator<=>(const Qty&) const = default;
};

/// Value in quote currency, in 1e-8 quote units (price x quantity).
struct Notional {
  std::int64_t raw = 0;
  constexpr auto operator<=>(const Notional&) const = default;
};

/// a + b into out; false (out untouched) on int64 overflow. Hot-path safe.
[[nodiscard]] constexpr bool checkedAdd(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return false;
  out = r;
  return true;
}

/// a - b into out; false (out untouched) on int64 overflow. Hot-path safe.
[[nodiscard]] constexpr bool checkedSub(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) return false;
  out = r;
  return true;
}

/// a x b / kScale, truncated toward zero, exact. When the product fits an int64 (an order's
/// notional does, up to ~9.2e10 quote units before the division), in 64 bits: the division
/// by a constant compiles to a multiply and a shift. Otherwise in Int128, whose division is
/// a libgcc call (__divti3, ~80 instructions and its own lines of code to fetch when the
/// risk check runs cold: tools/cold-footprint).
[[nodiscard]] constexpr Int128 scaledProduct(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(a, b, &product)) return product / kScale;
  return static_cast<Int128>(a) * static_cast<Int128>(b) / kScale;
}

/// Notional of price x qty, truncated toward zero to 1e-8 quote units.
/// Returns false when the result does not fit an int64 (about 9.2e10 quote units).
[[nodiscard]] constexpr bool checkedNotional(Price p, Qty q, Notional& out) noexcept {
  const Int128 product = scaledProduct(p.raw, q.raw);
  if (product > INT64_MAX || product < INT64_MIN) return false;
  out.raw = static_cast<std::int64_t>(product);
  return true;
}

/// |x| for int64 values that are not INT64_MIN (callers hold bounded values).
[[nodiscard]] constexpr std::int64_t absRaw(std::int64_t x) noexcept { return x < 0 ? -x : x; }

}  // namespace bw
