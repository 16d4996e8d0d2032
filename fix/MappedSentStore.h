#pragma once
// The fast send path's persistent store ([fix] store = "file" with send_path = "fast"):
// the SentMessageStore FastInitiator keeps its sent messages and its sequence numbers in,
// on a MappedStoreFile - the same file, in the same place and layout, as the quickfix
// path's MappedMessageStore, so a session may change send path between runs and carry on.
//
// store() is MappedStoreFile::append: no allocation, no system call (a copy into the
// shared mapping). load() is the resend path (a ResendRequest): it allocates.
//
// QuickFIX-free; the .cpp is C++20 (std::filesystem). Thread: the session's owner thread only.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fix/MappedStoreFile.h"
#include "fix/SentMessageStore.h"

namespace bw {
namespace fix {

class MappedSentStore final : public SentMessageStore {
 public:
  /// Opens (or creates) `<dir>/<BeginString>-<Sender>-<Target>.store` for that session.
  /// Throws std::runtime_error naming the file when it is not one of ours (see
  /// MappedStoreFile). Cold path.
  MappedSentStore(const std::string& dir, const std::string& begin_string, const std::string& sender_comp_id,
                  const std::string& target_comp_id);

  bool store(std::uint64_t seq, const char* bytes, std::size_t len) noexcept override;
  std::size_t load(std::uint64_t seq, char* out, std::size_t capacity) const noexcept override;
  void clear() noexcept override { file_.reset(); }

  int keptNextSenderSeqNum() const noexcept override { return file_.nextSenderSeqNum(); }
  int keptNextTargetSeqNum() const noexcept override { return file_.nextTargetSeqNum(); }
  void keepNextSenderSeqNum(int seq) noexcept override { file_.setNextSenderSeqNum(seq); }
  void keepNextTargetSeqNum(int seq) noexcept override { file_.setNextTargetSeqNum(seq); }

  const MappedStoreFile& file() const noexcept { return file_; }

 private:
  MappedStoreFile file_;
};

}  // namespace fix
}  // namespace bw
