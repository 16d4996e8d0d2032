#pragma once
// Fixed-size log-linear latency histogram (HDR-style): exact below 64 ns, then 32
// sub-buckets per power of two (relative error <= 1/32, about 3%). Records every sample;
// nothing is sampled or averaged away. 15 KiB, no allocation.
//
// Single writer: the thread that owns the stage records; others read only after it has
// stopped (joined), or merge copies.

#include <array>
#include <bit>
#include <cstdint>

namespace bw {

class LatencyHistogram {
 public:
  static constexpr int kLinearBits = 6;                      // values < 64 exact
  static constexpr std::uint64_t kLinearLimit = 1u << kLinearBits;
  static constexpr std::uint64_t kSubBuckets = kLinearLimit / 2;  // per octave above
  static constexpr std::size_t kBuckets = kLinearLimit + 57 * kSubBuckets;

  /// Records one value (ns). Negative values count as 0. Owner thread; no allocation.
  void record(std::int64_t value_ns) noexcept {
    const std::uint64_t v = value_ns < 0 ? 0u : static_cast<std::uint64_t>(value_ns);
    ++counts_[indexOf(v)];
    ++count_;
    if (v > max_) max_ = v;
  }

  /// Smallest recorded bucket bound at or above the p-quantile (0 < p <= 1), capped at
  /// the exact max. 0 when empty.
  [[nodiscard]] std::uint64_t percentile(double p) const noexcept {
    if (count_ == 0) return 0;
    auto rank = static_cast<std::uint64_t>(p * static_cast<double>(count_));
    if (static_cast<double>(rank) < p * static_cast<double>(count_)) ++rank;
    if (rank == 0) rank = 1;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
      seen += counts_[i];
      if (seen >= rank) {
        const std::uint64_t upper = upperBoundOf(i);
        return upper < max_ ? upper : max_;
      }
    }
    return max_;
  }

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  /// Samples in bucket i (i < kBuckets), whose values run up to upperBoundOf(i).
  [[nodiscard]] std::uint64_t bucketCount(std::size_t i) const noexcept { return counts_[i]; }
  [[nodiscard]] std::uint64_t max() const noexcept { return max_; }

  void merge(const LatencyHistogram& other) noexcept {
    for (std::size_t i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
    count_ += other.count_;
    if (other.max_ > max_) max_ = other.max_;
  }

  static constexpr std::size_t indexOf(std::uint64_t v) noexcept {
    if (v < kLinearLimit) return static_cast<std::size_t>(v);
    const int msb = 63 - std::countl_zero(v);
    const int shift = msb - (kLinearBits - 1);  // >= 1
    const std::uint64_t top = v >> shift;        // in [32, 63]
    return static_cast<std::size_t>(kLinearLimit + static_cast<std::uint64_t>(shift - 1) * kSubBuckets +
                                    (top - kSubBuckets));
  }

  /// Largest value that maps to bucket i.
  static constexpr std::uint64_t upperBoundOf(std::size_t i) noexcept {
    if (i < kLinearLimit) return i;
    const std::size_t above = i - kLinearLimit;
    const int shift = static_cast<int>(above / kSubBuckets) + 1;
    const std::uint64_t top = kSubBuckets + above % kSubBuckets;
    return ((top + 1) << shift) - 1;
  }

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace bw
