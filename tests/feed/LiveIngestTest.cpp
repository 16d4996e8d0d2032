// Live ingest against real local senders: a TCP server thread (feed/LineSender.h) and
// multicast datagrams on loopback, read by TcpLineSource / UdpLineSource / LiveFeed.

#include <gtest/gtest.h>

#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "FeedTestSupport.h"
#include "LiveTestSupport.h"
#include "core/InstrumentTable.h"
#include "core/TscClock.h"
#include "feed/LineSender.h"
#include "feed/LiveFeed.h"
#include "feed/MalformedLog.h"
#include "feed/TcpLineSource.h"
#include "feed/UdpLineSource.h"

namespace bw::feed {
namespace {

using test::pollUntil;
using test::idOf;
using test::tradeLine;

std::size_t byKind(const FeedStats& s, ParseError e) { return s.by_kind[static_cast<std::size_t>(e)]; }

class LiveIngestTest : public ::testing::Test {
 protected:
  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  TscClock clock_ = TscClock::calibrate(5);
  std::ostringstream log_text_;
  MalformedLog log_{log_text_};
  std::ostringstream events_;

  TcpSourceOptions tcpTo(std::uint16_t port) {
    TcpSourceOptions o;
    o.port = port;
    o.backoff_min_ms = 5;
    o.backoff_max_ms = 50;
    return o;
  }
};

TEST_F(LiveIngestTest, tcpDeliversTheGoodTicksInOrderAndCountsMalformedLinesByKind) {
  TcpLineServer server(0);
  // Lines 3, 6 and 9 are bad; lines 11+ come in pieces, cut mid-line across writes.
  const std::vector<std::string> lines = {
      tradeLine(1), tradeLine(2), "1723161254087896568 {\"stream\":", tradeLine(3), tradeLine(4),
      R"(1723161254087896568 {"stream":"dogeusdt@trade","data":{"e":"trade","E":1,"s":"DOGEUSDT","t":7,"p":"1.0","q":"1.0","T":1,"m":true}})",
      tradeLine(5), tradeLine(6),
      R"(1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":8,"p":"1.2.3","q":"1.0","T":1,"m":true}})",
      tradeLine(7), tradeLine(8), tradeLine(9), tradeLine(10)};
  std::thread sender([&] {
    ASSERT_TRUE(server.accept());
    const std::string text = test::joinLines(lines);
    const std::size_t split = text.find(tradeLine(8));
    ASSERT_TRUE(server.send(std::string_view(text).substr(0, split + 17)));  // cut inside line 11
    std::this_thread::sleep_for(std::chrono::milliseconds(30));             // so the reader sees the half
    for (std::size_t at = split + 17; at < text.size(); at += 50) {
      ASSERT_TRUE(server.send(std::string_view(text).substr(at, 50)));
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  TcpLineSource source(tcpTo(server.port()), instruments_, log_, clock_, events_);
  std::vector<std::uint64_t> ids;
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  const std::int64_t before_ns = static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
  const bool done = pollUntil(
      source, [&] { return source.stats().lines == lines.size(); },
      [&](const Tick& t) {
        ids.push_back(idOf(t));
        EXPECT_GE(t.recv_ns, before_ns);  // the local receive time, not the line's prefix
      });
  sender.join();
  ASSERT_TRUE(done) << "lines seen: " << source.stats().lines;
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  const FeedStats s = source.stats();
  EXPECT_EQ(s.ticks, 10u);
  EXPECT_EQ(s.malformed, 2u);
  EXPECT_EQ(s.unknown_symbol, 1u);
  EXPECT_EQ(byKind(s, ParseError::kBadJson), 1u);
  EXPECT_EQ(byKind(s, ParseError::kUnknownSymbol), 1u);
  EXPECT_EQ(byKind(s, ParseError::kBadDecimal), 1u);
  const std::string name = "tcp://127.0.0.1:" + std::to_string(server.port());
  EXPECT_NE(log_text_.str().find(name + ":3: skipped: BAD_JSON"), std::string::npos) << log_text_.str();
  EXPECT_NE(log_text_.str().find(name + ":6: skipped: UNKNOWN_SYMBOL"), std::string::npos) << log_text_.str();
  EXPECT_NE(log_text_.str().find(name + ":9: skipped: BAD_DECIMAL"), std::string::npos) << log_text_.str();
  const LiveSourceStats live = source.liveStats();
  EXPECT_EQ(live.connects, 1u);
  EXPECT_EQ(live.reconnects, 0u);
  EXPECT_EQ(live.bytes, test::joinLines(lines).size());
  EXPECT_GT(live.reads, 1u);  // the pieces really came in several reads
}

TEST_F(LiveIngestTest, tcpDropsALineLongerThanItsBufferAndKeepsTheNextOnes) {
  TcpLineServer server(0);
  std::thread sender([&] {
    ASSERT_TRUE(server.accept());
    std::string text = tradeLine(1) + "\n" + std::string(5000, 'x') + "\n" + tradeLine(2) + "\n";
    ASSERT_TRUE(server.send(text));
  });
  TcpSourceOptions o = tcpTo(server.port());
  o.buffer_bytes = 1024;
  TcpLineSource source(o, instruments_, log_, clock_, events_);
  std::vector<std::uint64_t> ids;
  const bool done = pollUntil(
      source, [&] { return source.stats().lines == 3; }, [&](const Tick& t) { ids.push_back(idOf(t)); });
  sender.join();
  ASSERT_TRUE(done);
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(byKind(source.stats(), ParseError::kTruncatedLine), 1u);
  EXPECT_NE(log_text_.str().find("longer than the receive buffer"), std::string::npos) << log_text_.str();
}

TEST_F(LiveIngestTest, tcpReconnectsAfterARefusalAndADropAndTheLaterLinesArrive) {
  std::uint16_t port = 0;
  { port = TcpLineServer(0).port(); }  // a free port, closed again: the first connects are refused
  TcpLineSource source(tcpTo(port), instruments_, log_, clock_, events_);
  std::vector<std::uint64_t> ids;
  ASSERT_TRUE(pollUntil(
      source, [&] { return source.liveStats().connect_failures >= 2; }, [&](const Tick& t) { ids.push_back(idOf(t)); }));

  TcpLineServer server(port);
  std::atomic<bool> second_round{false};
  std::thread sender([&] {
    ASSERT_TRUE(server.accept());
    ASSERT_TRUE(server.send(test::joinLines({tradeLine(1), tradeLine(2), tradeLine(3)})));
    ASSERT_TRUE(server.send(tradeLine(4).substr(0, 40)));  // half a line, then the drop
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.dropClient();
    ASSERT_TRUE(server.accept());
    second_round.store(true);
    ASSERT_TRUE(server.send(test::joinLines({tradeLine(5), tradeLine(6)})));
  });
  const bool done = pollUntil(
      source, [&] { return ids.size() == 5; }, [&](const Tick& t) { ids.push_back(idOf(t)); });
  sender.join();
  ASSERT_TRUE(done) << events_.str();
  EXPECT_TRUE(second_round.load());
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{1, 2, 3, 5, 6}));
  const LiveSourceStats live = source.liveStats();
  EXPECT_EQ(live.connects, 2u);
  EXPECT_EQ(live.reconnects, 2u);  // after the refusals, and after the drop
  EXPECT_EQ(live.disconnects, 1u);
  EXPECT_GE(live.connect_failures, 2u);
  EXPECT_EQ(byKind(live.feed, ParseError::kTruncatedLine), 1u);  // the half line at the drop
  EXPECT_NE(events_.str().find("connection lost (closed by the peer)"), std::string::npos) << events_.str();
  EXPECT_NE(events_.str().find("reconnected"), std::string::npos) << events_.str();
}

