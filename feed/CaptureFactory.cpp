#include "feed/CaptureFactory.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include "feed/BinaryCaptureFormat.h"
#include "feed/BinaryCaptureReader.h"
#include "feed/CaptureReader.h"
#include "feed/CsvCaptureReader.h"
#include "feed/CsvTickParser.h"

namespace bw::feed {
namespace {

/// Enough for a CSV header line; JSON is the fallback, so a longer first line is JSON.
constexpr unsigned kSniffBytes = 4096;

struct Sniff {
  std::array<char, kSniffBytes> bytes{};
  std::size_t size = 0;
  bool gzip = false;  // the file itself is gzip (its own first bytes are the gzip magic)
};

/// The first decompressed bytes (zlib reads a plain file as it is).
Sniff sniff(const std::string& path) {
  Sniff s;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
  const int n = gzread(f, s.bytes.data(), kSniffBytes);
  s.gzip = gzdirect(f) == 0;
  gzclose(f);
  s.size = n > 0 ? static_cast<std::size_t>(n) : 0;  // a read error: the reader reports it
  return s;
}

bool isBinary(const Sniff& s) {
  return s.size >= binary::kMagic.size() && std::equal(binary::kMagic.begin(), binary::kMagic.end(), s.bytes.begin());
}

/// A first line of comma-separated names, two or more of them required tardis columns. Not
/// all: a header that lacks one should reach the CSV reader, which refuses it naming the
/// column, rather than the JSON reader, which would refuse every line.
bool isCsvHeader(const Sniff& s) {
  std::string_view text(s.bytes.data(), s.size);
  const std::size_t eol = text.find('\n');
  if (eol == std::string_view::npos && s.size == kSniffBytes) return false;
  std::string_view line = text.substr(0, eol);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t required = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::string_view name = line.substr(start, comma == std::string_view::npos ? line.npos : comma - start);
    required += static_cast<std::size_t>(
        std::count(CsvTickParser::kRequired.begin(), CsvTickParser::kRequired.end(), name));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return required >= 2;
}

}  // namespace

CaptureFormat detectCaptureFormat(const std::string& path) {
  const Sniff s = sniff(path);
  if (isBinary(s)) return s.gzip ? CaptureFormat::kGzipBinary : CaptureFormat::kBinary;
  if (isCsvHeader(s)) return CaptureFormat::kTardisCsv;
  return CaptureFormat::kJsonLines;
}

std::unique_ptr<TickSource> openCapture(const std::string& path, const InstrumentTable& instruments, MalformedLog& log,
                                        const TscClock& clock) {
  switch (detectCaptureFormat(path)) {
    case CaptureFormat::kBinary: return std::make_unique<BinaryCaptureReader>(path, instruments, log, clock);
    case CaptureFormat::kGzipBinary:
      throw std::runtime_error(path + ": a gzip'd binary capture: binary captures replay through mmap; gunzip it first");
    case CaptureFormat::kTardisCsv: return std::make_unique<CsvCaptureReader>(path, instruments, log, clock);
    case CaptureFormat::kJsonLines: break;
  }
  return std::make_unique<CaptureReader>(path, instruments, log, clock);
}

}  // namespace bw::feed
