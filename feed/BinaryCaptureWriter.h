#pragma once
// Writes ticks into a binary capture file (feed/BinaryCaptureFormat.h). The instrument
// table written into the header is the one given here; a tick's SymbolId indexes it.
// Depth and snapshot ticks carry their Tick::levels into follow-on records.
//
// Conversion tool only (cold path): buffered stdio, throws std::runtime_error naming the
// file on any write error. close() (or the destructor) writes the record count into the
// header: a file whose writer never closed reads as holding no records.

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/InstrumentTable.h"
#include "core/Tick.h"

namespace bw::feed {

class BinaryCaptureWriter {
 public:
  /// Creates (truncates) the file and writes the header and instrument table.
  BinaryCaptureWriter(std::string path, const InstrumentTable& instruments);
  ~BinaryCaptureWriter();
  BinaryCaptureWriter(const BinaryCaptureWriter&) = delete;
  BinaryCaptureWriter& operator=(const BinaryCaptureWriter&) = delete;

  /// Appends one tick (and its levels). Throws std::invalid_argument for a symbol outside
  /// the table, std::runtime_error on a write error.
  void write(const Tick& tick);

  /// Flushes, writes the record count into the header and closes. Idempotent.
  void close();

  [[nodiscard]] std::uint64_t records() const noexcept { return records_; }
  [[nodiscard]] std::uint64_t ticks() const noexcept { return ticks_; }

 private:
  void put(const void* record);

  std::string path_;
  std::size_t instrument_count_;
  std::FILE* file_ = nullptr;
  std::uint64_t records_ = 0;
  std::uint64_t ticks_ = 0;
};

}  // namespace bw::feed
