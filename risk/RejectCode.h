#pragma once
// Every verdict of the RiskGate. Each code has a stable UPPER_SNAKE name (reports, FIX
// text, journal) and, where one applies, the rule it implements. The table is constexpr:
// no string is built on the hot path.

#include <array>
#include <cstddef>
#include <cstdint>

namespace bw::risk {

enum class RejectCode : std::uint8_t {
  kAccepted = 0,                   ///< every check passed
  kKillSwitch,                 ///< a kill switch (global, this strategy's or this symbol's) is tripped
  kTradingHalted,              ///< trading state is HALTED
  kReducingOnly,               ///< trading state is REDUCING and the order does not reduce a position
  kLiveGateClosed,             ///< the session is live and a live-gate layer says no
  kUnknownSymbol,              ///< symbol not in the instrument table
  kRestrictedSymbol,           ///< symbol on the restricted list
  kMarketOrderNotAllowed,      ///< market orders are never sent
  kTifNotAllowed,              ///< time in force not in allowed_tif
  kInvalidPrice,               ///< price not positive or not a multiple of the tick size
  kInvalidQty,                 ///< quantity not positive or not a multiple of the lot size
  kBracketRequired,            ///< an entry must carry a stop and a target on the right sides of its limit
  kMaxOrderQty,                ///< quantity above max_order_qty
  kNotionalOverflow,           ///< price x quantity does not fit: refused, never wrapped
  kMaxOrderNotional,           ///< price x quantity above max_order_notional
  kNoReferencePrice,           ///< no trade seen yet to collar against
  kPriceCollar,                ///< limit further than price_collar_bps from the last trade
  kDuplicateOrder,             ///< same symbol, side, price and quantity within duplicate_window_ms
  kOrderIdInUse,               ///< the order id's working-order slot is held by a working order
  kStaleMarketData,            ///< the symbol's last tick is older than max_data_age_ms
  kDataQuality,                ///< data-quality score below min_data_quality
  kExecutionQuality,           ///< mean slippage of recent fills above max_slippage_bps
  kMaxDailyLoss,               ///< realized + unrealized loss at max_daily_loss_abs
  kMaxDailyLossPct,            ///< loss at max_daily_loss_pct of start_equity
  kMaxDrawdown,                ///< equity more than max_drawdown below its peak
  kMaxConsecutiveLosses,       ///< max_consecutive_losses losing round trips in a row
  kMaxLossPerTrade,            ///< stop distance x quantity above max_loss_per_trade
  kReduceOnlyViolation,        ///< an exit that would not reduce the position (working exits included)
  kMaxOpenPositions,           ///< a new symbol would exceed max_open_positions
  kMaxPositionQty,             ///< position + same-side working entries above max_position_qty
  kMaxSymbolGrossNotional,     ///< symbol gross (position at mark + working entries) above its limit
  kMaxSymbolNetNotional,       ///< symbol net, worst side, above its limit
  kMaxTotalNotional,           ///< positions + working entries would exceed max_total_notional
  kMaxTotalNetNotional,        ///< net exposure, worst side, would exceed max_total_net_notional
  kMaxOpenRisk,                ///< sum of stop distance x qty would exceed max_open_risk
  kMaxSymbolRiskShare,         ///< one symbol's open risk above max_symbol_risk_share_pct of max_open_risk
  kMaxOpenOrders,              ///< working orders (in flight included) at max_open_orders
  kMaxOrderRate,               ///< new orders above max_orders_per_sec
  kMaxMessageRate,             ///< messages above max_messages_per_sec
  kMaxCancelRate,              ///< cancel/replace above max_cancels_per_sec
  kReplaceNotAllowed,          ///< a replace of an entry, or of an order with a replace already out
  kCount
};

inline constexpr std::size_t kRejectCodeCount = static_cast<std::size_t>(RejectCode::kCount);
static_assert(kRejectCodeCount <= 64, "the control block keeps 64 counters");

struct RejectCodeInfo {
  const char* name;  ///< stable UPPER_SNAKE code
  const char* rule;  ///< regulation it implements, or "" for house rules
};

inline constexpr std::array<RejectCodeInfo, kRejectCodeCount> kRejectCodeInfo = {{
    {"ACCEPTED", ""},
    {"KILL_SWITCH", "MiFID II RTS 6 Art. 12 (kill functionality)"},
    {"TRADING_HALTED", "MiFID II RTS 6 Art. 12 (kill functionality)"},
    {"REDUCING_ONLY", "MiFID II RTS 6 Art. 15(1) (pre-trade controls)"},
    {"LIVE_GATE_CLOSED", "SEC 15c3-5(c)(2)(iii) (authorised users and systems)"},
    {"UNKNOWN_SYMBOL", "SEC 15c3-5(c)(2)(ii) (restricted/unknown securities)"},
    {"RESTRICTED_SYMBOL", "SEC 15c3-5(c)(2)(ii) (restricted securities)"},
    {"MARKET_ORDER_NOT_ALLOWED", "MiFID II RTS 6 Art. 15(1)(a) (price collars need a limit)"},
    {"TIF_NOT_ALLOWED", "house rule: allowed order types"},
    {"INVALID_PRICE", "SEC 15c3-5(c)(1)(ii) (erroneous orders)"},
    {"INVALID_QTY", "SEC 15c3-5(c)(1)(ii) (erroneous orders)"},
    {"BRACKET_REQUIRED", "house rule: entries carry stop and target"},
    {"MAX_ORDER_QTY", "MiFID II RTS 6 Art. 15(1)(c) (maximum order volume)"},
    {"NOTIONAL_OVERFLOW", "SEC 15c3-5(c)(1)(ii) (erroneous orders)"},
    {"MAX_ORDER_NOTIONAL", "MiFID II RTS 6 Art. 15(1)(b) (maximum order value)"},
    {"NO_REFERENCE_PRICE", "MiFID II RTS 6 Art. 15(1)(a) (price collars)"},
    {"PRICE_COLLAR", "MiFID II RTS 6 Art. 15(1)(a) (price collars)"},
    {"DUPLICATE_ORDER", "SEC 15c3-5(c)(1)(ii) (duplicative orders)"},
    {"ORDER_ID_IN_USE", "house rule: unique client order ids"},
    {"STALE_MARKET_DATA", "MiFID II RTS 6 Art. 15(1)(a) (reference price must be current)"},
    {"DATA_QUALITY", "MiFID II RTS 6 Art. 15(1) (pre-trade controls)"},
    {"EXECUTION_QUALITY", "MiFID II RTS 6 Art. 16 (real-time monitoring)"},
    {"MAX_DAILY_LOSS", "SEC 15c3-5(c)(1)(i) (capital threshold)"},
    {"MAX_DAILY_LOSS_PCT", "SEC 15c3-5(c)(1)(i) (capital threshold)"},
    {"MAX_DRAWDOWN", "SEC 15c3-5(c)(1)(i) (capital threshold)"},
    {"MAX_CONSECUTIVE_LOSSES", "house rule: loss streak stop"},
    {"MAX_LOSS_PER_TRADE", "house rule: risk per trade"},
    {"REDUCE_ONLY_VIOLATION", "house rule: exits only reduce"},
    {"MAX_OPEN_POSITIONS", "house rule: bounded live"},
    {"MAX_POSITION_QTY", "MiFID II RTS 6 Art. 15(1)(c) (maximum volume)"},
    {"MAX_SYMBOL_GROSS_NOTIONAL", "SEC 15c3-5(c)(1)(i) (credit threshold)"},
    {"MAX_SYMBOL_NET_NOTIONAL", "SEC 15c3-5(c)(1)(i) (credit threshold)"},
    {"MAX_TOTAL_NOTIONAL", "SEC 15c3-5(c)(1)(i) (credit threshold)"},
    {"MAX_TOTAL_NET_NOTIONAL", "SEC 15c3-5(c)(1)(i) (credit threshold)"},
    {"MAX_OPEN_RISK", "house rule: bounded open risk"},
    {"MAX_SYMBOL_RISK_SHARE", "house rule: concentration"},
    {"MAX_OPEN_ORDERS", "MiFID II RTS 6 Art. 15(2) (orders in flight count)"},
    {"MAX_ORDER_RATE", "MiFID II RTS 6 Art. 15(1)(d) (maximum messages)"},
    {"MAX_MESSAGE_RATE", "MiFID II RTS 6 Art. 15(1)(d) (maximum messages)"},
    {"MAX_CANCEL_RATE", "MiFID II RTS 6 Art. 15(1)(d) (maximum messages)"},
    {"REPLACE_NOT_ALLOWED", "house rule: only exits are repriced; entries are canceled and entered again"},
}};

// A code added to the enum but not to the table would have a null name: refuse to build.
[[nodiscard]] consteval bool everyRejectCodeNamed() {
  for (const RejectCodeInfo& info : kRejectCodeInfo) {
    if (info.name == nullptr || info.rule == nullptr) return false;
  }
  return true;
}
static_assert(everyRejectCodeNamed(), "kRejectCodeInfo must name every RejectCode");

[[nodiscard]] constexpr const char* rejectCodeName(RejectCode c) noexcept {
  return kRejectCodeInfo[static_cast<std::size_t>(c)].name;
}
[[nodiscard]] constexpr const char* rejectCodeRule(RejectCode c) noexcept {
  return kRejectCodeInfo[static_cast<std::size_t>(c)].rule;
}

}  // namespace bw::risk
