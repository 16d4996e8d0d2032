// Cost of the belief model and the entry policy (strategy/belief, strategy/decision):
//   BM_BeliefAndDecisionOnClose  EntryPolicy::decide with the shipped templates (mean
//                                reversion, 4 constraints; momentum, 5 constraints, on two
//                                timeframes): readiness, 9 sigmoid likelihoods, both
//                                beliefs and uncertainties, smoothing, lockouts, both
//                                brackets on the tick grid and the utilities, on one bar close
//   BM_SigmoidTable / BM_SigmoidStdExp  the 9 likelihoods alone, by the table
//                                (strategy/belief/Sigmoid.h) and by 1 / (1 + std::exp(-x))
// Issue 5's target: all signals + belief + decision <= 150 ns per bar close (the indicators'
// share is bench_indicators'). Read ns_per_update. Inputs: 64 FeatureVectors with every
// feature ready and values in the ranges the BTCUSDT captures show (VWAP deviation +-40
// bps, ROC +-0.1 %, DI spread +-30, ADX 10-40, ...), from a fixed linear congruential
// sequence, built outside the timing and cycled (64 x ~480 bytes stay in L1/L2, as the
// vector SymbolSignals just wrote would). Run pinned:
//   taskset -c 1 build/bin/bench/bench_belief --benchmark_repetitions=7
//     --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/Config.h"
#include "strategy/belief/Sigmoid.h"
#include "strategy/decision/EntryPolicy.h"

namespace bw::strategy {
namespace {

constexpr std::size_t kInputs = 64;  // a power of two: the index wraps with a mask

struct Lcg {
  std::uint64_t state = 0x2545F4914F6CDD1DULL;
  /// Uniform in [-1, 1).
  double symmetric() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-52 - 1.0;
  }
};

std::vector<FeatureVector> makeFeatures() {
  std::vector<FeatureVector> out(kInputs);
  Lcg rng;
  for (FeatureVector& f : out) {
    f.timeframes = 4;
    // Signals that move together, as they do in a real move: one trend draw per bar drives
    // ROC, DI spread and the tape; the VWAP stretch is drawn apart (mean reversion fades it).
    const double trend = rng.symmetric();
    const double stretch = rng.symmetric();
    for (std::size_t tf = 0; tf < 4; ++tf) {
      f.set(BarFeature::kVwapDeviationBps, tf, 40.0 * stretch + 4.0 * rng.symmetric(), true);
      f.set(BarFeature::kRollingVwapDeviationBps, tf, 30.0 * stretch + 3.0 * rng.symmetric(), true);
      f.set(BarFeature::kRocShort, tf, 0.05 * trend + 0.01 * rng.symmetric(), true);
      f.set(BarFeature::kRocMid, tf, 0.08 * trend + 0.02 * rng.symmetric(), true);
      f.set(BarFeature::kRocLong, tf, 0.1 * trend + 0.02 * rng.symmetric(), true);
      f.set(BarFeature::kAtrBps, tf, 3.0 + rng.symmetric(), true);
      f.set(BarFeature::kRelativeVolume, tf, 1.0 + 0.8 * rng.symmetric(), true);
      f.set(BarFeature::kVolumeZScore, tf, 2.0 * rng.symmetric(), true);
      f.set(BarFeature::kBuySellImbalance, tf, 0.5 * rng.symmetric(), true);
      f.set(BarFeature::kAdx, tf, 25.0 + 15.0 * rng.symmetric(), true);
      f.set(BarFeature::kDiSpread, tf, 30.0 * trend + 5.0 * rng.symmetric(), true);
      f.set(BarFeature::kVolatilityRatio, tf, 1.0 + 0.6 * rng.symmetric(), true);
      const double v = rng.symmetric();
      f.vol_regime[tf] = v < -0.6 ? indicators::VolRegime::kLow
                         : v > 0.6 ? indicators::VolRegime::kHigh
                                   : indicators::VolRegime::kNormal;
    }
    f.set(TickFeature::kSpreadBps, 0.02, true);
    f.set(TickFeature::kTopImbalance, 0.6 * rng.symmetric(), true);
    f.set(TickFeature::kMicroPriceOffsetBps, -0.3 * stretch + 0.2 * rng.symmetric(), true);
    f.set(TickFeature::kTradeSignImbalance, 0.5 * trend + 0.1 * rng.symmetric(), true);
    f.session_phase = 0;
    const std::int64_t close = 60'000 * kScale + static_cast<std::int64_t>(2'000.0 * rng.symmetric()) * 1'000'000;
    const double dev = f.value(BarFeature::kVwapDeviationBps, 0);
    f.prices.close = Price{close};
    // close = vwap x (1 + dev / 1e4), so vwap ~ close - 6 USDT per bps at 60000; on the cent grid.
    const double rolling_dev = f.value(BarFeature::kRollingVwapDeviationBps, 0);
    f.prices.session_vwap = Price{close - static_cast<std::int64_t>(dev * 600.0) * 1'000'000};
    f.prices.rolling_vwap = Price{close - static_cast<std::int64_t>(rolling_dev * 600.0) * 1'000'000};
    f.prices.atr = Price{18 * kScale};  // 3 bps of 60000
    f.prices.bid = Price{close - 1'000'000};
    f.prices.ask = Price{close + 1'000'000};
    f.prices.bar_end_ns = 1'723'075'200'000'000'000;
  }
  return out;
}

