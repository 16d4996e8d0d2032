#pragma once
// The receive buffer of a live source: bytes are read into its free tail, complete lines
// are taken from its head as views, and the unread part moves to the front only when the
// tail runs out. Every line handed out has at least `padding` readable bytes after it
// (TickParser::kPadding), so simdjson parses it in place, without a copy.
//
// Fixed capacity, allocated once: a line longer than the capacity cannot be held, and the
// owner drops it (discardLine()) rather than let a peer that never sends a newline grow
// memory without bound.
//
// One thread (the feed thread). No allocation after construction; no system call.

#include <cstddef>
#include <string_view>
#include <vector>

namespace bw::feed {

class LineBuffer {
 public:
  /// Cold path (allocates capacity + padding bytes).
  LineBuffer(std::size_t capacity, std::size_t padding);

  /// Where the next read may write, after moving unread bytes to the front.
  [[nodiscard]] char* writePos() noexcept;
  /// How many bytes may be written at writePos(); 0 when unread bytes fill the buffer.
  [[nodiscard]] std::size_t writeRoom() noexcept;
  /// `n` bytes were written at writePos().
  void commit(std::size_t n) noexcept { end_ += n; }

  /// Next complete line without its "\n" (or "\r\n"); false when none is complete. The
  /// view is valid until the next writePos()/writeRoom()/clear().
  [[nodiscard]] bool nextLine(std::string_view& line) noexcept;
  /// The unread bytes as a last line (no newline): a datagram's final line. Empties the buffer.
  [[nodiscard]] bool takeRest(std::string_view& line) noexcept;
  /// Drops the unread bytes up to and including the next newline; true when one was found
  /// (false: everything unread was dropped, and the line goes on in the next read).
  bool discardLine() noexcept;

  void clear() noexcept { begin_ = end_ = scanned_ = 0; }
  [[nodiscard]] std::size_t pending() const noexcept { return end_ - begin_; }
  /// The unread bytes fill the buffer and hold no newline: a line longer than capacity().
  [[nodiscard]] bool full() const noexcept { return begin_ == 0 && end_ == capacity_ && scanned_ == end_; }
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

 private:
  std::vector<char> bytes_;
  std::size_t capacity_;
  std::size_t begin_ = 0;    // first unread byte
  std::size_t end_ = 0;      // one past the last byte written
  std::size_t scanned_ = 0;  // bytes before this were searched for a newline already
};

}  // namespace bw::feed
