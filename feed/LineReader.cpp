#include "feed/LineReader.h"

#include <zlib.h>

#include <cstring>
#include <stdexcept>

namespace bw::feed {
namespace {

constexpr std::size_t kInitialBuffer = 1 << 20;
constexpr unsigned kGzipBuffer = 256 * 1024;  // zlib's internal buffer: fewer read() calls

}  // namespace

LineReader::LineReader(const std::string& path, std::size_t padding)
    : path_(path), padding_(padding), buffer_(kInitialBuffer + padding) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  gzbuffer(f, kGzipBuffer);
  file_ = f;
}

LineReader::~LineReader() {
  if (file_ != nullptr) gzclose(static_cast<gzFile>(file_));
}

bool LineReader::refill() {
  if (eof_) return false;
  // Keep the unread tail, at the front.
  const std::size_t tail = end_ - begin_;
  if (begin_ != 0 && tail != 0) std::memmove(buffer_.data(), buffer_.data() + begin_, tail);
  begin_ = 0;
  end_ = tail;
  const std::size_t usable = buffer_.size() - padding_;
  if (end_ == usable) buffer_.resize(2 * usable + padding_);  // one line longer than the buffer
  const std::size_t room = buffer_.size() - padding_ - end_;
  const int n = gzread(static_cast<gzFile>(file_), buffer_.data() + end_, static_cast<unsigned>(room));
  if (n < 0) {
    int code = 0;
    error_ = gzerror(static_cast<gzFile>(file_), &code);
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    // zlib reports a truncated gzip stream at the end, not as a read error.
    int code = 0;
    const char* message = gzerror(static_cast<gzFile>(file_), &code);
    if (code != Z_OK && code != Z_STREAM_END) error_ = message;
    return false;
  }
  end_ += static_cast<std::size_t>(n);
  return true;
}

bool LineReader::next(std::string_view& line) {
  std::size_t scanned = begin_;
  for (;;) {
    const char* start = buffer_.data() + scanned;
    const auto* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - scanned));
    if (nl != nullptr) {
      std::size_t len = static_cast<std::size_t>(nl - (buffer_.data() + begin_));
      const std::size_t next_begin = begin_ + len + 1;
      if (len > 0 && buffer_[begin_ + len - 1] == '\r') --len;
      line = std::string_view(buffer_.data() + begin_, len);
      begin_ = next_begin;
      if (len > longest_) longest_ = len;
      last_ended_ = true;
      return true;
    }
    const std::size_t consumed = end_ - begin_;  // bytes of this line searched so far
    if (!refill()) {
      if (end_ == begin_) return false;
      // Last line without a newline.
      line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      if (line.size() > longest_) longest_ = line.size();
      begin_ = end_;
      last_ended_ = false;
      return true;
    }
    scanned = begin_ + consumed;  // refill moved the tail to the front; skip what was searched
  }
}

}  // namespace bw::feed
