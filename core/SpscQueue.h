#pragma once
// The one queue type between pipeline threads: a moodycamel single-producer
// single-consumer queue whose slots are allocated once at construction.
// tryPush/tryPop never allocate, lock or block: a full queue refuses the push.
//
// Which one, chosen by measurement (issue 7; `breakwater replay --latency`, the floors).
// On machine A (2-vCPU AMD EPYC KVM guest), one hop between the engine's and the order
// thread's cores takes:
//   - ReaderWriterQueue: p50 367-391 ns, 1.3-1.4x the cache-line ping-pong;
//   - BlockingReaderWriterCircularBuffer: p50 487-559 ns, 1.8-2.1x. Its semaphore adds
//     two atomic read-modify-writes per item.
// ARCHITECTURE.md expected the ring to be faster here; it was not.
//
// Under ThreadSanitizer the ring stays. ReaderWriterQueue orders its slots with
// std::atomic_thread_fence, which TSan does not model. Its annotations switch on only
// through __has_feature, which GCC 12 lacks, and GCC rejects the fences under -Wtsan. The
// TSan suites therefore check our threads around a queue with the same contract: bounded,
// SPSC, never blocking. The Release and ASan suites run the queue that ships.

#include <cstddef>

#if defined(__SANITIZE_THREAD__)
#include <readerwriterqueue/readerwritercircularbuffer.h>
#else
#include <readerwriterqueue/readerwriterqueue.h>
#endif

namespace bw {

template <typename T>
class SpscQueue {
 public:
  /// Room for at least `capacity` items (ReaderWriterQueue: fewer than twice as many for
  /// 1,024 and up), allocated once. Cold path.
  explicit SpscQueue(std::size_t capacity) : queue_(capacity) {}

  /// Producer thread only. False when full (caller counts it; nothing is dropped silently).
  [[nodiscard]] bool tryPush(const T& value) noexcept { return queue_.try_enqueue(value); }

  /// Consumer thread only. False when empty.
  [[nodiscard]] bool tryPop(T& out) noexcept { return queue_.try_dequeue(out); }

  /// Approximate; any thread.
  [[nodiscard]] std::size_t sizeApprox() const noexcept { return queue_.size_approx(); }

 private:
#if defined(__SANITIZE_THREAD__)
  moodycamel::BlockingReaderWriterCircularBuffer<T> queue_;
#else
  moodycamel::ReaderWriterQueue<T> queue_;
#endif
};

}  // namespace bw
