#include "core/LimitText.h"

#include "core/Decimal.h"

namespace bw {

const char* limitUnitName(LimitUnit unit) noexcept {
  switch (unit) {
    case LimitUnit::kMoney: return "USDT";
    case LimitUnit::kQty: return "base";
    case LimitUnit::kCount: return "count";
    case LimitUnit::kBps: return "bps";
    case LimitUnit::kPct: return "%";
    case LimitUnit::kMillis: return "ms";
  }
  return "?";
}

std::string limitNumber(LimitKey key, std::int64_t raw) {
  return limitScale(limitInfo(key).unit) != 1 ? formatDecimal(raw) : std::to_string(raw);
}

std::string limitText(LimitKey key, std::int64_t raw) {
  std::string out = limitNumber(key, raw);
  out += ' ';
  out += limitUnitName(limitInfo(key).unit);
  return out;
}

}  // namespace bw
