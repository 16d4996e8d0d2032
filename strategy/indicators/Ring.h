#pragma once
// The last N values of a stream in a ring sized at construction: push() returns the value
// it displaced (or T{} while the ring is still filling), so callers keep O(1) running sums
// as sum += in - out. The only allocation is in the constructor. Single thread.

#include <cstddef>
#include <stdexcept>
#include <vector>

namespace bw::indicators {

template <typename T>
class Ring {
 public:
  /// Allocates `capacity` slots once. Throws on a zero capacity (a config error). Cold path.
  explicit Ring(std::size_t capacity) : slots_(capacity, T{}) {
    if (capacity == 0) throw std::invalid_argument("an indicator length must be at least 1");
  }

  /// Stores `value` in place of the oldest; returns the value displaced, T{} while filling.
  /// No allocation.
  T push(T value) noexcept {
    const T displaced = slots_[next_];
    slots_[next_] = value;
    next_ = next_ + 1 == slots_.size() ? 0 : next_ + 1;
    if (count_ < slots_.size()) ++count_;
    return displaced;
  }

  [[nodiscard]] bool full() const noexcept { return count_ == slots_.size(); }
  [[nodiscard]] std::size_t count() const noexcept { return count_; }
  [[nodiscard]] std::size_t capacity() const noexcept { return slots_.size(); }

 private:
  std::vector<T> slots_;
  std::size_t next_ = 0;
  std::size_t count_ = 0;
};

}  // namespace bw::indicators
