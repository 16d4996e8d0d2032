#pragma once
// Every verdict of the RiskGate. Each code has a stable UPPER_SNAKE name (reports, FIX
// text, journal) and, where one applies, the rule it implements. The table is constexpr:
// no string is built on the hot path.

#include <array>
#include <cstddef>
#include <cstdint>

namespace bw::risk {

enum class RejectCode : std::uint8_t {
  kAccepted = 0,           ///< every check passed
  kKillSwitch,             ///< the kill switch is tripped
  kUnknownSymbol,          ///< symbol not in the instrument table
  kMarketOrderNotAllowed,  ///< market orders are never sent
  kBracketRequired,        ///< an entry must carry a stop below and a target above (buy)
  kInvalidPrice,           ///< price not positive or not a multiple of the tick size
  kInvalidQty,             ///< quantity not positive or not a multiple of the lot size
  kMaxOrderQty,            ///< quantity above max_order_qty
  kNotionalOverflow,       ///< price x quantity does not fit: refused, never wrapped
  kMaxOrderNotional,       ///< price x quantity above max_order_notional
  kNoReferencePrice,       ///< no trade seen yet to collar against
  kPriceCollar,            ///< limit further than price_collar_bps from the last trade
  kReduceOnlyViolation,    ///< an exit that would not reduce the position
  kMaxDailyLoss,           ///< realized + unrealized loss at max_daily_loss_abs
  kMaxOpenPositions,       ///< a new symbol would exceed max_open_positions
  kMaxTotalNotional,       ///< positions + working orders would exceed max_total_notional
  kMaxOpenOrders,          ///< the working-order table is full
  kCount
};

inline constexpr std::size_t kRejectCodeCount = static_cast<std::size_t>(RejectCode::kCount);

struct RejectCodeInfo {
  const char* name;  ///< stable UPPER_SNAKE code
  const char* rule;  ///< regulation it implements, or "" for house rules
};

inline constexpr std::array<RejectCodeInfo, kRejectCodeCount> kRejectCodeInfo = {{
    {"ACCEPTED", ""},
    {"KILL_SWITCH", "MiFID II RTS 6 Art. 12 (kill functionality)"},
    {"UNKNOWN_SYMBOL", "SEC 15c3-5(c)(2)(ii) (restricted/unknown securities)"},
    {"MARKET_ORDER_NOT_ALLOWED", "house rule: limit entries only"},
    {"BRACKET_REQUIRED", "house rule: entries carry stop and target"},
    {"INVALID_PRICE", "SEC 15c3-5(c)(1)(ii) (erroneous orders)"},
    {"INVALID_QTY", "SEC 15c3-5(c)(1)(ii) (erroneous orders)"},
    {"MAX_ORDER_QTY", "MiFID II RTS 6 Art. 15(1)(c) (maximum order volume)"},
    {"NOTIONAL_OVERFLOW", "SEC 15c3-5(c)(1)(ii) (erroneous orders)"},
    {"MAX_ORDER_NOTIONAL", "MiFID II RTS 6 Art. 15(1)(b) (maximum order value)"},
    {"NO_REFERENCE_PRICE", "MiFID II RTS 6 Art. 15(1)(a) (price collar needs a reference)"},
    {"PRICE_COLLAR", "MiFID II RTS 6 Art. 15(1)(a) (price collars)"},
    {"REDUCE_ONLY_VIOLATION", "house rule: exits only reduce"},
    {"MAX_DAILY_LOSS", "SEC 15c3-5(c)(1)(i) (capital threshold)"},
    {"MAX_OPEN_POSITIONS", "house rule: bounded live"},
    {"MAX_TOTAL_NOTIONAL", "SEC 15c3-5(c)(1)(i) (credit threshold)"},
    {"MAX_OPEN_ORDERS", "house rule: bounded working orders"},
}};

[[nodiscard]] constexpr const char* rejectCodeName(RejectCode c) noexcept {
  return kRejectCodeInfo[static_cast<std::size_t>(c)].name;
}
[[nodiscard]] constexpr const char* rejectCodeRule(RejectCode c) noexcept {
  return kRejectCodeInfo[static_cast<std::size_t>(c)].rule;
}

}  // namespace bw::risk
