#include "core/ControlBlock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>
#include <system_error>
#include <thread>
#include <type_traits>

#include "core/TscClock.h"

namespace bw {

// The block is shared between processes by mmap: every field must be plain bytes at a
// fixed offset, and every atomic address-free (lock-free, no hidden lock or pointer).
static_assert(std::is_standard_layout_v<ControlBlockLayout>, "the block is a file layout");
static_assert(std::is_standard_layout_v<KillRecord>);
static_assert(std::atomic<std::uint8_t>::is_always_lock_free);
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);
static_assert(std::atomic<std::int32_t>::is_always_lock_free);
static_assert(std::atomic<std::int64_t>::is_always_lock_free);
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(sizeof(std::atomic<std::uint64_t>) == sizeof(std::uint64_t), "atomics are bare words");
static_assert(sizeof(ControlBlockLayout) <= UINT32_MAX, "size field is 32-bit");
// The header checksum covers the bytes before header_check, which must hold no padding.
static_assert(offsetof(ControlBlockLayout, header_check) ==
              sizeof(std::uint64_t) + 2 * sizeof(std::uint32_t) + sizeof(ControlBlockLayout::instance));
static_assert(sizeof(ControlBlockLayout::instance) == 32, "instance names are 1-31 characters");

const char* tradingStateName(TradingState s) noexcept {
  switch (s) {
    case TradingState::kActive: return "ACTIVE";
    case TradingState::kReducing: return "REDUCING";
    case TradingState::kHalted: return "HALTED";
  }
  return "UNKNOWN";
}

const char* killScopeName(KillScope s) noexcept {
  switch (s) {
    case KillScope::kGlobal: return "GLOBAL";
    case KillScope::kStrategy: return "STRATEGY";
    case KillScope::kSymbol: return "SYMBOL";
  }
  return "UNKNOWN";
}

const char* forcedDryRunName(ForcedDryRun f) noexcept {
  switch (f) {
    case ForcedDryRun::kNone: return "NONE";
    case ForcedDryRun::kKillsPerDay: return "KILLS_PER_DAY";
    case ForcedDryRun::kLossPastLimit: return "LOSS_PAST_LIMIT";
  }
  return "UNKNOWN";
}

namespace {

constexpr std::size_t kLayoutSize = sizeof(ControlBlockLayout);
constexpr std::uint64_t kFnvOffset = 0xcbf2'9ce4'8422'2325ULL;
constexpr std::uint64_t kFnvPrime = 0x0000'0100'0000'01b3ULL;

/// How long a writer (or reader) waits for another writer of the same record before it
/// concludes that writer died mid-write (a crashed process) and proceeds. A live writer
/// holds a record for well under a microsecond; 1 s only matters when it is descheduled.
constexpr std::chrono::milliseconds kStaleWriter{1'000};

std::uint64_t fnv1a(std::uint64_t h, const void* data, std::size_t n) noexcept {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= kFnvPrime;
  }
  return h;
}

std::uint64_t headerCheck(const ControlBlockLayout& l) noexcept {
  std::uint64_t h = kFnvOffset;
  h = fnv1a(h, &l.magic, sizeof l.magic);
  h = fnv1a(h, &l.version, sizeof l.version);
  h = fnv1a(h, &l.size, sizeof l.size);
  return fnv1a(h, l.instance, sizeof l.instance);
}

/// Waits for another writer: a few pause spins, then yields, up to `limit`. wait()
/// returns false once the limit has passed. No allocation; the clock is a vDSO read.
class Backoff {
 public:
  explicit Backoff(std::chrono::nanoseconds limit) noexcept : limit_(limit) {}
  bool wait() noexcept {
    if (spins_ < kSpins) {
      ++spins_;
      _mm_pause();
      return true;
    }
    const auto now = std::chrono::steady_clock::now();
    if (spins_ == kSpins) {
      deadline_ = now + limit_;
      ++spins_;
    } else if (now >= deadline_) {
      return false;
    }
    std::this_thread::yield();
    return true;
  }

