#pragma once
// One capture file -> ticks. Reads lines (LineReader), parses each (TickParser), counts
// everything (FeedStats), stamps parse latency, and reports bad lines with file:line
// (MalformedLog). A malformed line is counted and skipped; a corrupt or truncated gzip
// stream ends the file with one more malformed count and a log line, never a crash.
//
// A REST snapshot names no symbol: it is attributed to the symbol of the file's other
// messages (a capture holds one symbol's streams). When it comes before any of them, it
// is held back until the first one names the symbol, then emitted first; it keeps its own
// copy of its levels (the parser's buffer is overwritten by the lines read meanwhile).
//
// Plain JSON lines carry no receive time; the parser uses the exchange time (E, else T).
// A message with neither (a bare bookTicker or snapshot) gets the previous tick's receive
// time, or for a held-back snapshot at the start of a file, the next tick's.
//
// The file's last line, when it has no newline and does not parse, is kTruncatedLine
// (the capture was cut off mid-write), whatever the parser said about it.
//
// Feed thread only. No allocation per line once warm (see LineReader, TickParser).

#include <cstdint>
#include <memory>
#include <string>

#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/FeedStats.h"
#include "feed/LineReader.h"
#include "feed/MalformedLog.h"
#include "feed/TickParser.h"
#include "feed/TickSource.h"

namespace bw::feed {

/// Binance combined-stream JSON lines (`<receive ns> <json>`), gzip or plain.
class CaptureReader final : public TickSource {
 public:
  /// Opens the file (throws std::runtime_error naming it when it cannot). Cold path.
  CaptureReader(std::string path, const InstrumentTable& instruments, MalformedLog& log, const TscClock& clock);

  /// Next tick in file order; false at the end of the file. Sets tick.parsed_tsc.
  [[nodiscard]] bool next(Tick& tick) override;

  [[nodiscard]] const FeedStats& stats() const noexcept override { return stats_; }
  /// Per line: from the line in hand to the tick built (or the line refused), in ns.
  [[nodiscard]] const LatencyHistogram& parseLatency() const noexcept override { return parse_latency_; }
  [[nodiscard]] const std::string& path() const noexcept override { return path_; }

 private:
  void countTick(const Tick& tick) noexcept;
  void finish();

  std::string path_;
  TscClock clock_;  // a copy (one double): callers may pass a temporary
  MalformedLog& log_;
  LineReader lines_;
  TickParser parser_;
  FeedStats stats_;
  LatencyHistogram parse_latency_;
  std::uint64_t skipped_in_file_ = 0;  // malformed + unknown symbol, for the log's cap
  SymbolId file_symbol_ = kNoSymbol;   // symbol of the file's messages, once seen
  bool snapshot_pending_ = false;      // a snapshot waits for file_symbol_
  std::uint64_t snapshot_line_ = 0;
  Tick snapshot_;
  std::unique_ptr<BookLevels> snapshot_levels_;  // the held snapshot's levels, copied
  bool ahead_pending_ = false;         // a tick read past the held snapshot
  Tick ahead_;
  std::int64_t last_recv_ns_ = 0;     // for non-monotonic receive times
  std::int64_t prev_recv_ns_ = 0;     // the previous tick's, for plain JSON lines without a time
  bool finished_ = false;
};

}  // namespace bw::feed
