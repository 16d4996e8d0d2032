#pragma once
// The floors every latency stage is read against (issue 7), measured in the same run, on
// the same machine and the same two cores as the engine and order threads, so a stage
// reads as a ratio to its floor wherever it runs:
//
//   rdtsc                          two back-to-back TscClock::now() reads
//   cache_line_ping_pong           one way: half the round trip of a cache line written by
//                                  one core and seen by the other, then answered
//   queue_hop_reader_writer_queue  one way through moodycamel::ReaderWriterQueue (the
//                                  pipeline's, core/SpscQueue.h): half a round trip through
//                                  two queues. Left out under ThreadSanitizer (its fences
//                                  are invisible to TSan)
//   queue_hop_circular_buffer      the same through BlockingReaderWriterCircularBuffer
//   queue_hop_concurrent_queue     the same through moodycamel::ConcurrentQueue (MPMC)
//   simdjson_parse                 bare simdjson On-Demand over each line of the first
//                                  capture, every field of the root object visited
//   quickfix_new_order             QuickFIX's default NewOrderSingle build and serialize
//                                  (typed double Price and OrderQty)
//   spin_1us, spin_5us             1 us (5 us) of nothing but TSC reads on the engine's
//                                  core, timed: what the core's own interruptions (timer
//                                  ticks, the hypervisor taking the vCPU) add to a stage of
//                                  that length. Issue 7's targets are 1 us and 5 us at p99
//                                  and 20 us at p99.99; a stage cannot have a better tail
//                                  than the same time spent spinning on the same core
//
// Every figure is a histogram of every sample (core/LatencyHistogram.h). Cold path: it
// allocates and starts threads, so the replay runs it after the pipeline has stopped.

#include <cstddef>
#include <map>
#include <string>

#include "core/LatencyHistogram.h"
#include "core/TscClock.h"
#include "pipeline/ReplaySummary.h"

namespace bw::pipeline {

struct FloorOptions {
  int core_a = 0;               ///< the engine's core (one side of every hop)
  int core_b = 1;               ///< the order thread's core (the other side)
  std::size_t rounds = 100'000;  ///< round trips per hop floor, samples per other floor
  std::string capture;          ///< a capture file for simdjson_parse ("" or unreadable: left out)
  std::size_t max_lines = 100'000;
  /// Not null: spin_1us's whole histogram is copied here, for the report's percentile
  /// curves (the machine's own tail, drawn beside the stages').
  LatencyHistogram* spin_1us_histogram = nullptr;
};

/// Floor name -> its latency (ns). Floors that could not be measured are left out.
[[nodiscard]] std::map<std::string, StageLatency> measureLatencyFloors(const FloorOptions& options,
                                                                      const TscClock& clock);

}  // namespace bw::pipeline
