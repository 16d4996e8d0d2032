#include "core/StrategyConfigReader.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <string_view>

#include "core/Decimal.h"
#include "core/TableReader.h"

namespace bw::config_detail {

namespace {

constexpr std::int64_t kMaxBars = 100'000;
constexpr std::uint32_t kMinutesPerDay = 1'440;

/// Lockout names that are not phases ("low_vol" ...); a phase may not take one of them.
struct RegimeLockout {
  std::string_view name;
  std::uint8_t vol_bit;  // 0: not a volatility lockout
};
constexpr std::array<RegimeLockout, 6> kRegimeLockouts = {{{"low_vol", kLockLowVol},
                                                           {"normal_vol", kLockNormalVol},
                                                           {"high_vol", kLockHighVol},
                                                           {"trend", 0},
                                                           {"range", 0},
                                                           {"no_phase", 0}}};

bool isRegimeLockout(std::string_view name) {
  return std::any_of(kRegimeLockouts.begin(), kRegimeLockouts.end(),
                     [&](const RegimeLockout& r) { return r.name == name; });
}

/// Absent timeframes: the strategy's interval and the next longer [bars] intervals, at most 4.
std::vector<std::int64_t> derivedTimeframes(const Config& c) {
  std::vector<std::int64_t> out;
  for (const std::int64_t ms : c.bars.time_intervals_ms) {
    if (ms >= c.strategy.bar_interval_ms && out.size() < kMaxSignalTimeframes) out.push_back(ms);
  }
  return out;
}

void readTimeframes(TableReader& t, const Config& c, SignalsConfig& s) {
  std::vector<std::int64_t> frames;
  const bool given = t.stringList("timeframes", false, [&](const std::string& text, const toml::node& item) {
    std::int64_t ms = 0;
    if (!parseDurationMs(text, ms)) {
      t.failKey(item, "timeframes", cat({"'", text, "' is not a duration such as \"1s\", \"5m\""}));
    }
    const auto& bars = c.bars.time_intervals_ms;
    if (std::find(bars.begin(), bars.end(), ms) == bars.end()) {
      t.failKey(item, "timeframes", cat({"'", text, "' is not one of [bars] time_intervals"}));
    }
    if (!frames.empty() && ms <= frames.back()) {
      t.failKey(item, "timeframes", cat({"'", text, "' must be longer than the timeframe before it"}));
    }
    frames.push_back(ms);
  });
  if (!given) frames = derivedTimeframes(c);
  if (frames.size() > kMaxSignalTimeframes) {
    t.failRule("timeframes", cat({"at most ", num(static_cast<std::int64_t>(kMaxSignalTimeframes)), " timeframes"}));
  }
  if (frames.empty() || frames.front() != c.strategy.bar_interval_ms) {
    t.failRule("timeframes", cat({"the first must be [strategy] bar_interval_ms (", num(c.strategy.bar_interval_ms),
                                  " ms)"}));
  }
  s.timeframes_ms = std::move(frames);
}

void readRocBars(TableReader& t, SignalsConfig& s) {
  const toml::node* node = t.node("roc_bars");
  if (node == nullptr) return;
  const auto* list = node->as_array();
  if (list == nullptr || list->size() != 3) t.failKey(*node, "roc_bars", "must be a list of three bar counts, e.g. [5, 10, 20]");
  std::array<std::uint32_t, 3> bars{};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto* v = list->get(i)->as_integer();
    if (v == nullptr || v->get() < 1 || v->get() > kMaxBars) {
      t.failKey(*list->get(i), "roc_bars", cat({"every entry must be an integer from 1 to ", num(kMaxBars)}));
    }
    bars[i] = static_cast<std::uint32_t>(v->get());
    if (i > 0 && bars[i] <= bars[i - 1]) t.failKey(*list->get(i), "roc_bars", "must be increasing (short, mid, long)");
  }
  s.roc_bars = bars;
}

/// "07:30" -> 450; false unless HH:MM with HH < 24 and MM < 60 ("24:00" is the end of day: 0).
bool parseClock(std::string_view text, std::uint32_t& minute) {
  if (text.size() != 5 || text[2] != ':') return false;
  for (const std::size_t i : {0U, 1U, 3U, 4U}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const auto hours = static_cast<std::uint32_t>((text[0] - '0') * 10 + (text[1] - '0'));
  const auto minutes = static_cast<std::uint32_t>((text[3] - '0') * 10 + (text[4] - '0'));
  if (hours == 24 && minutes == 0) {
    minute = 0;
    return true;
  }
  if (hours > 23 || minutes > 59) return false;
  minute = hours * 60 + minutes;
  return true;
}

std::string clockText(std::uint32_t minute) {
  std::string out;
  out += static_cast<char>('0' + minute / 600);
  out += static_cast<char>('0' + minute / 60 % 10);
  out += ':';
  out += static_cast<char>('0' + minute % 60 / 10);
  out += static_cast<char>('0' + minute % 10);
  return out;
}

bool isPlainName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

void readPhases(TableReader& t, const std::vector<std::string>& lines, const std::string& source, SignalsConfig& s) {
  const toml::node* node = t.node("phases");
  if (node == nullptr) return;
  const auto* list = node->as_array();
  if (list == nullptr) t.failKey(*node, "phases", "must be a list of {name = \"asia\", start = \"00:00\", end = \"07:00\"}");
  if (list->size() > kMaxSessionPhases) {
    t.failKey(*node, "phases", cat({"at most ", num(static_cast<std::int64_t>(kMaxSessionPhases)), " phases"}));
  }
  std::vector<PhaseConfig> phases;
  for (std::size_t i = 0; i < list->size(); ++i) {
    TableReader p(list->get(i), t.name(), lines, source, cat({"phases[", num(static_cast<std::int64_t>(i)), "]."}));
    PhaseConfig phase;
    p.string("name", phase.name, true);
    const toml::node* name_node = p.node("name");
    if (!isPlainName(phase.name)) p.failKey(*name_node, "name", "must be lower-case letters, digits and '_'");
    if (isRegimeLockout(phase.name)) p.failKey(*name_node, "name", cat({"'", phase.name, "' is a regime lockout's name"}));
    for (const PhaseConfig& before : phases) {
      if (before.name == phase.name) p.failKey(*name_node, "name", cat({"'", phase.name, "' is listed twice"}));
    }
    for (const auto& [key, out] : {std::pair<const char*, std::uint32_t*>{"start", &phase.start_minute},
                                   std::pair<const char*, std::uint32_t*>{"end", &phase.end_minute}}) {
      std::string text;
      p.string(key, text, true);
      if (!parseClock(text, *out)) p.failKey(*p.node(key), key, cat({"'", text, "' is not a UTC time HH:MM"}));
    }
    p.rejectUnknownKeys();
    phases.push_back(std::move(phase));
  }
  s.phases = std::move(phases);
}

void readSignals(TableReader& t, const std::vector<std::string>& lines, const std::string& source, const Config& c,
                 SignalsConfig& s) {
  readTimeframes(t, c, s);
  t.integer("session_start_minute", s.session_start_minute, 0, kMinutesPerDay - 1, false);
  t.integer("rolling_vwap_bars", s.rolling_vwap_bars, 2, kMaxBars, false);
  t.integer("atr_bars", s.atr_bars, 2, kMaxBars, false);
  readRocBars(t, s);
  t.integer("relative_volume_bars", s.relative_volume_bars, 2, kMaxBars, false);
  t.integer("volume_zscore_bars", s.volume_zscore_bars, 2, kMaxBars, false);
  t.integer("adx_bars", s.adx_bars, 2, kMaxBars, false);
  t.integer("vol_regime_bars", s.vol_regime_bars, 2, kMaxBars, false);
  t.number("vol_regime_low_ratio", s.vol_regime_low_ratio, 0.0, 100.0, false, /*min_exclusive=*/true);
  t.number("vol_regime_high_ratio", s.vol_regime_high_ratio, 0.0, 100.0, false, /*min_exclusive=*/true);
  if (s.vol_regime_low_ratio >= s.vol_regime_high_ratio) {
    t.failRule("vol_regime_high_ratio", cat({"must be above vol_regime_low_ratio (", real(s.vol_regime_high_ratio),
                                             " <= ", real(s.vol_regime_low_ratio), ")"}));
  }
  t.integer("trade_sign_trades", s.trade_sign_trades, 1, kMaxBars, false);
  readPhases(t, lines, source, s);
}

void readBelief(TableReader& t, BeliefConfig& b) {
  t.number("smoothing_alpha", b.smoothing_alpha, 0.0, 1.0, false, /*min_exclusive=*/true);
  t.integer("min_side_bars", b.min_side_bars, 1, 1'000, false);
}

void readDecision(TableReader& t, DecisionConfig& d) {
  t.number("fee_bps", d.fee_bps, 0.0, 1'000.0, false);
  t.number("slippage_bps", d.slippage_bps, 0.0, 1'000.0, false);
  t.number("uncertainty_penalty", d.uncertainty_penalty, 0.0, 100.0, false);
  t.number("min_expected_utility_bps", d.min_expected_utility_bps, 0.0, 10'000.0, false);
  t.number("adx_trend", d.adx_trend, 0.0, 100.0, false, /*min_exclusive=*/true);
}

/// "low_vol", "trend", a phase name, ... -> bits of `out`.
void readLockouts(TableReader& t, const SignalsConfig& s, LockoutConfig& out) {
  LockoutConfig l;
  const bool given = t.stringList("lockouts", true, [&](const std::string& text, const toml::node& item) {
    for (const RegimeLockout& r : kRegimeLockouts) {
      if (r.name != text) continue;
      if (r.vol_bit != 0) l.vol_regimes = static_cast<std::uint8_t>(l.vol_regimes | r.vol_bit);
      if (text == "trend") l.trend = true;
      if (text == "range") l.range = true;
      if (text == "no_phase") l.no_phase = true;
      return;
    }
    for (std::size_t i = 0; i < s.phases.size(); ++i) {
      if (s.phases[i].name == text) {
        l.phases |= 1U << i;
        return;
      }
    }
    t.failKey(item, "lockouts",
              cat({"'", text, "' is not a lockout (low_vol, normal_vol, high_vol, trend, range, no_phase or a "
                              "[signals] phases name)"}));
  });
  if (given) out = l;
}

std::size_t featureIndex(std::string_view name, const auto& names) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? names.size() : static_cast<std::size_t>(it - names.begin());
}

ConstraintConfig readConstraint(TableReader& c, const SignalsConfig& s) {
  ConstraintConfig k;
  std::string feature;
  c.string("feature", feature, true);
  const std::size_t bar = featureIndex(feature, kBarFeatureNames);
  const std::size_t tick = featureIndex(feature, kTickFeatureNames);
  if (bar == kBarFeatureNames.size() && tick == kTickFeatureNames.size()) {
    c.failKey(*c.node("feature"), "feature",
              cat({"'", feature, "' is not a feature (bar: vwap_dev_bps, rolling_vwap_dev_bps, roc_short, roc_mid, "
                                 "roc_long, atr_bps, relative_volume, volume_zscore, buy_sell_imbalance, adx, "
                                 "di_spread, volatility_ratio; tick: spread_bps, top_imbalance, "
                                 "micro_price_offset_bps, trade_sign_imbalance)"}));
  }
  k.tick = bar == kBarFeatureNames.size();
  k.feature = static_cast<std::uint8_t>(k.tick ? tick : bar);
  std::string timeframe;
  c.string("timeframe", timeframe, !k.tick);
  if (k.tick && !timeframe.empty()) {
    c.failKey(*c.node("timeframe"), "timeframe", cat({"'", feature, "' is a tick feature: it has no timeframe"}));
  }
  if (!k.tick) {
    std::int64_t ms = 0;
    const auto& frames = s.timeframes_ms;
    const auto it = parseDurationMs(timeframe, ms) ? std::find(frames.begin(), frames.end(), ms) : frames.end();
    if (it == frames.end()) {
      c.failKey(*c.node("timeframe"), "timeframe", cat({"'", timeframe, "' is not one of [signals] timeframes"}));
    }
    k.timeframe = static_cast<std::uint8_t>(it - frames.begin());
  }
  std::int64_t sign = 0;
  c.integer("sign", sign, -1, 1, true);
  if (sign == 0) c.failKey(*c.node("sign"), "sign", "must be 1 (higher means up) or -1 (higher means down)");
  k.sign = static_cast<std::int8_t>(sign);
  c.number("center", k.center, -1e6, 1e6, false);
  c.number("scale", k.scale, 0.0, 1e6, true, /*min_exclusive=*/true);
  c.number("weight", k.weight, 0.0, 1'000.0, false);
  c.rejectUnknownKeys();
  return k;
}

void readConstraints(TableReader& t, const std::vector<std::string>& lines, const std::string& source,
                     const SignalsConfig& s, std::vector<ConstraintConfig>& out) {
  const toml::node* node = t.node("constraints");
  if (node == nullptr) return;
  const auto* list = node->as_array();
  if (list == nullptr || list->empty()) {
    t.failKey(*node, "constraints", "must be a non-empty list of {feature = ..., timeframe = ..., sign = ..., scale = ..., ...}");
  }
  if (list->size() > kMaxTemplateConstraints) {
    t.failKey(*node, "constraints", cat({"at most ", num(static_cast<std::int64_t>(kMaxTemplateConstraints)), " constraints (got ",
                           num(static_cast<std::int64_t>(list->size())), ")"}));
  }
  std::vector<ConstraintConfig> constraints;
  double weights = 0.0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    TableReader c(list->get(i), t.name(), lines, source, cat({"constraints[", num(static_cast<std::int64_t>(i)), "]."}));
    constraints.push_back(readConstraint(c, s));
    weights += constraints.back().weight;
  }
  if (weights <= 0.0) t.failKey(*node, "constraints", "the weights sum to 0: at least one constraint must weigh > 0");
  out = std::move(constraints);
}

void readTemplate(TableReader& t, TemplateKind kind, const std::vector<std::string>& lines, const std::string& source,
                  const SignalsConfig& s, TemplateConfig& tpl) {
  t.boolean("enabled", tpl.enabled, false);
  if (kind == TemplateKind::kMeanReversion) {
    std::string vwap;
    t.string("vwap", vwap, false);
    if (vwap == "session") {
      tpl.vwap = VwapReference::kSession;
    } else if (vwap == "rolling") {
      tpl.vwap = VwapReference::kRolling;
    } else if (!vwap.empty()) {
      t.failKey(*t.node("vwap"), "vwap", cat({"must be \"session\" or \"rolling\" (got \"", vwap, "\")"}));
    }
  } else {
    t.decimal("target_atr", tpl.target_atr, 100, false);
  }
  t.decimal("stop_atr", tpl.stop_atr, 100, false);
  t.integer("ttl_ms", tpl.ttl_ms, 100, 86'400'000, false);
  readLockouts(t, s, tpl.lockouts);
  readConstraints(t, lines, source, s, tpl.constraints);
  t.rejectUnknownKeys();
  // Defaults kept for keys not given may read a timeframe this config lacks.
  for (const ConstraintConfig& k : tpl.constraints) {
    if (!k.tick && k.timeframe >= s.timeframes_ms.size() && tpl.enabled) {
      t.failRule("constraints", cat({"a constraint reads timeframe ", num(k.timeframe), " but [signals] timeframes has ",
                                     num(static_cast<std::int64_t>(s.timeframes_ms.size())),
                                     ": write this template's constraints or disable it"}));
    }
  }
}

void readTemplates(const toml::table& root, const std::vector<std::string>& lines, const std::string& source,
                   const SignalsConfig& s, TemplatesConfig& out) {
  const toml::node* node = root.get("templates");
  TableReader all(node, "templates", lines, source);
  for (std::size_t i = 0; i < kTemplateCount; ++i) {
    const auto kind = static_cast<TemplateKind>(i);
    const char* name = templateName(kind);
    const toml::node* tpl_node = all.present() ? all.node(name) : nullptr;
    TableReader t(tpl_node, cat({"templates.", name}), lines, source);
    readTemplate(t, kind, lines, source, s, out[kind]);
  }
  if (all.present()) {
    for (const auto& [key, child] : *all.table()) {
      if (key.str() != templateName(TemplateKind::kMeanReversion) && key.str() != templateName(TemplateKind::kMomentum)) {
        all.failKey(child, std::string(key.str()), "is not a template (mean_reversion, momentum)");
      }
    }
  }
}

}  // namespace

void readStrategyTables(const toml::table& root, const std::vector<std::string>& lines, const std::string& source,
                        Config& config) {
  TableReader signals(root, "signals", lines, source);
  readSignals(signals, lines, source, config, config.signals);
  signals.rejectUnknownKeys();

  TableReader belief(root, "belief", lines, source);
  readBelief(belief, config.belief);
  belief.rejectUnknownKeys();

  TableReader decision(root, "decision", lines, source);
  readDecision(decision, config.decision);
  decision.rejectUnknownKeys();

  readTemplates(root, lines, source, config.signals, config.templates);
}

namespace {

std::string lockoutText(const LockoutConfig& l, const SignalsConfig& s) {
  std::string out;
  const auto add = [&](std::string_view name) {
    if (!out.empty()) out += ", ";
    out += name;
  };
  for (const RegimeLockout& r : kRegimeLockouts) {
    const bool on = r.vol_bit != 0 ? (l.vol_regimes & r.vol_bit) != 0
                    : r.name == "trend" ? l.trend
                    : r.name == "range" ? l.range
                                        : l.no_phase;
    if (on) add(r.name);
  }
  for (std::size_t i = 0; i < s.phases.size(); ++i) {
    if ((l.phases >> i & 1U) != 0) add(s.phases[i].name);
  }
  return out.empty() ? "(none)" : out;
}

}  // namespace

std::string describeStrategyTables(const Config& c) {
  std::ostringstream out;
  const SignalsConfig& s = c.signals;
  out << "[signals]\n  timeframes = [";
  for (std::size_t i = 0; i < s.timeframes_ms.size(); ++i) out << (i > 0 ? ", " : "") << durationText(s.timeframes_ms[i]);
  out << "], session_start_minute = " << s.session_start_minute << "\n"
      << "  bars: rolling_vwap = " << s.rolling_vwap_bars << ", atr = " << s.atr_bars << ", roc = " << s.roc_bars[0]
      << "/" << s.roc_bars[1] << "/" << s.roc_bars[2] << ", relative_volume = " << s.relative_volume_bars
      << ", volume_zscore = " << s.volume_zscore_bars << ", adx = " << s.adx_bars << "\n"
      << "  vol regime over " << s.vol_regime_bars << " bars: low < " << real(s.vol_regime_low_ratio) << ", high > "
      << real(s.vol_regime_high_ratio) << "; trade_sign_trades = " << s.trade_sign_trades << "\n  phases:";
  for (const PhaseConfig& p : s.phases) {
    out << " " << p.name << " " << clockText(p.start_minute) << "-" << clockText(p.end_minute);
  }
  out << (s.phases.empty() ? " (none)\n" : "\n");
  out << "[belief]\n  smoothing_alpha = " << real(c.belief.smoothing_alpha)
      << ", min_side_bars = " << c.belief.min_side_bars << "\n";
  const DecisionConfig& d = c.decision;
  out << "[decision]\n  cost = 2 x fee_bps " << real(d.fee_bps) << " + half spread + slippage_bps "
      << real(d.slippage_bps) << "; uncertainty_penalty = " << real(d.uncertainty_penalty)
      << "; min_expected_utility_bps = " << real(d.min_expected_utility_bps) << "; adx_trend = " << real(d.adx_trend)
      << "\n";
  for (std::size_t i = 0; i < kTemplateCount; ++i) {
    const auto kind = static_cast<TemplateKind>(i);
    const TemplateConfig& t = c.templates[kind];
    out << "[templates." << templateName(kind) << "] " << (t.enabled ? "on" : "OFF");
    if (kind == TemplateKind::kMeanReversion) {
      out << ", target at the " << (t.vwap == VwapReference::kSession ? "session" : "rolling") << " VWAP";
    } else {
      out << ", target " << formatDecimal(t.target_atr) << " x ATR";
    }
    out << ", stop " << formatDecimal(t.stop_atr) << " x ATR, ttl_ms = " << t.ttl_ms
        << ", lockouts: " << lockoutText(t.lockouts, s) << "\n";
    for (const ConstraintConfig& k : t.constraints) {
      out << "    " << (k.tick ? kTickFeatureNames[k.feature] : kBarFeatureNames[k.feature]);
      if (!k.tick && k.timeframe < s.timeframes_ms.size()) out << " @" << durationText(s.timeframes_ms[k.timeframe]);
      out << ": sign " << (k.sign > 0 ? "+1" : "-1") << ", center " << real(k.center) << ", scale " << real(k.scale)
          << ", weight " << real(k.weight) << "\n";
    }
  }
  return out.str();
}

}  // namespace bw::config_detail
