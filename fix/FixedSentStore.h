#pragma once
// A SentMessageStore of fixed slots: message `seq` lives in slot seq % slots, so the
// newest `slots` messages can be resent and older ones are answered with a gap fill (the
// counterparty learns they are gone, nothing is silently lost). Allocates once, in the
// constructor; store/load copy bytes and nothing else.
//
// Sizing: 4096 slots of 512 bytes (2 MiB) by default. Our NewOrderSingle is about
// 150-330 bytes (fix/OrderEncoder.h), QuickFIX's Logon/Heartbeat/cancel well under 512.
//
// Thread: one (the session's owner thread). C++14/C++20-clean.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fix/SentMessageStore.h"

namespace bw {
namespace fix {

class FixedSentStore final : public SentMessageStore {
 public:
  static constexpr std::size_t kSlotBytes = 512;

  /// Allocates `slots` slots (at least 1). Cold path.
  explicit FixedSentStore(std::size_t slots = 4096) : slots_(slots == 0 ? 1 : slots) {}

  bool store(std::uint64_t seq, const char* bytes, std::size_t len) noexcept override {
    Slot& s = slots_[seq % slots_.size()];
    if (len > kSlotBytes || len == 0) {
      s.seq = 0;  // whatever the slot held is older than seq: gone either way
      return false;
    }
    std::memcpy(s.bytes, bytes, len);
    s.len = len;
    s.seq = seq;
    return true;
  }

  std::size_t load(std::uint64_t seq, char* out, std::size_t capacity) const noexcept override {
    const Slot& s = slots_[seq % slots_.size()];
    if (seq == 0 || s.seq != seq || s.len > capacity) return 0;
    std::memcpy(out, s.bytes, s.len);
    return s.len;
  }

  void clear() noexcept override {
    for (Slot& s : slots_) s.seq = 0;
  }

 private:
  struct Slot {
    std::uint64_t seq = 0;  // 0: empty (FIX sequence numbers start at 1)
    std::size_t len = 0;
    char bytes[kSlotBytes];
  };
  std::vector<Slot> slots_;
};

}  // namespace fix
}  // namespace bw
