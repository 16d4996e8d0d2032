#pragma once
// `breakwater indicators CAPTURE... --bar 1s --csv OUT [--symbol S]`: builds time bars of
// one interval from the captures (any format, merged by receive time, as `replay` reads
// them), runs every bar indicator over them and writes one CSV row per closed bar
// (strategy/indicators/IndicatorCsv.h has the columns), so the indicators can be checked
// against another implementation (issue 5 point 5).
//
// Which bars become rows: every closed bar of the chosen symbol from its first trade on,
// flat ones included (an interval without a trade is a bar at the previous close with
// volume 0: the indicators see it, so the CSV shows it). A silence longer than [bars]
// max_flat_bars (3600) keeps only its last 3600 flat bars, as the engine does; ts then
// jumps. The bar still open when the captures end is not written.
//
// One symbol per file: the columns start with ts and have no symbol column, so
// a capture that trades more than one symbol needs --symbol (refused otherwise, naming
// the symbols); a capture of one symbol needs none.

#include <ostream>
#include <string>
#include <vector>

#include "strategy/indicators/BarIndicatorSet.h"

namespace bw::tools {

struct IndicatorsArgs {
  std::vector<std::string> captures;
  std::string bar = "1s";  ///< "500ms", "1s", "5m", "1h": [bars] time_intervals syntax, 1 ms to 24 h
  std::string csv_path;
  std::string symbol;  ///< empty: the one symbol the captures trade
  std::string config_path;  ///< empty: the built-in [signals] lengths; else that file's (validated)
};

/// Writes the CSV and prints one summary line to `out`. Returns 0 when written; 2 when
/// --bar is not an interval, --symbol is not a known instrument or never trades, the
/// captures trade several symbols and --symbol is missing, a capture cannot be opened or
/// read, the config is refused, or OUT is one of the captures; 1 when OUT cannot be written. Every refusal says
/// on `err` what is wrong; a partly written OUT is removed. Cold path.
int indicatorsCommand(const IndicatorsArgs& args, std::ostream& out, std::ostream& err);

}  // namespace bw::tools
