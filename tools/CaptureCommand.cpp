#include "tools/CaptureCommand.h"

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/BinaryCaptureWriter.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/FeedStats.h"
#include "feed/MalformedLog.h"

namespace bw::tools {
namespace {

bool sameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

void printCounts(const feed::FeedStats& s, std::ostream& out) {
  out << "ticks " << s.ticks << " (trades " << s.trades << ", quotes " << s.quotes << ", depth updates "
      << s.depth_updates << ", snapshots " << s.snapshots << ")\n";
  out << "refused " << (s.malformed + s.unknown_symbol) << " (malformed " << s.malformed << ", unknown symbol "
      << s.unknown_symbol << ")";
  for (std::size_t k = 0; k < s.by_kind.size(); ++k) {
    if (s.by_kind[k] != 0) out << ' ' << feed::parseErrorName(static_cast<feed::ParseError>(k)) << '=' << s.by_kind[k];
  }
  out << "\nnon-monotonic receive times " << s.non_monotonic << "\n";
}

}  // namespace

int captureConvertCommand(const std::vector<std::string>& inputs, const std::string& out_path, std::ostream& out,
                          std::ostream& err) {
  for (const std::string& in : inputs) {
    if (sameFile(in, out_path)) {
      err << "breakwater capture convert: output " << out_path << " is also an input\n";
      return 2;
    }
  }
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const TscClock clock = TscClock::calibrate(5);
  feed::MalformedLog log(err);
  std::vector<std::unique_ptr<feed::TickSource>> sources;
  try {
    for (const std::string& in : inputs) sources.push_back(feed::openCapture(in, instruments, log, clock));
  } catch (const std::exception& e) {
    err << "breakwater capture convert: " << e.what() << "\n";
    return 2;
  }
  feed::CaptureMerger merger(sources);
  try {
    feed::BinaryCaptureWriter writer(out_path, instruments);
    Tick tick;
    while (merger.next(tick)) writer.write(tick);
    writer.close();
    out << "wrote " << out_path << ": " << writer.ticks() << " ticks in " << writer.records() << " records\n";
  } catch (const std::exception& e) {
    err << "breakwater capture convert: " << e.what() << "\n";
    return 1;
  }
  printCounts(merger.stats(), out);
  return 0;
}

}  // namespace bw::tools
