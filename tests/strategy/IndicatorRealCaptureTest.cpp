// Properties of the indicators over the 1s bars and the ticks of the recorded BTCUSDT
// capture (../shared/data): they stay in their published ranges on real data.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "feed/BarSet.h"
#include "feed/CaptureFactory.h"
#include "strategy/indicators/BarIndicatorSet.h"
#include "strategy/indicators/TickFeatureSet.h"

namespace bw::indicators {
namespace {

TEST(IndicatorRealCaptureTest, indicatorsStayInTheirRangesOnRealBars) {
  BarsConfig c;
  c.time_intervals_ms = {1'000};
  c.tick_bar_trades = 0;
  c.volume_bar_qty = Qty{0};
  feed::BarSet bars(c);
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  std::ostringstream log_text;
  feed::MalformedLog log(log_text);
  const TscClock clock = TscClock::calibrate(5);
  auto source = feed::openCapture(std::string(BW_DATA_DIR) + "/binance-spot-btcusdt-20240808.jsonl.gz", instruments,
                                  log, clock);
  BarIndicatorSet ind(BarIndicatorLengths{});
  TickFeatureSet features(50);
  std::uint64_t closed = 0, adx_ready = 0, quotes_checked = 0;
  std::int64_t low = INT64_MAX, high = 0;
  Tick t;
  while (source->next(t)) {
    features.onTick(t);
    if (t.bid.raw > 0 && t.ask.raw > t.bid.raw) {
      ++quotes_checked;
      ASSERT_GE(features.quote.microPrice(), features.quote.bid());
      ASSERT_LE(features.quote.microPrice(), features.quote.ask());
      ASSERT_GT(features.quote.spreadBps(), 0.0);
      ASSERT_LE(std::abs(features.quote.topImbalance()), 1.0);
    }
    ASSERT_LE(std::abs(features.trade_sign.value()), 1.0);
    bars.onTick(t, [&](const feed::Bar& b) {
      ++closed;
      low = std::min(low, b.low.raw);
      high = std::max(high, b.high.raw);
      ind.onBar(b);
      if (ind.atr.ready()) {
        ASSERT_GE(ind.atr.value().raw, 0);
      }
      if (ind.adx.ready()) {
        ++adx_ready;
        ASSERT_GE(ind.adx.value(), 0.0);
        ASSERT_LE(ind.adx.value(), 100.0);
        ASSERT_GE(ind.adx.plusDi(), 0.0);
        ASSERT_LE(ind.adx.plusDi(), 100.0);
        ASSERT_GE(ind.adx.minusDi(), 0.0);
        ASSERT_LE(ind.adx.minusDi(), 100.0);
      }
      if (ind.session_vwap.ready()) {  // a VWAP lies inside the range it was traded in
        ASSERT_GE(ind.session_vwap.value().raw, low);
        ASSERT_LE(ind.session_vwap.value().raw, high);
      }
      ASSERT_LE(std::abs(ind.imbalance.value()), 1.0);
    });
  }
  EXPECT_GT(closed, 300u) << "about six minutes of 1s bars";
  EXPECT_GT(adx_ready, 250u);
  EXPECT_GT(quotes_checked, 1'000u);
  EXPECT_GT(ind.atr.value().raw, 0) << "BTCUSDT moved within the last 14 seconds of the capture";
  EXPECT_TRUE(ind.vol_regime.ready());
}

}  // namespace
}  // namespace bw::indicators
