#include "feed/CaptureReader.h"

#include <algorithm>
#include <utility>

namespace bw::feed {
namespace {
constexpr std::size_t kExpectedLongestLine = 256 * 1024;  // the captures' snapshots are ~64 KiB

/// Copies the used part of `from` (a full copy would move 160 KiB per snapshot).
void copyLevels(const BookLevels& from, BookLevels& to) noexcept {
  std::copy_n(from.bids.begin(), from.bid_count, to.bids.begin());
  std::copy_n(from.asks.begin(), from.ask_count, to.asks.begin());
  to.bid_count = from.bid_count;
  to.ask_count = from.ask_count;
}
}

CaptureReader::CaptureReader(std::string path, const InstrumentTable& instruments, MalformedLog& log,
                             const TscClock& clock)
    : path_(std::move(path)), clock_(clock), log_(log), lines_(path_, TickParser::kPadding), parser_(instruments),
      snapshot_levels_(std::make_unique<BookLevels>()) {
  parser_.reserve(kExpectedLongestLine);
}

void CaptureReader::countTick(const Tick& tick) noexcept {
  prev_recv_ns_ = tick.recv_ns;
  stats_.countTick(tick, last_recv_ns_);
}

void CaptureReader::finish() {
  if (finished_) return;
  finished_ = true;
  if (!lines_.error().empty()) {
    stats_.refuse(ParseError::kTruncatedFile);
    ++skipped_in_file_;
    log_.reportFile(path_, stats_.lines, "gzip stream ends in error after this line: " + lines_.error());
  }
  if (snapshot_pending_) {
    snapshot_pending_ = false;
    stats_.refuse(ParseError::kMissingField);
    ++skipped_in_file_;
    log_.reportFile(path_, snapshot_line_, "skipped: depth snapshot, but no message in the file names its symbol");
  }
  log_.finishFile(path_, skipped_in_file_);
}

bool CaptureReader::next(Tick& tick) {
  if (ahead_pending_) {
    ahead_pending_ = false;
    tick = ahead_;
    countTick(tick);
    return true;
  }
  std::string_view line;
  while (lines_.next(line)) {
    ++stats_.lines;
    const std::uint64_t start_tsc = TscClock::now();
    const ParseResult r = parser_.parse(line, tick);
    const std::uint64_t done_tsc = TscClock::now();
    parse_latency_.record(clock_.toNs(done_tsc - start_tsc));
    tick.parsed_tsc = done_tsc;
    tick.arrival_tsc = start_tsc;
    if (!r.ok()) {
      const ParseResult why = lines_.lastLineEnded() ? r : ParseResult{ParseError::kTruncatedLine, r.field, r.decimal};
      stats_.refuse(why.error);
      log_.report(path_, stats_.lines, why, ++skipped_in_file_);
      continue;
    }
    if (tick.recv_ns == 0) tick.recv_ns = prev_recv_ns_;  // a plain JSON line without a time
    if (tick.kind == TickKind::kSnapshot) {
      if (file_symbol_ == kNoSymbol) {
        if (snapshot_pending_) {  // a second one before any symbol: keep the newer book
          stats_.refuse(ParseError::kMissingField);
          log_.reportFile(path_, snapshot_line_, "skipped: depth snapshot superseded before its symbol was known");
        }
        snapshot_pending_ = true;
        snapshot_line_ = stats_.lines;
        snapshot_ = tick;
        copyLevels(*tick.levels, *snapshot_levels_);
        snapshot_.levels = snapshot_levels_.get();
        continue;
      }
      tick.symbol = file_symbol_;
    } else {
      file_symbol_ = tick.symbol;
      if (snapshot_pending_) {
        snapshot_pending_ = false;
        ahead_ = tick;
        ahead_pending_ = true;
        tick = snapshot_;
        tick.symbol = file_symbol_;
        if (tick.recv_ns == 0) tick.recv_ns = ahead_.recv_ns;  // a plain snapshot first in its file
      }
    }
    countTick(tick);
    return true;
  }
  finish();
  return false;
}

}  // namespace bw::feed