 private:
  static constexpr std::uint32_t kSpins = 128;
  std::chrono::nanoseconds limit_;
  std::chrono::steady_clock::time_point deadline_{};
  std::uint32_t spins_ = 0;
};

// Seqlock text and field access. Every byte is an atomic access so a reader racing a
// writer is well defined (and ThreadSanitizer agrees). Writers store with release and
// readers load with acquire: a reader that sees any byte of a write therefore also sees
// the odd generation stored before it, and its closing generation load (sequenced after
// the byte loads) cannot be satisfied by the value it started with. This needs no
// std::atomic_thread_fence, which ThreadSanitizer does not model. On x86 acquire loads
// and release stores are plain moves; the texts are at most 160 bytes, on cold paths.
void storeText(char* dst, std::size_t cap, std::string_view src) noexcept {
  const std::size_t n = std::min(src.size(), cap - 1);
  for (std::size_t i = 0; i < n; ++i) __atomic_store_n(&dst[i], src[i], __ATOMIC_RELEASE);
  for (std::size_t i = n; i < cap; ++i) __atomic_store_n(&dst[i], '\0', __ATOMIC_RELEASE);
}

template <std::size_t N>
void loadText(const char (&src)[N], char (&dst)[N]) noexcept {
  for (std::size_t i = 0; i < N; ++i) dst[i] = __atomic_load_n(&src[i], __ATOMIC_ACQUIRE);
  dst[N - 1] = '\0';  // a file edited by hand must not run a reader off the end
}

template <std::size_t N>
std::string textOf(const char (&buf)[N]) {
  return std::string(buf, ::strnlen(buf, N));
}

/// Opens a writer section on a seqlock the caller already owns exclusively: the
/// generation goes odd (it stays odd if a writer died mid-write). Returns the odd value;
/// endWrite stores the next even one. The data stores that follow are release stores,
/// which keep this store before them.
std::uint32_t beginWrite(std::atomic<std::uint32_t>& gen) noexcept {
  std::uint32_t g = gen.load(std::memory_order_relaxed);  // we own it: no other writer
  if ((g & 1u) == 0) ++g;
  gen.store(g, std::memory_order_relaxed);
  return g;
}
void endWrite(std::atomic<std::uint32_t>& gen, std::uint32_t odd) noexcept {
  gen.store(odd + 1, std::memory_order_release);  // publishes the data to acquire readers
}

/// Claims the intent seqlock (several CLI processes may write it): CAS even -> odd.
std::uint32_t claimIntent(std::atomic<std::uint32_t>& gen) noexcept {
  Backoff backoff(kStaleWriter);
  std::uint32_t g = gen.load(std::memory_order_relaxed);
  for (;;) {
    if ((g & 1u) == 0) {
      // acquire: orders after the previous writer's section; our stores are release.
      if (gen.compare_exchange_weak(g, g + 1, std::memory_order_acquire, std::memory_order_relaxed)) return g + 1;
      continue;
    }
    if (!backoff.wait()) return g;  // a writer died with it odd: take it over, still odd
    g = gen.load(std::memory_order_relaxed);
  }
}

std::string sysError(int err) { return std::system_category().message(err); }

void validateInstance(const std::string& instance) {
  const bool ok = !instance.empty() && instance.size() <= 31 &&
                  std::all_of(instance.begin(), instance.end(), [](char c) {
                    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                           c == '-';
                  });
  if (!ok) {
    throw ControlBlockError("invalid instance name '" + instance + "': 1-31 characters of [A-Za-z0-9_-]");
  }
}

/// Unlocks and closes the descriptor on every exit. The unlock is explicit: a flock
/// belongs to the open file description, which a live mmap of it keeps open after close.
class FileHandle {
 public:
  explicit FileHandle(int fd) noexcept : fd_(fd) {}
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  ~FileHandle() {
    if (fd_ < 0) return;
    ::flock(fd_, LOCK_UN);  // harmless when not locked
    ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_;
};

/// Unmaps on every exit unless released.
class Mapping {
 public:
  explicit Mapping(void* p) noexcept : p_(p) {}
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (p_ != nullptr) ::munmap(p_, kLayoutSize);
  }
  [[nodiscard]] void* get() const noexcept { return p_; }
  void* release() noexcept { return std::exchange(p_, nullptr); }

