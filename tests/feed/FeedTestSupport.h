#pragma once
// Helpers for the feed suites: capture files written to a per-test temp folder, plain or
// gzipped, and lines copied into padded buffers for the parser.

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "feed/TickParser.h"
#include "TestTempDir.h"

namespace bw::feed::test {

inline std::filesystem::path tempDir(const std::string& name) {
  const auto dir = bw::test::testTempDir("feed-test-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string joinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& l : lines) {
    text += l;
    text += '\n';
  }
  return text;
}

inline void writePlain(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline void writeGzip(const std::filesystem::path& path, const std::string& text) {
  gzFile f = gzopen(path.string().c_str(), "wb");
  if (f == nullptr) throw std::runtime_error("cannot write " + path.string());
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
}

/// A line with the padding TickParser needs behind it.
class PaddedLine {
 public:
  explicit PaddedLine(std::string_view line) : buffer_(line), size_(line.size()) {
    buffer_.append(TickParser::kPadding, ' ');
  }
  [[nodiscard]] std::string_view view() const noexcept { return std::string_view(buffer_.data(), size_); }

 private:
  std::string buffer_;
  std::size_t size_;
};

// Lines in the recorded captures' format (../shared/data/README.md), with its example values.
inline constexpr std::string_view kTradeLine =
    R"(1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}})";
inline constexpr std::string_view kQuoteLine =
    R"(1723161254087891268 {"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}})";
inline constexpr std::string_view kDepthLine =
    R"(1723161254036059768 {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255308,"s":"BTCUSDT","U":50093239203,"u":50093239207,"b":[["55653.87000000","0.00000000"]],"a":[["61838.04000000","0.32332000"],["61844.30000000","0.40163000"],["61862.50000000","0.05019000"],["61862.51000000","0.00000000"]]}})";
inline constexpr std::string_view kSnapshotLine =
    R"(1723161254206652067 {"lastUpdateId":50093239218,"bids":[["61837.63000000","3.78826000"],["61837.62000000","0.61700000"]],"asks":[["61837.64000000","1.54698000"],["61837.70000000","0.10000000"]]})";

}  // namespace bw::feed::test