void perUpdate(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["ns_per_update"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_BeliefAndDecisionOnClose(benchmark::State& state) {
  const std::vector<FeatureVector> features = makeFeatures();
  Config config;
  config.belief.min_side_bars = 1;  // let entries through (about a third of the bars): the full path is timed too
  config.decision.fee_bps = 0.0;
  const decision::EntryPolicy policy(config);
  Instrument instrument;
  instrument.tick_size = Price{1'000'000};
  decision::SymbolBeliefState belief_state;
  std::size_t i = 0;
  std::size_t entries = 0;
  for (auto _ : state) {
    const decision::EntryDecision d = policy.decide(features[i++ & (kInputs - 1)], instrument, belief_state);
    benchmark::DoNotOptimize(d);
    entries += d.enter() ? 1U : 0U;
  }
  perUpdate(state);
  state.counters["entry_share"] = static_cast<double>(entries) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_BeliefAndDecisionOnClose);

/// The same bar over and over: no branch mispredicted. The gap to BM_BeliefAndDecisionOnClose
/// is what changing inputs cost (the outcome of each step varies bar to bar).
void BM_BeliefAndDecisionSameBar(benchmark::State& state) {
  const std::vector<FeatureVector> features = makeFeatures();
  Config config;
  config.belief.min_side_bars = 1;
  config.decision.fee_bps = 0.0;
  const decision::EntryPolicy policy(config);
  Instrument instrument;
  instrument.tick_size = Price{1'000'000};
  decision::SymbolBeliefState belief_state;
  std::size_t entry = 0;  // a bar on which mean reversion enters: the longest path
  for (std::size_t k = 0; k < kInputs; ++k) {
    decision::SymbolBeliefState probe;
    if (policy.decide(features[k], instrument, probe).enter()) entry = k;
  }
  for (auto _ : state) {
    const decision::EntryDecision d = policy.decide(features[entry], instrument, belief_state);
    benchmark::DoNotOptimize(d);
  }
  perUpdate(state);
}
BENCHMARK(BM_BeliefAndDecisionSameBar);

/// The shipped templates' 9 likelihood arguments per bar, cycled.
template <double (*Sigmoid)(double)>
void sigmoids(benchmark::State& state) {
  std::array<double, kInputs * 9> args{};
  Lcg rng;
  for (double& a : args) a = 3.0 * rng.symmetric();
  std::size_t i = 0;
  for (auto _ : state) {
    const double* x = &args[(i++ & (kInputs - 1)) * 9];
    double sum = 0.0;
    for (std::size_t k = 0; k < 9; ++k) sum += Sigmoid(x[k]);
    benchmark::DoNotOptimize(sum);
  }
  perUpdate(state);
}

double tableSigmoid(double x) { return belief::fastSigmoid(x); }
double expSigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

void BM_SigmoidTable(benchmark::State& state) { sigmoids<tableSigmoid>(state); }
BENCHMARK(BM_SigmoidTable);
void BM_SigmoidStdExp(benchmark::State& state) { sigmoids<expSigmoid>(state); }
BENCHMARK(BM_SigmoidStdExp);

}  // namespace
}  // namespace bw::strategy

BENCHMARK_MAIN();
