#pragma once
// A window onto the records of a binary capture (feed/BinaryCaptureFormat.h): either the
// whole record area of a capture already in memory, or up to kWindowRecords of a file,
// read with pread into one buffer the window owns and reuses.
//
// Why pread into a reused buffer and not mmap: measured on the 2-vCPU AMD EPYC KVM guest
// (taskset -c 1, a 33.5 MB capture in a warm page cache), touching every record once
//   mmap + MAP_POPULATE + MADV_SEQUENTIAL          18.6 ms  (1.8 GB/s)
//   mmap, MADV_HUGEPAGE or MADV_WILLNEED           18.6-25.8 ms (ext4 gave no PMD mapping)
//   pread whole file into a fresh 4 KiB-page buffer 127 ms; into 2 MiB THP pages 9.6 ms
//   pread 64 / 128 / 256 / 512 / 1024 KiB chunks    5.6 / 5.4 / 4.3-4.6 / 5.3 / 4.9 ms
//   the same bytes already in (touched) memory       0.85 ms
// The guest takes no page fault after MAP_POPULATE (perf stat: 0 per pass), yet the first
// touch of each freshly mapped 4 KiB page still costs ~2 us (a second pass over the same
// mapping: 1 ms); it shows up as user time in the decoder. A new mapping per replay pays
// it on every page; pread copies through the kernel's own mapping instead, into a buffer
// whose 64 pages stay mapped and stay in L2. 256 KiB was the fastest chunk.
//
// Feed thread only. hold() allocates nothing and throws nothing; when the requested
// records are not in the window it makes one pread (retried on a short read), i.e. one
// system call per 256 KiB of file (about 1,400 ticks of the Binance captures).

#include <cstddef>
#include <cstdint>
#include <memory>

#include "feed/BinaryCaptureFormat.h"

namespace bw::feed {

class BinaryRecordWindow {
 public:
  /// 256 KiB of records; at least the largest group a reader decodes (static_assert in
  /// BinaryCaptureReader.cpp), so one hold() always fits a whole tick.
  static constexpr std::uint64_t kWindowRecords = 4096;

  BinaryRecordWindow() noexcept = default;
  ~BinaryRecordWindow();
  BinaryRecordWindow(const BinaryRecordWindow&) = delete;
  BinaryRecordWindow& operator=(const BinaryRecordWindow&) = delete;

  /// Takes `fd` (closed by the destructor, also when the caller's set-up throws later).
  void own(int fd) noexcept { fd_ = fd; }
  /// Reads up to `size` bytes at `offset` of the owned file, retrying short reads and
  /// EINTR. Returns the bytes read (fewer at the end of the file), -1 on a read error.
  [[nodiscard]] std::int64_t readAt(std::uint64_t offset, std::byte* out, std::uint64_t size) const noexcept;

  /// The `count` records at `records` in memory (not owned); hold() never reads.
  void showMemory(const std::byte* records, std::uint64_t count) noexcept;
  /// The owned file's `count` records from byte `offset` on, read kWindowRecords at a
  /// time. Allocates the buffer: cold path.
  void readFile(std::uint64_t offset, std::uint64_t count);

  /// Makes records [first, first + count) readable through record(); count is at most
  /// kWindowRecords and first + count at most the record count given above. Returns how
  /// many of them are: fewer only when the file turned out shorter or a read failed.
  [[nodiscard]] std::uint64_t hold(std::uint64_t first, std::uint64_t count) noexcept {
    return holds(first, count) ? count : refill(first, count);
  }
  /// Whether records [first, first + count) are readable now; never reads.
  [[nodiscard]] bool holds(std::uint64_t first, std::uint64_t count) const noexcept {
    return first >= first_ && first + count <= end_;
  }
  /// Record `index`, which the last successful hold() covered.
  [[nodiscard]] const std::byte* record(std::uint64_t index) const noexcept {
    return data_ + (index - first_) * binary::kRecordSize;
  }

 private:
  std::uint64_t refill(std::uint64_t first, std::uint64_t count) noexcept;

  int fd_ = -1;
  std::unique_ptr<std::byte[]> buffer_;  // kWindowRecords records; null for memory
  const std::byte* data_ = nullptr;      // record first_
  std::uint64_t first_ = 0;              // window: records [first_, end_)
  std::uint64_t end_ = 0;
  std::uint64_t offset_ = 0;             // file offset of record 0
  std::uint64_t count_ = 0;              // records there are to read
};

}  // namespace bw::feed
