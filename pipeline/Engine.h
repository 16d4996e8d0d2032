#pragma once
// The engine thread: ticks in, bars, signal, decision, RiskGate, order requests out;
// execution reports back into the gate (positions, exposure, P&L) and the decision
// engine. One thread owns everything here; it talks to the others only through the SPSC
// queues. Nothing on this path allocates after construction.

#include <atomic>
#include <cstdint>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/Order.h"
#include "core/SpscQueue.h"
#include "core/Tick.h"
#include "core/TscClock.h"
#include "feed/BarAggregator.h"
#include "fix/OrderGateway.h"
#include "fix/VenueSimulator.h"
#include "risk/RiskGate.h"
#include "strategy/DecisionEngine.h"

namespace bw::pipeline {

struct EngineCounters {
  std::uint64_t ticks = 0;
  std::uint64_t trades = 0;
  std::uint64_t bars = 0;
  std::uint64_t entries = 0;
  std::uint64_t exits = 0;
  std::uint64_t cancels = 0;
  std::uint64_t order_queue_full = 0;
  std::uint64_t refused_by_order_thread = 0;
  std::uint64_t acks = 0;
  std::uint64_t fills = 0;
  std::uint64_t partial_fills = 0;
  std::uint64_t canceled = 0;
  std::uint64_t venue_rejects = 0;
  std::uint64_t cancel_rejects = 0;
};

struct EngineQueues {
  SpscQueue<Tick>& ticks;            ///< feed -> engine
  SpscQueue<OrderRequest>& orders;   ///< engine -> order thread
  SpscQueue<OrderId>& refused;       ///< order thread -> engine: accepted but not sent
};

class Engine {
 public:
  Engine(const Config& config, const InstrumentTable& instruments, const TscClock& clock, risk::RiskGate& gate,
         EngineQueues queues, fix::OrderGateway& gateway, fix::VenueSimulator* venue);

  /// Runs until the feed is done, every tick is processed and every working order is
  /// finished (or the drain timeout passes). `feed_done` is set by the feed thread after
  /// its last push.
  void run(const std::atomic<bool>& feed_done);

  [[nodiscard]] const EngineCounters& counters() const noexcept { return counters_; }
  [[nodiscard]] const LatencyHistogram& tickToDecision() const noexcept { return tick_to_decision_; }
  [[nodiscard]] const LatencyHistogram& decisionToVerdict() const noexcept { return decision_to_verdict_; }
  [[nodiscard]] const strategy::DecisionEngine& decisions() const noexcept { return decisions_; }

  // Exposed for single-threaded tests: one step each.
  void processTick(const Tick& tick) noexcept;
  bool pollVenue() noexcept;

 private:
  void handle(const strategy::Decision& d, std::uint64_t tick_tsc) noexcept;
  void sendNew(const OrderIntent& intent, std::uint64_t verdict_tsc) noexcept;
  void sendCancel(const risk::WorkingOrder& order, OrderId cancel_id) noexcept;
  void processExec(const ExecEvent& e) noexcept;
  void cancelAllWorking() noexcept;

  const Config& config_;
  const InstrumentTable& instruments_;
  const TscClock& clock_;
  risk::RiskGate& gate_;
  EngineQueues queues_;
  fix::OrderGateway& gateway_;
  fix::VenueSimulator* venue_;  // replay only: the simulator sees the trades we see
  feed::BarAggregator bars_;
  strategy::DecisionEngine decisions_;
  EngineCounters counters_;
  LatencyHistogram tick_to_decision_;
  LatencyHistogram decision_to_verdict_;
};

}  // namespace bw::pipeline
