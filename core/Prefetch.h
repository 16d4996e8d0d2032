#pragma once
// Software prefetch of whole objects, for a hot path that knows a few hundred nanoseconds
// ahead which lines it will need (issue 7: a risk check that comes seconds after the last
// finds its lines in memory, ~20 ns each on the 2-vCPU EPYC guest when they are fetched one
// after another; prefetched together, their trips overlap). A prefetch is a hint: it never
// faults, blocks or changes a value, so it is safe on any address of a live object.

#include <cstddef>

namespace bw {

inline constexpr std::size_t kCacheLine = 64;

/// Every cache line of [p, p + bytes) for reading.
inline void prefetchBytes(const void* p, std::size_t bytes) noexcept {
  const char* c = static_cast<const char*>(p);
  for (std::size_t off = 0; off < bytes; off += kCacheLine) __builtin_prefetch(c + off, 0, 3);
  __builtin_prefetch(c + bytes - 1, 0, 3);  // the last line when p is not line-aligned
}

/// Every cache line of [p, p + bytes) for writing (PREFETCHW: owned, so the write that
/// follows does not wait for the line's other copies to be invalidated).
inline void prefetchBytesForWrite(const void* p, std::size_t bytes) noexcept {
  const char* c = static_cast<const char*>(p);
  for (std::size_t off = 0; off < bytes; off += kCacheLine) __builtin_prefetch(c + off, 1, 3);
  __builtin_prefetch(c + bytes - 1, 1, 3);
}

template <typename T>
inline void prefetchObject(const T& object) noexcept {
  prefetchBytes(&object, sizeof(T));
}

template <typename T>
inline void prefetchObjectForWrite(const T& object) noexcept {
  prefetchBytesForWrite(&object, sizeof(T));
}

}  // namespace bw
