#pragma once
// Every bounded limit of the pre-trade risk core, as one table. Config parsing, `config
// check`, `limits show|set`, the control block and the RiskGate all walk this table, so a
// limit added here is parsed, validated, printed, settable and enforced in one place.
//
// Values are int64 in the limit's unit (money and quantity as 1e-8 fixed point, the rest
// as plain integers). Every limit is > 0: zero or negative is a config error. A control
// is "off" only by setting its limit out of reach, which `config check` shows plainly.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/FixedPoint.h"

namespace bw {

enum class LimitKey : std::uint8_t {
  // order
  kMaxOrderQty = 0,
  kMaxOrderNotional,
  kPriceCollarBps,
  kDuplicateWindowMs,
  // exposure
  kMaxOpenPositions,
  kMaxPositionQty,
  kMaxSymbolGrossNotional,
  kMaxSymbolNetNotional,
  kMaxTotalNotional,
  kMaxTotalNetNotional,
  kMaxOpenRisk,
  kMaxSymbolRiskSharePct,
  kMaxOpenOrders,
  // loss
  kStartEquity,
  kMaxDailyLossAbs,
  kMaxDailyLossPct,
  kMaxLossPerTrade,
  kMaxConsecutiveLosses,
  kMaxDrawdown,
  // rate
  kMaxOrdersPerSec,
  kMaxMessagesPerSec,
  kMaxCancelsPerSec,
  kMaxFillsPerInterval,
  kFillIntervalMs,
  kRateBreachCount,
  // quality
  kMaxDataAgeMs,
  kMinDataQuality,
  kRejectStormCount,
  kRejectStormWindowMs,
  kMaxSlippageBps,
  kCount
};

inline constexpr std::size_t kLimitCount = static_cast<std::size_t>(LimitKey::kCount);

enum class LimitUnit : std::uint8_t {
  kMoney,   ///< quote currency, 1e-8 fixed point
  kQty,     ///< base units, 1e-8 fixed point
  kCount,   ///< plain integer
  kBps,     ///< basis points
  kPct,     ///< percent
  kMillis,  ///< milliseconds
};

/// Which way a change loosens the limit: loosening needs the confirm token.
enum class Looser : std::uint8_t { kHigher, kLower };

struct LimitInfo {
  const char* name;   ///< TOML key in [limits] and the CLI's KEY
  const char* group;  ///< order | exposure | loss | rate | quality
  LimitUnit unit;
  std::int64_t min;   ///< smallest allowed value, in the unit (before scaling)
  std::int64_t max;   ///< largest allowed value, in the unit (before scaling)
  Looser looser;
  const char* doc;
};

namespace limit_bounds {
inline constexpr std::int64_t kMoney = 1'000'000'000;  // 1e9 quote units: no sane limit is above
inline constexpr std::int64_t kMillisDay = 86'400'000;
}  // namespace limit_bounds

inline constexpr std::array<LimitInfo, kLimitCount> kLimitInfo = {{
    {"max_order_qty", "order", LimitUnit::kQty, 0, limit_bounds::kMoney, Looser::kHigher, "base units per order (> 0)"},
    {"max_order_notional", "order", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "price x qty per order"},
    {"price_collar_bps", "order", LimitUnit::kBps, 1, 10'000, Looser::kHigher, "limit within this many bps of the last trade"},
    {"duplicate_window_ms", "order", LimitUnit::kMillis, 1, limit_bounds::kMillisDay, Looser::kLower, "same symbol, side, price and qty again within this window is refused"},
    {"max_open_positions", "exposure", LimitUnit::kCount, 1, 1'000, Looser::kHigher, "symbols with a position or a working entry"},
    {"max_position_qty", "exposure", LimitUnit::kQty, 0, limit_bounds::kMoney, Looser::kHigher, "|position + working entries| per symbol, base units"},
    {"max_symbol_gross_notional", "exposure", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "|position| at mark + working entries, per symbol"},
    {"max_symbol_net_notional", "exposure", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "|signed position + one side's working entries|, per symbol, worst side"},
    {"max_total_notional", "exposure", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "gross: positions at mark + working entries, all symbols"},
    {"max_total_net_notional", "exposure", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "net: signed positions + one side's working entries, worst side"},
    {"max_open_risk", "exposure", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "sum of stop distance x qty over open entries and positions"},
    {"max_symbol_risk_share_pct", "exposure", LimitUnit::kPct, 1, 100, Looser::kHigher, "one symbol's share of max_open_risk"},
    {"max_open_orders", "exposure", LimitUnit::kCount, 1, 4'096, Looser::kHigher, "working orders, in flight included"},
    {"start_equity", "loss", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "equity at the start of the day (base of the % limits)"},
    {"max_daily_loss_abs", "loss", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "realized + unrealized loss; a breach trips the kill switch"},
    {"max_daily_loss_pct", "loss", LimitUnit::kPct, 1, 100, Looser::kHigher, "the same as a percent of start_equity"},
    {"max_loss_per_trade", "loss", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "stop distance x qty of one entry"},
    {"max_consecutive_losses", "loss", LimitUnit::kCount, 1, 1'000, Looser::kHigher, "losing round trips in a row"},
    {"max_drawdown", "loss", LimitUnit::kMoney, 0, limit_bounds::kMoney, Looser::kHigher, "equity below its peak of the day"},
    {"max_orders_per_sec", "rate", LimitUnit::kCount, 1, 1'000'000, Looser::kHigher, "new orders per second (token bucket)"},
    {"max_messages_per_sec", "rate", LimitUnit::kCount, 1, 1'000'000, Looser::kHigher, "new + cancel + replace per second (token bucket)"},
    {"max_cancels_per_sec", "rate", LimitUnit::kCount, 1, 1'000'000, Looser::kHigher, "cancel/replace per second (token bucket)"},
    {"max_fills_per_interval", "rate", LimitUnit::kCount, 1, 1'000'000, Looser::kHigher, "fills per fill_interval_ms; more latches a stop"},
    {"fill_interval_ms", "rate", LimitUnit::kMillis, 1, limit_bounds::kMillisDay, Looser::kLower, "window of max_fills_per_interval"},
    {"rate_breach_count", "rate", LimitUnit::kCount, 1, 1'000'000, Looser::kHigher, "rate rejects within a second that trip the kill switch"},
    {"max_data_age_ms", "quality", LimitUnit::kMillis, 1, limit_bounds::kMillisDay, Looser::kHigher, "market data older than this is stale: entries blocked"},
    {"min_data_quality", "quality", LimitUnit::kPct, 1, 100, Looser::kLower, "data-quality score (0-100) below this blocks entries"},
    {"reject_storm_count", "quality", LimitUnit::kCount, 1, 1'000'000, Looser::kHigher, "rejects (gate + venue) within the window that trip the kill switch"},
    {"reject_storm_window_ms", "quality", LimitUnit::kMillis, 1, limit_bounds::kMillisDay, Looser::kLower, "window of reject_storm_count"},
    {"max_slippage_bps", "quality", LimitUnit::kBps, 1, 10'000, Looser::kHigher, "mean fill slippage over the last fills above this blocks entries"},
}};

[[nodiscard]] constexpr const LimitInfo& limitInfo(LimitKey k) noexcept { return kLimitInfo[static_cast<std::size_t>(k)]; }

/// Scale of a unit: money and quantity are 1e-8 fixed point, the rest plain.
[[nodiscard]] constexpr std::int64_t limitScale(LimitUnit u) noexcept {
  return u == LimitUnit::kMoney || u == LimitUnit::kQty ? kScale : 1;
}

/// The key named `name`, or LimitKey::kCount.
[[nodiscard]] constexpr LimitKey findLimit(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    if (name == kLimitInfo[i].name) return static_cast<LimitKey>(i);
  }
  return LimitKey::kCount;
}

/// A raw value (already scaled) within the key's bounds?
[[nodiscard]] constexpr bool limitInRange(LimitKey k, std::int64_t raw) noexcept {
  const LimitInfo& info = limitInfo(k);
  const std::int64_t scale = limitScale(info.unit);
  return raw > 0 && raw >= info.min * scale && raw <= info.max * scale;
}

/// Does raw value `to` loosen the limit compared with `from`?
[[nodiscard]] constexpr bool limitLoosens(LimitKey k, std::int64_t from, std::int64_t to) noexcept {
  return limitInfo(k).looser == Looser::kHigher ? to > from : to < from;
}

/// Plain values (config, snapshots). Raw, scaled.
struct LimitValues {
  std::array<std::int64_t, kLimitCount> raw{};
  [[nodiscard]] std::int64_t operator[](LimitKey k) const noexcept { return raw[static_cast<std::size_t>(k)]; }
  [[nodiscard]] std::int64_t& operator[](LimitKey k) noexcept { return raw[static_cast<std::size_t>(k)]; }
  friend bool operator==(const LimitValues&, const LimitValues&) = default;
};

/// The live copy: one atomic word per limit, so an operator (another process, through the
/// control block) can change one while checkers read it. A reader sees the old or the new
/// value of each word, never a torn one. Relaxed: no other data depends on a limit's value.
/// Lives in shared memory: trivially constructible, address-free atomics only.
class LimitSet {
 public:
  [[nodiscard]] std::int64_t get(LimitKey k) const noexcept {
    return words_[static_cast<std::size_t>(k)].load(std::memory_order_relaxed);
  }
  void set(LimitKey k, std::int64_t raw) noexcept { words_[static_cast<std::size_t>(k)].store(raw, std::memory_order_relaxed); }
  void store(const LimitValues& v) noexcept {
    for (std::size_t i = 0; i < kLimitCount; ++i) words_[i].store(v.raw[i], std::memory_order_relaxed);
  }
  [[nodiscard]] LimitValues snapshot() const noexcept {
    LimitValues v;
    for (std::size_t i = 0; i < kLimitCount; ++i) v.raw[i] = words_[i].load(std::memory_order_relaxed);
    return v;
  }

 private:
  std::array<std::atomic<std::int64_t>, kLimitCount> words_;
};
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "limits live in shared memory");

}  // namespace bw
