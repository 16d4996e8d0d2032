// libFuzzer target: any bytes as a whole binary capture file, read from memory by
// BinaryCaptureReader (the mapped-file path reads the same bytes the same way). A refused
// header throws std::runtime_error at open, which is fine; anything else must read to the
// end with every record counted: no crash, no read out of bounds, no UB.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <span>
#include <stdexcept>
#include <streambuf>

#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/BinaryCaptureReader.h"
#include "feed/MalformedLog.h"

namespace {
/// Discards the malformed-record log: fuzzing would drown in it.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bw::InstrumentTable instruments = bw::InstrumentTable::withDefaults();
  static const bw::TscClock clock = bw::TscClock::calibrate(1);
  static NullBuffer null_buffer;
  static std::ostream null_stream(&null_buffer);
  bw::feed::MalformedLog log(null_stream);
  try {
    bw::feed::BinaryCaptureReader reader("fuzz", std::span(reinterpret_cast<const std::byte*>(data), size),
                                         instruments, log, clock);
    bw::Tick tick;
    std::uint64_t ticks = 0;
    while (reader.next(tick)) {
      ++ticks;
      if (tick.symbol >= instruments.size()) std::abort();
      if (tick.levels != nullptr && (tick.levels->bid_count > bw::BookLevels::kMaxPerSide ||
                                     tick.levels->ask_count > bw::BookLevels::kMaxPerSide)) {
        std::abort();
      }
    }
    const bw::feed::FeedStats& s = reader.stats();
    if (s.ticks != ticks) std::abort();
    if (s.lines + (s.by_kind[static_cast<std::size_t>(bw::feed::ParseError::kTruncatedFile)]) !=
        s.ticks + s.malformed + s.unknown_symbol) {
      std::abort();  // every record group counted exactly once
    }
  } catch (const std::runtime_error&) {
    // header refused: the documented outcome for a file that is not a capture
  }
  return 0;
}
