#include "pipeline/ReplaySummary.h"

#include <iomanip>
#include <sstream>

#include "core/Decimal.h"

namespace bw::pipeline {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

/// {"stage": {"count": n, "p50": .., "p99": .., "p999": .., "p9999": .., "max": ..}, ...}
std::string latencyJson(const std::map<std::string, StageLatency>& stages) {
  std::ostringstream o;
  o << "{";
  bool first = true;
  for (const auto& [stage, l] : stages) {
    o << (first ? "\n" : ",\n") << "    " << quoted(stage) << ": {\"count\": " << l.count << ", \"p50\": " << l.p50
      << ", \"p99\": " << l.p99 << ", \"p999\": " << l.p999 << ", \"p9999\": " << l.p9999
      << ", \"max\": " << l.max << "}";
    first = false;
  }
  o << "\n  }";
  return o.str();
}

/// One row per stage: count and percentiles, in ns.
void latencyTable(std::ostream& o, const char* title, const char* what,
                  const std::map<std::string, StageLatency>& stages) {
  o << "  " << title << std::left << std::setw(30) << what << std::right << std::setw(10) << "count" << std::setw(10)
    << "p50" << std::setw(10) << "p99" << std::setw(10) << "p99.9" << std::setw(10) << "p99.99" << std::setw(12)
    << "max" << "\n";
  for (const auto& [stage, l] : stages) {
    o << "                 " << std::left << std::setw(30) << stage << std::right << std::setw(10) << l.count
      << std::setw(10) << l.p50 << std::setw(10) << l.p99 << std::setw(10) << l.p999 << std::setw(10) << l.p9999
      << std::setw(12) << l.max << "\n";
  }
  o << std::left;
}

/// Fixed-point values go out as exact JSON numbers ("-12.5"), never through double.
std::string money(std::int64_t raw) { return formatDecimal(raw); }

std::string qualityJson(const SymbolQuality& q) {
  std::ostringstream o;
  o << "{\"score\": " << q.score << ", \"min_score\": " << q.min_score << ", \"ticks\": " << q.ticks
    << ", \"lag_p50_ns\": " << q.lag_p50_ns << ", \"lag_max_ns\": " << q.lag_max_ns
    << ", \"lag_floor_ns\": " << q.lag_floor_ns << ", \"lagged_ticks\": " << q.lagged_ticks
    << ", \"gaps\": " << q.gaps << ", \"out_of_order\": " << q.out_of_order << ", \"outliers\": " << q.outliers
    << ", \"stale_periods\": " << q.stale_periods << ", \"missing_fields\": " << q.missing_fields << "}";
  return o.str();
}

/// Milliseconds with one decimal, for the text summary.
std::string ms(std::int64_t ns) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << static_cast<double>(ns) / 1e6;
  return o.str();
}

}  // namespace

