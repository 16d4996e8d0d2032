#include "core/Config.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/Decimal.h"
#include "core/LimitText.h"
#include "core/Order.h"
#include "core/StrategyConfigReader.h"
#include "core/TableReader.h"

namespace bw {

const char* executionModeName(ExecutionMode m) noexcept {
  switch (m) {
    case ExecutionMode::kDryRun: return "DRY_RUN";
    case ExecutionMode::kPaper: return "PAPER";
    case ExecutionMode::kLive: return "LIVE";
  }
  return "UNKNOWN";
}

namespace {

using config_detail::cat;
using config_detail::num;
using config_detail::parseDurationMs;
using config_detail::TableReader;

constexpr std::int64_t kMaxMoney = limit_bounds::kMoney;  // quote units: no sane value is above 1e9

// The order table holds at most 4096 working orders; the limit's own bound keeps a config
// from asking for more. Raising that bound in LimitSet.h must come with a bigger table.
static_assert(limitInfo(LimitKey::kMaxOpenOrders).max <= 4'096, "max_open_orders beyond the order table");

constexpr std::size_t kTokenMinChars = 8;
constexpr std::size_t kTokenMaxChars = 128;

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// Relations between limits that no single bound can express. Same rules for the shadow set.
void checkLimitRules(const TableReader& t, const LimitValues& v) {
  const auto rule = [&](LimitKey small, LimitKey big) {
    if (v[small] > v[big]) {
      const char* a = limitInfo(small).name;
      const char* b = limitInfo(big).name;
      t.failRule(a, cat({"must not exceed ", b, " (", formatDecimal(v[small]), " > ", formatDecimal(v[big]), ")"}));
    }
  };
  rule(LimitKey::kMaxOrderNotional, LimitKey::kMaxTotalNotional);
  rule(LimitKey::kMaxSymbolGrossNotional, LimitKey::kMaxTotalNotional);
  rule(LimitKey::kMaxLossPerTrade, LimitKey::kMaxOpenRisk);
}

constexpr std::array<std::pair<std::string_view, TimeInForce>, 3> kTifNames = {{
    {"DAY", TimeInForce::kDay},
    {"GTC", TimeInForce::kGtc},
    {"IOC", TimeInForce::kIoc},
}};

void readLimits(TableReader& t, LimitsConfig& l) {
  if (!t.present()) {
    throw ConfigError("missing table [limits]: every limit of core/LimitSet.h is required");
  }
  for (std::size_t i = 0; i < kLimitCount; ++i) t.limit(static_cast<LimitKey>(i), l.values, true);

  std::uint8_t mask = 0;
  if (t.stringList("allowed_tif", false, [&](const std::string& text, const toml::node& item) {
        const auto it = std::find_if(kTifNames.begin(), kTifNames.end(), [&](const auto& p) { return p.first == text; });
        if (it == kTifNames.end()) {
          t.failKey(item, "allowed_tif", cat({"'", text, "' is not a time in force (DAY, GTC or IOC)"}));
        }
        mask = static_cast<std::uint8_t>(mask | (1u << static_cast<unsigned>(it->second)));
      })) {
    l.allowed_tif_mask = mask;
  }

  std::vector<std::string> symbols;
  t.stringList("restricted_symbols", true, [&](const std::string& text, const toml::node& item) {
    if (std::any_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; })) {
      t.failKey(item, "restricted_symbols", cat({"'", text, "' must not contain spaces"}));
    }
    symbols.push_back(text);
  });
  l.restricted_symbols = std::move(symbols);

