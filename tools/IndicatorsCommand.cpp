#include "tools/IndicatorsCommand.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "core/Config.h"
#include "strategy/indicators/LengthsFromConfig.h"
#include "core/DurationText.h"
#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/BarSet.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/MalformedLog.h"
#include "strategy/indicators/IndicatorCsv.h"

namespace bw::tools {
namespace {

constexpr const char* kPrefix = "breakwater indicators: ";
constexpr std::int64_t kMaxBarMs = 86'400'000;  // as [bars] time_intervals

/// The one time series the CSV reads: no tick or volume bars.
BarsConfig oneTimeSeries(std::int64_t interval_ms) {
  BarsConfig c;
  c.time_intervals_ms = {interval_ms};
  c.tick_bar_trades = 0;
  c.volume_bar_qty = Qty{0};
  return c;
}

std::string knownSymbols(const InstrumentTable& instruments) {
  std::string names;
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    if (i != 0) names += ", ";
    names += instruments[static_cast<SymbolId>(i)].name();
  }
  return names;
}

/// Reads the captures into bars of one symbol (`wanted`, or the first to trade when that is
/// kNoSymbol; set into `symbol`) and hands them to the CSV. Returns 0, or 2 after writing to
/// `err` why the captures cannot give one symbol's bars.
int writeRows(feed::CaptureMerger& merger, feed::BarSet& bars, SymbolId wanted, const InstrumentTable& instruments,
              indicators::IndicatorCsv& csv, SymbolId& symbol, std::uint64_t& flat_rows, std::ostream& err) {
  symbol = wanted;
  bool traded = false;
  Tick tick;
  while (merger.next(tick)) {
    if (tick.kind == TickKind::kTrade && tick.symbol != kNoSymbol) {
      if (symbol == kNoSymbol) symbol = tick.symbol;  // no --symbol: the first to trade
      if (tick.symbol == symbol) {
        traded = true;
      } else if (wanted == kNoSymbol) {
        err << kPrefix << "the captures trade " << instruments[symbol].name() << " and "
            << instruments[tick.symbol].name() << ": pick one with --symbol\n";
        return 2;
      }
    }
    bars.onTick(tick, [&](const feed::Bar& bar) {
      if (bar.symbol != symbol) return;
      csv.onBar(bar);
      if (bar.flat()) ++flat_rows;
    });
  }
  if (!traded) {
    err << kPrefix << (wanted == kNoSymbol ? std::string("the captures hold no trade")
                                           : std::string(instruments[wanted].name()) + " never trades in the captures")
        << "\n";
    return 2;
  }
  if (csv.rows() == 0) {
    err << kPrefix << "no closed bar of " << instruments[symbol].name() << ": the captures end inside its first bar\n";
    return 2;
  }
  return 0;
}

}  // namespace

int indicatorsCommand(const IndicatorsArgs& args, std::ostream& out, std::ostream& err) {
  std::int64_t interval_ms = 0;
  if (!parseDurationMs(args.bar, interval_ms) || interval_ms > kMaxBarMs) {
    err << kPrefix << "--bar '" << args.bar
        << "' is not an interval from 1ms to 24h such as 500ms, 1s, 5m, 1h (as [bars] time_intervals)\n";
    return 2;
  }
  Config config;  // the built-in [signals] lengths unless --config names a file
  if (!args.config_path.empty()) {
    try {
      config = loadConfig(args.config_path);
    } catch (const std::exception& e) {
      err << kPrefix << e.what() << "\n";
      return 2;
    }
  }
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  SymbolId wanted = kNoSymbol;
  if (!args.symbol.empty()) {
    wanted = instruments.find(args.symbol);
    if (wanted == kNoSymbol) {
      err << kPrefix << "unknown symbol '" << args.symbol << "' (known: " << knownSymbols(instruments) << ")\n";
      return 2;
    }
  }
  for (const std::string& in : args.captures) {
    std::error_code ec;
    if (std::filesystem::equivalent(in, args.csv_path, ec)) {
      err << kPrefix << "output " << args.csv_path << " is also a capture\n";
      return 2;
    }
  }

  const TscClock clock = TscClock::calibrate(5);
  feed::MalformedLog log(err);
  std::vector<std::unique_ptr<feed::TickSource>> sources;
  try {
    for (const std::string& in : args.captures) sources.push_back(feed::openCapture(in, instruments, log, clock));
  } catch (const std::exception& e) {
    err << kPrefix << e.what() << "\n";
    return 2;
  }
  feed::CaptureMerger merger(sources);
  feed::BarSet bars(oneTimeSeries(interval_ms));

  std::ofstream file(args.csv_path, std::ios::binary | std::ios::trunc);
  if (!file) {
    err << kPrefix << "cannot write " << args.csv_path << "\n";
    return 1;
  }
  indicators::IndicatorCsv csv(file, indicators::barIndicatorLengthsFrom(config.signals));
  int rc = 0;
  SymbolId symbol = kNoSymbol;
  std::uint64_t flat_rows = 0;
  try {
    rc = writeRows(merger, bars, wanted, instruments, csv, symbol, flat_rows, err);
  } catch (const std::exception& e) {  // a capture that fails mid-read
    err << kPrefix << e.what() << "\n";
    rc = 2;
  }
  file.close();
  if (rc == 0 && !file) {
    err << kPrefix << "cannot write " << args.csv_path << " (write failed)\n";
    rc = 1;
  }
  if (rc != 0) {
    std::error_code ec;
    std::filesystem::remove(args.csv_path, ec);
    return rc;
  }
  out << "wrote " << args.csv_path << ": " << csv.rows() << " rows of " << args.bar << " bars of "
      << instruments[symbol].name() << " (" << flat_rows << " flat)";
  if (const std::uint64_t skipped = bars.flatSkipped(0); skipped != 0) {
    out << ", " << skipped << " flat bars of long silences left out (any symbol)";
  }
  out << "\n";
  return 0;
}

}  // namespace bw::tools
