#include "feed/BinaryRecordWindow.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace bw::feed {

BinaryRecordWindow::~BinaryRecordWindow() {
  if (fd_ >= 0) ::close(fd_);
}

std::int64_t BinaryRecordWindow::readAt(std::uint64_t offset, std::byte* out, std::uint64_t size) const noexcept {
  std::uint64_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset + done));
    if (n == 0) break;  // end of file
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    done += static_cast<std::uint64_t>(n);
  }
  return static_cast<std::int64_t>(done);
}

void BinaryRecordWindow::showMemory(const std::byte* records, std::uint64_t count) noexcept {
  data_ = records;
  first_ = 0;
  end_ = count;
  count_ = count;
}

void BinaryRecordWindow::readFile(std::uint64_t offset, std::uint64_t count) {
  // make_unique_for_overwrite: no zeroing; every byte read is first written by pread.
  buffer_ = std::make_unique_for_overwrite<std::byte[]>(kWindowRecords * binary::kRecordSize);
  data_ = buffer_.get();
  first_ = end_ = 0;
  offset_ = offset;
  count_ = count;
}

std::uint64_t BinaryRecordWindow::refill(std::uint64_t first, std::uint64_t count) noexcept {
  if (buffer_ == nullptr) return first < end_ ? std::min(count, end_ - first) : 0;  // memory: all there is
  const std::uint64_t wanted = std::min(kWindowRecords, count_ - first);
  const std::int64_t got = readAt(offset_ + first * binary::kRecordSize, buffer_.get(), wanted * binary::kRecordSize);
  // A failed read keeps nothing; a short one (the file shrank since it was opened) keeps
  // its whole records. Either way the caller sees fewer records than it asked for.
  first_ = first;
  end_ = first + (got < 0 ? 0 : static_cast<std::uint64_t>(got) / binary::kRecordSize);
  return std::min(count, end_ - first);
}

}  // namespace bw::feed
