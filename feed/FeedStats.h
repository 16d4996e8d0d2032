#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/Tick.h"
#include "feed/ParseError.h"

namespace bw::feed {

/// What a tick source saw. Every line (record, row) is counted exactly once as a tick, a
/// malformed line, or an unknown-symbol line: lines == ticks + malformed + unknown_symbol.
/// File-level problems (a truncated gzip stream) add one malformed count of their kind.
struct FeedStats {
  std::uint64_t lines = 0;           ///< lines read (blank lines included)
  std::uint64_t ticks = 0;           ///< ticks handed on
  std::uint64_t trades = 0;          ///< of which trades
  std::uint64_t quotes = 0;          ///< of which bookTicker quotes
  std::uint64_t depth_updates = 0;   ///< of which incremental depth updates
  std::uint64_t snapshots = 0;       ///< of which REST depth snapshots
  std::uint64_t malformed = 0;       ///< counted, logged with file:line, skipped
  std::uint64_t unknown_symbol = 0;  ///< well-formed, for a symbol not in the instrument table
  std::uint64_t non_monotonic = 0;   ///< ticks kept, but received earlier than the source's previous tick
  std::array<std::uint64_t, kParseErrorCount> by_kind{};  ///< malformed + unknown_symbol, by ParseError

  /// Counts one refused line of this kind (unknown symbol or malformed).
  void refuse(ParseError kind) noexcept {
    if (kind == ParseError::kUnknownSymbol) {
      ++unknown_symbol;
    } else {
      ++malformed;
    }
    ++by_kind[static_cast<std::size_t>(kind)];
  }

  /// Counts one tick handed on, by kind, and whether its receive time went backwards
  /// against `last_recv_ns` (the source's latest so far, advanced here). Every reader's.
  void countTick(const Tick& tick, std::int64_t& last_recv_ns) noexcept {
    ++ticks;
    if (tick.recv_ns < last_recv_ns) {
      ++non_monotonic;
    } else {
      last_recv_ns = tick.recv_ns;
    }
    switch (tick.kind) {
      case TickKind::kTrade: ++trades; break;
      case TickKind::kQuote: ++quotes; break;
      case TickKind::kDepth: ++depth_updates; break;
      case TickKind::kSnapshot: ++snapshots; break;
      case TickKind::kClock: break;  // the feed thread's own, never a source's
    }
  }

  FeedStats& operator+=(const FeedStats& o) noexcept {
    lines += o.lines;
    ticks += o.ticks;
    trades += o.trades;
    quotes += o.quotes;
    depth_updates += o.depth_updates;
    snapshots += o.snapshots;
    malformed += o.malformed;
    unknown_symbol += o.unknown_symbol;
    non_monotonic += o.non_monotonic;
    for (std::size_t i = 0; i < by_kind.size(); ++i) by_kind[i] += o.by_kind[i];
    return *this;
  }
};

}  // namespace bw::feed
