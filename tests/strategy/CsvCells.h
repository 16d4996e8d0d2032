#pragma once
// Reading back the CSV `breakwater indicators` writes, for its tests: the cells of one line
// (no quoting: no cell holds a comma) and the lines of a text.

#include <sstream>
#include <string>
#include <vector>

namespace bw::indicators::test {

inline std::vector<std::string> csvCells(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

inline std::vector<std::string> textLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// The header with the default lengths (BarIndicatorLengths{}).
inline constexpr const char* kDefaultHeader =
    "ts,open,high,low,close,volume,vwap,vwap20,atr14,roc5,roc10,roc20,rvol20,volz20,imbalance,obv,adx14,"
    "plus_di14,minus_di14,volregime100";

}  // namespace bw::indicators::test
