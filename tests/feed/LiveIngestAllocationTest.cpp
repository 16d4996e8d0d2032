// Live sources allocate nothing per tick once warm: the receive buffer and the parser are
// sized up front. Counted with the replaced global operator new (AllocationCounter.cpp).
// The sender runs on this thread (loopback buffers hold the bytes), so the count covers
// only the polls.

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "AllocationCounter.h"
#include "FeedTestSupport.h"
#include "LiveTestSupport.h"
#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/LineSender.h"
#include "feed/LiveFeed.h"
#include "feed/TcpLineSource.h"
#include "feed/UdpLineSource.h"

namespace bw::feed {
namespace {

std::string batch(std::uint64_t first) {
  std::string text;
  for (std::uint64_t i = first; i < first + 50; ++i) {
    text += test::tradeLine(i);
    text += '\n';
    text += test::kQuoteLine;
    text += '\n';
    text += test::kDepthLine;
    text += '\n';
    text += "not json\n";  // refused lines are counted; the log is capped (below)
  }
  return text;
}

TEST(LiveIngestAllocationTest, pollingTcpAndUdpSourcesAllocatesNothingOnceWarm) {
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const TscClock clock = TscClock::calibrate(5);
  std::ostringstream log_text, events;
  MalformedLog log(log_text, 1);  // past the first report only a count: no formatting per line
  TcpLineServer server(0);
  TcpSourceOptions t;
  t.port = server.port();
  UdpSourceOptions u;
  u.group = "239.255.77.9";
  u.port = test::multicastPort(9);
  std::vector<std::unique_ptr<LiveSource>> sources;
  sources.push_back(std::make_unique<TcpLineSource>(t, instruments, log, clock, events));
  sources.push_back(std::make_unique<UdpLineSource>(u, instruments, log, clock));
  LiveFeed feed(std::move(sources), LiveFeedOptions{});
  UdpLineSender udp(u.group, u.port);
  Tick tick;
  ASSERT_EQ(feed.poll(tick), StreamStatus::kIdle);  // starts the connect
  ASSERT_TRUE(server.accept());

  const std::string first = batch(1), second = batch(1000), datagram = batch(2000).substr(0, 8000);
  const auto drain = [&](std::uint64_t ticks) {
    std::uint64_t got = 0;
    for (int idle = 0; got < ticks && idle < 2'000'000; ++idle) {
      if (feed.poll(tick) == StreamStatus::kTick) ++got;
    }
    return got;
  };
  ASSERT_TRUE(server.send(first));
  ASSERT_TRUE(udp.send(datagram.substr(0, datagram.rfind('\n') + 1)));
  const std::uint64_t warm_ticks = feed.stats().ticks;
  (void)drain(150);
  ASSERT_GT(feed.stats().ticks, warm_ticks);

  ASSERT_TRUE(server.send(second));
  ASSERT_TRUE(udp.send(datagram.substr(0, datagram.rfind('\n') + 1)));
  const std::uint64_t before_ticks = feed.stats().ticks;
  const std::uint64_t before = bw::test::allocationCount();
  const std::uint64_t got = drain(150 + 20);
  const std::uint64_t allocations = bw::test::allocationCount() - before;
  EXPECT_EQ(allocations, 0u);
  EXPECT_GE(got, 150u);
  EXPECT_EQ(feed.stats().ticks - before_ticks, got);
}

}  // namespace
}  // namespace bw::feed
