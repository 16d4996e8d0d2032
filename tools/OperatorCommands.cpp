// The operator commands that change the control block: kill, reset, limits set and
// promote-shadow, gate intent, state; and config check. Each change is one ControlBlock
// method call (which bumps change_seq for the journal); the rules about when the confirm
// token is needed live here.

#include "tools/OperatorCommands.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "core/LimitSet.h"
#include "risk/KillSwitch.h"
#include "tools/OperatorSupport.h"

namespace bw::tools {

namespace {

/// Trims ASCII blanks: a reason of only spaces is no reason.
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

/// The record's fixed-size text fields keep this many bytes; say so when a text is cut.
void noteTruncation(std::ostream& out, std::string_view what, std::string_view text, std::size_t capacity) {
  if (text.size() > capacity - 1) {
    out << "note: " << what << " kept to its first " << capacity - 1 << " bytes\n";
  }
}

void printKill(std::ostream& out, const KillView& v) {
  out << "  reason: " << risk::killReasonName(static_cast<risk::KillReason>(v.reason)) << "\n"
      << "  who:    " << (v.who.empty() ? "?" : v.who) << "\n"
      << "  when:   " << isoUtc(v.when_ns) << "\n"
      << "  why:    " << v.why << "\n";
}

std::optional<ExecutionMode> parseIntentMode(std::string_view text) {
  const std::string m = upperAscii(text);
  if (m == "LIVE") return ExecutionMode::kLive;
  if (m == "DRY_RUN" || m == "DRY-RUN") return ExecutionMode::kDryRun;
  return std::nullopt;
}

std::optional<TradingState> parseTradingState(std::string_view text) {
  const std::string s = upperAscii(text);
  if (s == "ACTIVE") return TradingState::kActive;
  if (s == "REDUCING") return TradingState::kReducing;
  if (s == "HALTED") return TradingState::kHalted;
  return std::nullopt;
}

}  // namespace

int killCommand(const InstanceArgs& target, const ScopeArgs& scope, std::string_view reason, std::string_view by,
                Io io) {
  const std::string_view why = trimmed(reason);
  if (why.empty()) {
    io.err << "breakwater: kill needs --reason R (why, for the journal)\n";
    return kExitUsage;
  }
  const std::optional<KillTarget> kt = resolveKillTarget(scope, io.err);
  if (!kt) return kExitUsage;
  std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  ControlBlock& block = *opened;

  const std::string who = operatorName(trimmed(by));
  const auto code = static_cast<std::uint8_t>(risk::KillReason::kOperator);
  if (!block.tripKill(kt->scope, kt->index, code, who, why)) {
    io.out << kt->label << " of instance " << target.instance << " was already tripped; the first record stands:\n";
    printKill(io.out, block.readKill(kt->scope, kt->index));
    return kExitOk;
  }
  io.out << "tripped the " << kt->label << " of instance " << target.instance << " (orders blocked from the next check)\n";
  printKill(io.out, block.readKill(kt->scope, kt->index));
  noteTruncation(io.out, "who", who, sizeof(KillRecord::who));
  noteTruncation(io.out, "reason", why, sizeof(KillRecord::why));
  return kExitOk;
}

int resetCommand(const InstanceArgs& target, const ScopeArgs& scope, std::string_view token, Io io) {
  const std::optional<KillTarget> kt = resolveKillTarget(scope, io.err);
  if (!kt) return kExitUsage;
  std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  ControlBlock& block = *opened;
  if (const int rc = requireToken(block, target, token, "reset", io.err); rc != kExitOk) return rc;

  const bool scoped = !scope.symbol.empty() || !scope.strategy.empty();
  if (scoped) {
    const KillView before = block.readKill(kt->scope, kt->index);
    if (!block.resetKill(kt->scope, kt->index)) {
      io.out << kt->label << " of instance " << target.instance << " was not tripped: nothing to reset\n";
      return kExitOk;
    }
    io.out << "cleared the " << kt->label << " of instance " << target.instance << " (was "
           << risk::killReasonName(static_cast<risk::KillReason>(before.reason)) << " by " << before.who << ": "
           << before.why << ")\n";
    return kExitOk;
  }

  // Every tripped record and the latch, read before the reset so the operator sees what
  // was cleared (a kill tripped between this read and resetAll is cleared too).
  std::vector<std::pair<std::string, KillView>> tripped;
  const auto collect = [&](KillScope s, std::size_t i, std::string label) {
    KillView v = block.readKill(s, i);
    if (v.tripped) tripped.emplace_back(std::move(label), std::move(v));
  };
  collect(KillScope::kGlobal, 0, "global kill");
  for (std::size_t i = 0; i < kMaxStrategies; ++i) {
    std::string label = "kill for strategy ";
    label += std::to_string(i);
    collect(KillScope::kStrategy, i, std::move(label));
  }
  for (std::size_t i = 0; i < InstrumentTable::kCapacity; ++i) {
    std::string label = "kill for symbol ";
    label += symbolName(i);
    collect(KillScope::kSymbol, i, std::move(label));
  }
  const ForcedDryRun forced = block.forcedDryRun();
  block.resetAll();

  io.out << "reset instance " << target.instance << ": every kill and the forced DRY_RUN latch cleared"
         << " (trading state left " << tradingStateName(block.tradingState()) << ")\n";
  for (const auto& [label, v] : tripped) {
    io.out << "  cleared " << label << " (" << risk::killReasonName(static_cast<risk::KillReason>(v.reason)) << " by "
           << v.who << ": " << v.why << ")\n";
  }
  if (forced != ForcedDryRun::kNone) io.out << "  cleared forced DRY_RUN (" << forcedDryRunName(forced) << ")\n";
  if (tripped.empty() && forced == ForcedDryRun::kNone) io.out << "  (nothing was tripped)\n";
  return kExitOk;
}

int limitsSetCommand(const InstanceArgs& target, std::string_view key, std::string_view value,
                     std::string_view token, bool shadow, Io io) {
  const LimitKey k = findLimit(key);
  if (k == LimitKey::kCount) {
    io.err << "breakwater: unknown limit '" << key << "' (see `breakwater limits show`)\n";
    return kExitUsage;
  }
  std::int64_t raw = 0;
  std::string why;
  if (!parseLimitValue(k, value, raw, why)) {
    io.err << "breakwater: " << key << ": '" << value << "' is " << why << " (" << key << " is in "
           << limitUnitName(limitInfo(k).unit) << ")\n";
    return kExitUsage;
  }
  if (!limitInRange(k, raw)) {
    io.err << "breakwater: " << key << ": " << value << " is out of range: must be " << limitRangeText(k) << "\n";
    return kExitUsage;
  }
  std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  ControlBlock& block = *opened;

  const std::int64_t old = shadow ? block.shadowLimits().get(k) : block.liveLimits().get(k);
  const char* set_name = shadow ? " (shadow)" : "";
  if (old == raw) {
    io.out << key << set_name << ": " << limitText(k, old) << " -> " << limitText(k, raw) << " (unchanged)\n";
    return kExitOk;
  }
  const bool loosens = limitLoosens(k, old, raw);
  if (loosens && !shadow) {
    std::string action = "loosening ";
    action += key;
    if (const int rc = requireToken(block, target, token, action, io.err); rc != kExitOk) return rc;
  }
  block.setLimit(k, raw, shadow);
  io.out << key << set_name << ": " << limitText(k, old) << " -> " << limitText(k, raw)
         << (loosens ? " (loosened)" : " (tightened)") << "\n";
  if (shadow && !block.shadowEnabled()) {
    io.out << "note: shadow limits are off for instance " << target.instance << " (enable [shadow_limits])\n";
  }
  return kExitOk;
}

int limitsPromoteShadowCommand(const InstanceArgs& target, std::string_view token, Io io) {
  std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  ControlBlock& block = *opened;
  const LimitValues live = block.liveLimits().snapshot();
  const LimitValues shadow = block.shadowLimits().snapshot();

  std::vector<LimitKey> changed;
  std::vector<LimitKey> loosened;
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const auto k = static_cast<LimitKey>(i);
    if (live[k] == shadow[k]) continue;
    changed.push_back(k);
    if (limitLoosens(k, live[k], shadow[k])) loosened.push_back(k);
  }
  if (changed.empty()) {
    io.out << "shadow limits of instance " << target.instance << " equal the live ones: nothing to promote\n";
    return kExitOk;
  }
  // A shadow set never loaded (all zero) or set out of range would disable checks: refuse.
  for (const LimitKey k : changed) {
    if (!limitInRange(k, shadow[k])) {
      io.err << "breakwater: shadow " << limitInfo(k).name << " = " << limitText(k, shadow[k])
             << " is out of range (must be " << limitRangeText(k) << "): not promoted\n";
      return kExitUsage;
    }
  }
  if (!loosened.empty()) {
    std::string action = "promoting the shadow set (it loosens ";
    for (std::size_t i = 0; i < loosened.size(); ++i) {
      if (i > 0) action += ", ";
      action += limitInfo(loosened[i]).name;
    }
    action += ")";
    if (const int rc = requireToken(block, target, token, action, io.err); rc != kExitOk) return rc;
  }
  block.swapLimitSets();
  io.out << "promoted the shadow limits of instance " << target.instance
         << " (the previous live set is now the shadow):\n";
  for (const LimitKey k : changed) {
    io.out << "  " << limitInfo(k).name << ": " << limitText(k, live[k]) << " -> " << limitText(k, shadow[k])
           << (limitLoosens(k, live[k], shadow[k]) ? " (loosened)" : " (tightened)") << "\n";
  }
  return kExitOk;
}

