#pragma once
// Helpers the operator commands share: opening an instance with a message that names it,
// the token check, kill scopes, and limit values as text. Cold path; allocates.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/ControlBlock.h"
#include "core/LimitSet.h"
#include "core/LimitText.h"
#include "tools/OperatorCommands.h"

namespace bw::tools {

/// Opens an existing block; on a missing, corrupt or foreign file (or a bad instance name)
/// writes "breakwater: instance 'X': <why, naming the path>" to `err` and returns nullopt.
[[nodiscard]] std::optional<ControlBlock> openInstance(const InstanceArgs& target, std::ostream& err);

/// The state directory a target resolves to.
[[nodiscard]] std::string stateDirOf(const InstanceArgs& target);

/// kExitOk if `token` matches the block's configured token, else writes why to `err`
/// (never the token) and returns kExitRefused. `action` names what needs it
/// ("loosening max_order_qty"), for the message.
[[nodiscard]] int requireToken(const ControlBlock& block, const InstanceArgs& target, std::string_view token,
                               std::string_view action, std::ostream& err);

/// A resolved kill scope: which record, and how to name it to the operator.
struct KillTarget {
  KillScope scope = KillScope::kGlobal;
  std::size_t index = 0;
  std::string label;  ///< "global kill", "kill for symbol BTCUSDT", "kill for strategy 3"
};
/// Resolves --symbol/--strategy; an unknown symbol or a strategy out of range writes an
/// error naming it and returns nullopt.
[[nodiscard]] std::optional<KillTarget> resolveKillTarget(const ScopeArgs& scope, std::ostream& err);

/// The name of symbol id `id` in the default instrument table, or "#<id>".
[[nodiscard]] std::string symbolName(std::size_t id);

/// --by, else $USER, else "operator".
[[nodiscard]] std::string operatorName(std::string_view by);

/// Wall-clock ns as UTC ISO-8601 with milliseconds ("2024-08-08T12:34:56.789Z"); "-" for 0.
[[nodiscard]] std::string isoUtc(std::int64_t wall_ns);

/// The allowed range in the unit: "> 0 and <= 1000000000 USDT", ">= 1 and <= 100 %".
[[nodiscard]] std::string limitRangeText(LimitKey key);

/// Parses a CLI value for `key` into its raw (scaled) form. False with `why` set if it is
/// not a number of the right kind (range is checked separately, with limitInRange).
[[nodiscard]] bool parseLimitValue(LimitKey key, std::string_view text, std::int64_t& raw, std::string& why);

/// Upper-cases ASCII (mode and state names are accepted in either case).
[[nodiscard]] std::string upperAscii(std::string_view text);

}  // namespace bw::tools