std::string toJson(const ReplaySummary& s) {
  std::ostringstream o;
  o << "{\n";
  o << "  \"captures\": [";
  for (std::size_t i = 0; i < s.captures.size(); ++i) o << (i ? ", " : "") << quoted(s.captures[i]);
  o << "],\n";
  o << "  \"simulated_capture\": " << (s.simulated_capture ? "true" : "false") << ",\n";
  o << "  \"lines\": " << s.lines << ",\n";
  o << "  \"ticks\": " << s.ticks << ",\n";
  o << "  \"trades\": " << s.trades << ",\n";
  o << "  \"clock_ticks\": " << s.clock_ticks << ",\n";
  o << "  \"malformed\": " << s.malformed << ",\n";
  o << "  \"unknown_symbol\": " << s.unknown_symbol << ",\n";
  o << "  \"non_monotonic\": " << s.non_monotonic << ",\n";
  o << "  \"book_gaps\": " << s.book_gaps << ",\n";
  o << "  \"book_resyncs\": " << s.book_resyncs << ",\n";
  o << "  \"book_stale_dropped\": " << s.book_stale_dropped << ",\n";
  o << "  \"feed_errors\": {";
  {
    bool first = true;
    for (const auto& [kind, count] : s.feed_errors) {
      o << (first ? "" : ", ") << quoted(kind) << ": " << count;
      first = false;
    }
  }
  o << "},\n";
  o << "  \"bars\": " << s.bars << ",\n";
  o << "  \"bars_by_series\": {";
  for (std::size_t i = 0; i < s.bars_by_series.size(); ++i) {
    o << (i ? ", " : "") << quoted(s.bars_by_series[i].first) << ": " << s.bars_by_series[i].second;
  }
  o << "},\n";
  o << "  \"flat_bars\": " << s.flat_bars << ",\n";
  o << "  \"flat_bars_skipped\": " << s.flat_bars_skipped << ",\n";
  o << "  \"decisions\": " << s.decisions << ",\n";
  o << "  \"entries\": " << s.entries << ",\n";
  o << "  \"exits\": " << s.exits << ",\n";
  o << "  \"cancels\": " << s.cancels << ",\n";
  const auto counts = [&o](const char* key, const std::map<std::string, std::uint64_t>& m) {
    o << "  \"" << key << "\": {";
    bool comma = false;
    for (const auto& [name, count] : m) {
      o << (comma ? ", " : "") << quoted(name) << ": " << count;
      comma = true;
    }
    o << "},\n";
  };
  counts("entry_policy", s.entry_policy);
  counts("entries_by_template", s.entries_by_template);
  o << "  \"gate_accepted\": " << s.gate_accepted << ",\n";
  o << "  \"orders_sent\": " << s.orders_sent << ",\n";
  o << "  \"cancels_sent\": " << s.cancels_sent << ",\n";
  o << "  \"replaces_sent\": " << s.replaces_sent << ",\n";
  o << "  \"replaces_refused\": " << s.replaces_refused << ",\n";
  o << "  \"mass_cancels_sent\": " << s.mass_cancels_sent << ",\n";
  o << "  \"send_failures\": " << s.send_failures << ",\n";
  o << "  \"acks\": " << s.acks << ",\n";
  o << "  \"fills\": " << s.fills << ",\n";
  o << "  \"partial_fills\": " << s.partial_fills << ",\n";
  o << "  \"canceled\": " << s.canceled << ",\n";
  o << "  \"venue_rejects\": " << s.venue_rejects << ",\n";
  o << "  \"cancel_rejects\": " << s.cancel_rejects << ",\n";
  o << "  \"unknown_execs\": " << s.unknown_execs << ",\n";
  counts("bad_fix_messages", s.bad_fix_messages);
  o << "  \"bad_fix_journaled\": " << s.bad_fix_journaled << ",\n";
  o << "  \"bad_fix_raw_dropped\": " << s.bad_fix_raw_dropped << ",\n";
  o << "  \"working_at_end\": " << s.working_at_end << ",\n";
  o << "  \"feed_queue_full\": " << s.feed_queue_full << ",\n";
  o << "  \"lockstep\": " << (s.lockstep ? "true" : "false") << ",\n";
  o << "  \"lockstep_timeouts\": " << s.lockstep_timeouts << ",\n";
  o << "  \"desyncs\": {";
  bool first_desync = true;
  for (const auto& [kind, count] : s.desyncs) {
    o << (first_desync ? "" : ", ") << quoted(kind) << ": " << count;
    first_desync = false;
  }
  o << "},\n";
  o << "  \"lifecycle_errors\": " << s.lifecycle_errors << ",\n";
  o << "  \"rejects\": {";
  bool first = true;
  for (const auto& [code, count] : s.rejects) {
    o << (first ? "" : ", ") << quoted(code) << ": " << count;
    first = false;
  }
  o << "},\n";
  o << "  \"shadow_enabled\": " << (s.shadow_enabled ? "true" : "false") << ",\n";
  o << "  \"shadow_rejects\": {";
  first = true;
  for (const auto& [code, count] : s.shadow_rejects) {
    o << (first ? "" : ", ") << quoted(code) << ": " << count;
    first = false;
  }
  o << "},\n";
  o << "  \"instance\": " << quoted(s.instance) << ",\n";
  o << "  \"mode\": " << quoted(s.mode) << ",\n";
  o << "  \"kills\": [";
  for (std::size_t i = 0; i < s.kills.size(); ++i) o << (i ? ", " : "") << quoted(s.kills[i]);
  o << "],\n";
  o << "  \"auto_kills\": " << s.auto_kills << ",\n";
  o << "  \"kill_cancels\": " << s.kill_cancels << ",\n";
  o << "  \"kill_mass_cancels\": " << s.kill_mass_cancels << ",\n";
  o << "  \"mass_cancels_refused\": " << s.mass_cancels_refused << ",\n";
  o << "  \"flatten_orders\": " << s.flatten_orders << ",\n";
  o << "  \"stopped_by_kill\": " << s.stopped_by_kill << ",\n";
  o << "  \"throttled\": " << s.throttled << ",\n";
  o << "  \"send_path_warm_ups\": " << s.send_path_warm_ups << ",\n";
  o << "  \"decision_path_warm_ups\": " << s.decision_path_warm_ups << ",\n";
  o << "  \"journal\": {\"path\": " << quoted(s.journal_path) << ", \"events\": " << s.journal_events
    << ", \"dropped\": " << s.journal_dropped << "},\n";
  o << "  \"compliance_csv\": {\"path\": " << quoted(s.compliance_csv) << ", \"rows\": " << s.compliance_rows << "},\n";
  o << "  \"position\": {";
  for (std::size_t i = 0; i < s.symbols.size(); ++i) {
    o << (i ? ", " : "") << quoted(s.symbols[i].symbol) << ": " << money(s.symbols[i].position);
  }
  o << "},\n";
  o << "  \"symbols\": [";
  for (std::size_t i = 0; i < s.symbols.size(); ++i) {
    const SymbolSummary& y = s.symbols[i];
    o << (i ? ", " : "") << "{\"symbol\": " << quoted(y.symbol) << ", \"position\": " << money(y.position)
      << ", \"realized_pnl\": " << money(y.realized_pnl) << ", \"unrealized_pnl\": " << money(y.unrealized_pnl)
      << ", \"last_price\": " << money(y.last_price) << ", \"strategy_position\": " << money(y.strategy_position)
      << ", \"quality\": " << qualityJson(y.quality) << "}";
  }
  o << "],\n";
  o << "  \"realized_pnl\": " << money(s.realized_pnl) << ",\n";
  o << "  \"unrealized_pnl\": " << money(s.unrealized_pnl) << ",\n";
  o << "  \"latency_ns\": " << latencyJson(s.latency_ns) << ",\n";
  if (!s.floors.empty()) o << "  \"floors\": " << latencyJson(s.floors) << ",\n";
  o << "  \"cores\": {";
  first = true;
  for (const auto& [thread, core] : s.cores) {
    o << (first ? "" : ", ") << quoted(thread) << ": " << core;
    first = false;
  }
  o << "},\n";
  o << "  \"idle\": {";
  first = true;
  for (const auto& [thread, mode] : s.idle) {
    o << (first ? "" : ", ") << quoted(thread) << ": " << quoted(mode);
    first = false;
  }
  o << "},\n";
  o << "  \"wall_seconds\": " << std::fixed << std::setprecision(3) << s.wall_seconds << "\n";
  o << "}\n";
  return o.str();
}

