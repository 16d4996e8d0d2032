#include "feed/LineBuffer.h"

#include <cstring>

namespace bw::feed {

LineBuffer::LineBuffer(std::size_t capacity, std::size_t padding) : bytes_(capacity + padding), capacity_(capacity) {}

char* LineBuffer::writePos() noexcept {
  if (begin_ != 0 && end_ == capacity_) {  // out of tail: keep the unread part, at the front
    const std::size_t unread = end_ - begin_;
    if (unread != 0) std::memmove(bytes_.data(), bytes_.data() + begin_, unread);
    scanned_ -= begin_;
    begin_ = 0;
    end_ = unread;
  }
  return bytes_.data() + end_;
}

std::size_t LineBuffer::writeRoom() noexcept {
  (void)writePos();
  return capacity_ - end_;
}

bool LineBuffer::nextLine(std::string_view& line) noexcept {
  if (scanned_ < begin_) scanned_ = begin_;
  const char* start = bytes_.data() + scanned_;
  const auto* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - scanned_));
  if (nl == nullptr) {
    scanned_ = end_;
    return false;
  }
  const std::size_t nl_at = static_cast<std::size_t>(nl - bytes_.data());
  std::size_t len = nl_at - begin_;
  if (len > 0 && bytes_[begin_ + len - 1] == '\r') --len;
  line = std::string_view(bytes_.data() + begin_, len);
  begin_ = nl_at + 1;
  scanned_ = begin_;
  return true;
}

bool LineBuffer::takeRest(std::string_view& line) noexcept {
  if (end_ == begin_) return false;
  std::size_t len = end_ - begin_;
  if (bytes_[begin_ + len - 1] == '\r') --len;
  line = std::string_view(bytes_.data() + begin_, len);
  begin_ = end_ = scanned_ = 0;  // the view stays readable: nothing is written until the next read
  return true;
}

bool LineBuffer::discardLine() noexcept {
  const char* start = bytes_.data() + begin_;
  const auto* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
  if (nl == nullptr) {
    clear();
    return false;
  }
  begin_ = static_cast<std::size_t>(nl - bytes_.data()) + 1;
  scanned_ = begin_;
  return true;
}

}  // namespace bw::feed
