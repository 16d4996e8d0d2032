#include "strategy/indicators/Microstructure.h"

namespace bw::indicators {

double QuoteFeatures::spreadBps() const noexcept {
  if (!ready()) return 0.0;
  // 10'000 x spread / ((bid + ask) / 2)
  return 20'000.0 * static_cast<double>(ask_.raw - bid_.raw) / static_cast<double>(bid_.raw + ask_.raw);
}

double QuoteFeatures::topImbalance() const noexcept {
  const std::int64_t total = bid_qty_.raw + ask_qty_.raw;
  if (total <= 0) return 0.0;
  return static_cast<double>(bid_qty_.raw - ask_qty_.raw) / static_cast<double>(total);
}

Price QuoteFeatures::microPrice() const noexcept {
  const std::int64_t spread = ask_.raw - bid_.raw;
  const std::int64_t total = bid_qty_.raw + ask_qty_.raw;
  if (total <= 0) return Price{bid_.raw + spread / 2};
  std::int64_t product = 0;
  if (!__builtin_mul_overflow(spread, bid_qty_.raw, &product)) return Price{bid_.raw + product / total};
  return Price{bid_.raw + static_cast<std::int64_t>(static_cast<Int128>(spread) * bid_qty_.raw / total)};
}

TradeSignImbalance::TradeSignImbalance(std::uint32_t trades) : name_("trade_sign", trades), signs_(trades) {}

}  // namespace bw::indicators
