#include "feed/CaptureFactory.h"

#include "feed/CaptureReader.h"

namespace bw::feed {

std::unique_ptr<TickSource> openCapture(const std::string& path, const InstrumentTable& instruments, MalformedLog& log,
                                        const TscClock& clock) {
  return std::make_unique<CaptureReader>(path, instruments, log, clock);
}

}  // namespace bw::feed
