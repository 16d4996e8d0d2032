#pragma once

#include <cstdint>

namespace bw::feed {

/// What a capture reader saw. Every line is counted exactly once as a tick, a malformed
/// line, or an unknown-symbol line: lines == ticks + malformed + unknown_symbol.
struct FeedStats {
  std::uint64_t lines = 0;           ///< lines read (blank lines included)
  std::uint64_t ticks = 0;           ///< ticks handed on
  std::uint64_t trades = 0;          ///< of which trades
  std::uint64_t quotes = 0;          ///< of which bookTicker quotes
  std::uint64_t depth_updates = 0;   ///< of which incremental depth updates
  std::uint64_t snapshots = 0;       ///< of which REST depth snapshots
  std::uint64_t malformed = 0;       ///< counted, logged with file:line, skipped
  std::uint64_t unknown_symbol = 0;  ///< well-formed, for a symbol not in the instrument table

  FeedStats& operator+=(const FeedStats& o) noexcept {
    lines += o.lines;
    ticks += o.ticks;
    trades += o.trades;
    quotes += o.quotes;
    depth_updates += o.depth_updates;
    snapshots += o.snapshots;
    malformed += o.malformed;
    unknown_symbol += o.unknown_symbol;
    return *this;
  }
};

}  // namespace bw::feed
