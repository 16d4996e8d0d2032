#pragma once

#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"

namespace bw::feed {

/// One closed time bar of trades for one symbol: OHLCV, turnover (for VWAP) and the
/// trade count. Bars only close on trades, so an interval with no trade has no bar.
struct Bar {
  SymbolId symbol = kNoSymbol;
  std::int64_t start_ns = 0;  ///< interval start (inclusive), market time
  std::int64_t end_ns = 0;    ///< interval end (exclusive), market time
  Price open{};
  Price high{};
  Price low{};
  Price close{};
  Qty volume{};            ///< sum of trade quantities
  Notional turnover{};     ///< sum of price x quantity
  std::uint32_t trades = 0;

  /// Volume-weighted average price of the bar (turnover / volume), truncated to 1e-8;
  /// the close when there is no volume. 128-bit intermediate: cannot overflow.
  [[nodiscard]] constexpr Price vwap() const noexcept {
    if (volume.raw <= 0) return close;
    return Price{static_cast<std::int64_t>(static_cast<Int128>(turnover.raw) * kScale / volume.raw)};
  }
};

}  // namespace bw::feed