 private:
  void* p_;
};

void lockFile(int fd, int op, const std::string& path) {
  while (::flock(fd, op) != 0) {
    if (errno != EINTR) throw ControlBlockError(path + ": cannot lock: " + sysError(errno));
  }
}

off_t fileSize(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw ControlBlockError(path + ": cannot stat: " + sysError(errno));
  if (!S_ISREG(st.st_mode)) throw ControlBlockError(path + ": not a regular file");
  return st.st_size;
}

Mapping mapFile(int fd, const std::string& path) {
  void* p = ::mmap(nullptr, kLayoutSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) throw ControlBlockError(path + ": cannot map: " + sysError(errno));
  return Mapping(p);
}

void writeHeader(ControlBlockLayout& l, std::string_view instance) noexcept {
  l.magic = ControlBlockLayout::kMagic;
  l.version = ControlBlockLayout::kVersion;
  l.size = static_cast<std::uint32_t>(kLayoutSize);
  std::memset(l.instance, 0, sizeof l.instance);
  std::memcpy(l.instance, instance.data(), std::min(instance.size(), sizeof l.instance - 1));
  l.header_check = headerCheck(l);
}

/// Validates a mapped block's header; throws naming the file. Never writes.
void validateHeader(const ControlBlockLayout& l, const std::string& instance, const std::string& path) {
  if (l.magic != ControlBlockLayout::kMagic) {
    throw ControlBlockError(path + ": foreign file: bad magic" +
                            (l.magic == 0 ? std::string(" (zero: creation interrupted? remove the file)") : ""));
  }
  if (l.version != ControlBlockLayout::kVersion) {
    throw ControlBlockError(path + ": version " + std::to_string(l.version) + ", this build reads " +
                            std::to_string(ControlBlockLayout::kVersion));
  }
  if (l.size != kLayoutSize) {
    throw ControlBlockError(path + ": header says size " + std::to_string(l.size) + ", expected " +
                            std::to_string(kLayoutSize));
  }
  if (l.header_check != headerCheck(l)) throw ControlBlockError(path + ": corrupt header (checksum mismatch)");
  const std::string_view stored(l.instance, ::strnlen(l.instance, sizeof l.instance));
  if (stored != instance) {
    throw ControlBlockError(path + ": belongs to instance '" + std::string(stored) + "', not '" + instance + "'");
  }
}

ControlBlockLayout* asLayout(void* p) noexcept { return std::launder(static_cast<ControlBlockLayout*>(p)); }

}  // namespace

// ---- open / create ----

std::string ControlBlock::defaultDir() {
  const char* env = std::getenv("BREAKWATER_STATE_DIR");
  if (env != nullptr && *env != '\0') return env;
  return "/var/tmp/breakwater";
}

std::string ControlBlock::pathFor(const std::string& instance, const std::string& dir) {
  return dir + "/" + instance + ".ctl";
}

