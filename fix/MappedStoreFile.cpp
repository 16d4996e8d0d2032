// C++14 translation unit (built with the QuickFIX adapters; includes no QuickFIX header).
#include "fix/MappedStoreFile.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace bw {
namespace fix {

namespace {
constexpr char kMagic[8] = {'B', 'W', 'F', 'I', 'X', 'S', 'T', '\0'};
constexpr std::uint32_t kVersion = 1;

/// Letters, digits, '.', '_' and '-' as they are; anything else becomes '_'.
std::string fileSafe(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) c = '_';
  }
  return out;
}

}  // namespace

std::string MappedStoreFile::pathIn(const std::string& dir, const std::string& begin_string,
                                    const std::string& sender, const std::string& target) {
  std::string path = dir.empty() ? std::string(".") : dir;
  path += '/';
  path += fileSafe(begin_string);
  path += '-';
  path += fileSafe(sender);
  path += '-';
  path += fileSafe(target);
  path += ".store";
  return path;
}

struct MappedStoreFile::Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t slot_count;
  std::uint32_t slot_bytes;
  std::uint32_t reserved;
  std::int64_t creation_time_s;
  std::int32_t next_sender;
  std::int32_t next_target;
  char session_id[kMaxSessionIdLength + 1];
};

/// A slot's head; its payload (slot_bytes - kSlotHeaderBytes) follows it in the file.
struct MappedStoreFile::Slot {
  std::int32_t seq;  // 0: empty; written last, so a half-written slot never matches
  std::uint32_t len;
  char* payload() noexcept { return reinterpret_cast<char*>(this) + kSlotHeaderBytes; }
  const char* payload() const noexcept { return reinterpret_cast<const char*>(this) + kSlotHeaderBytes; }
};

MappedStoreFile::Header& MappedStoreFile::header() const noexcept { return *reinterpret_cast<Header*>(map_); }

MappedStoreFile::Slot& MappedStoreFile::slot(int seq) const noexcept {
  const std::size_t index = static_cast<std::size_t>(seq) % slot_count_;
  return *reinterpret_cast<Slot*>(map_ + kHeaderBytes + index * slot_bytes_);
}

void MappedStoreFile::fail(const std::string& what) const {
  std::string message = "FIX message store ";
  message += path_;
  message += ": ";
  message += what;
  throw std::runtime_error(message);
}

MappedStoreFile::MappedStoreFile(const std::string& path, const std::string& session_id, std::uint32_t slot_count,
                                 std::uint32_t slot_bytes)
    : path_(path) {
  static_assert(sizeof(Header) <= kHeaderBytes, "header must fit its page");
  static_assert(sizeof(Slot) == kSlotHeaderBytes, "slot head layout");
  if (session_id.size() > kMaxSessionIdLength) fail("session id too long: " + session_id);
  if (slot_count == 0 || slot_bytes <= kSlotHeaderBytes || slot_bytes % 8 != 0) {
    fail("bad geometry (slot_count > 0, slot_bytes > 8 and a multiple of 8)");
  }
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail(std::string("cannot open: ") + std::strerror(errno));
  try {
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      fail(errno == EWOULDBLOCK ? "in use by another session (locked)" : std::string("flock: ") + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0) fail(std::string("fstat: ") + std::strerror(errno));
    const bool fresh = st.st_size == 0;
    if (fresh) {
      slot_count_ = slot_count;
      slot_bytes_ = slot_bytes;
      map_bytes_ = kHeaderBytes + static_cast<std::size_t>(slot_count_) * slot_bytes_;
      if (::ftruncate(fd_, static_cast<off_t>(map_bytes_)) != 0) fail(std::string("ftruncate: ") + std::strerror(errno));
    } else {
      // Read the header with pread first: geometry decides how much to map.
      Header h{};
      if (static_cast<std::size_t>(st.st_size) < kHeaderBytes ||
          ::pread(fd_, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h)) {
        fail("corrupt: shorter than its header (" + std::to_string(st.st_size) + " bytes)");
      }
      if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) fail("not a Breakwater FIX message store (bad magic)");
      if (h.version != kVersion) fail("unsupported version " + std::to_string(h.version));
      if (h.slot_count == 0 || h.slot_bytes <= kSlotHeaderBytes || h.slot_bytes % 8 != 0) {
        fail("corrupt: bad geometry in header");
      }
      slot_count_ = h.slot_count;
      slot_bytes_ = h.slot_bytes;
      map_bytes_ = kHeaderBytes + static_cast<std::size_t>(slot_count_) * slot_bytes_;
      if (static_cast<std::size_t>(st.st_size) != map_bytes_) {
        fail("corrupt: " + std::to_string(st.st_size) + " bytes, header says " + std::to_string(map_bytes_));
      }
      h.session_id[kMaxSessionIdLength] = '\0';
      if (session_id != h.session_id) {
        fail("belongs to session " + std::string(h.session_id) + ", not " + session_id);
      }
      if (h.next_sender < 1 || h.next_target < 1) {
        fail("corrupt: sequence numbers " + std::to_string(h.next_sender) + "/" + std::to_string(h.next_target));
      }
    }
    // MAP_POPULATE: every page faulted in now, not on the send path's first pass of the ring.
    void* map = ::mmap(nullptr, map_bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd_, 0);
    if (map == MAP_FAILED) fail(std::string("mmap: ") + std::strerror(errno));
    map_ = static_cast<unsigned char*>(map);
    if (fresh) {
      Header& h = header();
      std::memcpy(h.session_id, session_id.c_str(), session_id.size() + 1);
      h.version = kVersion;
      h.slot_count = slot_count_;
      h.slot_bytes = slot_bytes_;
      reset();
      // Magic last: a crash while creating leaves a file that is refused, not half-read.
      std::atomic_signal_fence(std::memory_order_release);
      std::memcpy(h.magic, kMagic, sizeof kMagic);
    }
  } catch (...) {
    if (map_ != nullptr) ::munmap(map_, map_bytes_);
    ::close(fd_);  // also drops the flock
    throw;
  }
}