int gateIntentCommand(const InstanceArgs& target, std::string_view mode, std::string_view reason,
                      std::string_view by, std::string_view token, Io io) {
  const std::optional<ExecutionMode> m = parseIntentMode(mode);
  if (!m) {
    io.err << "breakwater: unknown intent '" << mode << "' (live or dry_run)\n";
    return kExitUsage;
  }
  const std::string_view why = trimmed(reason);
  if (why.empty()) {
    io.err << "breakwater: gate intent needs --reason R (why, for the journal)\n";
    return kExitUsage;
  }
  std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  ControlBlock& block = *opened;
  if (*m == ExecutionMode::kLive) {
    if (const int rc = requireToken(block, target, token, "setting the operator intent to LIVE", io.err);
        rc != kExitOk) {
      return rc;
    }
  }
  const ControlBlock::IntentView before = block.readIntent();
  const std::string who = operatorName(trimmed(by));
  block.setOperatorIntent(static_cast<std::uint8_t>(*m), who, why);
  io.out << "operator intent of instance " << target.instance << ": "
         << executionModeName(static_cast<ExecutionMode>(before.mode)) << " -> " << executionModeName(*m) << " by "
         << who << ": " << why << "\n";
  if (*m == ExecutionMode::kLive) {
    io.out << "the live gate opens only when every other layer agrees (see `breakwater gate`)\n";
  }
  noteTruncation(io.out, "who", who, sizeof(ControlBlockLayout::intent_who));
  noteTruncation(io.out, "reason", why, sizeof(ControlBlockLayout::intent_reason));
  return kExitOk;
}

