#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/FixedPoint.h"

namespace bw {

/// Dense instrument index, assigned at start by the InstrumentTable. Indexes flat arrays.
using SymbolId = std::uint16_t;
inline constexpr SymbolId kNoSymbol = 0xFFFF;
inline constexpr std::size_t kMaxSymbolLength = 15;

/// Static instrument description, fixed after start.
struct Instrument {
  SymbolId id = kNoSymbol;
  std::array<char, kMaxSymbolLength + 1> symbol{};  ///< NUL-terminated, upper case
  Price tick_size{1};                               ///< smallest price increment
  Qty lot_size{1};                                  ///< smallest quantity increment

  [[nodiscard]] std::string_view name() const noexcept { return std::string_view(symbol.data()); }
  [[nodiscard]] bool validPrice(Price p) const noexcept { return p.raw > 0 && p.raw % tick_size.raw == 0; }
  [[nodiscard]] bool validQty(Qty q) const noexcept { return q.raw > 0 && q.raw % lot_size.raw == 0; }
};

}  // namespace bw
