#pragma once
// Every indicator of a BarIndicatorSet beside its bar's OHLCV, one CSV row per closed bar,
// so the indicators can be checked against another implementation (issue 5 point 5;
// `breakwater indicators` writes it).
//
// Columns, in order: ts,open,high,low,close,volume, then one per indicator named by its
// name(), with the default lengths:
//   vwap,vwap20,atr14,roc5,roc10,roc20,rvol20,volz20,imbalance,obv,adx14,plus_di14,
//   minus_di14,volregime100
// - ts: the bar's open time (Bar::start_ns) in whole milliseconds since the Unix epoch,
//   UTC. Time bars start on multiples of their interval (1 ms at least), so it is exact.
// - Prices, volume, the VWAPs, the ATR and OBV: the exact decimal of their 1e-8 fixed
//   point ("61837.63", trailing zeros trimmed), never through a double.
// - ROC (percent), rvol, volz, imbalance, ADX and the DIs are doubles in the shortest text
//   that parses back to the same double (std::to_chars).
// - volregime: low, normal or high.
// A cell is empty while its indicator warms up (ready() false; the DIs use diReady()).
//
// Tool code, not the engine's path: a row is built in a reused string, but formatDecimal
// allocates. Single thread.

#include <cstdint>
#include <ostream>
#include <string>

#include "feed/Bar.h"
#include "strategy/indicators/BarIndicatorSet.h"

namespace bw::indicators {

class IndicatorCsv {
 public:
  /// Builds the indicators and writes the header line to `out`, which must outlive this.
  /// Throws std::invalid_argument on a zero length (BarIndicatorSet). Cold path.
  IndicatorCsv(std::ostream& out, const BarIndicatorLengths& lengths);

  /// Folds one closed bar into the indicators, then writes its row (the indicators as they
  /// stand after this bar). Bars of one symbol and one series, in time order.
  void onBar(const feed::Bar& bar);

  [[nodiscard]] std::uint64_t rows() const noexcept { return rows_; }
  [[nodiscard]] const BarIndicatorSet& indicators() const noexcept { return indicators_; }

 private:
  std::ostream& out_;
  BarIndicatorSet indicators_;
  std::string line_;
  std::uint64_t rows_ = 0;
};

}  // namespace bw::indicators
