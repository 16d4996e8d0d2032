#pragma once
// A seeded market simulator that writes a capture in the exact format of the recorded
// Binance captures (see TickParser.h): a REST depth snapshot, then trades, bookTicker
// quotes and depth updates in receive-time order, gzipped. It is what `./tools/demo`
// replays on a fresh clone without ../shared/data, and what tests use when they need a
// market with known properties.
//
// The price is a mean-reverting walk in whole ticks around a slowly drifting anchor, with
// occasional shocks that revert over the following seconds: the kind of move the first
// strategy (VWAP band scaled by ATR) trades, so a replay of it sends orders that fill.
// Only integer arithmetic on the raw output of std::mt19937_64 (whose sequence the
// standard fixes): the same seed gives the same file with any standard library.
//
// Cold path: a command-line tool and test helper, not part of the pipeline.

#include <cstdint>
#include <string>

namespace bw::feed {

struct SimulatorConfig {
  std::uint64_t seed = 42;
  std::string symbol = "BTCUSDT";  ///< must be in InstrumentTable::withDefaults()
  int seconds = 600;               ///< market time covered
  std::int64_t start_ns = 1'723'161'600'000'000'000;  ///< 2024-08-09 00:00:00 UTC
  std::int64_t start_price_ticks = 0;  ///< 0: a typical price for the symbol
  std::uint32_t trades_per_second = 20;
};

struct SimulatorStats {
  std::uint64_t lines = 0;
  std::uint64_t trades = 0;
  std::uint64_t quotes = 0;
  std::uint64_t depth_updates = 0;
};

/// Writes the capture (gzip). Throws std::invalid_argument for an unknown symbol or a
/// non-positive length or rate, std::runtime_error when the file cannot be written.
SimulatorStats writeSimulatedCapture(const std::string& path, const SimulatorConfig& config);

}  // namespace bw::feed
