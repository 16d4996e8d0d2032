#include "pipeline/Journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "core/Decimal.h"

namespace bw::pipeline {

namespace {

// Measured reasoning: a line is ~120 bytes; 64 KiB batches make one write(2) per ~500
// events, and the writer sleeps 1 ms when idle, so it costs no core while the engine runs.
constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr std::size_t kBulk = 1024;
constexpr auto kIdleSleep = std::chrono::milliseconds(1);

std::size_t checkedCapacity(std::size_t capacity) {
  if (capacity == 0 || capacity > Journal::kMaxCapacity) {
    std::string msg = "journal queue capacity ";
    msg += std::to_string(capacity);
    msg += " out of range 1..";
    msg += std::to_string(Journal::kMaxCapacity);
    throw std::invalid_argument(msg);
  }
  return capacity;
}

std::size_t checkedProducers(std::size_t producers) {
  if (producers == 0 || producers > 1024) throw std::invalid_argument("journal producers out of range 1..1024");
  return producers;
}

[[noreturn]] void fail(const std::string& path, const char* what, int err) {
  std::string msg = "journal ";
  msg += path;
  msg += ": ";
  msg += what;
  if (err != 0) {
    msg += ": ";
    msg += std::strerror(err);
  }
  throw std::runtime_error(msg);
}

template <typename Int>
void appendInt(std::string& out, Int v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

/// Writes all of [data, data+size) to fd, retrying partial writes and EINTR. 0 or errno.
int writeAll(int fd, const char* data, std::size_t size) noexcept {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

/// Seq of a complete journal line, or false (header, torn or foreign line).
bool lineSeq(std::string_view line, std::uint64_t& seq) {
  std::size_t tabs = 0;
  for (const char c : line) tabs += c == '\t' ? 1u : 0u;
  if (tabs != Journal::kColumns - 1) return false;
  const std::string_view first = line.substr(0, line.find('\t'));
  if (first.empty()) return false;
  const auto r = std::from_chars(first.data(), first.data() + first.size(), seq);
  return r.ec == std::errc() && r.ptr == first.data() + first.size();
}

}  // namespace

Journal::Journal(std::string path, std::size_t capacity, const InstrumentTable& instruments, std::size_t producers)
    : path_(std::move(path)),
      instruments_(instruments),
      queue_(checkedCapacity(capacity), 0, checkedProducers(producers)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail(path_, "cannot open for append", errno);
  try {
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      fail(path_, errno == EWOULDBLOCK ? "locked by another writer" : "cannot lock", errno == EWOULDBLOCK ? 0 : errno);
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0) fail(path_, "cannot stat", errno);
    if (st.st_size == 0) {
      std::string header(kHeaderLine);
      header += '\n';
      header += kColumnLine;
      header += '\n';
      if (const int err = writeAll(fd_, header.data(), header.size()); err != 0) fail(path_, "cannot write header", err);
      next_seq_.store(1, std::memory_order_relaxed);
    } else {
      next_seq_.store(readLastSeq() + 1, std::memory_order_relaxed);
    }
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
  buffer_.reserve(kFlushBytes + 4096);
  batch_.resize(kBulk);
}

Journal::~Journal() {
  stop();
  if (fd_ >= 0) ::close(fd_);  // also releases the flock
}

std::uint64_t Journal::readLastSeq() {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) fail(path_, "cannot stat", errno);
  const auto size = static_cast<std::size_t>(st.st_size);

  // The first line must be our header: never append audit lines to someone else's file.
  {
    std::string head(kHeaderLine.size() + 1, '\0');
    const ssize_t n = ::pread(fd_, head.data(), head.size(), 0);
    if (n < 0) fail(path_, "cannot read", errno);
    head.resize(static_cast<std::size_t>(n));
    if (head.size() < kHeaderLine.size() + 1 || std::string_view(head).substr(0, kHeaderLine.size()) != kHeaderLine ||
        head.back() != '\n') {
      fail(path_, "exists but is not a breakwater journal v1 (first line differs)", 0);
    }
  }

  // A torn last line (crash mid-write) is not trusted; it is ended below so our first
  // line starts clean, and the reader reports it as malformed.
  char last = '\n';
  if (::pread(fd_, &last, 1, static_cast<off_t>(size - 1)) != 1) fail(path_, "cannot read", errno);
  const bool torn = last != '\n';

  std::uint64_t found = 0;
  // Scan backwards in growing windows for the last complete line that carries a seq.
  for (std::size_t window = 64 * 1024;; window *= 4) {
    const std::size_t start = size > window ? size - window : 0;
    std::string tail(size - start, '\0');
    std::size_t got = 0;
    while (got < tail.size()) {
      const ssize_t n = ::pread(fd_, tail.data() + got, tail.size() - got, static_cast<off_t>(start + got));
      if (n < 0) {
        if (errno == EINTR) continue;
        fail(path_, "cannot read", errno);
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    tail.resize(got);
    std::string_view view(tail);
    if (torn) {
      const std::size_t nl = view.rfind('\n');
      view = nl == std::string_view::npos ? std::string_view() : view.substr(0, nl + 1);
    }
    bool done = false;
    while (!view.empty()) {
      view.remove_suffix(1);  // the '\n' ending the last complete line
      const std::size_t nl = view.rfind('\n');
      // A window that does not start at 0 may begin mid-line: that first piece is not trusted.
      if (nl == std::string_view::npos && start != 0) break;
      const std::string_view line = nl == std::string_view::npos ? view : view.substr(nl + 1);
      std::uint64_t seq = 0;
      if (lineSeq(line, seq)) {
        found = seq;
        done = true;
        break;
      }
      view = nl == std::string_view::npos ? std::string_view() : view.substr(0, nl + 1);
    }
    if (done) break;
    if (start == 0) {
      found = 0;  // headers only (or nothing parseable): start at 1
      break;
    }
  }
  if (torn) {
    if (const int err = writeAll(fd_, "\n", 1); err != 0) fail(path_, "cannot write", err);
  }
  return found;
}

bool Journal::attachThread(std::string_view name) {
  JournalEvent e = JournalEvent::session(JournalEvent::wallNowNs(), "attach ");
  const std::string_view prefix = "attach ";
  const std::size_t room = JournalEvent::kTextCapacity - 1 - prefix.size();
  for (std::size_t i = 0; i < name.size() && i < room; ++i) e.text[prefix.size() + i] = name[i];
  // try_enqueue creates this thread's implicit producer (the one allocation) and queues
  // the SESSION line; full queue -> counted like any other drop.
  return record(e);
}

bool Journal::record(const JournalEvent& event) noexcept {
  if (queue_.try_enqueue(event)) {
    // relaxed: a statistic; the queue itself orders the event for the writer
    recorded_.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  dropped_.fetch_add(1, std::memory_order_relaxed);
  return false;
}

void Journal::start() {
  if (writer_.joinable()) return;
  stop_requested_.store(false, std::memory_order_relaxed);
  writer_ = std::thread([this] { run(); });
}

void Journal::stop() noexcept {
  if (writer_.joinable()) {
    // release: pairs with the writer's acquire; everything recorded before this call is
    // then visible to the writer's last drain
    stop_requested_.store(true, std::memory_order_release);
    writer_.join();
  }
  // Whatever is left (start() never called, or recorded while stopping), on this thread.
  try {
    while (drainOnce() > 0) {
      if (buffer_.size() >= kFlushBytes) flushBuffer();
    }
    appendDropLineIfNeeded();
  } catch (...) {
    noteError("format (out of memory)", ENOMEM);
  }
  flushBuffer();
  if (fd_ >= 0 && ::fsync(fd_) != 0) noteError("fsync", errno);
}

void Journal::run() noexcept {
  for (;;) {
    // acquire: see every event whose record() happened before stop()
    const bool stopping = stop_requested_.load(std::memory_order_acquire);
    try {
      while (drainOnce() > 0) {
        if (buffer_.size() >= kFlushBytes) flushBuffer();
      }
      appendDropLineIfNeeded();
    } catch (...) {
      noteError("format (out of memory)", ENOMEM);
    }
    flushBuffer();
    if (stopping) return;
    std::this_thread::sleep_for(kIdleSleep);
  }
}

std::size_t Journal::drainOnce() {
  const std::size_t n = queue_.try_dequeue_bulk(batch_.data(), batch_.size());
  for (std::size_t i = 0; i < n; ++i) {
    formatLine(buffer_, next_seq_.load(std::memory_order_relaxed), batch_[i], instruments_);
    buffer_ += '\n';
    next_seq_.fetch_add(1, std::memory_order_relaxed);
    ++pending_lines_;
  }
  return n;
}

void Journal::appendDropLineIfNeeded() {
  const std::uint64_t dropped = dropped_.load(std::memory_order_relaxed);
  if (dropped == drops_journaled_) return;
  JournalEvent e = JournalEvent::basic(JournalEventType::kDrop, JournalEvent::wallNowNs());
  e.aux = static_cast<std::int64_t>(dropped - drops_journaled_);
  e.aux2 = static_cast<std::int64_t>(dropped);
  e.setText("journal queue full");
  formatLine(buffer_, next_seq_.load(std::memory_order_relaxed), e, instruments_);
  buffer_ += '\n';
  next_seq_.fetch_add(1, std::memory_order_relaxed);
  ++pending_lines_;
  drops_journaled_ = dropped;
}

void Journal::flushBuffer() noexcept {
  if (buffer_.empty()) return;
  const int err = writeAll(fd_, buffer_.data(), buffer_.size());
  if (err == 0) {
    written_.fetch_add(pending_lines_, std::memory_order_relaxed);
  } else {
    noteError("write", err);  // the lines are lost; their seqs leave a visible gap
  }
  buffer_.clear();
  pending_lines_ = 0;
}

void Journal::noteError(const char* what, int err) noexcept {
  write_errors_.fetch_add(1, std::memory_order_relaxed);
  try {
    last_error_ = what;
    last_error_ += ": ";
    last_error_ += std::strerror(err);
  } catch (...) {
    // keep the count; the text is best effort
  }
}

JournalCounters Journal::counters() const noexcept {
  JournalCounters c;
  c.recorded = recorded_.load(std::memory_order_relaxed);
  c.dropped = dropped_.load(std::memory_order_relaxed);
  c.written = written_.load(std::memory_order_relaxed);
  c.write_errors = write_errors_.load(std::memory_order_relaxed);
  return c;
}

std::string Journal::lastError() const { return last_error_; }

std::string Journal::pathFor(const JournalConfig& config, const std::string& work_dir) {
  if (!config.path.empty()) return config.path;
  std::string path = work_dir.empty() ? std::string(".") : work_dir;
  if (path.back() != '/') path += '/';
  path += "journal.tsv";
  return path;
}

void Journal::formatLine(std::string& out, std::uint64_t seq, const JournalEvent& e,
                         const InstrumentTable& instruments) {
  appendInt(out, seq);
  out += '\t';
  appendInt(out, e.wall_ns);
  out += '\t';
  appendInt(out, e.market_ns);
  out += '\t';
  out += journalEventTypeName(e.type);
  out += '\t';
  appendInt(out, e.order_id);
  out += '\t';
  if (e.symbol == kNoSymbol) {
    out += '-';
  } else if (e.symbol < instruments.size()) {
    out += instruments[e.symbol].name();
  } else {
    out += '#';
    appendInt(out, static_cast<unsigned>(e.symbol));
  }
  out += '\t';
  out += e.side == Side::kBuy ? "BUY" : e.side == Side::kSell ? "SELL" : "-";
  out += '\t';
  out += journalScopeName(e.scope);
  out += '\t';
  out += formatDecimal(e.price);
  out += '\t';
  out += formatDecimal(e.qty);
  out += '\t';
  if (const char* name = journalCodeName(e.type, e.code)) {
    out += name;
  } else {
    appendInt(out, static_cast<unsigned>(e.code));
  }
  out += '\t';
  const char* rule = journalCodeRule(e.type, e.code);
  out += rule[0] != '\0' ? rule : "-";
  out += '\t';
  appendInt(out, static_cast<unsigned>(e.strategy));
  out += '\t';
  appendInt(out, e.aux);
  out += '\t';
  appendInt(out, e.aux2);
  out += '\t';
  for (const char c : e.textView()) {
    // one event, one line: no tab, newline or other control byte survives
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7F) ? ' ' : c;
  }
}

}  // namespace bw::pipeline
