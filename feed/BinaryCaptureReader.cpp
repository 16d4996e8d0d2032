#include "feed/BinaryCaptureReader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "feed/BinaryCaptureFormat.h"

namespace bw::feed {
namespace {

using namespace binary;

[[noreturn]] void refuseFile(const std::string& path, const std::string& what) {
  std::string text = path;
  text += ": not replayable as a binary capture: ";
  text += what;
  throw std::runtime_error(text);
}

template <typename T>
T load(const std::byte* at) noexcept {
  T value;
  std::memcpy(&value, at, sizeof value);  // records are 64-byte aligned in a mapping; not in a fuzz buffer
  return value;
}

ParseResult bad(const char* field) noexcept { return ParseResult{ParseError::kBadRecord, field, DecimalError::kOk}; }

constexpr std::uint64_t levelRecords(std::uint64_t levels) noexcept {
  return (levels + kLevelsPerRecord - 1) / kLevelsPerRecord;
}

/// The most records decode() reads of one group: a main, a top-of-book and both sides'
/// levels at BookLevels' capacity. A group claiming more is refused after its first two.
constexpr std::uint64_t kLargestGroup = 2 + 2 * levelRecords(BookLevels::kMaxPerSide);
static_assert(kLargestGroup <= BinaryRecordWindow::kWindowRecords, "one window must hold any decodable group");

/// The most header bytes a file this build accepts can have.
constexpr std::uint64_t kLargestHeader = headerSize(InstrumentTable::kCapacity);

}  // namespace

BinaryCaptureReader::BinaryCaptureReader(std::string path, const InstrumentTable& instruments, MalformedLog& log,
                                         const TscClock& clock)
    : path_(std::move(path)), clock_(clock), log_(log) {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) refuseFile(path_, std::string("cannot open: ") + std::strerror(errno));
  window_.own(fd);  // closed with the window, also when a check below throws
  struct stat st {};
  if (::fstat(fd, &st) != 0) refuseFile(path_, std::string("cannot stat: ") + std::strerror(errno));
  const auto size = static_cast<std::uint64_t>(st.st_size);
  // Sequential: the kernel's read-ahead doubles, which a page-cache-cold replay needs.
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  std::vector<std::byte> head(std::min<std::uint64_t>(size, kLargestHeader));
  const std::int64_t got = window_.readAt(0, head.data(), head.size());
  if (got < 0) refuseFile(path_, std::string("cannot read the header: ") + std::strerror(errno));
  // A file that shrank since fstat is only as long as what could be read of it.
  const bool shrank = static_cast<std::uint64_t>(got) < head.size();
  head.resize(static_cast<std::size_t>(got));
  const std::uint64_t records_at = open(head, shrank ? head.size() : size, instruments);
  window_.readFile(records_at, record_count_);
}

BinaryCaptureReader::BinaryCaptureReader(std::string name, std::span<const std::byte> bytes,
                                         const InstrumentTable& instruments, MalformedLog& log, const TscClock& clock)
    : path_(std::move(name)), clock_(clock), log_(log) {
  const std::uint64_t records_at = open(bytes, bytes.size(), instruments);
  window_.showMemory(bytes.data() + records_at, record_count_);
}

BinaryCaptureReader::~BinaryCaptureReader() = default;

