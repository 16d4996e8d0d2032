#pragma once
// Breakwater's one TOML config, validated at start. Every value is bounded; a bad,
// missing, unknown or out-of-range key throws ConfigError naming file, line and key, and
// the process refuses to start. Decimal values are parsed from their source text straight
// to fixed-point integers: toml++ would hand us a double, which we never trust for money.

#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/FixedPoint.h"
#include "core/IdleStrategy.h"

namespace bw {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// [limits]: the bounded-live limits from the go-live runbook.
struct LimitsConfig {
  Notional max_order_notional{50 * kScale};
  Notional max_total_notional{500 * kScale};
  std::uint32_t max_open_positions = 2;
  Notional max_daily_loss_abs{100 * kScale};
  Qty max_order_qty{1 * kScale};
  std::uint32_t price_collar_bps = 50;
};

/// [strategy]: the first signal (VWAP band scaled by ATR) and its decisions.
struct StrategyConfig {
  std::int64_t bar_interval_ms = 1000;
  std::uint32_t vwap_bars = 30;
  std::uint32_t atr_bars = 14;
  std::int64_t entry_band_atr = 150'000'000;  ///< x1e-8: entry when |close-vwap| > band*ATR
  std::int64_t stop_atr = 200'000'000;        ///< x1e-8: stop distance in ATRs
  Notional order_notional{40 * kScale};        ///< target notional per entry
  std::int64_t entry_ttl_ms = 30'000;          ///< resting entry is canceled after this
  std::uint32_t exit_slippage_bps = 5;         ///< exits are limits this far through the market
};

/// [cores]: where the pipeline threads run and how they wait.
struct CoresConfig {
  int feed = 0;     ///< -1: unpinned
  int engine = 1;
  int order = 0;
  IdleMode idle = IdleMode::kBackoff;
};

/// [fix]: the FIX session (initiator) and the built-in venue simulator's identities.
struct FixConfig {
  std::string sender_comp_id = "BREAKWATER";
  std::string target_comp_id = "VENUESIM";
  std::int64_t logon_timeout_ms = 5'000;
  std::int64_t drain_timeout_ms = 5'000;  ///< end of replay: wait this long for exec reports
};

/// [replay]
struct ReplayConfig {
  std::uint32_t max_inflight_ticks = 1;  ///< feed waits while this many ticks are queued
  std::uint32_t queue_capacity = 4096;
};

struct Config {
  std::string source = "<defaults>";  ///< file it came from
  LimitsConfig limits;
  StrategyConfig strategy;
  CoresConfig cores;
  FixConfig fix;
  ReplayConfig replay;
};

/// Loads and validates a TOML file. Every table and key is optional except [limits],
/// whose six keys are all required. Throws ConfigError. Cold path.
Config loadConfig(const std::string& path);

/// Same, from text (tests); `source_name` is used in messages.
Config parseConfig(const std::string& text, const std::string& source_name);

/// Human-readable listing of every value (for `breakwater config check`).
std::string describeConfig(const Config& config);

}  // namespace bw
