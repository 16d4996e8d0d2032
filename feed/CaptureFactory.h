#pragma once
// Opens one capture file as a TickSource, choosing the reader by the file's content (its
// decompressed first bytes: gzip or plain reads the same), never by its name:
//   - Breakwater binary capture magic at the start -> BinaryCaptureReader (raw records read in
//     chunks; a gzip'd binary file is refused: its records are not raw);
//   - a first line of comma-separated names, at least two of them required tardis columns
//     (symbol, timestamp, local_timestamp, side, price, amount) -> CsvCaptureReader, which
//     refuses a header missing any, naming it;
//   - anything else -> Binance JSON lines (CaptureReader), which counts what it cannot read.
// Cold path; throws std::runtime_error naming the file when it cannot be opened or read.

#include <cstdint>
#include <memory>
#include <string>

#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/MalformedLog.h"
#include "feed/TickSource.h"

namespace bw::feed {

enum class CaptureFormat : std::uint8_t {
  kJsonLines,   ///< Binance combined-stream (or plain) JSON lines
  kTardisCsv,   ///< tardis.dev trades CSV with a header row
  kBinary,      ///< Breakwater binary capture
  kGzipBinary,  ///< a binary capture inside gzip: refused by openCapture
};

/// Which reader openCapture would choose. Throws std::runtime_error when unreadable.
[[nodiscard]] CaptureFormat detectCaptureFormat(const std::string& path);

[[nodiscard]] std::unique_ptr<TickSource> openCapture(const std::string& path, const InstrumentTable& instruments,
                                                      MalformedLog& log, const TscClock& clock);

}  // namespace bw::feed
