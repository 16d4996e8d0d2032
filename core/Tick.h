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
  /// Market time reached a time bar's boundary: only recv_ns (and the stamps) mean
  /// anything. Made by the feed thread (feed/BarClock.h), never read from a capture or a
  /// socket: the engine closes the bars on it while the feed builds the book from the
  /// message that crossed, which follows with the same recv_ns.
  kClock = 4,
};

struct BookLevels;

/// Tick::flags bits.
inline constexpr std::uint8_t kTickBookSynced = 1;   ///< bid/ask/qtys are the reconstructed book's top
inline constexpr std::uint8_t kTickOutOfOrder = 2;   ///< receive time earlier than the stream's previous tick

/// One market event, copied by value through the feed -> engine queue. 128 bytes: two
/// cache lines per tick in the queue (the top of book with its quantities and the
/// sequence ids for gap detection do not fit in one).
struct alignas(64) Tick {
  std::int64_t recv_ns = 0;      ///< local receive time from the capture, ns since epoch
  std::int64_t exch_ns = 0;      ///< exchange event time, ns since epoch (0 if unknown)
  Price price{};                 ///< trade price
  Qty qty{};                     ///< trade quantity
  Price bid{};                   ///< best bid (quote/depth/snapshot), 0 if absent
  Price ask{};                   ///< best ask (quote/depth/snapshot), 0 if absent
  Qty bid_qty{};                 ///< quantity at the best bid, 0 if unknown
  Qty ask_qty{};                 ///< quantity at the best ask, 0 if unknown
  std::uint64_t seq = 0;         ///< trade id (trade), update id u (quote, depth), lastUpdateId (snapshot); 0 unknown
  std::uint64_t first_seq = 0;   ///< depth: first update id U of the event; else 0
  std::uint64_t parsed_tsc = 0;  ///< TSC when parsing finished; the feed restamps it at hand-off to the engine
  /// TSC when the tick's bytes reached our parser (the end-to-end stages start here). The
  /// sources stamp the parse's start; the feed thread then moves it so that hand-off minus
  /// arrival is exactly the feed's own work on the tick (parse, book, quality), even when
  /// the tick was read ahead. 0: not stamped (the engine then starts from parsed_tsc).
  std::uint64_t arrival_tsc = 0;
  /// Depth and snapshot ticks on the feed thread: the levels the message carried, valid
  /// until the stream's next tick. Null everywhere else (cleared before the engine queue).
  const BookLevels* levels = nullptr;
  SymbolId symbol = kNoSymbol;
  TickKind kind = TickKind::kTrade;
  Side aggressor = Side::kBuy;   ///< trades: side of the taker
  std::uint8_t flags = 0;        ///< kTick* bits
  std::uint8_t quality = 100;    ///< the symbol's data-quality score (0-100) when the tick left the feed
  /// recv_ns was known when the bytes arrived, before the body was parsed: a capture line's
  /// `<ns>` prefix, a binary record's header, a live socket read's clock. A time bar's
  /// boundary it crosses is handed to the engine without waiting for the parse (pipeline/
  /// FeedLoop.h). False when the parse found it (a plain JSON line's E or T, a CSV column).
  bool stamped_on_arrival = false;
};
static_assert(sizeof(Tick) == 128, "a Tick is two cache lines");

}  // namespace bw
