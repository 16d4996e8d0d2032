#pragma once
// Puts a benchmark's next operation in the state a bar close meets in the pipeline after
// seconds of other work, or of other tenants on a shared host: none of its code or data
// in cache (issue 7: the decision path runs cold). Used by tools/cold-footprint's counts
// (callgrind's simulated caches) and by the timed cold benchmarks (this machine's caches).
//
// Data reads of a buffer larger than the cache level to empty push out our data and, the
// lower levels being unified, our code; 64 KiB of straight-line NOPs push our code out of
// the instruction cache, which data reads do not touch. The caller does not time it.

#include <cstddef>
#include <vector>

namespace bw::bench {

/// What to empty: the per-core levels only (L1 and an L2 of up to 2 MiB), or every level
/// including a shared L3 of up to 32 MiB.
enum class Evict { kCoreCaches, kAllCaches };

class ColdCaches {
 public:
  explicit ColdCaches(Evict what) : sweep_(what == Evict::kCoreCaches ? (4u << 20) : (64u << 20), 1) {}

  void evict() noexcept {
    unsigned sum = 0;
    for (std::size_t i = 0; i < sweep_.size(); i += 64) sum += sweep_[i];
    sink_ = sum;
    asm volatile(".rept 65536\n\tnop\n\t.endr" ::: "memory");
  }

 private:
  std::vector<unsigned char> sweep_;
  volatile unsigned sink_ = 0;
};

}  // namespace bw::bench
