// The built-in value of every limit: the go-live runbook's bounded-live set. A config file
// must still name every key in [limits]; these serve tests and `replay` without --config.

#include "core/Config.h"

namespace bw {

LimitValues defaultLimitValues() noexcept {
  LimitValues v;
  const auto money = [](std::int64_t units) { return units * kScale; };
  v[LimitKey::kMaxOrderQty] = money(1);
  v[LimitKey::kMaxOrderNotional] = money(50);
  v[LimitKey::kPriceCollarBps] = 50;
  v[LimitKey::kDuplicateWindowMs] = 1'000;
  v[LimitKey::kMaxOpenPositions] = 2;
  v[LimitKey::kMaxPositionQty] = money(2);
  v[LimitKey::kMaxSymbolGrossNotional] = money(250);
  v[LimitKey::kMaxSymbolNetNotional] = money(250);
  v[LimitKey::kMaxTotalNotional] = money(500);
  v[LimitKey::kMaxTotalNetNotional] = money(500);
  v[LimitKey::kMaxOpenRisk] = money(50);
  v[LimitKey::kMaxSymbolRiskSharePct] = 60;
  v[LimitKey::kMaxOpenOrders] = 20;
  v[LimitKey::kStartEquity] = money(10'000);
  v[LimitKey::kMaxDailyLossAbs] = money(100);
  v[LimitKey::kMaxDailyLossPct] = 2;
  v[LimitKey::kMaxLossPerTrade] = money(10);
  v[LimitKey::kMaxConsecutiveLosses] = 5;
  v[LimitKey::kMaxDrawdown] = money(150);
  v[LimitKey::kMaxOrdersPerSec] = 10;
  v[LimitKey::kMaxMessagesPerSec] = 25;
  v[LimitKey::kMaxCancelsPerSec] = 10;
  v[LimitKey::kMaxFillsPerInterval] = 20;
  v[LimitKey::kFillIntervalMs] = 1'000;
  v[LimitKey::kRateBreachCount] = 50;
  v[LimitKey::kMaxDataAgeMs] = 5'000;
  v[LimitKey::kMinDataQuality] = 50;
  v[LimitKey::kRejectStormCount] = 20;
  v[LimitKey::kRejectStormWindowMs] = 1'000;
  v[LimitKey::kMaxSlippageBps] = 50;
  return v;
}

}  // namespace bw