// Creation race (two processes opening a new instance at once): every opener takes
// flock(LOCK_EX) before it looks at the size, and the creator holds it while it sizes the
// file and writes the header, so no one validates a half-written header. An empty file
// under the lock is a block no one has created yet (the creator opened it but has not
// locked it yet, or crashed before sizing it): openOrCreate initialises it, openExisting
// waits up to a second for a creator. Any other file is validated and never rewritten.
ControlBlock ControlBlock::openOrCreate(const std::string& instance, const std::string& dir) {
  validateInstance(instance);
  std::string path = pathFor(instance, dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ControlBlockError("cannot create state directory " + dir + ": " + ec.message());

  FileHandle fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (fd.get() < 0) throw ControlBlockError(path + ": cannot open: " + sysError(errno));
  lockFile(fd.get(), LOCK_EX, path);
  const off_t size = fileSize(fd.get(), path);
  if (size == 0) {
    if (::ftruncate(fd.get(), static_cast<off_t>(kLayoutSize)) != 0) {
      throw ControlBlockError(path + ": cannot size: " + sysError(errno));
    }
    Mapping map = mapFile(fd.get(), path);
    // The file reads as zeros; value-initialising the layout in place starts the
    // atomics' lifetimes (all zero: ACTIVE, DRY_RUN, live set 0, no kill).
    auto* l = new (map.get()) ControlBlockLayout{};
    writeHeader(*l, instance);
    return ControlBlock(asLayout(map.release()), std::move(path), true);
  }
  if (size != static_cast<off_t>(kLayoutSize)) {
    throw ControlBlockError(path + ": not a Breakwater control block (size " + std::to_string(size) + ", expected " +
                            std::to_string(kLayoutSize) + ")");
  }
  Mapping map = mapFile(fd.get(), path);
  validateHeader(*asLayout(map.get()), instance, path);
  return ControlBlock(asLayout(map.release()), std::move(path), true);
}

ControlBlock ControlBlock::openExisting(const std::string& instance, const std::string& dir) {
  validateInstance(instance);
  std::string path = pathFor(instance, dir);
  FileHandle fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) {
      throw ControlBlockError("no control block for instance '" + instance + "' at " + path +
                              ": is the process running with --instance " + instance + "?");
    }
    throw ControlBlockError(path + ": cannot open: " + sysError(errno));
  }
  lockFile(fd.get(), LOCK_EX, path);
  off_t size = fileSize(fd.get(), path);
  for (int tries = 0; size == 0 && tries < 100; ++tries) {  // a creator between open and flock
    lockFile(fd.get(), LOCK_UN, path);
    timespec pause{0, 10'000'000};
    ::nanosleep(&pause, nullptr);
    lockFile(fd.get(), LOCK_EX, path);
    size = fileSize(fd.get(), path);
  }
  if (size != static_cast<off_t>(kLayoutSize)) {
    throw ControlBlockError(path + ": not a Breakwater control block (size " + std::to_string(size) + ", expected " +
                            std::to_string(kLayoutSize) + ")");
  }
  Mapping map = mapFile(fd.get(), path);
  validateHeader(*asLayout(map.get()), instance, path);
  return ControlBlock(asLayout(map.release()), std::move(path), true);
}

ControlBlock ControlBlock::anonymous() {
  auto* l = new ControlBlockLayout{};  // value-initialised: all zero, like a new file
  writeHeader(*l, "");
  return ControlBlock(l, std::string(), false);
}

ControlBlock::ControlBlock(ControlBlock&& other) noexcept
    : layout_(std::exchange(other.layout_, nullptr)), path_(std::move(other.path_)),
      mapped_(std::exchange(other.mapped_, false)) {}

ControlBlock& ControlBlock::operator=(ControlBlock&& other) noexcept {
  if (this != &other) {
    release();
    layout_ = std::exchange(other.layout_, nullptr);
    path_ = std::move(other.path_);
    mapped_ = std::exchange(other.mapped_, false);
  }
  return *this;
}

ControlBlock::~ControlBlock() { release(); }

void ControlBlock::release() noexcept {
  if (layout_ == nullptr) return;
  if (mapped_) {
    ::munmap(layout_, kLayoutSize);  // the file stays: the block outlives the process
  } else {
    delete layout_;
  }
  layout_ = nullptr;
}

// ---- kill switches ----

namespace {

KillRecord* recordFor(ControlBlockLayout& l, KillScope scope, std::size_t index) noexcept {
  switch (scope) {
    case KillScope::kGlobal: return &l.global_kill;
    case KillScope::kStrategy: return &l.strategy_kill[index % kMaxStrategies];  // as killed() indexes
    case KillScope::kSymbol: return index < l.symbol_kill.size() ? &l.symbol_kill[index] : nullptr;
  }
  return nullptr;
}

}  // namespace

