// The feed thread's book stage: every depth diff of the four real captures applied to its
// symbol's OrderBook, in receive order, each timed on its own (rdtsc), two ways in one run:
//   BM_DepthDiffs/0   each level applied by itself (OrderBook::apply), as BookBuilder did
//                     before the batch merge: a level far from the touch moves most of the
//                     side's array
//   BM_DepthDiffs/1   each side's levels as one batch (OrderBook::applyChanges): merged in
//                     one pass when there are at least 8 of them, sorted, one per price
// One iteration is one pass over the captures (the REST snapshot that opens a file reloads
// its book; it is applied, not timed). Read p50_ns, p99_ns, p999_ns, max_ns per diff and the
// ratio /0 : /1 in the same run. Without ../shared/data it reports itself skipped.
//
// Run pinned:
//   taskset -c 1 build/bin/bench/bench_order_book --benchmark_repetitions=5
//     --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/InstrumentTable.h"
#include "bench/SampleCounters.h"
#include "core/TscClock.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/MalformedLog.h"
#include "feed/OrderBook.h"

namespace bw::feed {
namespace {

constexpr const char* kCaptures[] = {
    "binance-spot-btcusdt-20240808.jsonl.gz", "binance-spot-btcusdt-20240809.jsonl.gz",
    "binance-spot-ethusdt-20240808.jsonl.gz", "binance-spot-ethusdt-20240809.jsonl.gz"};

/// One depth message: its levels are `levels[begin, begin + bids + asks)`, bids first.
struct Message {
  SymbolId symbol = 0;
  bool snapshot = false;
  std::size_t begin = 0;
  std::uint32_t bids = 0;
  std::uint32_t asks = 0;
};

struct Captures {
  std::vector<Message> messages;
  std::vector<BookLevel> levels;
  std::size_t symbols = 0;
};

/// The captures' depth and snapshot messages, parsed once (outside every timing).
Captures readCaptures() {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  Captures c;
  c.symbols = instruments.size();
  MalformedLog log(std::cerr);
  const TscClock clock = TscClock::calibrate(5);
  std::vector<std::unique_ptr<TickSource>> sources;
  for (const char* name : kCaptures) {
    const std::string path = std::string(BW_DATA_DIR) + "/" + name;
    if (!std::filesystem::exists(path)) return {};
    sources.push_back(openCapture(path, instruments, log, clock));
  }
  CaptureMerger merger(sources);
  Tick tick;
  while (merger.poll(tick) == StreamStatus::kTick) {
    if ((tick.kind != TickKind::kDepth && tick.kind != TickKind::kSnapshot) || tick.levels == nullptr) continue;
    const BookLevels& l = *tick.levels;
    c.messages.push_back(Message{tick.symbol, tick.kind == TickKind::kSnapshot, c.levels.size(), l.bid_count, l.ask_count});
    c.levels.insert(c.levels.end(), l.bids.begin(), l.bids.begin() + l.bid_count);
    c.levels.insert(c.levels.end(), l.asks.begin(), l.asks.begin() + l.ask_count);
  }
  return c;
}

void loadSnapshot(OrderBook& book, const Captures& c, const Message& m) {
  auto levels = std::make_unique<BookLevels>();  // 160 KB: not on the stack
  std::copy_n(c.levels.begin() + static_cast<std::ptrdiff_t>(m.begin), m.bids, levels->bids.begin());
  std::copy_n(c.levels.begin() + static_cast<std::ptrdiff_t>(m.begin + m.bids), m.asks, levels->asks.begin());
  levels->bid_count = m.bids;
  levels->ask_count = m.asks;
  book.applySnapshot(*levels);
}

using bench::reportPercentiles;

void BM_DepthDiffs(benchmark::State& state) {
  static const Captures captures = readCaptures();
  if (captures.messages.empty()) {
    state.SkipWithError("no depth messages (is ../shared/data there?)");
    return;
  }
  static const TscClock clock = TscClock::calibrate(50);
  const bool batched = state.range(0) == 1;
  std::vector<std::uint64_t> samples;
  samples.reserve(captures.messages.size() * 8);
  std::uint64_t levels_applied = 0;
  std::uint64_t levels_held = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<std::unique_ptr<OrderBook>> books;
    for (std::size_t s = 0; s < captures.symbols; ++s) books.push_back(std::make_unique<OrderBook>());
    state.ResumeTiming();
    for (const Message& m : captures.messages) {
      OrderBook& book = *books[m.symbol];
      if (m.snapshot) {
        loadSnapshot(book, captures, m);
        continue;
      }
      const BookLevel* bids = captures.levels.data() + m.begin;
      const BookLevel* asks = bids + m.bids;
      const std::uint64_t start = TscClock::now();
      if (batched) {
        book.applyChanges(true, bids, m.bids);
        book.applyChanges(false, asks, m.asks);
      } else {
        for (std::uint32_t i = 0; i < m.bids; ++i) book.apply(true, bids[i].price, bids[i].qty);
        for (std::uint32_t i = 0; i < m.asks; ++i) book.apply(false, asks[i].price, asks[i].qty);
      }
      const std::uint64_t end = TscClock::now();
      benchmark::DoNotOptimize(book.bestBid());
      if (samples.size() < samples.capacity()) samples.push_back(end - start);
      levels_applied += std::uint64_t{m.bids} + m.asks;
      levels_held += book.bidLevels() + book.askLevels();
    }
  }
  state.counters["levels_per_diff"] = static_cast<double>(levels_applied) / static_cast<double>(samples.size());
  state.counters["diffs_per_pass"] = static_cast<double>(samples.size()) / static_cast<double>(state.iterations());
  state.counters["levels_per_book"] = static_cast<double>(levels_held) / static_cast<double>(samples.size());
  reportPercentiles(state, samples, clock);
}
BENCHMARK(BM_DepthDiffs)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace bw::feed

BENCHMARK_MAIN();
