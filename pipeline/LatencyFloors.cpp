#include "pipeline/LatencyFloors.h"

#include <concurrentqueue/concurrentqueue.h>
#include <readerwriterqueue/readerwritercircularbuffer.h>
#include <readerwriterqueue/readerwriterqueue.h>
#include <simdjson.h>
#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

#include "core/LatencyHistogram.h"
#include "core/ThreadPinning.h"
#include "fix/QuickFixOrderReference.h"

namespace bw::pipeline {
namespace {

constexpr std::size_t kWarmup = 1'000;  // round trips left out: caches, page faults, the partner's start

StageLatency latencyOf(const LatencyHistogram& h) {
  return StageLatency{h.count(), h.percentile(0.50), h.percentile(0.99), h.percentile(0.999), h.percentile(0.9999),
                      h.max()};
}

/// Times `rounds` round trips: `send(i)` from core_a, `echo` on core_b answers each, and
/// `await(i)` back on core_a sees the answer. Records half of each round trip.
template <typename Send, typename Echo, typename Await>
StageLatency oneWayOfRoundTrips(const FloorOptions& o, const TscClock& clock, Send&& send, Echo&& echo,
                                Await&& await) {
  auto h = std::make_unique<LatencyHistogram>();
  const std::size_t total = o.rounds + kWarmup;
  std::thread partner([&] {
    (void)pinCurrentThread(o.core_b, "bw-floor-b");
    for (std::size_t i = 1; i <= total; ++i) echo(i);
  });
  std::thread timer([&] {
    (void)pinCurrentThread(o.core_a, "bw-floor-a");
    for (std::size_t i = 1; i <= total; ++i) {
      const std::uint64_t t0 = TscClock::now();
      send(i);
      await(i);
      const std::uint64_t t1 = TscClock::now();
      if (i > kWarmup) h->record(clock.toNs(t1 - t0) / 2);
    }
  });
  timer.join();
  partner.join();
  return latencyOf(*h);
}

struct alignas(64) CacheLine {
  std::atomic<std::uint64_t> value{0};
};

StageLatency cacheLinePingPong(const FloorOptions& o, const TscClock& clock) {
  auto ping = std::make_unique<CacheLine>();
  auto pong = std::make_unique<CacheLine>();
  return oneWayOfRoundTrips(
      o, clock, [&](std::size_t i) { ping->value.store(i, std::memory_order_release); },
      [&](std::size_t i) {
        while (ping->value.load(std::memory_order_acquire) != i) {
        }
        pong->value.store(i, std::memory_order_release);
      },
      [&](std::size_t i) {
        while (pong->value.load(std::memory_order_acquire) != i) {
        }
      });
}

/// One hop of a queue type: an item to the partner through one queue, back through another.
template <typename Queue, typename Push, typename Pop>
StageLatency queueHop(const FloorOptions& o, const TscClock& clock, Queue& there, Queue& back, Push&& push, Pop&& pop) {
  return oneWayOfRoundTrips(
      o, clock, [&](std::size_t i) { push(there, static_cast<std::uint64_t>(i)); },
      [&](std::size_t) {
        std::uint64_t v = 0;
        while (!pop(there, v)) {
        }
        push(back, v);
      },
      [&](std::size_t) {
        std::uint64_t v = 0;
        while (!pop(back, v)) {
        }
      });
}

StageLatency rdtscFloor(const FloorOptions& o, const TscClock& clock) {
  auto h = std::make_unique<LatencyHistogram>();
  for (std::size_t i = 0; i < o.rounds; ++i) {
    const std::uint64_t t0 = TscClock::now();
    const std::uint64_t t1 = TscClock::now();
    h->record(clock.toNs(t1 - t0));
  }
  return latencyOf(*h);
}

/// `samples` windows of `window_ns` spent reading the TSC on core_a, each timed from its
/// first read to the first read past its end. Uninterrupted, every sample is window_ns
/// (plus one read); an interruption inside a window shows as the sample's excess.
StageLatency spinWindows(const FloorOptions& o, const TscClock& clock, std::int64_t window_ns, std::size_t samples,
                         LatencyHistogram* copy_to = nullptr) {
  auto h = std::make_unique<LatencyHistogram>();
  const auto window_tsc = static_cast<std::uint64_t>(static_cast<double>(window_ns) * clock.ticksPerNs());
  std::thread spinner([&] {
    (void)pinCurrentThread(o.core_a, "bw-floor-spin");
    for (std::size_t i = 0; i < samples + kWarmup; ++i) {
      const std::uint64_t t0 = TscClock::now();
      std::uint64_t t1 = t0;
      while (t1 - t0 < window_tsc) t1 = TscClock::now();
      if (i >= kWarmup) h->record(clock.toNs(t1 - t0));
    }
  });
  spinner.join();
  if (copy_to != nullptr) *copy_to = *h;
  return latencyOf(*h);
}

/// The JSON of the first max_lines lines of a capture (gzip or plain), each padded for simdjson.
std::vector<std::string> captureLines(const std::string& path, std::size_t max_lines) {
  std::vector<std::string> lines;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return lines;
  std::vector<char> buffer(1 << 20);
  while (lines.size() < max_lines && gzgets(file, buffer.data(), static_cast<int>(buffer.size())) != nullptr) {
    std::string line(buffer.data());
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    // "<receive ns> {json}": the JSON is what TickParser gets. A CSV capture has none.
    const std::size_t json = line.find('{');
    if (json == std::string::npos) continue;
    line.erase(0, json);
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    lines.push_back(std::move(line));
  }
  gzclose(file);
  return lines;
}

bool simdjsonFloor(const FloorOptions& o, const TscClock& clock, StageLatency& out) {
  const std::vector<std::string> lines = captureLines(o.capture, o.max_lines);
  if (lines.empty()) return false;
  simdjson::ondemand::parser parser;
  auto h = std::make_unique<LatencyHistogram>();
  std::uint64_t fields = 0;
  for (const std::string& line : lines) {
    const std::uint64_t t0 = TscClock::now();
    simdjson::ondemand::document doc;
    simdjson::ondemand::object root;
    if (parser.iterate(line.data(), line.size(), line.capacity()).get(doc) == simdjson::SUCCESS &&
        doc.get_object().get(root) == simdjson::SUCCESS) {
      for (auto field : root) {
        std::string_view key;
        if (field.unescaped_key().get(key) == simdjson::SUCCESS) fields += key.size();
        std::string_view raw;
        if (field.value().raw_json_token().get(raw) == simdjson::SUCCESS) fields += raw.size();
      }
    }
    const std::uint64_t t1 = TscClock::now();
    h->record(clock.toNs(t1 - t0));
  }
  if (fields == 0) return false;  // nothing was read: not a JSON capture
  out = latencyOf(*h);
  return true;
}

StageLatency quickFixNewOrder(const FloorOptions& o, const TscClock& clock) {
  auto h = std::make_unique<LatencyHistogram>();
  fix::ReferenceOrder order;
  order.sender_comp_id = "BREAKWATER";
  order.target_comp_id = "VENUESIM";
  order.now = true;  // as a live session stamps SendingTime and TransactTime
  order.cl_ord_id = "1000001";
  order.symbol = "BTCUSDT";
  order.price = 60'000.5;
  order.qty = 0.001;
  std::size_t bytes = 0;
  const std::size_t samples = o.rounds / 10 + 1;  // ~2 us each: a tenth of the rounds is plenty
  for (std::size_t i = 0; i < samples; ++i) {
    order.msg_seq_num = static_cast<int>(i + 2);
    const std::uint64_t t0 = TscClock::now();
    bytes += fix::buildWithQuickFix(order, fix::ReferenceDecimals::kDouble).size();
    const std::uint64_t t1 = TscClock::now();
    h->record(clock.toNs(t1 - t0));
  }
  return bytes > 0 ? latencyOf(*h) : StageLatency{};
}

}  // namespace

std::map<std::string, StageLatency> measureLatencyFloors(const FloorOptions& o, const TscClock& clock) {
  std::map<std::string, StageLatency> floors;
  floors["rdtsc"] = rdtscFloor(o, clock);
  floors["cache_line_ping_pong"] = cacheLinePingPong(o, clock);
  {
    using Ring = moodycamel::BlockingReaderWriterCircularBuffer<std::uint64_t>;
    Ring there(1024);
    Ring back(1024);
    floors["queue_hop_circular_buffer"] = queueHop(
        o, clock, there, back, [](Ring& q, std::uint64_t v) { (void)q.try_enqueue(v); },
        [](Ring& q, std::uint64_t& v) { return q.try_dequeue(v); });
  }
#if !defined(__SANITIZE_THREAD__)  // its fences are invisible to TSan: false races (core/SpscQueue.h)
  {
    moodycamel::ReaderWriterQueue<std::uint64_t> there(1024);
    moodycamel::ReaderWriterQueue<std::uint64_t> back(1024);
    floors["queue_hop_reader_writer_queue"] = queueHop(
        o, clock, there, back,
        [](moodycamel::ReaderWriterQueue<std::uint64_t>& q, std::uint64_t v) { (void)q.try_enqueue(v); },
        [](moodycamel::ReaderWriterQueue<std::uint64_t>& q, std::uint64_t& v) { return q.try_dequeue(v); });
  }
#endif
  {
    moodycamel::ConcurrentQueue<std::uint64_t> there(1024);
    moodycamel::ConcurrentQueue<std::uint64_t> back(1024);
    floors["queue_hop_concurrent_queue"] = queueHop(
        o, clock, there, back,
        [](moodycamel::ConcurrentQueue<std::uint64_t>& q, std::uint64_t v) { (void)q.enqueue(v); },
        [](moodycamel::ConcurrentQueue<std::uint64_t>& q, std::uint64_t& v) { return q.try_dequeue(v); });
  }
  StageLatency simdjson_parse;
  if (!o.capture.empty() && simdjsonFloor(o, clock, simdjson_parse)) floors["simdjson_parse"] = simdjson_parse;
  floors["quickfix_new_order"] = quickFixNewOrder(o, clock);
  // Each ~0.1 s at the CLI's default rounds: long enough to meet the interruptions that
  // come a few times a millisecond, and their rarer long ones.
  floors["spin_1us"] = spinWindows(o, clock, 1'000, o.rounds, o.spin_1us_histogram);
  floors["spin_5us"] = spinWindows(o, clock, 5'000, o.rounds / 5 + 1);
  return floors;
}

}  // namespace bw::pipeline