std::uint64_t BinaryCaptureReader::open(std::span<const std::byte> head, std::uint64_t size,
                                        const InstrumentTable& instruments) {
  if (size < sizeof(FileHeader)) {
    refuseFile(path_, std::to_string(size) + " bytes, shorter than the 64-byte header");
  }
  const auto header = load<FileHeader>(head.data());
  if (header.magic != kMagic) refuseFile(path_, "wrong magic (not a Breakwater binary capture)");
  if (header.version != kVersion) {
    refuseFile(path_, "format version " + std::to_string(header.version) + ", this build reads version " +
                          std::to_string(kVersion));
  }
  if (header.record_size != kRecordSize) {
    refuseFile(path_, "record size " + std::to_string(header.record_size) + ", this build's is " +
                          std::to_string(kRecordSize));
  }
  if (header.instrument_count > InstrumentTable::kCapacity) {
    refuseFile(path_, std::to_string(header.instrument_count) + " instruments, more than the " +
                          std::to_string(InstrumentTable::kCapacity) + " a table holds");
  }
  if (header.header_size != headerSize(header.instrument_count)) {
    refuseFile(path_, "header size " + std::to_string(header.header_size) + " does not match " +
                          std::to_string(header.instrument_count) + " instruments");
  }
  if (header.header_size > size) refuseFile(path_, "the file ends inside its instrument table");
  // From here on the whole header is in `head`: header_size <= min(size, kLargestHeader).

  symbols_.assign(header.instrument_count, kNoSymbol);
  for (std::size_t i = 0; i < header.instrument_count; ++i) {
    const auto entry = load<InstrumentEntry>(head.data() + sizeof(FileHeader) + i * sizeof(InstrumentEntry));
    const std::size_t length = ::strnlen(entry.name.data(), entry.name.size());
    if (length == 0 || length == entry.name.size()) {
      refuseFile(path_, "instrument " + std::to_string(i) + " has no NUL-terminated name");
    }
    symbols_[i] = instruments.find(std::string_view(entry.name.data(), length));
  }
  const std::uint64_t present = (size - header.header_size) / kRecordSize;
  truncated_ = header.record_count > present;
  record_count_ = truncated_ ? present : header.record_count;
  return header.header_size;
}

void BinaryCaptureReader::refuse(const ParseResult& why, std::uint64_t record_number) {
  stats_.refuse(why.error);
  log_.report(path_, record_number, why, ++skipped_in_file_);
}

void BinaryCaptureReader::finish() {
  if (finished_) return;
  finished_ = true;
  if (truncated_) {
    stats_.refuse(ParseError::kTruncatedFile);
    ++skipped_in_file_;
    log_.reportFile(path_, pos_, "file ends before the record count its header gives: the rest is missing");
  }
  log_.finishFile(path_, skipped_in_file_);
}

void BinaryCaptureReader::holdGroup() noexcept {
  std::uint64_t wanted = 1;
  std::uint64_t held = window_.hold(pos_, wanted);
  if (held == wanted) {
    const auto head = load<RecordHead>(window_.record(pos_));
    wanted = std::min({1 + std::uint64_t{head.follow}, kLargestGroup, record_count_ - pos_});
    held = window_.hold(pos_, wanted);
  }
  if (held < wanted) {  // the file is shorter than it was at open, or a read failed
    record_count_ = pos_ + held;
    truncated_ = true;
  }
}