// A record's writers are serialised by its state word: a trip claims kClear -> kWriting,
// a reset claims kTripped -> kResetting; the claimant alone writes the seqlock-protected
// fields, then publishes kTripped or kClear. Both claimed states block orders.
bool ControlBlock::tripKill(KillScope scope, std::size_t index, std::uint8_t reason, std::string_view who,
                            std::string_view why) noexcept {
  KillRecord* r = recordFor(*layout_, scope, index);
  if (r == nullptr) return false;
  Backoff backoff(kStaleWriter);
  std::uint32_t seen = KillRecord::kClear;
  for (;;) {
    // acq_rel: the claim blocks orders at once; acquire orders us after a reset's writes.
    if (r->state.compare_exchange_strong(seen, KillRecord::kWriting, std::memory_order_acq_rel,
                                         std::memory_order_acquire)) {
      break;
    }
    if (seen != KillRecord::kResetting) return false;  // latched: the first trip wins
    // A reset is clearing the record: wait for it rather than lose this trip.
    if (!backoff.wait()) {
      // The resetter died mid-write: take the record over (it is blocking orders anyway).
      if (r->state.compare_exchange_strong(seen, KillRecord::kWriting, std::memory_order_acq_rel,
                                           std::memory_order_acquire)) {
        break;
      }
      if (seen != KillRecord::kResetting) return false;
    }
    seen = KillRecord::kClear;
  }

  const std::int64_t now = wallClockNs();
  const std::uint32_t odd = beginWrite(r->generation);
  r->reason.store(reason, std::memory_order_release);
  r->when_ns.store(now, std::memory_order_release);
  r->tsc.store(TscClock::now(), std::memory_order_release);
  storeText(r->who, sizeof r->who, who);
  storeText(r->why, sizeof r->why, why);
  endWrite(r->generation, odd);
  std::uint32_t writing = KillRecord::kWriting;
  // release: a reader that acquires kTripped sees the texts. Fails only if a reset took
  // the record over after kStaleWriter (we were descheduled that long): the reset wins.
  r->state.compare_exchange_strong(writing, KillRecord::kTripped, std::memory_order_release,
                                   std::memory_order_relaxed);

  // relaxed: the ring slot index only needs to be unique; readers tolerate a stale slot.
  const std::uint32_t slot = layout_->kill_history_next.fetch_add(1, std::memory_order_relaxed);
  layout_->kill_history_ns[slot % kKillHistory].store(now, std::memory_order_relaxed);
  bumpChangeSeq();
  return true;
}

bool ControlBlock::resetKill(KillScope scope, std::size_t index) noexcept {
  KillRecord* r = recordFor(*layout_, scope, index);
  if (r == nullptr) return false;
  Backoff backoff(kStaleWriter);
  std::uint32_t seen = r->state.load(std::memory_order_acquire);
  for (;;) {
    if (seen == KillRecord::kClear) return false;
    if (seen == KillRecord::kTripped) {
      if (r->state.compare_exchange_weak(seen, KillRecord::kResetting, std::memory_order_acq_rel,
                                         std::memory_order_acquire)) {
        break;
      }
      continue;
    }
    // kWriting or kResetting: another writer holds it; wait, and after kStaleWriter take
    // it over (that writer died mid-write, e.g. the process was killed).
    if (!backoff.wait()) {
      if (r->state.compare_exchange_strong(seen, KillRecord::kResetting, std::memory_order_acq_rel,
                                           std::memory_order_acquire)) {
        break;
      }
      continue;
    }
    seen = r->state.load(std::memory_order_acquire);
  }

  const std::uint32_t odd = beginWrite(r->generation);
  r->reason.store(0, std::memory_order_release);
  r->when_ns.store(0, std::memory_order_release);
  r->tsc.store(0, std::memory_order_release);
  storeText(r->who, sizeof r->who, {});
  storeText(r->why, sizeof r->why, {});
  endWrite(r->generation, odd);
  std::uint32_t resetting = KillRecord::kResetting;
  // release: orders the cleared fields before kClear. Fails only if a trip waited out
  // kStaleWriter and took the record over: the kill stays tripped, which is the safe side.
  r->state.compare_exchange_strong(resetting, KillRecord::kClear, std::memory_order_release,
                                   std::memory_order_relaxed);
  bumpChangeSeq();
  return true;
}

