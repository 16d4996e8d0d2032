#pragma once
// The operator's commands (`breakwater status`, `kill`, `reset`, `limits`, `gate`, `state`,
// `config check`) as functions: each opens the named instance's control block
// (core/ControlBlock.h) in this process, reads or changes it, writes what it did to `io.out`
// (errors to `io.err`) and returns the process exit code. tools/main.cpp only parses
// arguments; tests call these directly.
//
// Every change goes through a ControlBlock method, which bumps change_seq so the running
// process journals it with who, when and why. Nothing here bumps anything itself.
//
// The confirm token is compared through ControlBlock::tokenMatches (a salted hash) and is
// never written to any stream, whatever the outcome.
//
// Cold path: allocates freely; any thread; not meant to run inside the trading process.

#include <ostream>
#include <string>
#include <string_view>

namespace bw::tools {

/// Exit codes shared by every operator command.
enum ExitCode : int {
  kExitOk = 0,       ///< done (also: nothing to do, e.g. a kill already tripped)
  kExitFailure = 1,  ///< an I/O or unexpected failure
  kExitUsage = 2,    ///< bad input: missing/corrupt/foreign instance, unknown key or symbol, bad value
  kExitRefused = 3,  ///< refused for want of the confirm token (none configured, none given, or no match)
};

/// Where a command writes: `out` for results, `err` for errors and warnings.
struct Io {
  std::ostream& out;
  std::ostream& err;
};

/// --instance NAME [--state-dir D]: the block at <D>/<NAME>.ctl. An empty state_dir means
/// ControlBlock::defaultDir() ($BREAKWATER_STATE_DIR, else /var/tmp/breakwater).
struct InstanceArgs {
  std::string instance;
  std::string state_dir;
};

/// [--symbol S | --strategy K]: both empty means the global kill. `strategy` is the CLI
/// text, validated here (0 .. kMaxStrategies-1) so every caller gets the same message.
struct ScopeArgs {
  std::string symbol;
  std::string strategy;
};

/// `breakwater status [--json]`: owner, heartbeat, modes, trading state, the five gate
/// layers, kill switches, live and shadow limits, counters and usage.
int statusCommand(const InstanceArgs& target, bool json, Io io);

/// `breakwater kill --reason R [--by NAME] [--symbol S | --strategy K]`: trips a kill with
/// KillReason::kOperator. `by` empty: $USER, else "operator". Already tripped: says so,
/// shows the existing record, exit 0.
int killCommand(const InstanceArgs& target, const ScopeArgs& scope, std::string_view reason, std::string_view by,
                Io io);

/// `breakwater reset --confirm-token T [--symbol S | --strategy K]`: no scope clears every
/// kill and the forced DRY_RUN latch (resetAll); a scope clears that one kill. Trading
/// state is left as it is.
int resetCommand(const InstanceArgs& target, const ScopeArgs& scope, std::string_view token, Io io);

/// `breakwater limits show [--json]`: every live limit with its unit and bounds, and the
/// shadow set.
int limitsShowCommand(const InstanceArgs& target, bool json, Io io);

/// `breakwater limits set KEY VALUE [--confirm-token T] [--shadow]`: money and quantity
/// limits take a decimal, the rest an integer. Tightening applies at once; loosening the
/// live set needs the token. The shadow set never blocks an order, so it takes any value
/// in range without the token: promote-shadow is where its loosenings are checked.
int limitsSetCommand(const InstanceArgs& target, std::string_view key, std::string_view value,
                     std::string_view token, bool shadow, Io io);

/// `breakwater limits promote-shadow [--confirm-token T]`: the shadow set becomes live (and
/// the live set the shadow) in one store; the token is needed if any limit loosens.
int limitsPromoteShadowCommand(const InstanceArgs& target, std::string_view token, Io io);

/// `breakwater gate [--json]`: each live-gate layer, OPEN or CLOSED with its reason, and
/// the overall verdict.
int gateShowCommand(const InstanceArgs& target, bool json, Io io);

/// `breakwater gate intent live|dry_run --reason R [--by NAME] [--confirm-token T]`: live
/// needs the token; dry_run applies at once.
int gateIntentCommand(const InstanceArgs& target, std::string_view mode, std::string_view reason,
                      std::string_view by, std::string_view token, Io io);

/// `breakwater state ACTIVE|REDUCING|HALTED [--confirm-token T]`: toward HALTED applies at
/// once; back toward ACTIVE needs the token.
int stateCommand(const InstanceArgs& target, std::string_view state, std::string_view token, Io io);

/// `breakwater config check F`: validates a config and prints every limit; a bad, unknown
/// or out-of-range key exits 2 naming it.
int configCheckCommand(const std::string& path, Io io);

}  // namespace bw::tools