  checkLimitRules(t, l.values);
}

void readShadowLimits(TableReader& t, const LimitsConfig& live, ShadowLimitsConfig& s) {
  if (!t.present()) return;
  s.enabled = true;
  t.boolean("enabled", s.enabled, false);
  s.values = live.values;
  for (std::size_t i = 0; i < kLimitCount; ++i) t.limit(static_cast<LimitKey>(i), s.values, false);
  checkLimitRules(t, s.values);
}

void readKill(TableReader& t, KillConfig& k) {
  t.boolean("flatten_on_kill", k.flatten_on_kill, false);
  t.integer("max_kills_per_day", k.max_kills_per_day, 1, 100, false);
  t.integer("dry_run_loss_pct", k.dry_run_loss_pct, 100, 1'000, false);
}

void readLive(TableReader& t, const toml::table& root, const std::string& source, LiveConfig& l) {
  std::string mode;
  t.string("mode", mode, false);
  if (mode == "dry_run") {
    l.mode = ExecutionMode::kDryRun;
  } else if (mode == "paper") {
    l.mode = ExecutionMode::kPaper;
  } else if (mode == "live") {
    l.mode = ExecutionMode::kLive;
  } else if (!mode.empty()) {
    const auto line = root["live"]["mode"].node()->source().begin.line;
    throw ConfigError(cat({source, ":", num(static_cast<std::int64_t>(line)),
                           ": [live] mode: must be \"dry_run\", \"paper\" or \"live\" (got \"", mode, "\")"}));
  }
  t.secret("confirm_token", l.confirm_token, kTokenMinChars, kTokenMaxChars);
  t.integer("promotion_min_trades", l.promotion_min_trades, 1, 1'000'000, false);
  t.decimal("promotion_max_drawdown", l.promotion_max_drawdown.raw, kMaxMoney, false);
  t.decimal("promotion_min_sharpe", l.promotion_min_sharpe, 1'000, false, /*allow_zero=*/true);
  t.integer("promotion_min_fill_rate_pct", l.promotion_min_fill_rate_pct, 1, 100, false);
  t.integer("promotion_max_latency_p95_us", l.promotion_max_latency_p95_us, 1, 10'000'000, false);
}

void readStrategy(TableReader& t, StrategyConfig& s) {
  t.integer("bar_interval_ms", s.bar_interval_ms, 100, 3'600'000, false);
  t.decimal("order_notional", s.order_notional.raw, kMaxMoney, false);
  t.integer("exit_slippage_bps", s.exit_slippage_bps, 0, 1'000, false);
  t.boolean("replace_target_on_stop", s.replace_target_on_stop, false);
}

constexpr std::size_t kMaxBarIntervals = 6;  // feed::BarSet::kMaxTimeSeries (core cannot include feed)

void readBars(TableReader& t, BarsConfig& b) {
  std::vector<std::int64_t> intervals;
  if (t.stringList("time_intervals", false, [&](const std::string& text, const toml::node& item) {
        std::int64_t ms = 0;
        if (!parseDurationMs(text, ms) || ms > 86'400'000) {
          t.failKey(item, "time_intervals",
                    cat({"'", text, "' is not a duration from 1ms to 24h such as \"500ms\", \"1s\", \"5m\", \"1h\""}));
        }
        if (!intervals.empty() && ms <= intervals.back()) {
          t.failKey(item, "time_intervals", cat({"'", text, "' must be longer than the interval before it"}));
        }
        intervals.push_back(ms);
      })) {
    if (intervals.size() > kMaxBarIntervals) {
      t.failRule("time_intervals", cat({"at most ", num(static_cast<std::int64_t>(kMaxBarIntervals)), " intervals"}));
    }
    b.time_intervals_ms = std::move(intervals);
  }
  t.integer("tick_bar_trades", b.tick_bar_trades, 0, 1'000'000, false);
  std::string qty;
  t.string("volume_bar_qty", qty, false);
  if (!qty.empty()) {
    std::int64_t raw = 0;
    const DecimalError err = parseDecimal(qty, raw);
    if (err != DecimalError::kOk) {
      t.failRule("volume_bar_qty", cat({"'", qty, "' is not a plain decimal with at most 8 places (",
                                        decimalErrorName(err), ")"}));
    }
    if (raw < 0 || raw > kMaxMoney * kScale) {
      t.failRule("volume_bar_qty", cat({"must be >= 0 (0: no volume bars) and <= ", num(kMaxMoney), " (got ", qty, ")"}));
    }
    b.volume_bar_qty = Qty{raw};
  }
  t.integer("max_flat_bars", b.max_flat_bars, 0, 1'000'000, false);
}

/// One of [cores]' idle keys, if present: the mode it names, or a ConfigError on its line.
void readIdle(TableReader& t, const toml::table& root, const std::string& source, const char* key, IdleMode& mode) {
  std::string word = idleModeName(mode);
  t.string(key, word, false);
  const auto named = idleModeNamed(word);
  if (!named) {
    const auto line = root["cores"][key].node()->source().begin.line;
    throw ConfigError(cat({source, ":", num(static_cast<std::int64_t>(line)), ": [cores] ", key,
                           ": must be \"spin\", \"yield\" or \"backoff\" (got \"", word, "\")"}));
  }
  mode = *named;
}

void readCores(TableReader& t, const toml::table& root, const std::string& source, CoresConfig& c) {
  t.integer("feed", c.feed, -1, 1'023, false);
  t.integer("engine", c.engine, -1, 1'023, false);
  t.integer("order", c.order, -1, 1'023, false);
  t.integer("helpers", c.helpers, -1, 1'023, false);
  IdleMode all = c.engine_idle;
  readIdle(t, root, source, "idle", all);
  c.feed_idle = c.engine_idle = c.order_idle = all;
  readIdle(t, root, source, "feed_idle", c.feed_idle);
  readIdle(t, root, source, "engine_idle", c.engine_idle);
  readIdle(t, root, source, "order_idle", c.order_idle);
}

/// [quality]: every threshold and weight of the data-quality score (feed/DataQuality.h).
void readQuality(TableReader& t, QualityConfig& q) {
  t.integer("recovery_ms", q.recovery_ms, 1'000, 3'600'000, false);
  t.integer("lag_threshold_ms", q.lag_threshold_ms, 1, 3'600'000, false);
  t.integer("lag_weight", q.lag_weight, 0, 100, false);
  t.integer("gap_weight", q.gap_weight, 0, 100, false);
  t.integer("out_of_order_weight", q.out_of_order_weight, 0, 100, false);
  t.integer("outlier_weight", q.outlier_weight, 0, 100, false);
  t.decimal("outlier_band", q.outlier_band, 1'000, false);
  t.integer("outlier_min_band_bps", q.outlier_min_band_bps, 0, 10'000, false);
  t.integer("outlier_window_trades", q.outlier_window_trades, 2, 65'536, false);
  t.integer("outlier_warmup_trades", q.outlier_warmup_trades, 1, 1'000'000, false);
  t.integer("missing_field_weight", q.missing_field_weight, 0, 100, false);
  t.integer("stale_ms", q.stale_ms, 1, 86'400'000, false);
  t.integer("stale_weight", q.stale_weight, 0, 100, false);
  if ((q.outlier_window_trades & (q.outlier_window_trades - 1)) != 0) {
    t.failRule("outlier_window_trades", cat({"must be a power of two (got ", num(q.outlier_window_trades), ")"}));
  }
}

/// A TOML syntax error on the token's line may quote the text around it: withhold it. So
/// too on any line whose message quotes the start of a token's text (a multi-line string).
std::string parseErrorText(const toml::parse_error& e, const std::vector<std::string>& lines) {
  constexpr std::string_view kWithheld =
      "syntax error near the confirm_token line (details withheld: they may quote the token)";
  const std::string_view description = e.description();
  const std::size_t line = e.source().begin.line;
  if (line >= 1 && line <= lines.size() && lines[line - 1].find("confirm_token") != std::string::npos) {
    return std::string(kWithheld);
  }
  for (const std::string& l : lines) {
    const std::size_t key = l.find("confirm_token");
    const std::size_t eq = key == std::string::npos ? std::string::npos : l.find('=', key);
    if (eq == std::string::npos) continue;
    std::string value = l.substr(eq + 1);
    std::erase_if(value, [](char c) { return c == ' ' || c == '\t' || c == '"' || c == '\''; });
    if (value.size() > 4) value.resize(4);  // any 4 characters of the token's start is too many
    if (!value.empty() && description.find(value) != std::string_view::npos) return std::string(kWithheld);
  }
  return std::string(description);
}

}  // namespace

Config parseConfig(const std::string& text, const std::string& source_name) {
  const std::vector<std::string> lines = splitLines(text);
  toml::table root;
  try {
    root = toml::parse(std::string_view(text), std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    throw ConfigError(cat({source_name, ":", num(static_cast<std::int64_t>(e.source().begin.line)), ": ",
                           parseErrorText(e, lines)}));
  }
  Config config;
  config.source = source_name;

  static const std::set<std::string> kTables = {"limits", "shadow_limits", "strategy", "bars",    "cores",  "fix",
                                                "replay", "kill",          "live",     "journal", "quality",
                                                "signals", "belief",       "decision", "templates"};
  for (const auto& [key, node] : root) {
    if (kTables.count(std::string(key.str())) == 0) {
      throw ConfigError(cat({source_name, ":", num(static_cast<std::int64_t>(node.source().begin.line)), ": [",
                             key.str(), "] is not a known table"}));
    }
  }

  TableReader limits(root, "limits", lines, source_name);
  readLimits(limits, config.limits);
  limits.rejectUnknownKeys();

  TableReader shadow(root, "shadow_limits", lines, source_name);
  readShadowLimits(shadow, config.limits, config.shadow_limits);
  shadow.rejectUnknownKeys();

  TableReader kill(root, "kill", lines, source_name);
  readKill(kill, config.kill);
  kill.rejectUnknownKeys();

  TableReader live(root, "live", lines, source_name);
  readLive(live, root, source_name, config.live);
  live.rejectUnknownKeys();

  TableReader journal(root, "journal", lines, source_name);
  journal.string("path", config.journal.path, false);
  journal.integer("queue_capacity", config.journal.queue_capacity, 1'024, 16'777'216, false);
  journal.rejectUnknownKeys();

  TableReader strategy(root, "strategy", lines, source_name);
  readStrategy(strategy, config.strategy);
  strategy.rejectUnknownKeys();

  TableReader bars(root, "bars", lines, source_name);
  readBars(bars, config.bars);
  bars.rejectUnknownKeys();
  // The decision engine reads the strategy's interval from the bar set: it must be built.
  const auto& intervals = config.bars.time_intervals_ms;
  if (std::find(intervals.begin(), intervals.end(), config.strategy.bar_interval_ms) == intervals.end()) {
    strategy.failRule("bar_interval_ms", cat({"must be one of [bars] time_intervals (got ",
                                              num(config.strategy.bar_interval_ms), " ms)"}));
  }
  config_detail::readStrategyTables(root, lines, source_name, config);

  TableReader cores(root, "cores", lines, source_name);
  readCores(cores, root, source_name, config.cores);
  cores.rejectUnknownKeys();

  TableReader fix(root, "fix", lines, source_name);
  fix.string("sender_comp_id", config.fix.sender_comp_id, false);
  fix.string("target_comp_id", config.fix.target_comp_id, false);
  fix.integer("logon_timeout_ms", config.fix.logon_timeout_ms, 100, 60'000, false);
  fix.integer("drain_timeout_ms", config.fix.drain_timeout_ms, 0, 60'000, false);
  fix.integer("heartbeat_s", config.fix.heartbeat_s, 1, 300, false);
  fix.boolean("reset_on_logon", config.fix.reset_on_logon, false);
  fix.boolean("use_data_dictionary", config.fix.use_data_dictionary, false);
  fix.string("data_dictionary", config.fix.data_dictionary, false);
  fix.integer("max_msgs_per_second", config.fix.max_msgs_per_second, 0, 100'000, false);
  if (config.fix.use_data_dictionary && config.fix.data_dictionary.empty()) {
    throw ConfigError(cat({source_name, ": [fix] use_data_dictionary = true needs data_dictionary (a FIX44.xml path)"}));
  }
  fix.boolean("mass_cancel", config.fix.mass_cancel, false);
  fix.string("begin_string", config.fix.begin_string, false);
  if (config.fix.begin_string != "FIX.4.4" && config.fix.begin_string != "FIX.4.2") {
    throw ConfigError(cat({source_name, ": [fix] begin_string: must be \"FIX.4.4\" or \"FIX.4.2\", not \"",
                           config.fix.begin_string, "\""}));
  }
  fix.string("send_path", config.fix.send_path, false);
  if (config.fix.send_path != "fast" && config.fix.send_path != "quickfix") {
    fix.failRule("send_path", cat({"must be \"fast\" or \"quickfix\", not \"", config.fix.send_path, "\""}));
  }
  fix.string("store", config.fix.store, false);
  fix.string("store_dir", config.fix.store_dir, false);
  fix.boolean("cancel_on_disconnect", config.fix.cancel_on_disconnect, false);
  if (config.fix.store != "memory" && config.fix.store != "file") {
    fix.failRule("store", cat({"must be \"memory\" or \"file\", not \"", config.fix.store, "\""}));
  }
  if (config.fix.store == "file" && config.fix.reset_on_logon) {
    fix.failRule("store", "\"file\" keeps sequence numbers across logons: set reset_on_logon = false "
                          "(it defaults to true)");
  }
  fix.rejectUnknownKeys();

  TableReader replay(root, "replay", lines, source_name);
  replay.integer("max_inflight_ticks", config.replay.max_inflight_ticks, 1, 1'000'000, false);
  replay.integer("queue_capacity", config.replay.queue_capacity, 16, 1'048'576, false);
  replay.rejectUnknownKeys();
  if (config.replay.max_inflight_ticks > config.replay.queue_capacity) {
    throw ConfigError(cat({source_name, ": [replay] max_inflight_ticks: must not exceed queue_capacity"}));
  }

  TableReader quality(root, "quality", lines, source_name);
  readQuality(quality, config.quality);
  quality.rejectUnknownKeys();
  return config;
}

Config loadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(cat({path, ": cannot open config file"}));
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(text.str(), path);
}

namespace {

std::size_t longestLimitName() {
  std::size_t n = 0;
  for (const LimitInfo& info : kLimitInfo) n = std::max(n, std::string_view(info.name).size());
  return n;
}

void limitLine(std::ostringstream& out, LimitKey k, std::int64_t raw, std::string_view note) {
  const LimitInfo& info = limitInfo(k);
  std::string name = info.name;
  name.resize(longestLimitName(), ' ');
  std::string value = limitText(k, raw);
  if (value.size() < 16) value.resize(16, ' ');
  out << "  " << name << " = " << value << "  # " << (note.empty() ? std::string_view(info.doc) : note) << "\n";
}

std::string barIntervals(const BarsConfig& b) {
  std::string out = "[";
  for (std::size_t i = 0; i < b.time_intervals_ms.size(); ++i) {
    if (i > 0) out += ", ";
    out += num(b.time_intervals_ms[i]);
  }
  out += "]";
  return out;
}

constexpr std::array<std::string_view, 5> kLimitGroups = {"order", "exposure", "loss", "rate", "quality"};

}  // namespace

std::string describeConfig(const Config& c) {
  std::ostringstream out;
  const auto dec = [](std::int64_t raw) { return formatDecimal(raw); };
  out << "config " << c.source << "\n[limits]\n";
  for (const std::string_view group : kLimitGroups) {
    out << "  # " << group << "\n";
    for (std::size_t i = 0; i < kLimitCount; ++i) {
      if (kLimitInfo[i].group != group) continue;
      const auto k = static_cast<LimitKey>(i);
      limitLine(out, k, c.limits.values[k], {});
    }
  }
  out << "  allowed_tif = [";
  const char* sep = "";
  for (const auto& [name, tif] : kTifNames) {
    if ((c.limits.allowed_tif_mask & (1u << static_cast<unsigned>(tif))) != 0) {
      out << sep << name;
      sep = ", ";
    }
  }
  out << "]\n  restricted_symbols = [";
  sep = "";
  for (const std::string& s : c.limits.restricted_symbols) {
    out << sep << s;
    sep = ", ";
  }
  out << "]\n";

  if (!c.shadow_limits.enabled) {
    out << "[shadow_limits] off\n";
  } else {
    out << "[shadow_limits] on: evaluated on the same flow, never blocking; keys that differ from [limits]:\n";
    bool any = false;
    for (std::size_t i = 0; i < kLimitCount; ++i) {
      const auto k = static_cast<LimitKey>(i);
      if (c.shadow_limits.values[k] == c.limits.values[k]) continue;
      any = true;
      std::string note = "SHADOW (live ";
      note += limitText(k, c.limits.values[k]);
      note += ")";
      limitLine(out, k, c.shadow_limits.values[k], note);
    }
    if (!any) out << "  (none: the same values as [limits])\n";
  }

  out << "[kill]\n"
      << "  flatten_on_kill = " << (c.kill.flatten_on_kill ? "true" : "false")
      << ", max_kills_per_day = " << c.kill.max_kills_per_day << ", dry_run_loss_pct = " << c.kill.dry_run_loss_pct
      << " %\n"
      << "[live]\n"
      << "  mode = " << executionModeName(c.live.mode)
      << ", confirm_token = " << (c.live.confirm_token.empty() ? "(not set)" : "(set)") << "\n"
      << "  promotion: min_trades = " << c.live.promotion_min_trades
      << ", max_drawdown = " << dec(c.live.promotion_max_drawdown.raw) << " USDT"
      << ", min_sharpe = " << dec(c.live.promotion_min_sharpe)
      << ", min_fill_rate = " << c.live.promotion_min_fill_rate_pct << " %"
      << ", max_latency_p95 = " << c.live.promotion_max_latency_p95_us << " us\n"
      << "[journal]\n"
      << "  path = " << (c.journal.path.empty() ? "(default: <work dir>/journal.tsv)" : c.journal.path)
      << ", queue_capacity = " << c.journal.queue_capacity << "\n"
      << "[strategy]\n"
      << "  bar_interval_ms    = " << c.strategy.bar_interval_ms << "\n"
      << "  order_notional     = " << dec(c.strategy.order_notional.raw) << "\n"
      << "  exit_slippage_bps  = " << c.strategy.exit_slippage_bps << "\n"
      << "  replace_target_on_stop = " << (c.strategy.replace_target_on_stop ? "true" : "false (cancel, then exit)")
      << "\n"
      << "[bars]\n"
      << "  time_intervals_ms  = " << barIntervals(c.bars) << "\n"
      << "  tick_bar_trades    = " << c.bars.tick_bar_trades << (c.bars.tick_bar_trades == 0 ? " (off)" : "") << "\n"
      << "  volume_bar_qty     = " << dec(c.bars.volume_bar_qty.raw) << (c.bars.volume_bar_qty.raw == 0 ? " (off)" : "")
      << "\n"
      << "  max_flat_bars      = " << c.bars.max_flat_bars << "\n"
      << "[cores]\n"
      << "  feed = " << c.cores.feed << " (" << idleModeName(c.cores.feed_idle) << "), engine = " << c.cores.engine
      << " (" << idleModeName(c.cores.engine_idle) << "), order = " << c.cores.order << " ("
      << idleModeName(c.cores.order_idle) << "), helpers = " << c.cores.helpers << "\n"
      << "[fix]\n"
      << "  sender_comp_id = " << c.fix.sender_comp_id << ", target_comp_id = " << c.fix.target_comp_id
      << ", logon_timeout_ms = " << c.fix.logon_timeout_ms << ", drain_timeout_ms = " << c.fix.drain_timeout_ms
      << "\n  heartbeat_s = " << c.fix.heartbeat_s << ", reset_on_logon = " << (c.fix.reset_on_logon ? "true" : "false")
      << ", use_data_dictionary = " << (c.fix.use_data_dictionary ? "true" : "false")
      << (c.fix.data_dictionary.empty() ? "" : " ") << c.fix.data_dictionary
      << ", max_msgs_per_second = " << c.fix.max_msgs_per_second << (c.fix.max_msgs_per_second == 0 ? " (off)" : "")
      << "\n"
      << "  mass_cancel = " << (c.fix.mass_cancel ? "true" : "false (per-order cancels)")
      << ", begin_string = " << c.fix.begin_string << ", send_path = " << c.fix.send_path << "\n"
      << "  store = " << c.fix.store << (c.fix.store == "file" ? " in " + c.fix.store_dir : std::string())
      << ", cancel_on_disconnect = " << (c.fix.cancel_on_disconnect ? "true" : "false") << "\n"
      << "[replay]\n"
      << "  max_inflight_ticks = " << c.replay.max_inflight_ticks
      << ", queue_capacity = " << c.replay.queue_capacity << "\n";
  const QualityConfig& q = c.quality;
  out << "[quality]\n"
      << "  recovery_ms = " << q.recovery_ms << ", stale_ms = " << q.stale_ms
      << ", lag_threshold_ms = " << q.lag_threshold_ms << "\n"
      << "  weights (points per event): lag = " << q.lag_weight << ", gap = " << q.gap_weight
      << ", out_of_order = " << q.out_of_order_weight << ", outlier = " << q.outlier_weight
      << ", missing_field = " << q.missing_field_weight << ", stale = " << q.stale_weight << "\n"
      << "  outlier band = " << dec(q.outlier_band) << " x MAD (at least " << q.outlier_min_band_bps
      << " bps) over " << q.outlier_window_trades << " trades, after " << q.outlier_warmup_trades << "\n";
  out << config_detail::describeStrategyTables(c);
  return out.str();
}

}  // namespace bw
