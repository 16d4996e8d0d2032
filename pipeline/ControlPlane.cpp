#include "pipeline/ControlPlane.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "pipeline/JournalReader.h"
#include "pipeline/PaperResults.h"
#include "risk/KillSwitch.h"
#include "risk/LiveGate.h"

namespace bw::pipeline {
namespace {

constexpr auto kPeriod = std::chrono::milliseconds(10);

JournalScope scopeOf(std::size_t index) {
  if (index == 0) return JournalScope::kGlobal;
  return index <= kMaxStrategies ? JournalScope::kStrategy : JournalScope::kSymbol;
}

}  // namespace

ControlBlock openControlBlock(const std::string& instance, const std::string& state_dir) {
  if (instance.empty()) return ControlBlock::anonymous();
  return ControlBlock::openOrCreate(instance, state_dir.empty() ? ControlBlock::defaultDir() : state_dir);
}

void applyConfig(ControlBlock& block, const Config& config, const std::string& supplied_token,
                 const risk::PromotionResult& promotion) {
  ControlBlockLayout& b = block.layout();
  const std::uint8_t live = b.live_set.load(std::memory_order_acquire) & 1u;
  b.limit_sets[live].store(config.limits.values);
  b.limit_sets[live ^ 1u].store(config.shadow_limits.enabled ? config.shadow_limits.values : config.limits.values);
  b.shadow_enabled.store(config.shadow_limits.enabled ? 1 : 0, std::memory_order_release);
  b.configured_mode.store(static_cast<std::uint8_t>(config.live.mode), std::memory_order_release);
  block.configureToken(config.live.confirm_token);  // its salted hash only; never the text
  const bool token_ok = !config.live.confirm_token.empty() && block.tokenMatches(supplied_token);
  b.token_ok.store(token_ok ? 1 : 0, std::memory_order_release);
  block.setPromotion(promotion.pass, promotion.summary);
  b.owner_pid.store(static_cast<std::int32_t>(::getpid()), std::memory_order_release);
  b.started_ns.store(wallClockNs(), std::memory_order_release);
  b.heartbeat_ns.store(wallClockNs(), std::memory_order_release);
  block.bumpChangeSeq();
}

risk::PromotionResult promotionFromJournal(const std::string& journal_path, const LiveConfig& live) {
  risk::PaperStats stats;
  std::error_code ec;
  if (!journal_path.empty() && std::filesystem::exists(journal_path, ec)) {
    stats = paperStatsFromJournal(readJournal(journal_path).records);
  }
  return risk::evaluatePromotion(stats, risk::PromotionThresholds::fromConfig(live));
}

ControlThread::ControlThread(ControlBlock& block, const risk::RiskGate& gate, const InstrumentTable& instruments,
                             Journal* journal)
    : block_(block), gate_(gate), instruments_(instruments), journal_(journal) {
  last_ = take();
  // A kill that survived a restart, and the gate's layers, are journaled as seen at start.
  last_.kill_state.fill(KillRecord::kClear);
  last_.gate.fill(false);
}

ControlThread::Snapshot ControlThread::take() const {
  Snapshot s;
  const ControlBlockLayout& b = block_.layout();
  s.kill_state[0] = b.global_kill.state.load(std::memory_order_acquire);
  for (std::size_t i = 0; i < kMaxStrategies; ++i) s.kill_state[1 + i] = b.strategy_kill[i].state.load(std::memory_order_acquire);
  for (std::size_t i = 0; i < InstrumentTable::kCapacity; ++i) {
    s.kill_state[1 + kMaxStrategies + i] = b.symbol_kill[i].state.load(std::memory_order_acquire);
  }
  s.live_set = b.live_set.load(std::memory_order_acquire) & 1u;
  s.limits[0] = b.limit_sets[0].snapshot();
  s.limits[1] = b.limit_sets[1].snapshot();
  s.trading_state = b.trading_state.load(std::memory_order_acquire);
  const auto layers = risk::describeLiveGate(block_);
  for (std::size_t i = 0; i < layers.size(); ++i) s.gate[i] = layers[i].open;
  return s;
}

void ControlThread::journalChanges(const Snapshot& now) {
  const std::int64_t wall = wallClockNs();
  for (std::size_t i = 0; i < now.kill_state.size(); ++i) {
    const bool was = last_.kill_state[i] == KillRecord::kTripped;
    const bool is = now.kill_state[i] == KillRecord::kTripped;
    if (was == is) continue;
    const KillScope scope = i == 0 ? KillScope::kGlobal : i <= kMaxStrategies ? KillScope::kStrategy : KillScope::kSymbol;
    const std::size_t index = i == 0 ? 0 : i <= kMaxStrategies ? i - 1 : i - 1 - kMaxStrategies;
    const auto symbol = scope == KillScope::kSymbol ? static_cast<SymbolId>(index) : kNoSymbol;
    const auto strategy = scope == KillScope::kStrategy ? static_cast<std::uint8_t>(index) : std::uint8_t{0};
    if (is) {
      ++kills_seen_;
      const KillView k = block_.readKill(scope, index);
      std::string text = k.who;
      text += ": ";
      text += k.why;
      if (journal_ != nullptr) {
        (void)journal_->record(JournalEvent::kill(wall, static_cast<risk::KillReason>(k.reason), scopeOf(i), symbol,
                                                  strategy, text));
      }
    } else if (journal_ != nullptr) {
      (void)journal_->record(JournalEvent::killReset(wall, scopeOf(i), symbol, strategy, "operator reset"));
    }
  }
  for (std::size_t set = 0; set < 2; ++set) {
    for (std::size_t k = 0; k < kLimitCount; ++k) {
      if (last_.limits[set].raw[k] == now.limits[set].raw[k] || journal_ == nullptr) continue;
      const bool shadow = set != now.live_set;
      std::string text = kLimitInfo[k].name;
      (void)journal_->record(JournalEvent::limitChange(wall, static_cast<std::uint8_t>(k), last_.limits[set].raw[k],
                                                       now.limits[set].raw[k], shadow ? JournalScope::kShadow : JournalScope::kGlobal, text));
    }
  }
  if (journal_ != nullptr && now.trading_state != last_.trading_state) {
    (void)journal_->record(JournalEvent::stateChange(wall, last_.trading_state, now.trading_state,
                                                     tradingStateName(static_cast<TradingState>(now.trading_state))));
  }
  if (journal_ != nullptr) {
    const auto layers = risk::describeLiveGate(block_);
    for (std::size_t i = 0; i < layers.size(); ++i) {
      if (now.gate[i] != last_.gate[i]) {
        (void)journal_->record(JournalEvent::gateChange(wall, static_cast<std::uint8_t>(i), now.gate[i], layers[i].reason));
      }
    }
  }
  last_ = now;
}

void ControlThread::publishUsage() {
  ControlBlockLayout& b = block_.layout();
  const risk::PositionBook& p = gate_.positions();
  const auto put = [&b](UsageKey k, std::int64_t v) { b.usage[static_cast<std::size_t>(k)].store(v, std::memory_order_relaxed); };
  put(UsageKey::kReservedNotional, gate_.reservedNotional());
  put(UsageKey::kGrossExposure, p.totalGrossExposure().raw);
  put(UsageKey::kOpenOrders, gate_.openOrders());
  put(UsageKey::kOpenPositions, p.openPositions(instruments_.size()));
  put(UsageKey::kOpenRisk, gate_.reservedRisk() + p.totalOpenRisk());
  put(UsageKey::kRealizedPnl, p.totalRealized().raw);
  put(UsageKey::kUnrealizedPnl, p.totalUnrealized().raw);
  put(UsageKey::kDataQuality, gate_.dataQuality());
  b.heartbeat_ns.store(wallClockNs(), std::memory_order_release);
}

void ControlThread::poll() {
  publishUsage();
  journalChanges(take());
}

void ControlThread::start() {
  thread_ = std::thread([this] {
    if (journal_ != nullptr) journal_->attachThread("control");
    while (!stop_.load(std::memory_order_acquire)) {
      poll();
      std::this_thread::sleep_for(kPeriod);
    }
  });
}

void ControlThread::stop() noexcept {
  if (!thread_.joinable()) return;
  stop_.store(true, std::memory_order_release);
  thread_.join();
  poll();
}

}  // namespace bw::pipeline
