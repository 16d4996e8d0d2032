// The read-only operator commands: `status`, `limits show`, `gate`. They copy what they
// show out of the control block (kill texts through its seqlock), so a running process
// is never blocked by them.

#include <signal.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "core/Decimal.h"
#include "core/LimitSet.h"
#include "risk/KillSwitch.h"
#include "risk/LiveGate.h"
#include "risk/RejectCode.h"
#include "tools/JsonWriter.h"
#include "tools/OperatorCommands.h"
#include "tools/OperatorSupport.h"

namespace bw::tools {

namespace {

struct UsageInfo {
  const char* name;
  const char* unit;  ///< "USDT": 1e-8 fixed point; otherwise a plain integer
};
constexpr std::array<UsageInfo, kUsageCount> kUsageInfo = {{
    {"reserved_notional", "USDT"},
    {"gross_exposure", "USDT"},
    {"open_orders", "count"},
    {"open_positions", "count"},
    {"open_risk", "USDT"},
    {"realized_pnl", "USDT"},
    {"unrealized_pnl", "USDT"},
    {"data_quality", "score"},
}};
static_assert(static_cast<std::size_t>(UsageKey::kDataQuality) == 7, "kUsageInfo follows UsageKey");

std::string usageNumber(std::size_t i, std::int64_t raw) {
  return std::string_view(kUsageInfo[i].unit) == "USDT" ? formatDecimal(raw) : std::to_string(raw);
}

/// Is `pid` a live process? kill(pid, 0) sends nothing; EPERM means it exists (another user).
bool processAlive(std::int32_t pid) {
  if (pid <= 0) return false;
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::int64_t kDayNs = 86'400'000'000'000;

std::string ageText(std::int64_t age_ns) {
  const std::int64_t ms = age_ns / kNsPerMs;
  std::string s = std::to_string(ms < 10'000 ? ms : ms / 1000);
  s += ms < 10'000 ? " ms" : " s";
  return s;
}

struct TrippedKill {
  KillScope scope;
  std::size_t index;
  std::string target;  ///< "", "3", "BTCUSDT"
  KillView view;
};

std::vector<TrippedKill> trippedKills(const ControlBlock& block) {
  std::vector<TrippedKill> out;
  const auto add = [&](KillScope scope, std::size_t index, std::string target) {
    KillView v = block.readKill(scope, index);
    if (v.tripped) out.push_back({scope, index, std::move(target), std::move(v)});
  };
  add(KillScope::kGlobal, 0, "");
  for (std::size_t i = 0; i < kMaxStrategies; ++i) add(KillScope::kStrategy, i, std::to_string(i));
  for (std::size_t i = 0; i < InstrumentTable::kCapacity; ++i) add(KillScope::kSymbol, i, symbolName(i));
  return out;
}

std::string killRecordText(const KillView& v) {
  std::string s = risk::killReasonName(static_cast<risk::KillReason>(v.reason));
  s += " by ";
  s += v.who.empty() ? "?" : v.who;
  s += " at ";
  s += isoUtc(v.when_ns);
  s += ": ";
  s += v.why;
  return s;
}

void killJson(JsonWriter& j, const KillView& v) {
  j.field("tripped", v.tripped);
  if (!v.tripped) return;
  j.field("reason", risk::killReasonName(static_cast<risk::KillReason>(v.reason)))
      .field("who", v.who)
      .field("when", isoUtc(v.when_ns))
      .field("when_ns", v.when_ns)
      .field("why", v.why);
}

const char* loosensWay(LimitKey k) { return limitInfo(k).looser == Looser::kHigher ? "higher" : "lower"; }

void limitsJson(JsonWriter& j, const LimitValues& values, bool bounds) {
  j.beginObject();
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const auto k = static_cast<LimitKey>(i);
    const LimitInfo& info = kLimitInfo[i];
    j.key(info.name).beginObject();
    j.field("value", limitNumber(k, values[k])).field("raw", values[k]).field("unit", limitUnitName(info.unit));
    j.field("group", info.group);
    if (bounds) {
      const std::int64_t scale = limitScale(info.unit);
      // Every limit is > 0 (limitInRange): the smallest allowed raw value is at least 1.
      j.field("min_raw", std::max<std::int64_t>(1, info.min * scale)).field("max_raw", info.max * scale);
      j.field("loosens", loosensWay(k));
    }
    j.endObject();
  }
  j.endObject();
}

void shadowJson(JsonWriter& j, const ControlBlock& block, const LimitValues& live, const LimitValues& shadow) {
  j.beginObject().field("enabled", block.shadowEnabled()).key("differs").beginObject();
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const auto k = static_cast<LimitKey>(i);
    if (shadow[k] == live[k]) continue;
    j.key(kLimitInfo[i].name).beginObject();
    j.field("value", limitNumber(k, shadow[k])).field("raw", shadow[k]).field("unit", limitUnitName(kLimitInfo[i].unit));
    j.field("live_value", limitNumber(k, live[k])).field("live_raw", live[k]);
    j.endObject();
  }
  j.endObject().endObject();
}

constexpr std::array<std::string_view, 5> kGroups = {"order", "exposure", "loss", "rate", "quality"};

std::size_t longestLimitName() {
  std::size_t n = 0;
  for (const LimitInfo& info : kLimitInfo) n = std::max(n, std::string_view(info.name).size());
  return n;
}

std::string padded(std::string s, std::size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

void limitsText(std::ostream& out, const LimitValues& values, bool bounds) {
  const std::size_t width = longestLimitName();
  for (const std::string_view group : kGroups) {
    out << "  # " << group << "\n";
    for (std::size_t i = 0; i < kLimitCount; ++i) {
      if (kLimitInfo[i].group != group) continue;
      const auto k = static_cast<LimitKey>(i);
      out << "  " << padded(kLimitInfo[i].name, width) << " = ";
      if (bounds) {
        out << padded(limitText(k, values[k]), 18) << "  (" << limitRangeText(k) << "; " << loosensWay(k)
            << " loosens)";
      } else {
        out << limitText(k, values[k]);
      }
      out << "\n";
    }
  }
}

void shadowText(std::ostream& out, const ControlBlock& block, const LimitValues& live, const LimitValues& shadow) {
  out << "shadow limits: "
      << (block.shadowEnabled() ? "ON (evaluated on the same flow, never blocking)" : "OFF (not evaluated)") << "\n";
  const std::size_t width = longestLimitName();
  bool any = false;
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const auto k = static_cast<LimitKey>(i);
    if (shadow[k] == live[k]) continue;
    any = true;
    out << "  " << padded(kLimitInfo[i].name, width) << " = " << padded(limitText(k, shadow[k]), 18) << "  (live "
        << limitText(k, live[k]) << ")\n";
  }
  if (!any) out << "  (every shadow limit equals the live one)\n";
}

/// Non-zero counters by reject code name.
std::vector<std::pair<const char*, std::uint64_t>> nonZero(
    const std::array<std::atomic<std::uint64_t>, kCounterSlots>& counters) {
  std::vector<std::pair<const char*, std::uint64_t>> out;
  for (std::size_t i = 0; i < risk::kRejectCodeCount; ++i) {
    const std::uint64_t n = counters[i].load(std::memory_order_relaxed);  // a count: no data behind it
    if (n != 0) out.emplace_back(risk::kRejectCodeInfo[i].name, n);
  }
  return out;
}

bool allOpen(const std::array<risk::GateLayer, 5>& layers) {
  for (const risk::GateLayer& l : layers) {
    if (!l.open) return false;
  }
  return true;
}

/// "open" and "layers", into the object being written.
void gateJson(JsonWriter& j, const std::array<risk::GateLayer, 5>& layers) {
  j.field("open", allOpen(layers)).key("layers").beginArray();
  for (const risk::GateLayer& l : layers) {
    j.beginObject().field("name", l.name).field("open", l.open).field("reason", l.reason).endObject();
  }
  j.endArray();
}

void gateText(std::ostream& out, const std::array<risk::GateLayer, 5>& layers) {
  std::size_t closed = 0;
  for (const risk::GateLayer& l : layers) closed += l.open ? 0 : 1;
  out << "live gate: ";
  if (closed == 0) {
    out << "OPEN (every layer agrees: orders may reach a live venue)\n";
  } else {
    out << "CLOSED (" << closed << " of 5 layers closed: no order reaches a live venue)\n";
  }
  for (std::size_t i = 0; i < layers.size(); ++i) {
    out << "  " << i + 1 << ". " << padded(layers[i].name, 16) << (layers[i].open ? "OPEN    " : "CLOSED  ")
        << layers[i].reason << "\n";
  }
}

}  // namespace

int statusCommand(const InstanceArgs& target, bool json, Io io) {
  const std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  const ControlBlock& block = *opened;
  const ControlBlockLayout& l = block.layout();

  const std::int64_t now = wallClockNs();
  // Relaxed/acquire loads of words the process publishes; each is self-contained.
  const std::int32_t pid = l.owner_pid.load(std::memory_order_acquire);
  const std::int64_t started = l.started_ns.load(std::memory_order_acquire);
  const std::int64_t heartbeat = l.heartbeat_ns.load(std::memory_order_acquire);
  const std::uint64_t change_seq = l.change_seq.load(std::memory_order_acquire);
  const auto configured = static_cast<ExecutionMode>(l.configured_mode.load(std::memory_order_acquire));
  const ExecutionMode effective = risk::effectiveMode(block);
  const ForcedDryRun forced = block.forcedDryRun();
  const TradingState state = block.tradingState();
  const std::array<risk::GateLayer, 5> layers = risk::describeLiveGate(block);
  const std::vector<TrippedKill> kills = trippedKills(block);
  const std::uint32_t kills_24h = block.killsWithin(now, kDayNs);
  const unsigned live_set = l.live_set.load(std::memory_order_acquire) & 1u;
  const LimitValues live = block.liveLimits().snapshot();
  const LimitValues shadow = block.shadowLimits().snapshot();
  const std::uint64_t accepted = l.accepted.load(std::memory_order_relaxed);
  const auto rejects = nonZero(l.rejects);
  const auto shadow_rejects = nonZero(l.shadow_rejects);
  std::array<std::int64_t, kUsageCount> usage{};
  for (std::size_t i = 0; i < kUsageCount; ++i) usage[i] = l.usage[i].load(std::memory_order_relaxed);
  const bool alive = processAlive(pid);

  if (json) {
    JsonWriter j;
    j.beginObject().field("instance", target.instance).field("path", block.path());
    j.key("owner").beginObject().field("pid", pid).field("alive", alive).field("started", isoUtc(started));
    j.field("heartbeat", isoUtc(heartbeat)).key("heartbeat_age_ms");
    if (heartbeat == 0) {
      j.null();
    } else {
      j.value((now - heartbeat) / kNsPerMs);
    }
    j.endObject();
    j.field("change_seq", change_seq);
    j.key("mode").beginObject().field("configured", executionModeName(configured));
    j.field("effective", executionModeName(effective)).field("forced_dry_run", forcedDryRunName(forced)).endObject();
    j.field("trading_state", tradingStateName(state));
    j.key("gate").beginObject();
    gateJson(j, layers);
    j.endObject();
    j.key("kills").beginObject().key("global").beginObject();
    killJson(j, block.readKill(KillScope::kGlobal, 0));
    j.endObject().key("strategies").beginArray();
    for (const TrippedKill& k : kills) {
      if (k.scope != KillScope::kStrategy) continue;
      j.beginObject().field("strategy", k.index);
      killJson(j, k.view);
      j.endObject();
    }
    j.endArray().key("symbols").beginArray();
    for (const TrippedKill& k : kills) {
      if (k.scope != KillScope::kSymbol) continue;
      j.beginObject().field("symbol", k.target).field("symbol_id", k.index);
      killJson(j, k.view);
      j.endObject();
    }
    j.endArray().field("kills_last_24h", kills_24h).endObject();
    j.field("live_set", live_set).key("limits");
    limitsJson(j, live, false);
    j.key("shadow");
    shadowJson(j, block, live, shadow);
    j.key("counters").beginObject().field("accepted", accepted).key("rejects").beginObject();
    for (const auto& [name, n] : rejects) j.field(name, n);
    j.endObject().key("shadow_would_reject").beginObject();
    for (const auto& [name, n] : shadow_rejects) j.field(name, n);
    j.endObject().endObject();
    j.key("usage").beginObject();
    for (std::size_t i = 0; i < kUsageCount; ++i) {
      j.key(kUsageInfo[i].name).beginObject();
      j.field("value", usageNumber(i, usage[i])).field("raw", usage[i]).field("unit", kUsageInfo[i].unit);
      j.endObject();
    }
    j.endObject().endObject();
    io.out << j.str() << "\n";
    return kExitOk;
  }

  std::ostream& out = io.out;
  out << "instance " << target.instance << " (" << block.path() << ")\n";
  if (pid == 0) {
    out << "  owner: none (no process has opened this instance yet)\n";
  } else {
    out << "  owner: pid " << pid << (alive ? " (running)" : " (NOT RUNNING)") << ", started " << isoUtc(started)
        << "\n";
  }
  out << "  heartbeat: ";
  if (heartbeat == 0) {
    out << "never\n";
  } else {
    out << ageText(now - heartbeat) << " ago\n";
  }
  out << "  change_seq: " << change_seq << "\n";
  out << "execution mode: configured " << executionModeName(configured) << ", effective "
      << executionModeName(effective);
  if (forced != ForcedDryRun::kNone) {
    out << " (forced DRY_RUN: " << forcedDryRunName(forced) << ", until `breakwater reset`)";
  }
  out << "\ntrading state: " << tradingStateName(state) << "\n";
  gateText(out, layers);

  out << "kill switches (" << kills_24h << " tripped in the last 24 h):\n";
  const KillView global = block.readKill(KillScope::kGlobal, 0);
  out << "  global: ";
  if (global.tripped) {
    out << "TRIPPED " << killRecordText(global) << "\n";
  } else {
    out << "clear\n";
  }
  bool scoped = false;
  for (const TrippedKill& k : kills) {
    if (k.scope == KillScope::kGlobal) continue;
    scoped = true;
    out << "  " << (k.scope == KillScope::kStrategy ? "strategy " : "symbol ") << k.target << ": TRIPPED "
        << killRecordText(k.view) << "\n";
  }
  if (!scoped) out << "  no strategy or symbol kill tripped\n";

  out << "limits (live set " << live_set << "):\n";
  limitsText(out, live, false);
  shadowText(out, block, live, shadow);

  out << "counters:\n  accepted: " << accepted << "\n  rejects:";
  if (rejects.empty()) out << " none";
  out << "\n";
  for (const auto& [name, n] : rejects) out << "    " << name << ": " << n << "\n";
  out << "  shadow would-reject:";
  if (shadow_rejects.empty()) out << " none";
  out << "\n";
  for (const auto& [name, n] : shadow_rejects) out << "    " << name << ": " << n << "\n";
  out << "usage:\n";
  for (std::size_t i = 0; i < kUsageCount; ++i) {
    out << "  " << padded(kUsageInfo[i].name, 18) << " " << usageNumber(i, usage[i]) << " " << kUsageInfo[i].unit
        << "\n";
  }
  return kExitOk;
}

int limitsShowCommand(const InstanceArgs& target, bool json, Io io) {
  const std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  const ControlBlock& block = *opened;
  const unsigned live_set = block.layout().live_set.load(std::memory_order_acquire) & 1u;
  const LimitValues live = block.liveLimits().snapshot();
  const LimitValues shadow = block.shadowLimits().snapshot();
  if (json) {
    JsonWriter j;
    j.beginObject().field("instance", target.instance).field("live_set", live_set).key("limits");
    limitsJson(j, live, true);
    j.key("shadow");
    shadowJson(j, block, live, shadow);
    j.endObject();
    io.out << j.str() << "\n";
    return kExitOk;
  }
  io.out << "limits of instance " << target.instance << " (live set " << live_set
         << "; tightening applies at once, loosening needs the confirm token):\n";
  limitsText(io.out, live, true);
  shadowText(io.out, block, live, shadow);
  return kExitOk;
}

int gateShowCommand(const InstanceArgs& target, bool json, Io io) {
  const std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  const std::array<risk::GateLayer, 5> layers = risk::describeLiveGate(*opened);
  if (json) {
    JsonWriter j;
    j.beginObject().field("instance", target.instance);
    gateJson(j, layers);
    j.endObject();
    io.out << j.str() << "\n";
    return kExitOk;
  }
  io.out << "instance " << target.instance << "\n";
  gateText(io.out, layers);
  return kExitOk;
}

}  // namespace bw::tools
