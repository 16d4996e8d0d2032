#pragma once
// Reads a capture file line by line, gzip or plain (zlib reads plain files transparently),
// into one buffer that is reused: each line is a view into it, followed by at least
// `padding` readable bytes so simdjson can parse it in place without a copy.
//
// Feed thread only. The buffer starts at 1 MiB and doubles only for a longer line (a REST
// snapshot is ~64 KiB), so steady-state reading does not allocate.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bw::feed {

class LineReader {
 public:
  /// Opens the file. Throws std::runtime_error naming the path when it cannot. Cold path.
  LineReader(const std::string& path, std::size_t padding);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// Next line without its "\n" (or "\r\n"); false at the end of the file or on a read
  /// error (then error() says what). The view is valid until the next call.
  [[nodiscard]] bool next(std::string_view& line);

  /// Whether the line next() returned last ended with a newline: false only for a file's
  /// last line when the file stops without one (a capture cut off mid-write).
  [[nodiscard]] bool lastLineEnded() const noexcept { return last_ended_; }

  /// Empty unless reading stopped on an error (a corrupt or truncated gzip stream).
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] std::size_t longestLine() const noexcept { return longest_; }

 private:
  /// Moves the unread tail to the front and reads more; false when nothing more came.
  bool refill();

  void* file_ = nullptr;  // gzFile, kept out of the header so zlib.h stays private
  std::string path_;
  std::size_t padding_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // first unread byte
  std::size_t end_ = 0;    // one past the last byte read
  bool eof_ = false;
  bool last_ended_ = true;
  std::size_t longest_ = 0;
  std::string error_;
};

}  // namespace bw::feed
