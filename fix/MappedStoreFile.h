#pragma once
// A FIX session's sequence numbers and its recently sent messages in one memory-mapped
// file, so that a gateway restarted after a crash or a stop carries on from the numbers it
// had (no ResetSeqNumFlag mid-day) and can answer the venue's ResendRequest with the
// orders themselves. QuickFIX-free and C++14/C++20-clean: MappedMessageStore.h adapts it
// to QuickFIX's MessageStore, and a C++20 fast send path may call append() directly.
//
// Layout (all native-endian; the file is for this machine, not an exchange format):
//   [0, kHeaderBytes)   FileHeader: magic, version, geometry, session id, creation
//                       time, next sender / target sequence numbers
//   then slot_count slots of slot_bytes each: a ring indexed by seq % slot_count, each
//                       holding {seq, len, bytes}. A message whose slot was taken by a
//                       later one (more than slot_count messages ago) is gone: get() skips
//                       it and QuickFIX answers a ResendRequest for it with a gap fill.
//
// Durability: plain stores into a shared mapping. They survive the process (the kernel
// owns the pages) but not the machine: nothing calls msync on the send path (a syscall);
// sync() does, for a caller that wants it at a cold moment (logout, stop).
//
// Threads: one writer at a time; get() must not race a write. Under QuickFIX every call
// comes with the session's mutex held. The file is flock()ed: a second process (or a second
// store in this one) opening the same file is refused.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bw {
namespace fix {

class MappedStoreFile {
 public:
  static constexpr std::size_t kHeaderBytes = 4096;
  static constexpr std::uint32_t kDefaultSlotCount = 8192;  ///< messages kept for resend
  /// A NewOrderSingle is about 200 bytes; 512 leaves room for a replace with a long Text.
  static constexpr std::uint32_t kDefaultSlotBytes = 512;
  static constexpr std::size_t kSlotHeaderBytes = 8;  ///< int32 seq + uint32 len
  static constexpr std::size_t kMaxSessionIdLength = 127;

  /// Opens `path`, creating it (sequence numbers 1, creation time now) when it does not
  /// exist. An existing file must be one of ours for `session_id`: a bad magic, version,
  /// geometry, size, session id or sequence number throws std::runtime_error naming the
  /// file and what is wrong; nothing in it is changed then. An existing file keeps its own
  /// geometry (slot_count and slot_bytes apply to new files only). Cold path.
  MappedStoreFile(const std::string& path, const std::string& session_id,
                  std::uint32_t slot_count = kDefaultSlotCount, std::uint32_t slot_bytes = kDefaultSlotBytes);
  ~MappedStoreFile();
  MappedStoreFile(const MappedStoreFile&) = delete;
  MappedStoreFile& operator=(const MappedStoreFile&) = delete;

  /// Stores message `seq` (its full wire bytes) in its ring slot, replacing whatever was
  /// there. False (nothing stored) when seq < 1 or len does not fit a slot. Sending thread
  /// (the one writer); no allocation, no syscall, no lock; never throws.
  bool append(int seq, const char* bytes, std::size_t len) noexcept;

  /// Appends to `out` every message in [begin, end] the ring still holds, in order.
  /// Allocates (the strings). Cold path: answering a ResendRequest.
  void get(int begin, int end, std::vector<std::string>& out) const;

  int nextSenderSeqNum() const noexcept;
  int nextTargetSeqNum() const noexcept;
  void setNextSenderSeqNum(int seq) noexcept;
  void setNextTargetSeqNum(int seq) noexcept;
  /// Seconds since the epoch when the file was created or last reset.
  std::int64_t creationTimeS() const noexcept;

  /// Sequence numbers back to 1, every slot emptied, creation time now. Cold path.
  void reset() noexcept;
  /// msync(MS_SYNC) of the whole mapping: survives a machine crash too. Cold path; false
  /// when the kernel refused.
  bool sync() noexcept;

  /// `<dir>/<BeginString>-<SenderCompID>-<TargetCompID>.store`, every character but
  /// letters, digits, '.', '_' and '-' turned into '_' ("." for an empty dir). Cold path.
  static std::string pathIn(const std::string& dir, const std::string& begin_string, const std::string& sender,
                            const std::string& target);

  const std::string& path() const noexcept { return path_; }
  std::uint32_t slotCount() const noexcept { return slot_count_; }
  std::size_t slotPayloadBytes() const noexcept { return slot_bytes_ - kSlotHeaderBytes; }

 private:
  struct Header;
  struct Slot;
  Header& header() const noexcept;
  Slot& slot(int seq) const noexcept;
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  int fd_ = -1;
  unsigned char* map_ = nullptr;
  std::size_t map_bytes_ = 0;
  std::uint32_t slot_count_ = 0;
  std::uint32_t slot_bytes_ = 0;
};

}  // namespace fix
}  // namespace bw
