#include "feed/BinaryCaptureWriter.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/BookLevels.h"
#include "feed/BinaryCaptureFormat.h"

namespace bw::feed {
namespace {

using namespace binary;

std::string ioError(const std::string& path, const char* what) {
  std::string text = path;
  text += ": ";
  text += what;
  text += ": ";
  text += std::strerror(errno);
  return text;
}

std::uint64_t levelRecords(std::uint32_t levels) { return (levels + kLevelsPerRecord - 1) / kLevelsPerRecord; }

}  // namespace

BinaryCaptureWriter::BinaryCaptureWriter(std::string path, const InstrumentTable& instruments)
    : path_(std::move(path)), instrument_count_(instruments.size()) {
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr) throw std::runtime_error(ioError(path_, "cannot create"));
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  FileHeader header;
  header.header_size = static_cast<std::uint32_t>(headerSize(instrument_count_));
  header.instrument_count = static_cast<std::uint32_t>(instrument_count_);
  std::vector<unsigned char> bytes(header.header_size, 0);
  std::memcpy(bytes.data(), &header, sizeof header);
  for (std::size_t i = 0; i < instrument_count_; ++i) {
    const Instrument& in = instruments[static_cast<SymbolId>(i)];
    InstrumentEntry entry;
    const std::string_view name = in.name();
    std::memcpy(entry.name.data(), name.data(), name.size());  // <= 15 chars: InstrumentTable checks
    entry.tick_size = in.tick_size.raw;
    entry.lot_size = in.lot_size.raw;
    std::memcpy(bytes.data() + sizeof header + i * sizeof entry, &entry, sizeof entry);
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    std::fclose(file_);
    file_ = nullptr;
    throw std::runtime_error(ioError(path_, "cannot write header"));
  }
}

BinaryCaptureWriter::~BinaryCaptureWriter() {
  try {
    close();
  } catch (...) {  // a destructor must not throw; close() explicitly to see the error
  }
}

void BinaryCaptureWriter::put(const void* record) {
  if (std::fwrite(record, kRecordSize, 1, file_) != 1) throw std::runtime_error(ioError(path_, "write failed"));
  ++records_;
}

void BinaryCaptureWriter::write(const Tick& tick) {
  if (file_ == nullptr) throw std::runtime_error(path_ + ": write after close");
  if (tick.symbol >= instrument_count_) {
    throw std::invalid_argument(path_ + ": tick for symbol id " + std::to_string(tick.symbol) +
                                " outside the instrument table");
  }
  const BookLevels* levels = tick.levels;
  const std::uint32_t bids = levels != nullptr ? levels->bid_count : 0;
  const std::uint32_t asks = levels != nullptr ? levels->ask_count : 0;
  const bool top = tick.bid_qty.raw != 0 || tick.ask_qty.raw != 0 || tick.first_seq != 0 || bids != 0 || asks != 0;
  const std::uint64_t follow = (top ? 1 : 0) + levelRecords(bids) + levelRecords(asks);

  MainRecord main;
  main.head.type = static_cast<std::uint8_t>(static_cast<std::uint8_t>(tick.kind) + 1);
  main.head.side = static_cast<std::uint8_t>(tick.aggressor);
  main.head.flags = tick.flags;
  main.head.symbol = tick.symbol;
  main.head.follow = static_cast<std::uint16_t>(follow);  // <= 1 + 2 * 1667: fits
  main.recv_ns = tick.recv_ns;
  main.exch_ns = tick.exch_ns;
  main.seq = tick.seq;
  main.price = tick.price.raw;
  main.qty = tick.qty.raw;
  main.bid = tick.bid.raw;
  main.ask = tick.ask.raw;
  put(&main);
  if (top) {
    TopOfBookRecord t;
    t.head.type = kTopOfBook;
    t.bid_qty = tick.bid_qty.raw;
    t.ask_qty = tick.ask_qty.raw;
    t.first_seq = tick.first_seq;
    t.bid_levels = bids;
    t.ask_levels = asks;
    put(&t);
  }
  const auto writeSide = [this](const BookLevel* side_levels, std::uint32_t count, std::uint8_t side) {
    for (std::uint32_t i = 0; i < count; i += kLevelsPerRecord) {
      LevelsRecord r;
      r.head.type = kLevels;
      r.head.side = side;
      const std::uint32_t n = std::min<std::uint32_t>(kLevelsPerRecord, count - i);
      r.head.count = static_cast<std::uint8_t>(n);
      for (std::uint32_t k = 0; k < n; ++k) r.levels[k] = {side_levels[i + k].price.raw, side_levels[i + k].qty.raw};
      put(&r);
    }
  };
  if (bids != 0) writeSide(levels->bids.data(), bids, 0);
  if (asks != 0) writeSide(levels->asks.data(), asks, 1);
  ++ticks_;
}

void BinaryCaptureWriter::close() {
  if (file_ == nullptr) return;
  std::FILE* f = file_;
  file_ = nullptr;
  bool ok = std::fflush(f) == 0;
  // The record count sits at a fixed offset in the header, patched last: a writer that
  // died before this leaves 0 and nothing replays, rather than a half-written tail.
  ok = ok && std::fseek(f, offsetof(FileHeader, record_count), SEEK_SET) == 0;
  ok = ok && std::fwrite(&records_, sizeof records_, 1, f) == 1;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) throw std::runtime_error(ioError(path_, "cannot finish"));
}

}  // namespace bw::feed
