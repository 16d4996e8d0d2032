#include "feed/CsvCaptureReader.h"

#include <stdexcept>
#include <string_view>
#include <utility>

namespace bw::feed {

CsvCaptureReader::CsvCaptureReader(std::string path, const InstrumentTable& instruments, MalformedLog& log,
                                   const TscClock& clock)
    : path_(std::move(path)), clock_(clock), log_(log), lines_(path_, 0), parser_(instruments) {
  std::string_view header;
  if (!lines_.next(header)) throw std::runtime_error(path_ + ": empty CSV capture: no header line");
  file_line_ = 1;
  const std::string wrong = parser_.setHeader(header);
  if (!wrong.empty()) {
    std::string what = path_;
    what += ":1: CSV header refused: ";
    what += wrong;
    throw std::runtime_error(what);
  }
}

void CsvCaptureReader::finish() {
  if (finished_) return;
  finished_ = true;
  if (!lines_.error().empty()) {
    stats_.refuse(ParseError::kTruncatedFile);
    ++skipped_in_file_;
    log_.reportFile(path_, file_line_, "gzip stream ends in error after this line: " + lines_.error());
  }
  log_.finishFile(path_, skipped_in_file_);
}

bool CsvCaptureReader::next(Tick& tick) {
  std::string_view row;
  while (lines_.next(row)) {
    ++file_line_;
    ++stats_.lines;
    const std::uint64_t start_tsc = TscClock::now();
    const ParseResult r = parser_.parse(row, tick);
    const std::uint64_t done_tsc = TscClock::now();
    parse_latency_.record(clock_.toNs(done_tsc - start_tsc));
    if (!r.ok()) {
      stats_.refuse(r.error);
      log_.report(path_, file_line_, r, ++skipped_in_file_);
      continue;
    }
    tick.parsed_tsc = done_tsc;
    tick.arrival_tsc = start_tsc;
    stats_.countTick(tick, last_recv_ns_);  // a trade: the CSV holds nothing else
    return true;
  }
  finish();
  return false;
}

}  // namespace bw::feed
