#pragma once
// The ClOrdIDs a venue has taken, so that a PossDupFlag=Y resend of one (after a
// ResendRequest) is recognised and not acted on twice. Fixed capacity, allocated once;
// an open-addressing set of 64-bit FNV-1a hashes (a false "seen" needs a 64-bit collision
// among the ids of one run). When full it
// forgets them all and starts over: a simulator's bound.
//
// Threads: one (the venue thread). No allocation after construction, no lock.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bw::fix {

class SeenClOrdIds {
 public:
  /// `capacity`: ids remembered at most (rounded up to a power of two, table twice that).
  explicit SeenClOrdIds(std::size_t capacity = 65'536) {
    std::size_t slots = 2;
    while (slots < capacity * 2) slots <<= 1;
    table_.assign(slots, 0);
    limit_ = slots / 2;
  }

  /// Remembers `id` (NUL-terminated); true when it was already there. An empty id is
  /// never remembered (returns false). No allocation.
  bool insert(const char* id) noexcept {
    if (id[0] == '\0') return false;
    const std::uint64_t h = hash(id);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      if (table_[i] == h) return true;
      if (table_[i] == 0) {
        if (size_ == limit_) {  // full: start over rather than probe forever
          std::fill(table_.begin(), table_.end(), 0);
          size_ = 0;
          i = static_cast<std::size_t>(h) & mask;
        }
        table_[i] = h;
        ++size_;
        return false;
      }
    }
  }

  /// True when `id` was remembered. No allocation.
  [[nodiscard]] bool contains(const char* id) const noexcept {
    if (id[0] == '\0') return false;
    const std::uint64_t h = hash(id);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask; table_[i] != 0; i = (i + 1) & mask) {
      if (table_[i] == h) return true;
    }
    return false;
  }

 private:
  /// FNV-1a, 0 mapped to 1 (0 marks an empty slot).
  static std::uint64_t hash(const char* s) noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (; *s != '\0'; ++s) {
      h ^= static_cast<unsigned char>(*s);
      h *= 1099511628211ull;
    }
    return h == 0 ? 1 : h;
  }

  std::vector<std::uint64_t> table_;
  std::size_t size_ = 0;
  std::size_t limit_ = 0;
};

}  // namespace bw::fix
