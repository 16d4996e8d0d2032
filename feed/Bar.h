#pragma once

#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"

namespace bw::feed {

/// How a bar series cuts the trade stream.
enum class BarKind : std::uint8_t {
  kTime = 0,    ///< one bar per interval of market time; parameter: interval in ns
  kTick = 1,    ///< one bar per N trades; parameter: N
  kVolume = 2,  ///< one bar once its volume reaches V; parameter: V in 1e-8 units
};

/// A series' identity: its kind and parameter. The BarSet numbers its series 0..n-1
/// (time series by increasing interval, then tick, then volume) and stamps the index on
/// every bar it emits.
struct BarSeries {
  BarKind kind = BarKind::kTime;
  std::int64_t parameter = 0;

  friend constexpr bool operator==(const BarSeries&, const BarSeries&) = default;
};

/// The start of the time interval holding `t`: the multiple of `interval` at or before it
/// (right for negative times too). Time bars are cut there (BarSet) and the feed's clock
/// ticks come there (BarClock).
[[nodiscard]] constexpr std::int64_t alignDown(std::int64_t t, std::int64_t interval) noexcept {
  const std::int64_t r = t % interval;
  return r < 0 ? t - r - interval : t - r;
}

/// One closed bar of trades for one symbol and one series: OHLCV, turnover (for VWAP),
/// the trade count and the volume split by the trade's aggressor.
///
/// Time bars: [start_ns, end_ns) on multiples of the interval in market time. A time
/// interval without a trade yields a flat bar (open = high = low = close = the previous
/// close, zero volume and trades), so a series is regular once its symbol has traded.
/// Tick and volume bars: start_ns and end_ns are the market times of the first and the
/// last (closing) trade, both inclusive.
struct Bar {
  SymbolId symbol = kNoSymbol;
  std::uint8_t series = 0;  ///< index of the series in its BarSet
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  Price open{};
  Price high{};
  Price low{};
  Price close{};
  Qty volume{};            ///< sum of trade quantities
  Qty buy_volume{};        ///< of which the buyer was the aggressor (taker)
  Qty sell_volume{};       ///< of which the seller was the aggressor
  Notional turnover{};     ///< sum of price x quantity
  std::uint32_t trades = 0;

  [[nodiscard]] constexpr bool flat() const noexcept { return trades == 0; }

  /// Volume-weighted average price of the bar (turnover / volume), truncated to 1e-8;
  /// the close when there is no volume. 128-bit intermediate: cannot overflow.
  [[nodiscard]] constexpr Price vwap() const noexcept {
    if (volume.raw <= 0) return close;
    return Price{static_cast<std::int64_t>(static_cast<Int128>(turnover.raw) * kScale / volume.raw)};
  }
};

}  // namespace bw::feed
