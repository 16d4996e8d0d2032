#pragma once
// The path of a file in the source tree's config/ folder, for tests that load one.

#include <string>
#include <string_view>

namespace bw::test {

/// <source>/config/<file>. Built with += rather than chained operator+: once inlined into
/// a long replay test, g++ 12 gives a false -Warray-bounds on the chain (seen in
/// DeterminismTest and VenueFaultReplayTest).
[[nodiscard]] inline std::string configPath(std::string_view file) {
  std::string path = BW_SOURCE_DIR;
  path += "/config/";
  path += file;
  return path;
}

}  // namespace bw::test
