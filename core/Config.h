#pragma once
// Breakwater's one TOML config, validated at start. Every value is bounded; a bad,
// missing, unknown or out-of-range key throws ConfigError naming file, line and key, and
// the process refuses to start. Decimal values are parsed from their source text straight
// to fixed-point integers: toml++ would hand us a double, which we never trust for money.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/FixedPoint.h"
#include "core/IdleStrategy.h"
#include "core/LimitSet.h"
#include "core/StrategyConfig.h"

namespace bw {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The defaults of every limit (the go-live runbook's bounded-live values). Tests and
/// built-in defaults use them; a config file must still name every key.
/// Declared before LimitsConfig, whose default member initializer calls it.
[[nodiscard]] LimitValues defaultLimitValues() noexcept;

/// [limits] (and [shadow_limits]): every key of core/LimitSet.h's table, each required in
/// [limits] (a missing limit refuses to start), plus the order-shape lists.
struct LimitsConfig {
  LimitValues values = defaultLimitValues();
  std::uint8_t allowed_tif_mask = 0b011;     ///< bit per TimeInForce: DAY and GTC by default
  std::vector<std::string> restricted_symbols;  ///< never traded (orders refused)
};

/// [shadow_limits]: an optional second set evaluated on the same flow, never blocking.
/// Keys not given inherit [limits]' value.
struct ShadowLimitsConfig {
  bool enabled = false;
  LimitValues values{};
};

/// [kill]: what a kill does and when the process forces itself back to dry-run.
struct KillConfig {
  bool flatten_on_kill = false;            ///< after canceling, close positions with reduce-only limits
  std::uint32_t max_kills_per_day = 3;     ///< this many kills within 24 h force DRY_RUN
  std::uint32_t dry_run_loss_pct = 150;    ///< a loss past this % of max_daily_loss_abs forces DRY_RUN
};

enum class ExecutionMode : std::uint8_t { kDryRun = 0, kPaper = 1, kLive = 2 };
[[nodiscard]] const char* executionModeName(ExecutionMode m) noexcept;

/// [live]: the live gate's configured layers and the promotion (graduation) thresholds.
struct LiveConfig {
  ExecutionMode mode = ExecutionMode::kDryRun;
  std::string confirm_token;               ///< never printed or logged; empty: none configured
  std::uint32_t promotion_min_trades = 50;
  Notional promotion_max_drawdown{50 * kScale};
  std::int64_t promotion_min_sharpe = 50'000'000;   ///< x1e-8 (0.5), per-trade Sharpe x sqrt(trades)
  std::uint32_t promotion_min_fill_rate_pct = 20;
  std::int64_t promotion_max_latency_p95_us = 1'000;
};

/// [journal]: the append-only audit journal, written by its own thread.
struct JournalConfig {
  std::string path;                         ///< empty: <work dir>/journal.tsv
  std::uint32_t queue_capacity = 65'536;    ///< events buffered before the journal counts drops
};

/// [strategy]: the decision engine's bar, entry size and exits. Signals, belief and the
/// entry templates (brackets, time-to-live) are [signals], [belief], [decision], [templates.*].
struct StrategyConfig {
  std::int64_t bar_interval_ms = 1000;
  Notional order_notional{40 * kScale};        ///< target notional per entry
  std::uint32_t exit_slippage_bps = 5;         ///< exits are limits this far through the market
  /// A stop hit with the bracket's target resting: reprice the target into the exit with
  /// one OrderCancelReplaceRequest (35=G). false: cancel it, wait for the answer, then exit.
  bool replace_target_on_stop = true;
};

/// [bars]: the bar series built for every symbol (feed/BarSet.h). The decision engine
/// reads the time series of [strategy] bar_interval_ms, which must be one of these.
struct BarsConfig {
  std::vector<std::int64_t> time_intervals_ms = {1'000, 5'000, 60'000, 300'000};  ///< increasing
  std::uint32_t tick_bar_trades = 100;  ///< a tick bar every this many trades; 0: none
  Qty volume_bar_qty{10 * kScale};      ///< a volume bar once this much base quantity traded; 0: none
  std::uint32_t max_flat_bars = 3'600;  ///< flat bars emitted per series for one silence; the rest are counted
};

/// [cores]: where the pipeline threads run and how they wait.
struct CoresConfig {
  int feed = 0;     ///< -1: unpinned
  int engine = 1;
  int order = 0;
  /// The threads around the pipeline (built-in venue simulator, QuickFIX's acceptor,
  /// journal writer, control thread) start on this core, off the pipeline's; -1: any.
  int helpers = -1;
  /// How each pipeline thread waits for work ([cores] idle sets all three, then
  /// feed_idle / engine_idle / order_idle override one).
  IdleMode feed_idle = IdleMode::kBackoff;
  IdleMode engine_idle = IdleMode::kBackoff;
  IdleMode order_idle = IdleMode::kBackoff;
};

/// [fix]: the FIX session (initiator) and the built-in venue simulator's identities.
struct FixConfig {
  std::string sender_comp_id = "BREAKWATER";
  std::string target_comp_id = "VENUESIM";
  std::int64_t logon_timeout_ms = 5'000;
  std::int64_t drain_timeout_ms = 5'000;  ///< end of replay: wait this long for exec reports
  // Session settings a standard FIX 4.4 acceptor may need set our way (`breakwater cert`).
  std::int32_t heartbeat_s = 30;       ///< HeartBtInt(108) sent on Logon
  bool reset_on_logon = true;          ///< ResetSeqNumFlag(141)=Y on Logon
  bool use_data_dictionary = false;    ///< validate messages against data_dictionary
  std::string data_dictionary;         ///< FIX44.xml path; required when use_data_dictionary
  /// Outgoing throttle: at most this many messages in any one-second window (0: none).
  std::uint32_t max_msgs_per_second = 100;
  /// Does the venue take OrderMassCancelRequest (35=q)? false: a mass cancel leaves as one
  /// OrderCancelRequest per working order (fix/OrderGateway.h); the built-in venue then
  /// answers 35=q with a BusinessMessageReject, as such a venue would.
  bool mass_cancel = true;
  /// "FIX.4.4" or "FIX.4.2", for our initiator and the built-in venue alike (4.2 has no
  /// 35=q: mass cancels then always go as per-order cancels).
  std::string begin_string = "FIX.4.4";
  /// How the order thread puts new orders and cancels on the wire: "fast" (fix/OrderEncoder
  /// bytes on our own polled socket under QuickFIX's session, fix/FastInitiator.h) or
  /// "quickfix" (QuickFIX builds each message; its SocketInitiator thread owns the socket).
  std::string send_path = "fast";
  /// Where the session keeps sequence numbers and sent messages (fix/FixEndpoint.h):
  /// "memory" resets both ends to 1 on every logon; "file" keeps them in a memory-mapped
  /// file per session under store_dir, so a restart carries on and a ResendRequest gets
  /// the orders back. "file" needs reset_on_logon = false (a reset would throw the file's
  /// numbers away on every logon). Default "memory": replays and tests talk to the
  /// built-in venue, which starts fresh each run; a live session wants "file", since a
  /// venue will not take a reset mid-day and a crash would otherwise lose the numbers.
  std::string store = "memory";
  std::string store_dir = "fix-store";
  /// The built-in venue (`breakwater venue`, replays): cancel every working order of the
  /// session when it logs out or its line drops, as venues with cancel-on-disconnect do.
  bool cancel_on_disconnect = false;
};

/// [replay]
struct ReplayConfig {
  std::uint32_t max_inflight_ticks = 1;  ///< feed waits while this many ticks are queued
  std::uint32_t queue_capacity = 4096;
};

/// [quality]: the feed's data-quality score (feed/DataQuality.h documents the formula).
/// Weights are points (of 100) each event costs; 0 turns a part off. Points recover in
/// market time: a full 100 in recovery_ms.
struct QualityConfig {
  std::int64_t recovery_ms = 30'000;           ///< 0 -> 100 points with no new event
  std::int64_t lag_threshold_ms = 1'000;       ///< smoothed receive - exchange lag above this is an event
  std::uint32_t lag_weight = 1;                ///< per tick while the smoothed lag is above the threshold
  std::uint32_t gap_weight = 10;               ///< per break in trade ids or depth update ids
  std::uint32_t out_of_order_weight = 5;       ///< per receive / exchange time going backwards
  std::uint32_t outlier_weight = 10;           ///< per trade outside the rolling band
  std::int64_t outlier_band = 12 * kScale;     ///< x1e-8: band half-width in rolling mean absolute deviations
  std::uint32_t outlier_min_band_bps = 20;     ///< band half-width is never narrower than this
  std::uint32_t outlier_window_trades = 64;    ///< rolling mean/deviation window (a power of two)
  std::uint32_t outlier_warmup_trades = 32;    ///< trades seen before the band judges
  std::uint32_t missing_field_weight = 2;      ///< per refused line (missing field / wrong type), every symbol
  std::int64_t stale_ms = 5'000;               ///< no tick of a symbol for this long (market time): a stale period
  std::uint32_t stale_weight = 30;             ///< per stale period (held while stale, then recovers)
};

struct Config {
  std::string source = "<defaults>";  ///< file it came from
  LimitsConfig limits;
  ShadowLimitsConfig shadow_limits;
  KillConfig kill;
  LiveConfig live;
  JournalConfig journal;
  StrategyConfig strategy;
  BarsConfig bars;
  CoresConfig cores;
  FixConfig fix;
  ReplayConfig replay;
  QualityConfig quality;
  SignalsConfig signals;      ///< core/StrategyConfig.h
  BeliefConfig belief;
  DecisionConfig decision;
  TemplatesConfig templates;
};

/// Loads and validates a TOML file. Every table and key is optional except [limits],
/// whose keys are all required. Throws ConfigError naming file:line [table] key. Cold path.
Config loadConfig(const std::string& path);

/// Same, from text (tests); `source_name` is used in messages.
Config parseConfig(const std::string& text, const std::string& source_name);

/// Human-readable listing of every value (for `breakwater config check`); every limit with
/// its value and unit. The confirm token is shown as set or not, never its text.
std::string describeConfig(const Config& config);

}  // namespace bw
