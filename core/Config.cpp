#include "core/Config.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/Decimal.h"

namespace bw {
namespace {

constexpr std::int64_t kMaxMoney = 1'000'000'000;  // quote units: no sane limit is above 1e9

/// Reads the keys of one TOML table with bounds, remembering which were consumed so that
/// an unknown (mistyped) key is an error rather than silently ignored.
class TableReader {
 public:
  TableReader(const toml::table& root, std::string table, const std::vector<std::string>& lines,
              const std::string& source)
      : table_name_(std::move(table)), lines_(lines), source_(source) {
    const toml::node* node = root.get(table_name_);
    if (node != nullptr) {
      table_ = node->as_table();
      if (table_ == nullptr) fail(node->source().begin.line, "must be a table");
    }
  }

  [[nodiscard]] bool present() const { return table_ != nullptr; }

  /// A decimal money/quantity value in (0, max], parsed from its source text.
  void decimal(const char* key, std::int64_t& out, std::int64_t max_units, bool required) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    if (!node->is_integer() && !node->is_floating_point()) failKey(*node, key, "must be a number");
    const std::string text = sourceText(*node);
    std::int64_t value = 0;
    const DecimalError err = parseDecimal(text, value);
    if (err != DecimalError::kOk) {
      failKey(*node, key, "'" + text + "' is not a plain decimal with at most 8 places (" +
                              decimalErrorName(err) + ")");
    }
    if (value <= 0 || value > max_units * kScale) {
      failKey(*node, key, "must be > 0 and <= " + std::to_string(max_units) + " (got " + text + ")");
    }
    out = value;
  }

  template <typename Int>
  void integer(const char* key, Int& out, std::int64_t min, std::int64_t max, bool required) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    const auto* value = node->as_integer();
    if (value == nullptr) failKey(*node, key, "must be an integer");
    const std::int64_t v = value->get();
    if (v < min || v > max) {
      failKey(*node, key, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                              " (got " + std::to_string(v) + ")");
    }
    out = static_cast<Int>(v);
  }

  void string(const char* key, std::string& out, bool required) {
    const toml::node* node = find(key, required);
    if (node == nullptr) return;
    const auto* value = node->as_string();
    if (value == nullptr || value->get().empty()) failKey(*node, key, "must be a non-empty string");
    out = value->get();
  }

  /// After reading: any key not consumed is unknown.
  void rejectUnknownKeys() const {
    if (table_ == nullptr) return;
    for (const auto& [key, node] : *table_) {
      if (consumed_.count(std::string(key.str())) == 0) {
        failKey(node, std::string(key.str()).c_str(), "is not a known key");
      }
    }
  }

 private:
  const toml::node* find(const char* key, bool required) {
    consumed_.insert(key);
    const toml::node* node = table_ == nullptr ? nullptr : table_->get(key);
    if (node == nullptr && required) {
      throw ConfigError(source_ + ": [" + table_name_ + "] " + key + ": required key is missing");
    }
    return node;
  }

  std::string sourceText(const toml::node& node) const {
    const auto region = node.source();
    if (region.begin.line == 0 || region.begin.line > lines_.size() || region.begin.line != region.end.line) {
      failKey(node, "?", "cannot locate the value's text");
    }
    const std::string& line = lines_[region.begin.line - 1];
    const std::size_t begin = region.begin.column - 1;
    const std::size_t end = region.end.column - 1;
    std::string text = line.substr(begin, end - begin);
    std::erase(text, '_');  // TOML allows 1_000.0
    return text;
  }

  [[noreturn]] void fail(std::size_t line, const std::string& what) const {
    throw ConfigError(source_ + ":" + std::to_string(line) + ": [" + table_name_ + "] " + what);
  }
  [[noreturn]] void failKey(const toml::node& node, const std::string& key, const std::string& what) const {
    throw ConfigError(source_ + ":" + std::to_string(node.source().begin.line) + ": [" + table_name_ + "] " +
                      key + ": " + what);
  }

