#pragma once
// Replays a binary capture (feed/BinaryCaptureFormat.h): each tick is a copy out of
// fixed-size records, no parsing. A file is read 256 KiB at a time into one reused buffer
// (feed/BinaryRecordWindow.h says why not mmap); a capture already in memory is read in
// place. Depth and snapshot ticks point at the reader's own BookLevels (valid until the
// next call).
//
// Opening checks the header and refuses, with a message naming the file, a wrong magic,
// another version, another record size, or an instrument table that does not fit. Reading
// is defensive: a record of an unknown type or with impossible values (side, symbol index,
// level counts, follow-on records that do not match) is counted kBadRecord with
// file:record and skipped with the records that follow it; a file shorter than its header
// says (or that shrinks, or fails a read, while it is replayed) yields its whole records,
// then one kTruncatedFile count. A symbol the running
// InstrumentTable does not know is counted kUnknownSymbol.
//
// FeedStats::lines counts ticks' record groups (a main record and its follow-ons) plus
// stray records; the log's "line" is the 1-based record number.
//
// Feed thread only. next() allocates nothing and throws nothing; reading a file, it makes
// one pread per 256 KiB of records (about 1,400 ticks of the Binance captures), none for
// a capture in memory.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/BookLevels.h"
#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/BinaryRecordWindow.h"
#include "feed/FeedStats.h"
#include "feed/MalformedLog.h"
#include "feed/TickSource.h"

namespace bw::feed {

class BinaryCaptureReader final : public TickSource {
 public:
  /// Opens the file and reads its header. Throws std::runtime_error naming it when it
  /// cannot be opened or read or its header is refused. Cold path (allocates the buffer).
  BinaryCaptureReader(std::string path, const InstrumentTable& instruments, MalformedLog& log, const TscClock& clock);
  /// Reads a capture already in memory (tests, fuzzing); `bytes` must outlive the reader.
  /// `name` stands for the path in messages. Same checks as above.
  BinaryCaptureReader(std::string name, std::span<const std::byte> bytes, const InstrumentTable& instruments,
                      MalformedLog& log, const TscClock& clock);
  ~BinaryCaptureReader() override;
  BinaryCaptureReader(const BinaryCaptureReader&) = delete;
  BinaryCaptureReader& operator=(const BinaryCaptureReader&) = delete;

  /// Next tick in file order; false at the end. Sets tick.parsed_tsc.
  [[nodiscard]] bool next(Tick& tick) override;

  [[nodiscard]] const FeedStats& stats() const noexcept override { return stats_; }
  /// Sampled: one record in kLatencySample (two clock reads cost more than the copy).
  [[nodiscard]] const LatencyHistogram& parseLatency() const noexcept override { return parse_latency_; }
  [[nodiscard]] const std::string& path() const noexcept override { return path_; }

  static constexpr std::uint64_t kLatencySample = 64;

 private:
  /// Checks the header and instrument table in `head` (the file's first bytes, at least
  /// up to the largest header a table can need) of a `size`-byte capture; sets the record
  /// count and the symbol map. Returns the byte offset of the first record.
  std::uint64_t open(std::span<const std::byte> head, std::uint64_t size, const InstrumentTable& instruments);
  /// Makes the group at pos_ readable when the window does not hold the most records a
  /// group can take from pos_: its main record and as many follow-ons as decode() may
  /// read. A file found shorter than that is cut there (record_count_, truncated_).
  void holdGroup() noexcept;
  /// Decodes the tick whose main record is at pos_ into `tick`; kOk or why it is refused.
  /// `records` is set to the group's length (main + follow-ons) when it fits the file.
  [[nodiscard]] ParseResult decode(Tick& tick, std::uint64_t& records) noexcept;
  void refuse(const ParseResult& why, std::uint64_t record_number);
  void finish();

  std::string path_;
  TscClock clock_;
  MalformedLog& log_;
  BinaryRecordWindow window_;           // the records, in memory or read from the file
  std::uint64_t record_count_ = 0;      // whole records present, at most the header's count
  bool truncated_ = false;              // the header claims more records than the file holds
  std::vector<SymbolId> symbols_;       // file table index -> running SymbolId (kNoSymbol: unknown)
  std::unique_ptr<BookLevels> levels_ = std::make_unique<BookLevels>();
  std::uint64_t pos_ = 0;               // next record
  FeedStats stats_;
  LatencyHistogram parse_latency_;
  std::uint64_t skipped_in_file_ = 0;
  std::int64_t last_recv_ns_ = 0;
  bool finished_ = false;
};

}  // namespace bw::feed