void ControlBlock::resetAll() noexcept {
  (void)resetKill(KillScope::kGlobal, 0);
  for (std::size_t i = 0; i < kMaxStrategies; ++i) (void)resetKill(KillScope::kStrategy, i);
  for (std::size_t i = 0; i < InstrumentTable::kCapacity; ++i) (void)resetKill(KillScope::kSymbol, i);
  layout_->forced_dry_run.store(static_cast<std::uint8_t>(ForcedDryRun::kNone), std::memory_order_release);
  bumpChangeSeq();
}

KillView ControlBlock::readKill(KillScope scope, std::size_t index) const {
  const KillRecord* r = recordFor(*layout_, scope, index);
  KillView view;
  if (r == nullptr) return view;
  char who[sizeof r->who];
  char why[sizeof r->why];
  std::uint32_t state = KillRecord::kClear;
  Backoff backoff(kStaleWriter);
  for (;;) {
    const std::uint32_t g1 = r->generation.load(std::memory_order_acquire);
    state = r->state.load(std::memory_order_acquire);
    const bool settled = (g1 & 1u) == 0 && (state == KillRecord::kClear || state == KillRecord::kTripped);
    if (!settled && backoff.wait()) continue;  // a writer is mid-record
    view.reason = r->reason.load(std::memory_order_acquire);
    view.when_ns = r->when_ns.load(std::memory_order_acquire);
    view.tsc = r->tsc.load(std::memory_order_acquire);
    loadText(r->who, who);
    loadText(r->why, why);
    // relaxed: the acquire loads above keep this load after them (see storeText).
    if (r->generation.load(std::memory_order_relaxed) == g1 || !settled) break;  // !settled: writer died
  }
  view.tripped = state != KillRecord::kClear;
  view.who = textOf(who);
  view.why = textOf(why);
  return view;
}

std::uint32_t ControlBlock::killsWithin(std::int64_t now_ns, std::int64_t window_ns) const noexcept {
  std::uint32_t n = 0;
  for (const auto& slot : layout_->kill_history_ns) {
    const std::int64_t t = slot.load(std::memory_order_relaxed);  // a count, no data behind it
    if (t != 0 && t <= now_ns && now_ns - t <= window_ns) ++n;
  }
  return n;
}

// ---- trading state and the live gate ----

void ControlBlock::setTradingState(TradingState s) noexcept {
  layout_->trading_state.store(static_cast<std::uint8_t>(s), std::memory_order_release);  // pairs with tradingState()
  bumpChangeSeq();
}

void ControlBlock::forceDryRun(ForcedDryRun why) noexcept {
  if (why == ForcedDryRun::kNone) return;
  std::uint8_t expected = 0;
  // acq_rel: latched, the first reason stays; release pairs with forcedDryRun()'s acquire.
  if (layout_->forced_dry_run.compare_exchange_strong(expected, static_cast<std::uint8_t>(why),
                                                      std::memory_order_acq_rel, std::memory_order_acquire)) {
    bumpChangeSeq();
  }
}

void ControlBlock::setOperatorIntent(std::uint8_t mode, std::string_view who, std::string_view reason) noexcept {
  ControlBlockLayout& l = *layout_;
  const std::uint32_t odd = claimIntent(l.intent_generation);
  l.operator_intent.store(mode, std::memory_order_release);
  l.intent_when_ns.store(wallClockNs(), std::memory_order_release);
  storeText(l.intent_who, sizeof l.intent_who, who);
  storeText(l.intent_reason, sizeof l.intent_reason, reason);
  endWrite(l.intent_generation, odd);
  bumpChangeSeq();
}

ControlBlock::IntentView ControlBlock::readIntent() const {
  const ControlBlockLayout& l = *layout_;
  IntentView view;
  char who[sizeof l.intent_who];
  char reason[sizeof l.intent_reason];
  Backoff backoff(kStaleWriter);
  for (;;) {
    const std::uint32_t g1 = l.intent_generation.load(std::memory_order_acquire);
    const bool settled = (g1 & 1u) == 0;
    if (!settled && backoff.wait()) continue;
    view.mode = l.operator_intent.load(std::memory_order_acquire);
    view.when_ns = l.intent_when_ns.load(std::memory_order_acquire);
    loadText(l.intent_who, who);
    loadText(l.intent_reason, reason);
    if (l.intent_generation.load(std::memory_order_relaxed) == g1 || !settled) break;
  }
  view.who = textOf(who);
  view.reason = textOf(reason);
  return view;
}

