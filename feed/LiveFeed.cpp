#include "feed/LiveFeed.h"

#include <charconv>
#include <stdexcept>
#include <string>
#include <utility>

#include "feed/TcpLineSource.h"
#include "feed/UdpLineSource.h"

namespace bw::feed {
namespace {

// Ticks between two reads of the clock for the duration limit while ticks flow: a clock
// read (vDSO) per tick would cost more than the rest of the poll.
constexpr std::uint64_t kDeadlineCheckEvery = 256;

}  // namespace

LiveFeed::LiveFeed(std::vector<std::unique_ptr<LiveSource>> sources, const LiveFeedOptions& options)
    : sources_(std::move(sources)), options_(options) {
  if (sources_.empty()) throw std::runtime_error("live feed needs at least one source");
}

bool LiveFeed::shouldEnd() noexcept {
  if (stop_.load(std::memory_order_relaxed) ||
      (options_.stop_flag != nullptr && options_.stop_flag->load(std::memory_order_relaxed))) {
    end_reason_ = "stop";
  } else if (options_.max_ticks != 0 && handed_ >= options_.max_ticks) {
    end_reason_ = "max-ticks";
  } else {
    return false;
  }
  return true;
}

StreamStatus LiveFeed::poll(Tick& tick) {
  if (end_reason_[0] != '\0' || shouldEnd()) return StreamStatus::kEnd;
  if (deadline_ns_ == 0 && options_.duration_ns > 0) deadline_ns_ = TscClock::monotonicNs() + options_.duration_ns;
  const std::size_t n = sources_.size();
  bool all_closed = true;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t at = (next_ + i) % n;
    const StreamStatus s = sources_[at]->poll(tick);
    if (s == StreamStatus::kTick) {
      next_ = (at + 1) % n;
      ++handed_;
      if (deadline_ns_ != 0 && handed_ % kDeadlineCheckEvery == 0 && TscClock::monotonicNs() >= deadline_ns_) {
        end_reason_ = "duration";  // this tick still goes out; the next poll ends
      }
      return StreamStatus::kTick;
    }
    if (s == StreamStatus::kIdle) all_closed = false;
  }
  if (all_closed) {
    end_reason_ = "closed";
    return StreamStatus::kEnd;
  }
  if (deadline_ns_ != 0 && TscClock::monotonicNs() >= deadline_ns_) {
    end_reason_ = "duration";
    return StreamStatus::kEnd;
  }
  return StreamStatus::kIdle;
}

void LiveFeed::observeReceiveStamps(ReceiveStampObserver* observer) noexcept {
  for (const auto& s : sources_) s->observeReceiveStamps(observer);
}

FeedStats LiveFeed::stats() const {
  FeedStats total;
  for (const auto& s : sources_) total += s->stats();
  return total;
}

LatencyHistogram LiveFeed::parseLatency() const {
  LatencyHistogram total;
  for (const auto& s : sources_) total.merge(s->parseLatency());
  return total;
}

std::vector<LiveSourceStats> LiveFeed::sourceStats() const {
  std::vector<LiveSourceStats> out;
  out.reserve(sources_.size());
  for (const auto& s : sources_) out.push_back(s->liveStats());
  return out;
}

std::unique_ptr<LiveSource> openLiveSource(std::string_view endpoint, const InstrumentTable& instruments,
                                           MalformedLog& log, const TscClock& clock, std::ostream& events) {
  const auto bad = [&](const char* why) {
    std::string message = "bad live endpoint '";
    message += endpoint;
    message += "': ";
    message += why;
    message += " (expected tcp://HOST:PORT or udp://GROUP:PORT)";
    return std::runtime_error(message);
  };
  const std::size_t scheme_end = endpoint.find("://");
  if (scheme_end == std::string_view::npos) throw bad("no scheme");
  const std::string_view scheme = endpoint.substr(0, scheme_end);
  const std::string_view rest = endpoint.substr(scheme_end + 3);
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0) throw bad("no HOST:PORT");
  const std::string_view port_text = rest.substr(colon + 1);
  unsigned port = 0;
  const auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port == 0 || port > 65'535) {
    throw bad("the port must be 1-65535");
  }
  const std::string host(rest.substr(0, colon));
  if (scheme == "tcp") {
    TcpSourceOptions o;
    o.host = host;
    o.port = static_cast<std::uint16_t>(port);
    return std::make_unique<TcpLineSource>(o, instruments, log, clock, events);
  }
  if (scheme == "udp") {
    UdpSourceOptions o;
    o.group = host;
    o.port = static_cast<std::uint16_t>(port);
    return std::make_unique<UdpLineSource>(o, instruments, log, clock);
  }
  throw bad("the scheme must be tcp or udp");
}

}  // namespace bw::feed
