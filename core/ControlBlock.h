#pragma once
// The control plane: kill switches, trading state, live-gate layers, the live and shadow
// limit sets and the counters an operator reads, in one fixed-layout block of atomics.
//
// With `--instance NAME` the block is a file, <state dir>/NAME.ctl, mapped MAP_SHARED by
// the trading process and by every `breakwater` CLI call, so `breakwater kill` in another
// process is seen by the next RiskGate::check (one acquire load) with no network hop, and
// a tripped kill survives a restart. Without an instance the block is private memory.
//
// Threads and processes: every field a hot path reads is an address-free lock-free atomic.
// The text fields (who, why, reason) are written by whoever claimed the record and
// published by a release store of its state word; readers copy them after an acquire load
// and re-check the generation (a seqlock) so a concurrent reset cannot hand them a torn text.
//
// The header is validated on open: a file with the wrong magic (foreign), version or size,
// or a header checksum that does not match (corrupt), is refused with a message naming it,
// and never rewritten.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "core/InstrumentTable.h"
#include "core/LimitSet.h"
#include "core/Prefetch.h"

namespace bw {

class ControlBlockError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class TradingState : std::uint8_t {
  kActive = 0,    ///< every order the limits allow
  kReducing = 1,  ///< only orders that reduce a position
  kHalted = 2,    ///< nothing new; cancels still go out
};
[[nodiscard]] const char* tradingStateName(TradingState s) noexcept;

enum class KillScope : std::uint8_t { kGlobal = 0, kStrategy = 1, kSymbol = 2 };
[[nodiscard]] const char* killScopeName(KillScope s) noexcept;

/// Why the process forced itself back to DRY_RUN (latched until an operator resets).
enum class ForcedDryRun : std::uint8_t {
  kNone = 0,
  kKillsPerDay = 1,   ///< [kill] max_kills_per_day kills within 24 h
  kLossPastLimit = 2, ///< loss past [kill] dry_run_loss_pct of max_daily_loss_abs
};
[[nodiscard]] const char* forcedDryRunName(ForcedDryRun f) noexcept;

inline constexpr std::size_t kMaxStrategies = 16;
inline constexpr std::size_t kCounterSlots = 64;   ///< reject-code counters (risk::kRejectCodeCount <= this)
inline constexpr std::size_t kKillHistory = 8;     ///< last kill times, for "N kills within 24 h"
using StrategyId = std::uint8_t;

/// One kill switch (global, one strategy or one symbol): latched, with reason, who, when.
struct KillRecord {
  static constexpr std::uint32_t kClear = 0;
  static constexpr std::uint32_t kWriting = 1;  ///< claimed: already blocks orders
  static constexpr std::uint32_t kTripped = 2;
  static constexpr std::uint32_t kResetting = 3;  ///< claimed by a reset: still blocks orders
  alignas(64) std::atomic<std::uint32_t> state;  ///< hot path: != kClear blocks
  std::atomic<std::uint32_t> generation;         ///< +1 on every trip and reset (seqlock)
  std::atomic<std::uint8_t> reason;              ///< risk::KillReason
  std::atomic<std::int64_t> when_ns;             ///< wall clock (CLOCK_REALTIME)
  std::atomic<std::uint64_t> tsc;                ///< TSC at the trip (kill-to-blocked harness)
  char who[32];
  char why[96];
};

/// What a reader copies out of a KillRecord.
struct KillView {
  bool tripped = false;
  std::uint8_t reason = 0;
  std::int64_t when_ns = 0;
  std::uint64_t tsc = 0;
  std::string who;
  std::string why;
};

/// Usage the trading process publishes for `breakwater status` (its control thread copies
/// them from the RiskGate and positions; readers see values at most one period old).
enum class UsageKey : std::uint8_t {
  kReservedNotional = 0,  ///< working entries at their worst case (1e-8 quote)
  kGrossExposure,         ///< positions at mark
  kOpenOrders,
  kOpenPositions,
  kOpenRisk,
  kRealizedPnl,
  kUnrealizedPnl,
  kDataQuality,           ///< 0-100
  kCount
};
inline constexpr std::size_t kUsageCount = static_cast<std::size_t>(UsageKey::kCount);

struct ControlBlockLayout {
  static constexpr std::uint64_t kMagic = 0x3130'4C52'5443'5742ULL;  // "BWCTRL01" little-endian
  static constexpr std::uint32_t kVersion = 1;

  // Header: written once at creation, validated on every open.
  std::uint64_t magic;
  std::uint32_t version;
  std::uint32_t size;        ///< sizeof(ControlBlockLayout)
  char instance[32];
  std::uint64_t header_check;  ///< FNV-1a of the fields above

  // The owning process.
  alignas(64) std::atomic<std::int32_t> owner_pid;
  std::atomic<std::int64_t> started_ns;
  std::atomic<std::int64_t> heartbeat_ns;    ///< wall clock, every control-thread period
  std::atomic<std::uint64_t> change_seq;     ///< +1 on every operator write: the process journals it

