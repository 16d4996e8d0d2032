#pragma once
// Counts every global operator new in the test binary that links AllocationCounter.cpp
// (it replaces the global operator new/delete). A test reads the count before and after
// the code under test; a difference is an allocation on a path that must not allocate.

#include <cstdint>

namespace bw::test {

/// Allocations so far, all threads. Relaxed: tests read it from the allocating thread.
[[nodiscard]] std::uint64_t allocationCount() noexcept;

/// Allocations by the calling thread so far: for code under test that runs beside other
/// threads that allocate (an in-process venue simulator and its QuickFIX thread).
[[nodiscard]] std::uint64_t threadAllocationCount() noexcept;

}  // namespace bw::test