std::string toText(const ReplaySummary& s) {
  std::ostringstream o;
  o << "Breakwater replay summary\n";
  o << "  captures       ";
  for (const auto& c : s.captures) o << c << " ";
  o << (s.simulated_capture ? "(generated by the seeded market simulator)" : "") << "\n";
  o << "  feed           " << s.lines << " lines, " << s.ticks << " ticks (" << s.trades << " trades), "
    << s.malformed << " malformed, " << s.unknown_symbol << " unknown symbol, " << s.bars << " strategy bars, " << s.clock_ticks
    << " clock ticks\n";
  o << "  bars           ";
  for (const auto& [series, count] : s.bars_by_series) o << series << "=" << count << " ";
  o << "(" << s.flat_bars << " flat, " << s.flat_bars_skipped << " flat skipped past the cap)\n";
  if (!s.feed_errors.empty() || s.non_monotonic != 0) {
    o << "  feed errors    ";
    for (const auto& [kind, count] : s.feed_errors) o << kind << "=" << count << " ";
    o << s.non_monotonic << " out-of-order receive times (kept)\n";
  }
  o << "  book           " << s.book_gaps << " sequence gaps, " << s.book_resyncs << " resyncs, " << s.book_stale_dropped
    << " stale updates dropped\n";
  o << "  decisions      " << s.decisions << " (" << s.entries << " entries, " << s.exits << " exits, " << s.cancels
    << " cancels)\n";
  o << "  entry policy   ";
  for (const auto& [reason, count] : s.entry_policy) o << reason << "=" << count << " ";
  o << "| entries by template: ";
  for (const auto& [name, count] : s.entries_by_template) o << name << "=" << count << " ";
  o << "\n";
  o << "  risk gate      " << s.gate_accepted << " accepted\n";
  o << "  FIX            " << s.orders_sent << " orders sent, " << s.cancels_sent << " cancels sent, "
    << s.replaces_sent << " replaces sent (" << s.replaces_refused << " refused), " << s.mass_cancels_sent
    << " mass cancels sent, " << s.acks
    << " acks, " << s.fills << " fills (" << s.partial_fills << " partial), " << s.canceled << " canceled, "
    << s.venue_rejects << " venue rejects, " << s.send_failures << " send failures\n";
  if (!s.bad_fix_messages.empty() || s.bad_fix_raw_dropped != 0) {
    o << "  bad FIX        ";
    for (const auto& [kind, count] : s.bad_fix_messages) o << kind << "=" << count << " ";
    o << "(" << s.bad_fix_journaled << " journaled raw as BAD_FIX, " << s.bad_fix_raw_dropped
      << " raw texts dropped)\n";
  }
  if (s.lockstep) o << "  venue          lock-step in market time, " << s.lockstep_timeouts << " timeouts\n";
  o << "  reconciliation ";
  if (s.desyncs.empty()) o << "books agree with every report";
  for (const auto& [kind, count] : s.desyncs) o << kind << "=" << count << " ";
  o << " (" << s.lifecycle_errors << " reports the order state machines did not apply)\n";
  o << "  rejects        ";
  if (s.rejects.empty()) o << "none";
  for (const auto& [code, count] : s.rejects) o << code << "=" << count << " ";
  o << "\n";
  if (s.shadow_enabled) {
    o << "  shadow limits  would have rejected: ";
    if (s.shadow_rejects.empty()) o << "none";
    for (const auto& [code, count] : s.shadow_rejects) o << code << "=" << count << " ";
    o << "(never blocking)\n";
  }
  o << "  control        mode " << s.mode << (s.instance.empty() ? ", private control block" : ", instance " + s.instance)
    << ", " << s.auto_kills << " automatic kills, " << s.kill_cancels << " orders canceled by kills ("
    << s.kill_mass_cancels << " mass cancels, " << s.mass_cancels_refused << " refused), " << s.flatten_orders
    << " flatten orders, " << s.stopped_by_kill << " held at send by a kill, " << s.throttled
    << " held by the outgoing throttle\n";
  for (const auto& k : s.kills) o << "  kill switch    " << k << "\n";
  o << "  journal        " << s.journal_path << " (" << s.journal_events << " events, " << s.journal_dropped
    << " dropped)\n";
  if (!s.compliance_csv.empty()) o << "  compliance     " << s.compliance_csv << " (" << s.compliance_rows << " orders)\n";
  for (const auto& y : s.symbols) {
    o << "  " << std::left << std::setw(14) << y.symbol << " position " << formatDecimal(y.position) << ", realized "
      << formatDecimal(y.realized_pnl) << ", unrealized " << formatDecimal(y.unrealized_pnl) << " (last "
      << formatDecimal(y.last_price) << ")\n";
  }
  for (const auto& y : s.symbols) {
    if (y.quality.ticks == 0) continue;
    const SymbolQuality& q = y.quality;
    o << "  " << std::left << std::setw(14) << y.symbol << " data quality " << q.score << " (min " << q.min_score
      << "): lag p50 " << ms(static_cast<std::int64_t>(q.lag_p50_ns)) << " ms, max "
      << ms(static_cast<std::int64_t>(q.lag_max_ns)) << " ms above a floor of " << ms(q.lag_floor_ns) << " ms ("
      << q.lagged_ticks << " late ticks), " << q.gaps << " gaps, " << q.out_of_order << " out of order, "
      << q.outliers << " outliers, " << q.stale_periods << " stale periods, " << q.missing_fields
      << " missing fields (feed-wide)\n";
  }
  o << "  P&L            realized " << formatDecimal(s.realized_pnl) << ", unrealized "
    << formatDecimal(s.unrealized_pnl) << " (quote currency)\n";
  latencyTable(o, "latency (ns)   ", "stage", s.latency_ns);
  if (!s.floors.empty()) latencyTable(o, "floors (ns)    ", "floor", s.floors);
  o << std::left << "  threads        ";
  for (const auto& [thread, core] : s.cores) {
    o << thread << "@core" << core;
    if (const auto mode = s.idle.find(thread); mode != s.idle.end()) o << "(" << mode->second << ")";
    o << " ";
  }
  o << "\n  wall time      " << std::fixed << std::setprecision(3) << s.wall_seconds << " s\n";
  return o.str();
}

}  // namespace bw::pipeline
