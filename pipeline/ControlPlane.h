#pragma once
// The control plane of a running process, off the hot path:
//  - at start, the control block is opened (or created) for `--instance NAME`, loaded
//    from the config (live and shadow limits, execution mode, the confirm token's hash,
//    whether the token supplied at start matches) and the promotion layer is evaluated
//    from the paper results in the journal;
//  - while running, a control thread beats the heartbeat, publishes usage for `breakwater
//    status`, and journals every change it sees in the block (kills, resets, limits,
//    trading state, gate layers) with who, when and why - whether the change came from
//    this process's triggers or from `breakwater` in another process.
// A kill, a reset or a limit change reaches the hot path through the block itself (the
// RiskGate reads it on every check); this thread only records and publishes.

#include <array>
#include <atomic>
#include <string>
#include <thread>

#include "core/Config.h"
#include "core/ControlBlock.h"
#include "core/InstrumentTable.h"
#include "pipeline/Journal.h"
#include "risk/PromotionGate.h"
#include "risk/RiskGate.h"

namespace bw::pipeline {

/// The block for an instance (shared, persistent) or a private one ("" instance).
[[nodiscard]] ControlBlock openControlBlock(const std::string& instance, const std::string& state_dir);

/// Loads the config into the block: limits (live set), shadow set, configured mode, the
/// token's hash, layer 3 (supplied token matches), layer 4 (promotion). Kills, operator
/// intent and a forced dry-run persist from the last run. Cold path.
void applyConfig(ControlBlock& block, const Config& config, const std::string& supplied_token,
                 const risk::PromotionResult& promotion);

/// Promotion from the paper trades journaled at `journal_path` (missing file: no trades).
[[nodiscard]] risk::PromotionResult promotionFromJournal(const std::string& journal_path, const LiveConfig& live);

class ControlThread {
 public:
  ControlThread(ControlBlock& block, const risk::RiskGate& gate, const InstrumentTable& instruments, Journal* journal);
  ~ControlThread() { stop(); }
  ControlThread(const ControlThread&) = delete;
  ControlThread& operator=(const ControlThread&) = delete;

  void start();
  /// Publishes and journals one last time, then joins. Idempotent.
  void stop() noexcept;
  /// One pass (tests; the thread calls it every period).
  void poll();

  [[nodiscard]] std::uint64_t killsSeen() const noexcept { return kills_seen_; }

 private:
  struct Snapshot {
    std::array<std::uint32_t, 1 + kMaxStrategies + InstrumentTable::kCapacity> kill_state{};
    std::array<LimitValues, 2> limits{};
    std::uint8_t live_set = 0;
    std::uint8_t trading_state = 0;
    std::array<bool, 5> gate{};
  };
  Snapshot take() const;
  void journalChanges(const Snapshot& now);
  void publishUsage();

  ControlBlock& block_;
  const risk::RiskGate& gate_;
  const InstrumentTable& instruments_;
  Journal* journal_;
  Snapshot last_;
  std::uint64_t kills_seen_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace bw::pipeline
