#include "feed/LiveSource.h"

#include <time.h>

#include <utility>

namespace bw::feed {
namespace {
constexpr std::size_t kExpectedLongestLine = 256 * 1024;  // a REST snapshot is ~64 KiB
}

LiveSource::LiveSource(std::string name, const InstrumentTable& instruments, MalformedLog& log, const TscClock& clock)
    : name_(std::move(name)), clock_(clock), log_(log), parser_(instruments) {
  parser_.reserve(kExpectedLongestLine);
}

std::int64_t LiveSource::wallNs() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

bool LiveSource::ingest(std::string_view line, std::int64_t recv_ns, Tick& tick) {
  ++stats_.lines;
  // The stamp is the read's, known before the line is parsed: a bar boundary it crosses
  // goes to the engine now, whatever the line turns out to hold.
  if (stamps_ != nullptr) stamps_->onReceiveStamp(recv_ns);
  const std::uint64_t start_tsc = TscClock::now();
  ParseResult r = parser_.parse(line, tick);
  const std::uint64_t done_tsc = TscClock::now();
  parse_latency_.record(clock_.toNs(done_tsc - start_tsc));
  tick.parsed_tsc = done_tsc;
  tick.arrival_tsc = start_tsc;
  if (r.ok() && tick.kind == TickKind::kSnapshot) {
    // A snapshot names no symbol; on a live stream it belongs to the symbol whose
    // messages came before it (one symbol per stream, as in the captures).
    if (last_symbol_ == kNoSymbol) {
      r = ParseResult{ParseError::kMissingField, "s", DecimalError::kOk};
    } else {
      tick.symbol = last_symbol_;
    }
  }
  if (!r.ok()) {
    stats_.refuse(r.error);
    log_.report(name_, stats_.lines, r, ++refused_);
    return false;
  }
  if (tick.kind != TickKind::kSnapshot) last_symbol_ = tick.symbol;
  tick.recv_ns = recv_ns;  // the local receive time replaces the sender's prefix stamp
  tick.stamped_on_arrival = true;
  ++stats_.ticks;
  if (recv_ns < last_recv_ns_) {
    ++stats_.non_monotonic;  // the wall clock was stepped back
  } else {
    last_recv_ns_ = recv_ns;
  }
  switch (tick.kind) {
    case TickKind::kTrade: ++stats_.trades; break;
    case TickKind::kQuote: ++stats_.quotes; break;
    case TickKind::kDepth: ++stats_.depth_updates; break;
    case TickKind::kSnapshot: ++stats_.snapshots; break;
    case TickKind::kClock: break;  // the feed thread's own, never parsed
  }
  return true;
}

void LiveSource::refuseTruncated(std::string_view what) {
  ++stats_.lines;
  stats_.refuse(ParseError::kTruncatedLine);
  ++refused_;
  log_.reportFile(name_, stats_.lines, what);
}

void LiveSource::fillStats(LiveSourceStats& out) const {
  out.name = name_;
  out.feed = stats_;
}

}  // namespace bw::feed
