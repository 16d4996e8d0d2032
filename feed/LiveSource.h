#pragma once
// One live socket feeding JSON lines (TCP client or UDP multicast member). Each line goes
// through the same TickParser as a capture line, is counted in FeedStats and, when bad,
// reported as `<name>:<line>` (e.g. `tcp://127.0.0.1:9000:17`) through the MalformedLog.
//
// recv_ns is the local receive time: the wall clock (CLOCK_REALTIME, ns) read once per
// socket read, right after the bytes arrived, and given to every line that read completed.
// A `<ns> ` prefix on the line (the capture format) is the sender's stamp from when the
// capture was recorded: it is parsed and then dropped, since it says nothing about this
// process's latency or the data's staleness.
//
// Feed thread only. poll() never blocks: a socket with nothing to read answers kIdle.
// One socket read (a system call) yields every line it completed, and lines are taken
// from the buffer without further calls; no allocation once warm (one reused buffer).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/FeedStats.h"
#include "feed/MalformedLog.h"
#include "feed/TickParser.h"
#include "feed/TickStream.h"

namespace bw::feed {

/// What one live source saw, beyond the per-line FeedStats.
struct LiveSourceStats {
  std::string name;               ///< "tcp://host:port" or "udp://group:port"
  FeedStats feed;                 ///< lines, ticks, malformed by kind
  std::uint64_t bytes = 0;        ///< payload bytes read from the socket
  std::uint64_t reads = 0;        ///< socket reads that returned data (TCP reads, UDP datagrams)
  std::uint64_t connects = 0;     ///< TCP: connections established (the first included)
  std::uint64_t reconnects = 0;   ///< TCP: connections established after a drop or a refusal
  std::uint64_t connect_failures = 0;  ///< TCP: attempts refused or timed out
  std::uint64_t disconnects = 0;  ///< TCP: connections lost (peer closed or error)
  std::uint64_t kernel_drops = 0; ///< UDP: datagrams the kernel dropped on a full socket buffer (SO_RXQ_OVFL)
};

class LiveSource : public TickStream {
 public:
  LiveSource(std::string name, const InstrumentTable& instruments, MalformedLog& log, const TscClock& clock);

  [[nodiscard]] FeedStats stats() const override { return stats_; }
  [[nodiscard]] LatencyHistogram parseLatency() const override { return parse_latency_; }
  /// Feed thread, or any thread once the feed is done.
  [[nodiscard]] virtual LiveSourceStats liveStats() const = 0;
  /// True once the source will deliver nothing more (a TCP source out of retries).
  [[nodiscard]] virtual bool closedForGood() const noexcept = 0;
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Each line's receive time goes to `observer` before the line is parsed (see TickStream).
  void observeReceiveStamps(ReceiveStampObserver* observer) noexcept override { stamps_ = observer; }

 protected:
  /// Parses one line received at `recv_ns` into `tick`; counts it; reports a bad line.
  /// True when `tick` holds a tick to hand on. Feed thread; no allocation.
  [[nodiscard]] bool ingest(std::string_view line, std::int64_t recv_ns, Tick& tick);
  /// Counts and reports a line cut short (connection lost mid-line, datagram truncated).
  void refuseTruncated(std::string_view what);
  /// Fills the FeedStats part and the name of a LiveSourceStats.
  void fillStats(LiveSourceStats& out) const;

  /// CLOCK_REALTIME in ns: the local receive stamp (vDSO, no kernel entry).
  [[nodiscard]] static std::int64_t wallNs() noexcept;

 private:
  std::string name_;
  TscClock clock_;  // a copy: callers may pass a temporary
  MalformedLog& log_;
  ReceiveStampObserver* stamps_ = nullptr;
  TickParser parser_;
  FeedStats stats_;
  LatencyHistogram parse_latency_;
  std::uint64_t refused_ = 0;         // malformed + unknown symbol, for the log's cap
  SymbolId last_symbol_ = kNoSymbol;  // a snapshot names no symbol: it takes the stream's last one
  std::int64_t last_recv_ns_ = 0;
};

}  // namespace bw::feed
