#pragma once
// The one queue type between pipeline threads: moodycamel's BlockingReaderWriterCircularBuffer,
// a fixed-capacity SPSC ring allocated once at construction. ARCHITECTURE.md notes the ring
// hops about 2x faster than ReaderWriterQueue on this machine; the performance issue
// measures it. try_enqueue/try_dequeue never allocate, lock or block.

#include <readerwriterqueue/readerwritercircularbuffer.h>

#include <cstddef>

namespace bw {

template <typename T>
class SpscQueue {
 public:
  /// Allocates `capacity` slots once. Cold path.
  explicit SpscQueue(std::size_t capacity) : ring_(capacity) {}

  /// Producer thread only. False when full (caller counts it; nothing is dropped silently).
  [[nodiscard]] bool tryPush(const T& value) noexcept { return ring_.try_enqueue(value); }

  /// Consumer thread only. False when empty.
  [[nodiscard]] bool tryPop(T& out) noexcept { return ring_.try_dequeue(out); }

  /// Approximate; any thread.
  [[nodiscard]] std::size_t sizeApprox() const noexcept { return ring_.size_approx(); }

 private:
  moodycamel::BlockingReaderWriterCircularBuffer<T> ring_;
};

}  // namespace bw