  // Kill switches.
  KillRecord global_kill;
  std::array<KillRecord, kMaxStrategies> strategy_kill;
  std::array<KillRecord, InstrumentTable::kCapacity> symbol_kill;
  alignas(64) std::array<std::atomic<std::int64_t>, kKillHistory> kill_history_ns;  ///< ring of trip times
  std::atomic<std::uint32_t> kill_history_next;

  // Trading state and the live gate's layers.
  alignas(64) std::atomic<std::uint8_t> trading_state;   ///< TradingState
  std::atomic<std::uint8_t> configured_mode;             ///< ExecutionMode from [live] mode
  std::atomic<std::uint8_t> forced_dry_run;              ///< ForcedDryRun
  std::atomic<std::uint8_t> operator_intent;             ///< ExecutionMode the operator set (persisted)
  std::atomic<std::uint8_t> token_ok;                    ///< layer 3, set at start
  std::atomic<std::uint8_t> promotion_ok;                ///< layer 4, set at start from the journal
  std::atomic<std::uint8_t> token_configured;
  std::atomic<std::uint32_t> intent_generation;          ///< seqlock over the intent and promotion texts
  std::atomic<std::int64_t> intent_when_ns;
  std::atomic<std::uint64_t> token_salt;
  std::atomic<std::uint64_t> token_hash;                 ///< tokenHash(token, salt); never the token
  char intent_reason[96];
  char intent_who[32];
  char promotion_detail[160];

  // Limits: two sets; the live one is limit_sets[live_set], the other is the shadow set.
  alignas(64) std::array<LimitSet, 2> limit_sets;
  std::atomic<std::uint8_t> live_set;
  std::atomic<std::uint8_t> shadow_enabled;

  // Counters written by the trading process's checkers.
  alignas(64) std::atomic<std::uint64_t> accepted;
  std::array<std::atomic<std::uint64_t>, kCounterSlots> rejects;
  alignas(64) std::array<std::atomic<std::uint64_t>, kCounterSlots> shadow_rejects;
  alignas(64) std::array<std::atomic<std::int64_t>, kUsageCount> usage;
};

/// A mapped control block. Move-only; unmaps on destruction.
class ControlBlock {
 public:
  /// <dir>/<instance>.ctl: created (zeroed, header written, mode 0600) if missing, else
  /// opened and validated. Throws ControlBlockError: bad instance name (1-31 of
  /// [A-Za-z0-9_-]), unreadable file, foreign magic, other version or size, corrupt header.
  static ControlBlock openOrCreate(const std::string& instance, const std::string& dir);
  /// Opens an existing block only (the CLI): a missing file is an error naming it.
  static ControlBlock openExisting(const std::string& instance, const std::string& dir);
  /// A private block in this process's memory (no instance given).
  static ControlBlock anonymous();

  /// $BREAKWATER_STATE_DIR, else /var/tmp/breakwater (persists across restarts).
  static std::string defaultDir();
  /// The file an instance maps.
  static std::string pathFor(const std::string& instance, const std::string& dir);

  ControlBlock(ControlBlock&& other) noexcept;
  ControlBlock& operator=(ControlBlock&& other) noexcept;
  ControlBlock(const ControlBlock&) = delete;
  ControlBlock& operator=(const ControlBlock&) = delete;
  ~ControlBlock();

  [[nodiscard]] ControlBlockLayout& layout() noexcept { return *layout_; }
  [[nodiscard]] const ControlBlockLayout& layout() const noexcept { return *layout_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }  ///< "" when anonymous
  [[nodiscard]] bool persistent() const noexcept { return !path_.empty(); }

  // ---- hot path (any thread, no allocation, no syscall) ----

  /// True if the global kill, this strategy's or this symbol's is tripped (three acquire
  /// loads; acquire pairs with the trip's release so its text is visible).
  [[nodiscard]] bool killed(SymbolId symbol, StrategyId strategy) const noexcept {
    return layout_->global_kill.state.load(std::memory_order_acquire) != KillRecord::kClear ||
           layout_->strategy_kill[strategy % kMaxStrategies].state.load(std::memory_order_acquire) != KillRecord::kClear ||
           (symbol < InstrumentTable::kCapacity &&
            layout_->symbol_kill[symbol].state.load(std::memory_order_acquire) != KillRecord::kClear);
  }
  /// This symbol's own switch (not the global one, not a strategy's).
  [[nodiscard]] bool symbolKilled(SymbolId symbol) const noexcept {
    return symbol < InstrumentTable::kCapacity &&
           layout_->symbol_kill[symbol].state.load(std::memory_order_acquire) != KillRecord::kClear;
  }
  [[nodiscard]] bool globallyKilled() const noexcept {
    return layout_->global_kill.state.load(std::memory_order_acquire) != KillRecord::kClear;
  }
  [[nodiscard]] TradingState tradingState() const noexcept {
    return static_cast<TradingState>(layout_->trading_state.load(std::memory_order_acquire));
  }
  [[nodiscard]] const LimitSet& liveLimits() const noexcept {
    return layout_->limit_sets[layout_->live_set.load(std::memory_order_acquire) & 1u];
  }
  [[nodiscard]] const LimitSet& shadowLimits() const noexcept {
    return layout_->limit_sets[(layout_->live_set.load(std::memory_order_acquire) & 1u) ^ 1u];
  }
  [[nodiscard]] bool shadowEnabled() const noexcept { return layout_->shadow_enabled.load(std::memory_order_relaxed) != 0; }
  /// Prefetches the lines a risk check of `symbol` by `strategy` reads here (the kill words,
  /// trading state, limit-set index, the live limit set) and the accept counter it adds to.
  /// A hint only: nothing is read or written (risk::RiskGate::prefetchCheck).
  void prefetchForCheck(SymbolId symbol, StrategyId strategy) const noexcept {
    const ControlBlockLayout& l = *layout_;
    __builtin_prefetch(&l.global_kill.state, 0, 3);
    __builtin_prefetch(&l.strategy_kill[strategy % kMaxStrategies].state, 0, 3);
    if (symbol < InstrumentTable::kCapacity) __builtin_prefetch(&l.symbol_kill[symbol].state, 0, 3);
    __builtin_prefetch(&l.trading_state, 0, 3);
    __builtin_prefetch(&l.live_set, 0, 3);
    prefetchObject(l.limit_sets[l.live_set.load(std::memory_order_relaxed) & 1u]);
    __builtin_prefetch(&l.accepted, 1, 3);
  }

