#pragma once

#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Instrument.h"

namespace bw {

enum class Side : std::uint8_t { kBuy = 0, kSell = 1 };

[[nodiscard]] constexpr Side opposite(Side s) noexcept { return s == Side::kBuy ? Side::kSell : Side::kBuy; }
[[nodiscard]] constexpr const char* sideName(Side s) noexcept { return s == Side::kBuy ? "BUY" : "SELL"; }

enum class TickKind : std::uint8_t {
  kTrade = 0,     ///< a print: price, qty, aggressor side
  kQuote = 1,     ///< best bid/ask (bookTicker)
  kDepth = 2,     ///< incremental depth update (best levels in bid/ask when present)
  kSnapshot = 3,  ///< REST depth snapshot (best levels in bid/ask)
};

/// One market event, copied by value through the feed -> engine queue. 64 bytes: one
/// cache line per tick in the queue.
struct alignas(64) Tick {
  std::int64_t recv_ns = 0;      ///< local receive time from the capture, ns since epoch
  std::int64_t exch_ns = 0;      ///< exchange event time, ns since epoch (0 if unknown)
  Price price{};                 ///< trade price
  Qty qty{};                     ///< trade quantity
  Price bid{};                   ///< best bid (quote/depth/snapshot), 0 if absent
  Price ask{};                   ///< best ask (quote/depth/snapshot), 0 if absent
  std::uint64_t parsed_tsc = 0;  ///< TSC when parsing finished (latency stamp)
  SymbolId symbol = kNoSymbol;
  TickKind kind = TickKind::kTrade;
  Side aggressor = Side::kBuy;   ///< trades: side of the taker
};
static_assert(sizeof(Tick) == 64, "a Tick is one cache line");

}  // namespace bw