TEST_F(LiveIngestTest, tcpSourceGivesUpAfterItsAttemptsAndTheFeedEnds) {
  std::uint16_t port = 0;
  { port = TcpLineServer(0).port(); }
  TcpSourceOptions o = tcpTo(port);
  o.max_attempts = 3;
  std::vector<std::unique_ptr<LiveSource>> sources;
  sources.push_back(std::make_unique<TcpLineSource>(o, instruments_, log_, clock_, events_));
  LiveFeed feed(std::move(sources), LiveFeedOptions{});
  Tick tick;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  StreamStatus s = StreamStatus::kIdle;
  while (s != StreamStatus::kEnd && std::chrono::steady_clock::now() < deadline) s = feed.poll(tick);
  ASSERT_EQ(s, StreamStatus::kEnd);
  EXPECT_STREQ(feed.endReason(), "closed");
  EXPECT_EQ(feed.sourceStats()[0].connect_failures, 3u);
  EXPECT_NE(events_.str().find("giving up after 3 failed attempts"), std::string::npos) << events_.str();
}

TEST_F(LiveIngestTest, udpMulticastOnLoopbackDeliversEveryLineOfEveryDatagram) {
  UdpSourceOptions o;
  o.group = "239.255.77.1";
  o.port = test::multicastPort(1);
  UdpLineSource source(o, instruments_, log_, clock_);
  UdpLineSender sender(o.group, o.port);
  // One line; three lines, the last without a newline; a bad line between two good ones.
  ASSERT_TRUE(sender.send(tradeLine(1) + "\n"));
  ASSERT_TRUE(sender.send(tradeLine(2) + "\n" + tradeLine(3) + "\r\n" + tradeLine(4)));
  ASSERT_TRUE(sender.send(tradeLine(5) + "\nnot json\n" + tradeLine(6) + "\n"));
  std::vector<std::uint64_t> ids;
  ASSERT_TRUE(pollUntil(
      source, [&] { return source.stats().lines == 7; }, [&](const Tick& t) { ids.push_back(idOf(t)); }));
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6}));
  const LiveSourceStats live = source.liveStats();
  EXPECT_EQ(live.reads, 3u);
  EXPECT_EQ(live.kernel_drops, 0u);
  EXPECT_EQ(live.feed.malformed, 1u);
  const std::string where = "udp://239.255.77.1:" + std::to_string(o.port) + ":6: skipped: ";
  EXPECT_NE(log_text_.str().find(where), std::string::npos) << log_text_.str();
}