  std::string table_name_;
  const std::vector<std::string>& lines_;
  const std::string& source_;
  const toml::table* table_ = nullptr;
  std::set<std::string> consumed_;
};

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void readLimits(TableReader& t, LimitsConfig& l) {
  if (!t.present()) throw ConfigError("missing table [limits]: the six bounded-live limits are required");
  t.decimal("max_order_notional", l.max_order_notional.raw, kMaxMoney, true);
  t.decimal("max_total_notional", l.max_total_notional.raw, kMaxMoney, true);
  t.integer("max_open_positions", l.max_open_positions, 1, 1'000, true);
  t.decimal("max_daily_loss_abs", l.max_daily_loss_abs.raw, kMaxMoney, true);
  t.decimal("max_order_qty", l.max_order_qty.raw, kMaxMoney, true);
  t.integer("price_collar_bps", l.price_collar_bps, 1, 10'000, true);
}

void readStrategy(TableReader& t, StrategyConfig& s) {
  t.integer("bar_interval_ms", s.bar_interval_ms, 100, 3'600'000, false);
  t.integer("vwap_bars", s.vwap_bars, 2, 1'000, false);
  t.integer("atr_bars", s.atr_bars, 2, 1'000, false);
  t.decimal("entry_band_atr", s.entry_band_atr, 100, false);
  t.decimal("stop_atr", s.stop_atr, 100, false);
  t.decimal("order_notional", s.order_notional.raw, kMaxMoney, false);
  t.integer("entry_ttl_ms", s.entry_ttl_ms, 100, 86'400'000, false);
  t.integer("exit_slippage_bps", s.exit_slippage_bps, 0, 1'000, false);
}

void readCores(TableReader& t, const toml::table& root, const std::string& source, CoresConfig& c) {
  t.integer("feed", c.feed, -1, 1'023, false);
  t.integer("engine", c.engine, -1, 1'023, false);
  t.integer("order", c.order, -1, 1'023, false);
  std::string idle = c.idle == IdleMode::kSpin ? "spin" : "backoff";
  t.string("idle", idle, false);
  if (idle == "spin") {
    c.idle = IdleMode::kSpin;
  } else if (idle == "backoff") {
    c.idle = IdleMode::kBackoff;
  } else {
    const auto line = root["cores"]["idle"].node()->source().begin.line;
    throw ConfigError(source + ":" + std::to_string(line) + ": [cores] idle: must be \"spin\" or \"backoff\" (got \"" +
                      idle + "\")");
  }
}

}  // namespace

Config parseConfig(const std::string& text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(std::string_view(text), std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    throw ConfigError(source_name + ":" + std::to_string(e.source().begin.line) + ": " +
                      std::string(e.description()));
  }
  const std::vector<std::string> lines = splitLines(text);
  Config config;
  config.source = source_name;

  static const std::set<std::string> kTables = {"limits", "strategy", "cores", "fix", "replay"};
  for (const auto& [key, node] : root) {
    if (kTables.count(std::string(key.str())) == 0) {
      throw ConfigError(source_name + ":" + std::to_string(node.source().begin.line) + ": [" +
                        std::string(key.str()) + "] is not a known table");
    }
  }

  TableReader limits(root, "limits", lines, source_name);
  readLimits(limits, config.limits);
  limits.rejectUnknownKeys();

  TableReader strategy(root, "strategy", lines, source_name);
  readStrategy(strategy, config.strategy);
  strategy.rejectUnknownKeys();

  TableReader cores(root, "cores", lines, source_name);
  readCores(cores, root, source_name, config.cores);
  cores.rejectUnknownKeys();

  TableReader fix(root, "fix", lines, source_name);
  fix.string("sender_comp_id", config.fix.sender_comp_id, false);
  fix.string("target_comp_id", config.fix.target_comp_id, false);
  fix.integer("logon_timeout_ms", config.fix.logon_timeout_ms, 100, 60'000, false);
  fix.integer("drain_timeout_ms", config.fix.drain_timeout_ms, 0, 60'000, false);
  fix.rejectUnknownKeys();

  TableReader replay(root, "replay", lines, source_name);
  replay.integer("max_inflight_ticks", config.replay.max_inflight_ticks, 1, 1'000'000, false);
  replay.integer("queue_capacity", config.replay.queue_capacity, 16, 1'048'576, false);
  replay.rejectUnknownKeys();
  if (config.replay.max_inflight_ticks > config.replay.queue_capacity) {
    throw ConfigError(source_name + ": [replay] max_inflight_ticks: must not exceed queue_capacity");
  }
  if (config.limits.max_order_notional > config.limits.max_total_notional) {
    throw ConfigError(source_name + ": [limits] max_order_notional: must not exceed max_total_notional");
  }
  return config;
}

Config loadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot open config file");
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(text.str(), path);
}

std::string describeConfig(const Config& c) {
  std::ostringstream out;
  const auto money = [](std::int64_t raw) { return formatDecimal(raw); };
  out << "config " << c.source << "\n"
      << "[limits]\n"
      << "  max_order_notional = " << money(c.limits.max_order_notional.raw) << "\n"
      << "  max_total_notional = " << money(c.limits.max_total_notional.raw) << "\n"
      << "  max_open_positions = " << c.limits.max_open_positions << "\n"
      << "  max_daily_loss_abs = " << money(c.limits.max_daily_loss_abs.raw) << "\n"
      << "  max_order_qty      = " << money(c.limits.max_order_qty.raw) << "\n"
      << "  price_collar_bps   = " << c.limits.price_collar_bps << "\n"
      << "[strategy]\n"
      << "  bar_interval_ms    = " << c.strategy.bar_interval_ms << "\n"
      << "  vwap_bars          = " << c.strategy.vwap_bars << "\n"
      << "  atr_bars           = " << c.strategy.atr_bars << "\n"
      << "  entry_band_atr     = " << money(c.strategy.entry_band_atr) << "\n"
      << "  stop_atr           = " << money(c.strategy.stop_atr) << "\n"
      << "  order_notional     = " << money(c.strategy.order_notional.raw) << "\n"
      << "  entry_ttl_ms       = " << c.strategy.entry_ttl_ms << "\n"
      << "  exit_slippage_bps  = " << c.strategy.exit_slippage_bps << "\n"
      << "[cores]\n"
      << "  feed = " << c.cores.feed << ", engine = " << c.cores.engine << ", order = " << c.cores.order
      << ", idle = " << (c.cores.idle == IdleMode::kSpin ? "spin" : "backoff") << "\n"
      << "[fix]\n"
      << "  sender_comp_id = " << c.fix.sender_comp_id << ", target_comp_id = " << c.fix.target_comp_id
      << ", logon_timeout_ms = " << c.fix.logon_timeout_ms << ", drain_timeout_ms = " << c.fix.drain_timeout_ms
      << "\n"
      << "[replay]\n"
      << "  max_inflight_ticks = " << c.replay.max_inflight_ticks
      << ", queue_capacity = " << c.replay.queue_capacity << "\n";
  return out.str();
}

}  // namespace bw
