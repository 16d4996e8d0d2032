#pragma once
// QuickFIX MessageStore on a MappedStoreFile (fix/MappedStoreFile.h): sequence numbers and
// sent messages survive a process restart, so a restarted gateway logs on where it left
// off and answers the venue's ResendRequest with the stored orders (QuickFIX resends them
// with PossDupFlag=Y and OrigSendingTime). A message older than the ring (slot_count
// messages back) or too long for a slot is not there: QuickFIX gap-fills it (35=4, 123=Y),
// which is what it does for admin messages anyway.
//
// C++14 only (QuickFIX headers): include it from fix/'s C++14 files. A C++20 sender reaches
// append() through MappedStoreFile.
//
// Threads: QuickFIX calls every method with the session's mutex held; append() is the same
// single writer's fast path (see MappedStoreFile).

#include <quickfix/MessageStore.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fix/MappedStoreFile.h"

namespace bw {
namespace fix {

class MappedMessageStore final : public FIX::MessageStore {
 public:
  /// Opens or creates `path` for `session_id` (see MappedStoreFile: refuses a foreign or
  /// corrupt file with std::runtime_error naming it). Cold path.
  MappedMessageStore(const std::string& path, const std::string& session_id,
                     std::uint32_t slot_count = MappedStoreFile::kDefaultSlotCount,
                     std::uint32_t slot_bytes = MappedStoreFile::kDefaultSlotBytes)
      : file_(path, session_id, slot_count, slot_bytes) {}

  /// Fast path: see MappedStoreFile::append (no allocation, no syscall, never throws).
  bool append(int seq, const char* bytes, std::size_t len) noexcept { return file_.append(seq, bytes, len); }

  bool set(int seq, const std::string& message) noexcept override {
    return file_.append(seq, message.data(), message.size());
  }
  /// What the ring still holds of [begin, end]; QuickFIX gap-fills the rest (also the
  /// whole range if the strings could not be allocated: a gap fill, not an exception into
  /// QuickFIX's resend).
  void get(int begin, int end, std::vector<std::string>& out) const noexcept override;

  int getNextSenderMsgSeqNum() const noexcept override { return file_.nextSenderSeqNum(); }
  int getNextTargetMsgSeqNum() const noexcept override { return file_.nextTargetSeqNum(); }
  void setNextSenderMsgSeqNum(int seq) noexcept override { file_.setNextSenderSeqNum(seq); }
  void setNextTargetMsgSeqNum(int seq) noexcept override { file_.setNextTargetSeqNum(seq); }
  void incrNextSenderMsgSeqNum() noexcept override { file_.setNextSenderSeqNum(file_.nextSenderSeqNum() + 1); }
  void incrNextTargetMsgSeqNum() noexcept override { file_.setNextTargetSeqNum(file_.nextTargetSeqNum() + 1); }
  FIX::UtcTimeStamp getCreationTime() const noexcept override;
  void reset() noexcept override { file_.reset(); }
  /// Nothing to re-read: the mapping is the file, and this process its only writer.
  void refresh() noexcept override {}

  MappedStoreFile& file() noexcept { return file_; }

 private:
  MappedStoreFile file_;
};

/// One MappedMessageStore per session, in MappedStoreFile::pathIn(dir, ...);
/// `dir` is created if missing. create() throws std::runtime_error naming the file when it
/// cannot be opened (QuickFIX then fails to create the session and the adapter's start()
/// reports it).
class MappedMessageStoreFactory final : public FIX::MessageStoreFactory {
 public:
  explicit MappedMessageStoreFactory(std::string dir,
                                     std::uint32_t slot_count = MappedStoreFile::kDefaultSlotCount,
                                     std::uint32_t slot_bytes = MappedStoreFile::kDefaultSlotBytes)
      : dir_(std::move(dir)), slot_count_(slot_count), slot_bytes_(slot_bytes) {}

  FIX::MessageStore* create(const FIX::SessionID& id) override;
  void destroy(FIX::MessageStore* store) override { delete store; }

 private:
  std::string dir_;
  std::uint32_t slot_count_;
  std::uint32_t slot_bytes_;
};

}  // namespace fix
}  // namespace bw