TEST_F(LiveIngestTest, udpReportsTheKernelsDropsWhenTheConsumerStalls) {
  UdpSourceOptions o;
  o.group = "239.255.77.2";
  o.port = test::multicastPort(2);
  o.receive_buffer_bytes = 4096;  // the kernel doubles it; a few datagrams fit
  UdpLineSource source(o, instruments_, log_, clock_);
  UdpLineSender sender(o.group, o.port);
  constexpr std::uint64_t kSent = 200;
  for (std::uint64_t i = 1; i <= kSent; ++i) ASSERT_TRUE(sender.send(tradeLine(i) + "\n"));
  std::vector<std::uint64_t> ids;
  Tick tick;
  while (source.poll(tick) == StreamStatus::kTick) ids.push_back(idOf(tick));
  // A datagram carries the drop count as of its own arrival: one more after the stall
  // brings the count of the ones lost during it.
  ASSERT_TRUE(sender.send(tradeLine(kSent + 1) + "\n"));
  ASSERT_TRUE(pollUntil(
      source, [&] { return !ids.empty() && ids.back() == kSent + 1; }, [&](const Tick& t) { ids.push_back(idOf(t)); }));
  const LiveSourceStats live = source.liveStats();
  EXPECT_GT(live.kernel_drops, 0u);
  EXPECT_EQ(ids.size() + live.kernel_drops, kSent + 1);  // every datagram received or counted
  for (std::size_t i = 1; i < ids.size(); ++i) EXPECT_LT(ids[i - 1], ids[i]);
}