ParseResult BinaryCaptureReader::decode(Tick& tick, std::uint64_t& records) noexcept {
  const std::byte* at = window_.record(pos_);
  const auto main = load<MainRecord>(at);
  records = 1;
  if (main.head.type < kTradeRecord || main.head.type > kSnapshotRecord) return bad("type");
  records = 1 + std::uint64_t{main.head.follow};
  if (records > record_count_ - pos_) return ParseResult{ParseError::kTruncatedFile, "follow", DecimalError::kOk};
  if (main.head.side > 1) return bad("side");
  if ((main.head.flags & ~(kTickBookSynced | kTickOutOfOrder)) != 0) return bad("flags");
  if (main.head.symbol >= symbols_.size()) return bad("symbol");
  const auto kind = static_cast<TickKind>(main.head.type - 1);
  if (kind == TickKind::kTrade && (main.price <= 0 || main.qty <= 0)) return bad("price");
  if (main.bid < 0 || main.ask < 0) return bad("bid");

  std::int64_t bid_qty = 0, ask_qty = 0;
  std::uint64_t first_seq = 0;
  std::uint32_t bid_levels = 0, ask_levels = 0;
  if (main.head.follow != 0) {
    const auto top = load<TopOfBookRecord>(at + kRecordSize);
    if (top.head.type != kTopOfBook) return bad("top_of_book");
    bid_qty = top.bid_qty;
    ask_qty = top.ask_qty;
    first_seq = top.first_seq;
    bid_levels = top.bid_levels;
    ask_levels = top.ask_levels;
    if (bid_levels > BookLevels::kMaxPerSide || ask_levels > BookLevels::kMaxPerSide) return bad("levels");
    if (records != 2 + levelRecords(bid_levels) + levelRecords(ask_levels)) return bad("follow");
    if ((bid_levels != 0 || ask_levels != 0) && kind != TickKind::kDepth && kind != TickKind::kSnapshot) {
      return bad("levels");
    }
  }
  BookLevels& book = *levels_;
  book.clear();
  const std::byte* level_at = at + 2 * kRecordSize;
  const auto readSide = [&](BookLevel* out, std::uint32_t count, std::uint8_t side) noexcept {
    for (std::uint32_t i = 0; i < count; i += kLevelsPerRecord, level_at += kRecordSize) {
      const auto r = load<LevelsRecord>(level_at);
      const std::uint32_t n = std::min<std::uint32_t>(kLevelsPerRecord, count - i);
      if (r.head.type != kLevels || r.head.side != side || r.head.count != n) return false;
      for (std::uint32_t k = 0; k < n; ++k) {
        if (r.levels[k].price <= 0 || r.levels[k].qty < 0) return false;
        out[i + k] = BookLevel{Price{r.levels[k].price}, Qty{r.levels[k].qty}};
      }
    }
    return true;
  };
  if (!readSide(book.bids.data(), bid_levels, 0) || !readSide(book.asks.data(), ask_levels, 1)) return bad("levels");
  book.bid_count = bid_levels;
  book.ask_count = ask_levels;

  const SymbolId symbol = symbols_[main.head.symbol];
  if (symbol == kNoSymbol) return ParseResult{ParseError::kUnknownSymbol, "symbol", DecimalError::kOk};
  tick.recv_ns = main.recv_ns;
  tick.stamped_on_arrival = true;  // the record's header, at a fixed offset: no decoding before it
  tick.exch_ns = main.exch_ns;
  tick.price = Price{main.price};
  tick.qty = Qty{main.qty};
  tick.bid = Price{main.bid};
  tick.ask = Price{main.ask};
  tick.bid_qty = Qty{bid_qty};
  tick.ask_qty = Qty{ask_qty};
  tick.seq = main.seq;
  tick.first_seq = first_seq;
  tick.levels = (kind == TickKind::kDepth || kind == TickKind::kSnapshot) ? levels_.get() : nullptr;
  tick.symbol = symbol;
  tick.kind = kind;
  tick.aggressor = static_cast<Side>(main.head.side);
  tick.flags = main.head.flags;
  tick.quality = 100;
  return {};
}

bool BinaryCaptureReader::next(Tick& tick) {
  while (pos_ < record_count_) {
    const bool sampled = stats_.lines % kLatencySample == 0;
    const std::uint64_t start_tsc = sampled ? TscClock::now() : 0;
    // Most groups lie well inside the window: a compare, without reading the main record.
    if (!window_.holds(pos_, std::min(kLargestGroup, record_count_ - pos_))) {
      holdGroup();
      if (pos_ >= record_count_) break;  // nothing of this group could be read
    }
    std::uint64_t records = 0;
    const ParseResult r = decode(tick, records);
    const std::uint64_t record_number = pos_ + 1;
    if (r.error == ParseError::kTruncatedFile) {
      if (truncated_) break;  // the group runs past the file's end: finish() counts it once
      // The file is whole but the group claims records past its count: a bad record.
      ++stats_.lines;
      refuse(bad("follow"), record_number);
      pos_ = record_count_;
      break;
    }
    ++stats_.lines;
    pos_ += records;
    if (!r.ok()) {
      refuse(r, record_number);
      continue;
    }
    const std::uint64_t done_tsc = TscClock::now();
    if (sampled) parse_latency_.record(clock_.toNs(done_tsc - start_tsc));
    tick.parsed_tsc = done_tsc;
    // Timed records only (the decode is tens of ns, an rdtsc a good part of that): between
    // samples the decode counts as zero in the end-to-end stages.
    tick.arrival_tsc = sampled ? start_tsc : done_tsc;
    stats_.countTick(tick, last_recv_ns_);
    return true;
  }
  finish();
  return false;
}

}  // namespace bw::feed
