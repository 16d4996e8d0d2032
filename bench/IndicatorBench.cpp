// Cost of the streaming indicators (strategy/indicators) per update:
//   BM_BarIndicatorsOnClose  every bar indicator (session and rolling VWAP with deviations,
//                            Wilder ATR, ROC x3, relative volume, volume z-score, buy/sell
//                            imbalance, OBV, ADX with +/-DI, volatility regime) folding one
//                            closed bar in, and every value read back
//   BM_AdxOnClose            the ADX alone (the costliest: three Wilder smoothings in double)
//   BM_TickFeaturesOnTick    spread and its bps, top-of-book imbalance, micro-price,
//                            trade-sign imbalance over 50 trades and the session phase, on
//                            one tick (half quotes, half trades), every value read back
// Issue 5's targets: all signals (+ belief + decision, later) <= 150 ns per bar close;
// tick features <= 20 ns per tick. Read ns_per_update. Inputs are 4096 synthetic bars or
// ticks from a fixed linear congruential sequence (deterministic), built outside the
// timing and cycled, so the indicators see changing values and stay warmed up. Run pinned:
//   taskset -c 1 build/bin/bench/bench_indicators --benchmark_repetitions=7
//     --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "strategy/indicators/BarIndicatorSet.h"
#include "strategy/indicators/TickFeatureSet.h"

namespace bw::indicators {
namespace {

constexpr std::size_t kInputs = 4'096;  // a power of two: the index wraps with a mask
constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kStartNs = 1'723'075'200LL * kNsPerSecond;  // 2024-08-08 00:00 UTC

struct Lcg {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  std::int64_t next(std::int64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(bound));
  }
};

std::vector<feed::Bar> makeBars() {
  std::vector<feed::Bar> bars(kInputs);
  Lcg rng;
  std::int64_t close = 60'000 * kScale;
  for (std::size_t i = 0; i < kInputs; ++i) {
    feed::Bar& b = bars[i];
    b.start_ns = kStartNs + static_cast<std::int64_t>(i) * kNsPerSecond;
    b.end_ns = b.start_ns + kNsPerSecond;
    b.open = Price{close};
    close += (rng.next(2'001) - 1'000) * 1'000'000;  // +-10 USDT
    b.close = Price{close};
    b.high = Price{std::max(b.open.raw, close) + rng.next(500) * 1'000'000};
    b.low = Price{std::min(b.open.raw, close) - rng.next(500) * 1'000'000};
    b.buy_volume = Qty{rng.next(100'000'000)};
    b.sell_volume = Qty{rng.next(100'000'000)};
    b.volume = Qty{b.buy_volume.raw + b.sell_volume.raw};
    b.turnover = Notional{static_cast<std::int64_t>(static_cast<Int128>(close) * b.volume.raw / kScale)};
    b.trades = 1 + static_cast<std::uint32_t>(rng.next(50));
  }
  return bars;
}

std::vector<Tick> makeTicks() {
  std::vector<Tick> ticks(kInputs);
  Lcg rng;
  for (std::size_t i = 0; i < kInputs; ++i) {
    Tick& t = ticks[i];
    t.recv_ns = kStartNs + static_cast<std::int64_t>(i) * 37 * kNsPerSecond;  // crosses phases
    t.exch_ns = t.recv_ns;
    const std::int64_t bid = 60'000 * kScale + rng.next(1'000) * 1'000'000;
    if (i % 2 == 0) {
      t.kind = TickKind::kQuote;
      t.bid = Price{bid};
      t.ask = Price{bid + (1 + rng.next(5)) * 1'000'000};
      t.bid_qty = Qty{1 + rng.next(500'000'000)};
      t.ask_qty = Qty{1 + rng.next(500'000'000)};
    } else {
      t.kind = TickKind::kTrade;
      t.price = Price{bid};
      t.qty = Qty{1 + rng.next(10'000'000)};
      t.aggressor = rng.next(2) == 0 ? Side::kBuy : Side::kSell;
    }
  }
  return ticks;
}

void perUpdate(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["ns_per_update"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_BarIndicatorsOnClose(benchmark::State& state) {
  const std::vector<feed::Bar> bars = makeBars();
  BarIndicatorSet set(BarIndicatorLengths{});
  for (const feed::Bar& b : bars) set.onBar(b);  // warm up: every indicator ready
  std::size_t i = 0;
  for (auto _ : state) {
    set.onBar(bars[i++ & (kInputs - 1)]);
    benchmark::DoNotOptimize(set.session_vwap.value());
    benchmark::DoNotOptimize(set.session_vwap.deviationBps());
    benchmark::DoNotOptimize(set.rolling_vwap.value());
    benchmark::DoNotOptimize(set.rolling_vwap.deviationBps());
    benchmark::DoNotOptimize(set.atr.value());
    for (const RateOfChange& r : set.roc) benchmark::DoNotOptimize(r.value());
    benchmark::DoNotOptimize(set.relative_volume.value());
    benchmark::DoNotOptimize(set.volume_zscore.value());
    benchmark::DoNotOptimize(set.imbalance.value());
    benchmark::DoNotOptimize(set.obv.value());
    benchmark::DoNotOptimize(set.adx.value());
    benchmark::DoNotOptimize(set.adx.plusDi());
    benchmark::DoNotOptimize(set.adx.minusDi());
    benchmark::DoNotOptimize(set.vol_regime.value());
  }
  perUpdate(state);
}
BENCHMARK(BM_BarIndicatorsOnClose);

void BM_AdxOnClose(benchmark::State& state) {
  const std::vector<feed::Bar> bars = makeBars();
  Adx adx(14);
  for (const feed::Bar& b : bars) adx.onBar(b);
  std::size_t i = 0;
  for (auto _ : state) {
    adx.onBar(bars[i++ & (kInputs - 1)]);
    benchmark::DoNotOptimize(adx.value());
  }
  perUpdate(state);
}
BENCHMARK(BM_AdxOnClose);

void BM_TickFeaturesOnTick(benchmark::State& state) {
  const std::vector<Tick> ticks = makeTicks();
  TickFeatureSet features(50);
  for (const Tick& t : ticks) features.onTick(t);
  std::size_t i = 0;
  for (auto _ : state) {
    features.onTick(ticks[i++ & (kInputs - 1)]);
    benchmark::DoNotOptimize(features.quote.spread());
    benchmark::DoNotOptimize(features.quote.spreadBps());
    benchmark::DoNotOptimize(features.quote.topImbalance());
    benchmark::DoNotOptimize(features.quote.microPrice());
    benchmark::DoNotOptimize(features.trade_sign.value());
    benchmark::DoNotOptimize(features.session_phase.value());
  }
  perUpdate(state);
}
BENCHMARK(BM_TickFeaturesOnTick);

}  // namespace
}  // namespace bw::indicators

BENCHMARK_MAIN();