int stateCommand(const InstanceArgs& target, std::string_view state, std::string_view token, Io io) {
  const std::optional<TradingState> to = parseTradingState(state);
  if (!to) {
    io.err << "breakwater: unknown trading state '" << state << "' (ACTIVE, REDUCING or HALTED)\n";
    return kExitUsage;
  }
  std::optional<ControlBlock> opened = openInstance(target, io.err);
  if (!opened) return kExitUsage;
  ControlBlock& block = *opened;
  const TradingState from = block.tradingState();
  if (from == *to) {
    io.out << "trading state of instance " << target.instance << ": " << tradingStateName(from)
           << " (unchanged)\n";
    return kExitOk;
  }
  // ACTIVE < REDUCING < HALTED: a higher state is tighter.
  const bool loosens = static_cast<std::uint8_t>(*to) < static_cast<std::uint8_t>(from);
  if (loosens) {
    std::string action = "moving trading state from ";
    action += tradingStateName(from);
    action += " to ";
    action += tradingStateName(*to);
    if (const int rc = requireToken(block, target, token, action, io.err); rc != kExitOk) return rc;
  }
  block.setTradingState(*to);
  io.out << "trading state of instance " << target.instance << ": " << tradingStateName(from) << " -> "
         << tradingStateName(*to) << (loosens ? " (loosened)" : " (tightened)") << "\n";
  return kExitOk;
}

int configCheckCommand(const std::string& path, Io io) {
  try {
    const Config config = loadConfig(path);
    io.out << describeConfig(config) << "OK: " << path << " is valid\n";
    return kExitOk;
  } catch (const ConfigError& e) {
    io.err << "breakwater: config error: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace bw::tools
