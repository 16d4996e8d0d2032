#pragma once
// Every tick-level feature, updated together on one tick: top of book (spread, imbalance,
// micro-price), trade-sign imbalance over the last N trades and the session phase.
// Allocates in the constructor, nothing after. Single thread (the engine).

#include <cstdint>
#include <utility>
#include <vector>

#include "core/Tick.h"
#include "strategy/indicators/Microstructure.h"
#include "strategy/indicators/SessionPhase.h"

namespace bw::indicators {

class TickFeatureSet {
 public:
  /// Throws std::invalid_argument on a zero length or a bad phase range. Cold path.
  TickFeatureSet(std::uint32_t trade_sign_trades, std::vector<PhaseRange> phases = defaultPhases())
      : trade_sign(trade_sign_trades), session_phase(std::move(phases)) {}

  /// No allocation.
  void onTick(const Tick& tick) noexcept {
    quote.onTick(tick);
    trade_sign.onTick(tick);
    session_phase.onTick(tick);
  }

  QuoteFeatures quote;
  TradeSignImbalance trade_sign;
  SessionPhase session_phase;
};

}  // namespace bw::indicators
