#pragma once
// Tick-level microstructure features, from quotes and trades. Per tick: a few stores and
// compares; the ratios are divided out when read, not on every tick. No allocation after
// construction. Single thread (the engine).
//   QuoteFeatures        from any tick with a two-sided top of book (quote, depth, snapshot):
//                        spread = ask - bid (Price) and in bps of the mid,
//                        top-of-book imbalance = (bid_qty - ask_qty) / (bid_qty + ask_qty),
//                        micro-price = (bid x ask_qty + ask x bid_qty) / (bid_qty + ask_qty)
//   TradeSignImbalance   mean aggressor sign (+1 buy, -1 sell) over the last N trades

#include <cstdint>

#include "core/FixedPoint.h"
#include "core/Tick.h"
#include "strategy/indicators/IndicatorName.h"
#include "strategy/indicators/Ring.h"

namespace bw::indicators {

class QuoteFeatures {
 public:
  /// Takes the top of book from a tick that has both sides (bid > 0 and ask > 0); ignores
  /// others (trades carry no book). No allocation.
  void onTick(const Tick& tick) noexcept {
    if (tick.bid.raw <= 0 || tick.ask.raw <= 0) return;
    bid_ = tick.bid;
    ask_ = tick.ask;
    bid_qty_ = tick.bid_qty;
    ask_qty_ = tick.ask_qty;
  }

  /// True once a two-sided quote has been seen.
  [[nodiscard]] bool ready() const noexcept { return bid_.raw > 0; }
  [[nodiscard]] Price spread() const noexcept { return Price{ask_.raw - bid_.raw}; }
  /// 10'000 x spread / mid, mid = (bid + ask) / 2 (0 before ready()).
  [[nodiscard]] double spreadBps() const noexcept;
  /// In [-1, 1]; 0 when both quantities are unknown (0).
  [[nodiscard]] double topImbalance() const noexcept;
  /// Computed as bid + spread x bid_qty / (bid_qty + ask_qty), which equals the formula
  /// above exactly for a spread >= 0 (truncated to 1e-8); the mid when both quantities are
  /// unknown. 64-bit when the product fits, 128-bit otherwise.
  [[nodiscard]] Price microPrice() const noexcept;
  [[nodiscard]] Price bid() const noexcept { return bid_; }
  [[nodiscard]] Price ask() const noexcept { return ask_; }

 private:
  Price bid_{};
  Price ask_{};
  Qty bid_qty_{};
  Qty ask_qty_{};
};

class TradeSignImbalance {
 public:
  /// Throws std::invalid_argument when length is 0. Cold path.
  explicit TradeSignImbalance(std::uint32_t trades);

  /// Counts trades only; other ticks are ignored. No allocation.
  void onTick(const Tick& tick) noexcept {
    if (tick.kind != TickKind::kTrade) return;
    const std::int8_t sign = tick.aggressor == Side::kBuy ? 1 : -1;
    sum_ += sign - signs_.push(sign);
  }

  /// True once N trades are in.
  [[nodiscard]] bool ready() const noexcept { return signs_.full(); }
  /// (buys - sells) / N over the last N trades, in [-1, 1] (0 before ready()).
  [[nodiscard]] double value() const noexcept {
    return ready() ? static_cast<double>(sum_) / static_cast<double>(signs_.capacity()) : 0.0;
  }
  [[nodiscard]] std::string_view name() const noexcept { return name_.view(); }

 private:
  IndicatorName name_;
  Ring<std::int8_t> signs_;
  std::int32_t sum_ = 0;
};

}  // namespace bw::indicators