  // ---- cold path (operator commands, automatic triggers, start-up) ----

  /// Trips a kill (latched; the first trip's reason, who and why are kept). `index` is the
  /// strategy or symbol id (ignored for global). Records the time in the kill history and
  /// bumps change_seq. Returns false if it was already tripped. No allocation, no syscall
  /// in the common case: safe from the engine thread for automatic triggers. Lock-free
  /// except while an operator reset of the same record is mid-write: it waits for that
  /// reset (well under a microsecond) rather than lose the trip, and takes the record
  /// over after 1 s (a resetter that died mid-write).
  bool tripKill(KillScope scope, std::size_t index, std::uint8_t reason, std::string_view who,
                std::string_view why) noexcept;
  /// Clears one kill. Returns false if it was not tripped. The token check is the caller's.
  bool resetKill(KillScope scope, std::size_t index) noexcept;
  /// Clears every kill, the forced dry-run latch and leaves the kill history as it is.
  void resetAll() noexcept;
  [[nodiscard]] KillView readKill(KillScope scope, std::size_t index) const;
  /// Kills tripped within `window_ns` before `now_ns`, from the history ring.
  [[nodiscard]] std::uint32_t killsWithin(std::int64_t now_ns, std::int64_t window_ns) const noexcept;

  void setTradingState(TradingState s) noexcept;
  void forceDryRun(ForcedDryRun why) noexcept;   ///< latched: the first reason stays
  [[nodiscard]] ForcedDryRun forcedDryRun() const noexcept {
    return static_cast<ForcedDryRun>(layout_->forced_dry_run.load(std::memory_order_acquire));
  }
  void setOperatorIntent(std::uint8_t mode, std::string_view who, std::string_view reason) noexcept;
  struct IntentView {
    std::uint8_t mode = 0;
    std::int64_t when_ns = 0;
    std::string who;
    std::string reason;
  };
  [[nodiscard]] IntentView readIntent() const;
  void setPromotion(bool ok, std::string_view detail) noexcept;
  [[nodiscard]] std::string promotionDetail() const;

  /// Stores the salted hash of the configured token (never the token). Empty: none.
  void configureToken(std::string_view token) noexcept;
  /// Does `candidate` match the configured token? False when none is configured.
  [[nodiscard]] bool tokenMatches(std::string_view candidate) const noexcept;

  /// Sets one limit of the live (or shadow) set; bumps change_seq. The loosen-needs-token
  /// rule is the caller's (limitLoosens).
  void setLimit(LimitKey key, std::int64_t raw, bool shadow = false) noexcept;
  /// Makes the shadow set live and the live set the shadow, in one store.
  void swapLimitSets() noexcept;

  void bumpChangeSeq() noexcept { layout_->change_seq.fetch_add(1, std::memory_order_acq_rel); }

 private:
  ControlBlock(ControlBlockLayout* layout, std::string path, bool mapped) noexcept
      : layout_(layout), path_(std::move(path)), mapped_(mapped) {}
  void release() noexcept;

  ControlBlockLayout* layout_ = nullptr;
  std::string path_;
  bool mapped_ = false;  ///< mmap'd file (munmap) or heap (delete)
};

/// Salted 64-bit FNV-1a. Guards against a mistyped or guessed token at the CLI; the real
/// boundary is the block file's 0600 mode (whoever can write the file can clear a kill).
[[nodiscard]] std::uint64_t tokenHash(std::string_view token, std::uint64_t salt) noexcept;

/// Wall clock in ns (CLOCK_REALTIME): who-when records. A vDSO call, not on the hot path.
[[nodiscard]] std::int64_t wallClockNs() noexcept;

}  // namespace bw