TEST_F(LiveIngestTest, tcpBackPressureBlocksTheSenderAndLosesNothing) {
  TcpLineServer server(0);
  constexpr std::uint64_t kLines = 150'000;  // ~30 MB: far more than the kernel's buffers
  std::atomic<std::uint64_t> sent_lines{0};
  std::thread sender([&] {
    ASSERT_TRUE(server.accept());
    std::string batch;
    for (std::uint64_t i = 1; i <= kLines; ++i) {
      batch += tradeLine(i);
      batch += '\n';
      if (i % 100 == 0 || i == kLines) {
        ASSERT_TRUE(server.send(batch));
        batch.clear();
        sent_lines.store(i, std::memory_order_release);
      }
    }
  });
  TcpLineSource source(tcpTo(server.port()), instruments_, log_, clock_, events_);
  Tick tick;
  // The poll that completes the connect may already read the first lines: keep them.
  std::uint64_t expected = 1, out_of_order = 0;
  while (!source.connected()) {
    if (source.poll(tick) == StreamStatus::kTick) {
      if (idOf(tick) != expected) ++out_of_order;
      expected = idOf(tick) + 1;
    }
  }
  const std::uint64_t read_before_stall = source.stats().lines;
  // The consumer stalls: the sender fills the kernel's buffers and then blocks, its
  // progress frozen (checked over 200 ms windows, for up to 15 s on a slow sanitizer build).
  std::uint64_t sent_while_stalled = 0;
  for (int window = 0; window < 75; ++window) {
    const std::uint64_t before = sent_lines.load(std::memory_order_acquire);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    sent_while_stalled = sent_lines.load(std::memory_order_acquire);
    if (sent_while_stalled == before && before != 0) break;
  }
  EXPECT_LT(sent_while_stalled, kLines) << "the sender never blocked";
  EXPECT_EQ(source.stats().lines, read_before_stall);  // nothing was read (or dropped) meanwhile
  const bool done = pollUntil(
      source, [&] { return expected > kLines; },
      [&](const Tick& t) {
        if (idOf(t) != expected) ++out_of_order;
        expected = idOf(t) + 1;
      });
  sender.join();
  ASSERT_TRUE(done) << "stopped at line " << expected;
  EXPECT_EQ(out_of_order, 0u);
  EXPECT_EQ(source.stats().ticks, kLines);
  EXPECT_EQ(source.stats().malformed, 0u);
}

TEST_F(LiveIngestTest, liveFeedTakesTurnsAcrossSourcesAndEndsAtMaxTicks) {
  TcpLineServer server(0);
  UdpSourceOptions u;
  u.group = "239.255.77.3";
  u.port = test::multicastPort(3);
  std::vector<std::unique_ptr<LiveSource>> sources;
  sources.push_back(std::make_unique<TcpLineSource>(tcpTo(server.port()), instruments_, log_, clock_, events_));
  sources.push_back(std::make_unique<UdpLineSource>(u, instruments_, log_, clock_));
  LiveFeedOptions o;
  o.max_ticks = 6;
  LiveFeed feed(std::move(sources), o);
  Tick tick;
  ASSERT_EQ(feed.poll(tick), StreamStatus::kIdle);  // starts the TCP connect
  ASSERT_TRUE(server.accept());
  ASSERT_TRUE(server.send(test::joinLines({tradeLine(1), tradeLine(2), tradeLine(3), tradeLine(4)})));
  UdpLineSender udp(u.group, u.port);
  ASSERT_TRUE(udp.send(test::joinLines({tradeLine(101), tradeLine(102), tradeLine(103)})));
  std::vector<std::uint64_t> ids;
  ASSERT_TRUE(pollUntil(feed, [&] { return ids.size() == 6; }, [&](const Tick& t) { ids.push_back(idOf(t)); }));
  EXPECT_EQ(feed.poll(tick), StreamStatus::kEnd);
  EXPECT_STREQ(feed.endReason(), "max-ticks");
  // Both have data from the first poll on: they alternate, neither waits for the other to run dry.
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{1, 101, 2, 102, 3, 103}));
  const std::vector<LiveSourceStats> per = feed.sourceStats();
  ASSERT_EQ(per.size(), 2u);
  EXPECT_EQ(per[0].feed.ticks, 3u);
  EXPECT_EQ(per[1].feed.ticks, 3u);
  EXPECT_EQ(feed.stats().ticks, 6u);
}

