#pragma once
// Where malformed capture lines are reported: `file:line: CODE (field 'x'): detail`, for
// the first `max_logged` of them per file, then one line saying how many more were
// skipped. The counts themselves live in FeedStats: the log never drops a count, only
// repeated text.
//
// Feed thread only. Writing is a cold-path event (it formats and may block on the
// stream), taken only for lines that are already being thrown away.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "feed/ParseError.h"

namespace bw::feed {

class MalformedLog {
 public:
  explicit MalformedLog(std::ostream& out, std::uint64_t max_logged_per_file = 20) noexcept
      : out_(out), max_logged_(max_logged_per_file) {}

  /// Reports one bad line. `seen_in_file` is how many this file has had, this one included.
  void report(std::string_view file, std::uint64_t line, const ParseResult& why, std::uint64_t seen_in_file);
  /// Reports a file-level problem (a corrupt gzip stream, a snapshot with no symbol).
  void reportFile(std::string_view file, std::uint64_t line, std::string_view what);
  /// At the end of a file: says how many reports were held back.
  void finishFile(std::string_view file, std::uint64_t seen_in_file);

  [[nodiscard]] std::uint64_t maxLoggedPerFile() const noexcept { return max_logged_; }

 private:
  std::ostream& out_;
  std::uint64_t max_logged_;
};

/// "BAD_DECIMAL (field 'p': BAD_CHARACTER)"-style text for a parse result. Cold path.
std::string describe(const ParseResult& why);

}  // namespace bw::feed
