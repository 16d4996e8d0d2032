#pragma once
// One tardis.dev trades CSV file -> trade ticks (feed/CsvTickParser.h has the columns).
// Reads lines through LineReader (gzip or plain), the first one being the header. A bad
// row is counted by kind and reported with file:line (MalformedLog), then skipped; a
// corrupt gzip stream ends the file with one kTruncatedFile count.
//
// FeedStats::lines counts data rows (the header is not a tick and not a refusal); the
// log's line numbers are the file's, header included, so `file:line` opens the row.
//
// Feed thread only. next() allocates nothing once warm (test: CsvCaptureReaderTest).

#include <cstdint>
#include <string>

#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/CsvTickParser.h"
#include "feed/FeedStats.h"
#include "feed/LineReader.h"
#include "feed/MalformedLog.h"
#include "feed/TickSource.h"

namespace bw::feed {

class CsvCaptureReader final : public TickSource {
 public:
  /// Opens the file and reads its header. Throws std::runtime_error naming the file when
  /// it cannot be opened, is empty, or its header lacks a required column (named). Cold.
  CsvCaptureReader(std::string path, const InstrumentTable& instruments, MalformedLog& log, const TscClock& clock);

  /// Next trade in file order; false at the end. Sets tick.parsed_tsc.
  [[nodiscard]] bool next(Tick& tick) override;

  [[nodiscard]] const FeedStats& stats() const noexcept override { return stats_; }
  [[nodiscard]] const LatencyHistogram& parseLatency() const noexcept override { return parse_latency_; }
  [[nodiscard]] const std::string& path() const noexcept override { return path_; }

 private:
  void finish();

  std::string path_;
  TscClock clock_;
  MalformedLog& log_;
  LineReader lines_;
  CsvTickParser parser_;
  FeedStats stats_;
  LatencyHistogram parse_latency_;
  std::uint64_t file_line_ = 0;        // physical line number, header = 1
  std::uint64_t skipped_in_file_ = 0;  // for the log's cap
  std::int64_t last_recv_ns_ = 0;
  bool finished_ = false;
};

}  // namespace bw::feed
