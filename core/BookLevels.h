#pragma once
// The price levels one depth message carried (a depthUpdate's changes, or a REST
// snapshot's whole book), in message order. A reader owns one and fills it while parsing;
// a Tick points at it (Tick::levels) until the stream hands out its next tick, so the
// feed thread's book stage can apply the levels after the receive-time merge. Never
// crosses a queue: the feed clears the pointer before a tick leaves its thread.

#include <array>
#include <cstdint>

#include "core/FixedPoint.h"

namespace bw {

struct BookLevel {
  Price price{};
  Qty qty{};  ///< 0: the level is removed
};

struct BookLevels {
  /// Binance serves at most 5000 levels per side in a snapshot; more is refused as malformed.
  static constexpr std::size_t kMaxPerSide = 5000;
  std::array<BookLevel, kMaxPerSide> bids{};
  std::array<BookLevel, kMaxPerSide> asks{};
  std::uint32_t bid_count = 0;
  std::uint32_t ask_count = 0;

  void clear() noexcept { bid_count = ask_count = 0; }
};

}  // namespace bw
