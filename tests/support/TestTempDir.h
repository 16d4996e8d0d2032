#pragma once
// A temporary directory of this test process's own: the name plus the process id, so two
// checkouts (or a CI run beside a local one) running the same test at once do not share
// a journal, its lock or a capture file.

#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace bw::test {

[[nodiscard]] inline std::filesystem::path testTempDir(std::string_view name) {
  std::string leaf = "bw-";
  leaf += name;
  leaf += '-';
  leaf += std::to_string(::getpid());
  return std::filesystem::temp_directory_path() / leaf;
}

}  // namespace bw::test
