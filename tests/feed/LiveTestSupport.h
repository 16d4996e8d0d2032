#pragma once
// Helpers for the live-ingest suites: numbered trade lines in the capture format, a
// bounded poll loop (a test fails rather than hangs), and a multicast port per test.

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/Tick.h"
#include "feed/TickStream.h"

namespace bw::feed::test {

/// A BTCUSDT trade line numbered `id`, `<ns> <json>`: the number is the trade id and the
/// price (idOf() reads it back from the tick's price, which every parser fills).
inline std::string tradeLine(std::uint64_t id) {
  std::string line = std::to_string(1'723'161'254'087'896'568ULL + id);
  line += R"( {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":)";
  line += std::to_string(id);
  line += R"(,"p":")";
  line += std::to_string(id);
  line += R"(.00000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}})";
  return line;
}

/// The number of a tradeLine() tick.
inline std::uint64_t idOf(const Tick& t) { return static_cast<std::uint64_t>(t.price.raw / 100'000'000); }

/// Polls `stream` until `done()` or 20 s pass; every tick goes to `onTick`. False on timeout.
inline bool pollUntil(TickStream& stream, const std::function<bool()>& done,
                      const std::function<void(const Tick&)>& onTick) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  Tick tick;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    const StreamStatus s = stream.poll(tick);
    if (s == StreamStatus::kTick) {
      onTick(tick);
    } else if (s == StreamStatus::kEnd) {
      return done();
    } else {
      ::usleep(100);
    }
  }
  return true;
}

/// A port for a multicast test, distinct per process so parallel ctest runs do not meet.
inline std::uint16_t multicastPort(std::uint16_t offset) {
  return static_cast<std::uint16_t>(30'000 + (::getpid() % 10'000) * 3 % 30'000 + offset);
}

}  // namespace bw::feed::test
