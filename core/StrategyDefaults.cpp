// The shipped decision templates. config/breakwater.toml writes the same values (a test
// compares them), so a config without [templates.*] trades exactly what the file shows.

#include "core/StrategyConfig.h"

namespace bw {

namespace {

constexpr std::uint8_t bar(std::string_view name) {
  for (std::size_t i = 0; i < kBarFeatureNames.size(); ++i) {
    if (kBarFeatureNames[i] == name) return static_cast<std::uint8_t>(i);
  }
  return 0xFF;  // a typo here fails the default-equals-file test
}

constexpr std::uint8_t tick(std::string_view name) {
  for (std::size_t i = 0; i < kTickFeatureNames.size(); ++i) {
    if (kTickFeatureNames[i] == name) return static_cast<std::uint8_t>(i);
  }
  return 0xFF;
}

}  // namespace

TemplateConfig defaultMeanReversionTemplate() {
  TemplateConfig t;
  t.vwap = VwapReference::kSession;
  t.stop_atr = 2 * kScale;
  t.target_atr = 0;
  t.ttl_ms = 30'000;
  t.lockouts.vol_regimes = kLockHighVol;
  t.lockouts.trend = true;
  // Fade the stretch from both VWAPs and the last few bars' move; the book's pressure
  // toward the VWAP confirms. Timeframe 0: the strategy's own bars.
  t.constraints = {
      {false, bar("vwap_dev_bps"), 0, -1, 0.0, 10.0, 2.0},
      {false, bar("rolling_vwap_dev_bps"), 0, -1, 0.0, 10.0, 1.0},
      {false, bar("roc_short"), 0, -1, 0.0, 0.05, 1.0},
      {true, tick("micro_price_offset_bps"), 0, 1, 0.0, 0.5, 0.5},
  };
  return t;
}

TemplateConfig defaultMomentumTemplate() {
  TemplateConfig t;
  t.stop_atr = 15 * kScale / 10;
  t.target_atr = 3 * kScale;
  t.ttl_ms = 10'000;
  t.lockouts.vol_regimes = kLockLowVol;
  t.lockouts.range = true;
  // Follow a move that the rate of change and the directional spread agree on, on the
  // strategy's bars and the next longer ones (timeframe 1: 5s by default), with the tape.
  t.constraints = {
      {false, bar("roc_short"), 0, 1, 0.0, 0.05, 1.0},
      {false, bar("roc_mid"), 1, 1, 0.0, 0.1, 1.0},
      {false, bar("di_spread"), 0, 1, 0.0, 10.0, 1.0},
      {false, bar("di_spread"), 1, 1, 0.0, 10.0, 1.0},
      {true, tick("trade_sign_imbalance"), 0, 1, 0.0, 0.3, 0.5},
  };
  return t;
}

}  // namespace bw