MappedStoreFile::~MappedStoreFile() {
  ::munmap(map_, map_bytes_);
  ::close(fd_);
}

bool MappedStoreFile::append(int seq, const char* bytes, std::size_t len) noexcept {
  if (seq < 1 || len > slotPayloadBytes()) return false;
  Slot& s = slot(seq);
  // seq cleared first and set last (compiler fences: one thread, the kernel keeps the
  // page), so a process that dies half-way leaves an empty slot, never a torn message.
  s.seq = 0;
  std::atomic_signal_fence(std::memory_order_release);
  std::memcpy(s.payload(), bytes, len);
  s.len = static_cast<std::uint32_t>(len);
  std::atomic_signal_fence(std::memory_order_release);
  s.seq = seq;
  return true;
}

void MappedStoreFile::get(int begin, int end, std::vector<std::string>& out) const {
  if (begin < 1) begin = 1;
  if (end < begin) return;
  const long long span = static_cast<long long>(end) - begin + 1;
  if (span <= static_cast<long long>(slot_count_)) {  // one look per number asked for
    for (int seq = begin;; ++seq) {
      const Slot& s = slot(seq);
      if (s.seq == seq && s.len <= slotPayloadBytes()) out.emplace_back(s.payload(), s.len);
      if (seq == end) break;
    }
    return;
  }
  // A wider range (QuickFIX asks up to "infinity"): one pass over the ring, then in order.
  std::vector<int> held;
  for (std::uint32_t i = 0; i < slot_count_; ++i) {
    const Slot& s = *reinterpret_cast<const Slot*>(map_ + kHeaderBytes + static_cast<std::size_t>(i) * slot_bytes_);
    if (s.seq >= begin && s.seq <= end && s.len <= slotPayloadBytes()) held.push_back(s.seq);
  }
  std::sort(held.begin(), held.end());
  for (const int seq : held) out.emplace_back(slot(seq).payload(), slot(seq).len);
}

int MappedStoreFile::nextSenderSeqNum() const noexcept { return header().next_sender; }
int MappedStoreFile::nextTargetSeqNum() const noexcept { return header().next_target; }
void MappedStoreFile::setNextSenderSeqNum(int seq) noexcept { header().next_sender = seq; }
void MappedStoreFile::setNextTargetSeqNum(int seq) noexcept { header().next_target = seq; }
std::int64_t MappedStoreFile::creationTimeS() const noexcept { return header().creation_time_s; }

void MappedStoreFile::reset() noexcept {
  Header& h = header();
  h.next_sender = 1;
  h.next_target = 1;
  h.creation_time_s = static_cast<std::int64_t>(std::time(nullptr));
  for (std::uint32_t i = 0; i < slot_count_; ++i) {
    reinterpret_cast<Slot*>(map_ + kHeaderBytes + static_cast<std::size_t>(i) * slot_bytes_)->seq = 0;
  }
}

bool MappedStoreFile::sync() noexcept { return ::msync(map_, map_bytes_, MS_SYNC) == 0; }

}  // namespace fix
}  // namespace bw
