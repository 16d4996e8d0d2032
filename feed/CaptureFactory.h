#pragma once
// Opens one capture file as a TickSource, choosing the reader by the file's content:
// Binance combined-stream JSON lines (gzip or plain). Cold path; throws
// std::runtime_error naming the file when it cannot be opened or its format is unknown.

#include <memory>
#include <string>

#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/MalformedLog.h"
#include "feed/TickSource.h"

namespace bw::feed {

[[nodiscard]] std::unique_ptr<TickSource> openCapture(const std::string& path, const InstrumentTable& instruments,
                                                      MalformedLog& log, const TscClock& clock);

}  // namespace bw::feed