/// Writes down each stamp it is told, with how many lines the source had parsed by then.
class StampLog final : public ReceiveStampObserver {
 public:
  explicit StampLog(const LiveFeed& feed) : feed_(feed) {}
  void onReceiveStamp(std::int64_t recv_ns) noexcept override {
    stamps.push_back(recv_ns);
    ticks_parsed.push_back(feed_.stats().ticks + feed_.stats().malformed);
  }
  std::vector<std::int64_t> stamps;
  std::vector<std::uint64_t> ticks_parsed;

 private:
  const LiveFeed& feed_;
};

TEST_F(LiveIngestTest, eachLinesReceiveStampIsToldBeforeTheLineIsParsedEvenWhenItIsRefused) {
  TcpLineServer server(0);
  std::vector<std::unique_ptr<LiveSource>> sources;
  sources.push_back(std::make_unique<TcpLineSource>(tcpTo(server.port()), instruments_, log_, clock_, events_));
  LiveFeed feed(std::move(sources), LiveFeedOptions{});
  StampLog told(feed);
  feed.observeReceiveStamps(&told);
  Tick tick;
  ASSERT_EQ(feed.poll(tick), StreamStatus::kIdle);  // starts the TCP connect
  ASSERT_TRUE(server.accept());
  ASSERT_TRUE(server.send(test::joinLines({tradeLine(1), "1723161254087896568 {\"stream\":", tradeLine(2)})));
  std::vector<Tick> ticks;
  ASSERT_TRUE(pollUntil(feed, [&] { return feed.stats().lines == 3; }, [&](const Tick& t) { ticks.push_back(t); }));
  ASSERT_EQ(ticks.size(), 2u);
  EXPECT_EQ(feed.stats().malformed, 1u);
  // Three lines, three stamps (the refused one's too), each told before its line was parsed.
  ASSERT_EQ(told.stamps.size(), 3u);
  EXPECT_EQ(told.ticks_parsed, (std::vector<std::uint64_t>{0, 1, 2}));
  EXPECT_EQ(told.stamps[0], ticks[0].recv_ns);
  EXPECT_EQ(told.stamps[2], ticks[1].recv_ns);
  for (const Tick& t : ticks) EXPECT_TRUE(t.stamped_on_arrival);
  // Told no more once the observer is taken off.
  feed.observeReceiveStamps(nullptr);
  ASSERT_TRUE(server.send(test::joinLines({tradeLine(3)})));
  ASSERT_TRUE(pollUntil(feed, [&] { return feed.stats().lines == 4; }, [&](const Tick& t) { ticks.push_back(t); }));
  EXPECT_EQ(told.stamps.size(), 3u);
}

TEST_F(LiveIngestTest, stopEndsTheFeedFromAnotherThread) {
  std::uint16_t port = 0;
  { port = TcpLineServer(0).port(); }
  std::vector<std::unique_ptr<LiveSource>> sources;
  sources.push_back(std::make_unique<TcpLineSource>(tcpTo(port), instruments_, log_, clock_, events_));
  LiveFeed feed(std::move(sources), LiveFeedOptions{});
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    feed.stop();
  });
  Tick tick;
  StreamStatus s = StreamStatus::kIdle;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (s != StreamStatus::kEnd && std::chrono::steady_clock::now() < deadline) s = feed.poll(tick);
  stopper.join();
  EXPECT_EQ(s, StreamStatus::kEnd);
  EXPECT_STREQ(feed.endReason(), "stop");
}

}  // namespace
}  // namespace bw::feed