void ControlBlock::setPromotion(bool ok, std::string_view detail) noexcept {
  ControlBlockLayout& l = *layout_;
  const std::uint32_t odd = claimIntent(l.intent_generation);
  storeText(l.promotion_detail, sizeof l.promotion_detail, detail);
  endWrite(l.intent_generation, odd);
  // Set at start from the journal, not an operator write: change_seq is left alone.
  l.promotion_ok.store(static_cast<std::uint8_t>(ok), std::memory_order_release);
}

std::string ControlBlock::promotionDetail() const {
  const ControlBlockLayout& l = *layout_;
  char detail[sizeof l.promotion_detail];
  Backoff backoff(kStaleWriter);
  for (;;) {
    const std::uint32_t g1 = l.intent_generation.load(std::memory_order_acquire);
    const bool settled = (g1 & 1u) == 0;
    if (!settled && backoff.wait()) continue;
    loadText(l.promotion_detail, detail);
    if (l.intent_generation.load(std::memory_order_relaxed) == g1 || !settled) break;
  }
  return textOf(detail);
}

// ---- confirm token ----

void ControlBlock::configureToken(std::string_view token) noexcept {
  ControlBlockLayout& l = *layout_;
  // relaxed stores, then token_configured with release: tokenMatches acquires it first.
  l.token_configured.store(0, std::memory_order_release);
  if (token.empty()) {
    l.token_salt.store(0, std::memory_order_relaxed);
    l.token_hash.store(0, std::memory_order_relaxed);
    return;
  }
  std::uint64_t salt = 0;
  if (::getrandom(&salt, sizeof salt, 0) != static_cast<ssize_t>(sizeof salt)) {
    // No entropy source (very old kernel): a salt that still differs per start.
    salt = static_cast<std::uint64_t>(wallClockNs()) ^ (TscClock::now() << 17) ^
           static_cast<std::uint64_t>(::getpid());
  }
  l.token_salt.store(salt, std::memory_order_relaxed);
  l.token_hash.store(tokenHash(token, salt), std::memory_order_relaxed);
  l.token_configured.store(1, std::memory_order_release);
}

bool ControlBlock::tokenMatches(std::string_view candidate) const noexcept {
  const ControlBlockLayout& l = *layout_;
  if (l.token_configured.load(std::memory_order_acquire) == 0 || candidate.empty()) return false;
  const std::uint64_t salt = l.token_salt.load(std::memory_order_relaxed);
  const std::uint64_t stored = l.token_hash.load(std::memory_order_relaxed);
  // One word compare whatever the candidate: no early exit on a matching prefix.
  return (tokenHash(candidate, salt) ^ stored) == 0;
}

// ---- limits ----

void ControlBlock::setLimit(LimitKey key, std::int64_t raw, bool shadow) noexcept {
  if (static_cast<std::size_t>(key) >= kLimitCount) return;
  const unsigned live = layout_->live_set.load(std::memory_order_acquire) & 1u;
  layout_->limit_sets[live ^ (shadow ? 1u : 0u)].set(key, raw);
  bumpChangeSeq();
}

void ControlBlock::swapLimitSets() noexcept {
  // acq_rel RMW: two operators swapping at once each flip once; release publishes the
  // values set before the swap to checkers that acquire live_set.
  layout_->live_set.fetch_xor(1, std::memory_order_acq_rel);
  bumpChangeSeq();
}

// ---- free functions ----

std::uint64_t tokenHash(std::string_view token, std::uint64_t salt) noexcept {
  unsigned char salt_bytes[sizeof salt];
  for (std::size_t i = 0; i < sizeof salt; ++i) salt_bytes[i] = static_cast<unsigned char>(salt >> (8 * i));
  const std::uint64_t h = fnv1a(kFnvOffset, salt_bytes, sizeof salt_bytes);
  return fnv1a(h, token.data(), token.size());
}

std::int64_t wallClockNs() noexcept {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace bw
