// FastInitiator / FastOrderSender against the venue simulator on loopback, the test thread
// calling poll() as the order thread will: logon, encoder bytes acked and filled, sequence
// numbers kept across raw sends, QuickFIX's sends and heartbeats, a ResendRequest answered
// from the store, a dropped line reconnected.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "FixSessionFixture.h"
#include "TestTempDir.h"
#include "VenueSessionProbe.h"
#include "fix/FastOrderSender.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

using testing::dec;
using testing::kWait;
using Kind = ExecEvent::Kind;

/// Every callback, kept for the test (all on the test thread: it calls poll()).
class RecordingEvents final : public InitiatorEvents {
 public:
  void onLogon() noexcept override { ++logons; }
  void onLogout() noexcept override { ++logouts; }
  void onExec(const WireExec& exec) noexcept override { execs.push_back(exec); }
  void onUnreadable() noexcept override { ++unreadable; }
  int logons = 0;
  int logouts = 0;
  int unreadable = 0;
  std::vector<WireExec> execs;
};

class FastInitiatorTest : public ::testing::Test {
 protected:
  explicit FastInitiatorTest(int heartbeat_s = 30) : venue_(venueConfig(), instruments_) {
    endpoint_.heartbeat_s = heartbeat_s;
  }

  static std::filesystem::path logDir() {
    return test::testTempDir(std::string("fast-initiator-") +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }

  static VenueConfig venueConfig() {
    VenueConfig c;
    c.file_log = true;  // the venue's record of what reached it (venueReceived())
    c.work_dir = logDir().string();
    std::filesystem::remove_all(c.work_dir);
    std::filesystem::create_directories(c.work_dir);
    return c;
  }

  void SetUp() override {
    venue_.start();
    endpoint_.port = venue_.port();
    sender_ = std::make_unique<FastOrderSender>(endpoint_, instruments_, events_);
    sender_->start();
    ASSERT_TRUE(sender_->initiator().pollUntilLoggedOn(kWait)) << "no logon to venue on port " << venue_.port();
  }

  void TearDown() override {
    sender_->stop(std::chrono::milliseconds(1000));
    venue_.stop();
    std::filesystem::remove_all(logDir());
  }

  /// Polls (as the order thread would) until `done` or kWait.
  bool pollUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = kWait) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      sender_->poll();
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    return true;
  }

  /// Polls for `duration`, whatever happens (lets heartbeats go both ways).
  void pollFor(std::chrono::milliseconds duration) {
    (void)pollUntil([] { return false; }, duration);
  }

  /// True once an execution event of `kind` for order `id` has arrived.
  bool sawExec(OrderId id, Kind kind) const {
    for (const WireExec& w : events_.execs) {
      ExecEvent e;
      if (decodeExec(w, instruments_, e) == ExecDecodeError::kOk && e.id == id && e.kind == kind) return true;
    }
    return false;
  }

  bool awaitExec(OrderId id, Kind kind) {
    return pollUntil([&] { return sawExec(id, kind); });
  }

  OrderRequest limit(OrderId id, Side side, const char* price, const char* qty) const {
    OrderRequest r;
    r.action = OrderRequest::Action::kNew;
    r.id = id;
    r.symbol = instruments_.find("BTCUSDT");
    r.side = side;
    r.tif = TimeInForce::kGtc;
    r.limit = Price{dec(price)};
    r.qty = Qty{dec(qty)};
    return r;
  }

  OrderRequest request(OrderRequest::Action action, OrderId id, OrderId orig_id, Side side, const char* qty) const {
    OrderRequest r = limit(id, side, "1", qty);
    r.action = action;
    r.orig_id = orig_id;
    return r;
  }

  FastSendResult send(const OrderRequest& r) { return sender_->send(r, nowNs()); }

  static std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  /// One market trade into the venue; polls until it has been matched.
  void marketTrade(const char* price, const char* qty) {
    Tick t;
    t.kind = TickKind::kTrade;
    t.symbol = instruments_.find("BTCUSDT");
    t.price = Price{dec(price)};
    t.qty = Qty{dec(qty)};
    const std::uint64_t before = venue_.counters().market_trades.load(std::memory_order_acquire);
    venue_.onMarketTrade(t);
    ASSERT_TRUE(pollUntil([&] { return venue_.counters().market_trades.load(std::memory_order_acquire) > before; }));
  }

  /// Every message from us that the venue's QuickFIX logged receiving (its FileLog keeps
  /// incoming and outgoing messages in one file), SOH shown as '|'.
  std::vector<std::string> venueReceived() const {
    std::ifstream in(logDir() / "FIX.4.4-VENUESIM-BREAKWATER.messages.current.log");
    std::vector<std::string> ours;
    for (std::string line; std::getline(in, line);) {
      for (char& c : line) c = c == '\x01' ? '|' : c;
      if (line.find("|49=BREAKWATER|") != std::string::npos) ours.push_back(line);
    }
    return ours;
  }

  static bool has(const std::string& message, const char* field) { return message.find(field) != std::string::npos; }

  /// The session agrees with the venue: what it expects next is what we send next, and
  /// it never asked for a resend or rejected a message.
  void expectNoGapNoReject() {
    ASSERT_TRUE(pollUntil([&] {
      return testing::venueExpectedSeqNum() == static_cast<int>(sender_->initiator().nextSenderSeqNum());
    })) << "venue expects " << testing::venueExpectedSeqNum() << ", we send "
        << sender_->initiator().nextSenderSeqNum();
    const FastInitiatorStats s = sender_->initiator().stats();
    EXPECT_EQ(s.resend_requests_in, 0u);
    EXPECT_EQ(s.rejects_in, 0u);
    EXPECT_EQ(s.sequence_resets_in, 0u);
    EXPECT_EQ(s.framing_errors, 0u);
    EXPECT_EQ(s.disconnects, 0u);
    EXPECT_EQ(events_.unreadable, 0);
    EXPECT_TRUE(sender_->loggedOn());
  }

  FixEndpoint endpoint_;
  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  VenueSimulator venue_;
  RecordingEvents events_;
  std::unique_ptr<FastOrderSender> sender_;
};

TEST_F(FastInitiatorTest, logsOnFromPollWithoutAThreadOfItsOwn) {
  EXPECT_TRUE(sender_->loggedOn());
  EXPECT_EQ(events_.logons, 1);
  const FastInitiatorStats s = sender_->initiator().stats();
  EXPECT_EQ(s.connects, 1u);
  EXPECT_EQ(s.session_sends, 1u);  // the Logon, written by QuickFIX through our Responder
  EXPECT_EQ(sender_->initiator().nextSenderSeqNum(), 2u);
}

TEST_F(FastInitiatorTest, prebuiltNewOrderIsAckedAndFilled) {
  marketTrade("60010.00", "0.5");
  ASSERT_EQ(send(limit(1, Side::kBuy, "60000.10", "0.003")), FastSendResult::kSentPrebuilt);
  EXPECT_EQ(sender_->initiator().nextSenderSeqNum(), 3u);
  ASSERT_TRUE(awaitExec(1, Kind::kNew));
  marketTrade("59999.99", "1");
  ASSERT_TRUE(awaitExec(1, Kind::kFill));

  EXPECT_EQ(venue_.counters().orders_received.load(), 1u);
  EXPECT_EQ(venue_.counters().fills.load(), 1u);
  const FastInitiatorStats s = sender_->initiator().stats();
  EXPECT_EQ(s.raw_sends, 1u);
  EXPECT_EQ(s.session_sends, 1u);  // only the Logon went through QuickFIX
  // The venue parsed our bytes as a NewOrderSingle of ours: seq 2, the encoder's fields.
  const std::vector<std::string> received = venueReceived();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_TRUE(has(received[1], "|35=D|34=2|"));
  EXPECT_TRUE(has(received[1], "|11=1|"));
  expectNoGapNoReject();
}

TEST_F(FastInitiatorTest, refusesASequenceNumberThatIsNotTheSessionsNext) {
  const std::uint64_t next = sender_->initiator().nextSenderSeqNum();
  const char bytes[] = "8=FIX.4.4\x01" "9=5\x01" "35=0\x01" "10=000\x01";
  EXPECT_FALSE(sender_->initiator().sendPrebuilt(bytes, sizeof bytes - 1, next + 1));
  EXPECT_FALSE(sender_->initiator().sendPrebuilt(bytes, sizeof bytes - 1, next - 1));
  EXPECT_EQ(sender_->initiator().nextSenderSeqNum(), next);
  EXPECT_EQ(sender_->initiator().stats().raw_sends, 0u);
}

TEST_F(FastInitiatorTest, replacesArePrebuiltAndWhatTheEncoderDoesNotMakeGoesThroughQuickFix) {
  marketTrade("60010.00", "0.5");
  ASSERT_EQ(send(limit(1, Side::kBuy, "60000.10", "0.003")), FastSendResult::kSentPrebuilt);
  ASSERT_EQ(send(request(OrderRequest::Action::kStatus, 1, 0, Side::kBuy, "0.003")), FastSendResult::kSentQuickFix);
  ASSERT_TRUE(awaitExec(1, Kind::kStatus));  // the status of order 1
  // A replace is pre-built too (35=G): the venue takes it, and order 4 now works at 60000.20.
  OrderRequest reprice = limit(4, Side::kBuy, "60000.20", "0.003");
  reprice.action = OrderRequest::Action::kReplace;
  reprice.orig_id = 1;
  ASSERT_EQ(send(reprice), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(1, Kind::kReplaced));  // a replace's report names the order replaced
  ASSERT_EQ(send(request(OrderRequest::Action::kCancel, 3, 4, Side::kBuy, "0.003")), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(4, Kind::kCanceled));  // a cancel's report names the canceled order
  EXPECT_EQ(venue_.counters().status_requests.load(), 1u);
  EXPECT_EQ(venue_.counters().replaces.load(), 1u);
  EXPECT_EQ(venue_.counters().cancels.load(), 1u);
  EXPECT_EQ(sender_->initiator().stats().raw_sends, 3u);  // new, replace, cancel
  expectNoGapNoReject();
}

/// Heartbeats every second: QuickFIX's own sends interleave with ours.
class FastInitiatorHeartbeatTest : public FastInitiatorTest {
 protected:
  FastInitiatorHeartbeatTest() : FastInitiatorTest(1) {}
};

TEST_F(FastInitiatorHeartbeatTest, sequenceStaysWholeAcrossRawSendsQuickFixSendsAndHeartbeats) {
  marketTrade("60010.00", "0.5");
  ASSERT_EQ(send(limit(1, Side::kBuy, "60000.10", "0.003")), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(1, Kind::kNew));
  // A cancel built and sent by QuickFIX (Session::send), between two raw sends.
  WireOrder cancel;
  ASSERT_TRUE(encodeOrder(request(OrderRequest::Action::kCancel, 2, 1, Side::kBuy, "0.003"), instruments_, cancel));
  ASSERT_TRUE(sender_->initiator().send(cancel));
  ASSERT_TRUE(awaitExec(1, Kind::kCanceled));
  pollFor(std::chrono::milliseconds(2500));  // heartbeats both ways
  ASSERT_EQ(send(limit(3, Side::kSell, "60100.00", "0.002")), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(3, Kind::kNew));

  const FastInitiatorStats s = sender_->initiator().stats();
  EXPECT_GE(s.heartbeats_in, 1u);
  EXPECT_GE(s.session_sends, 3u);  // Logon, the cancel, at least one Heartbeat
  EXPECT_EQ(s.raw_sends, 2u);
  EXPECT_EQ(venue_.counters().orders_received.load(), 2u);
  EXPECT_EQ(venue_.counters().cancel_requests.load(), 1u);
  EXPECT_EQ(venue_.counters().rejects.load(), 0u);
  // Every number from 1 to the last reached the venue once, in order.
  const std::vector<std::string> received = venueReceived();
  ASSERT_EQ(received.size() + 1, sender_->initiator().nextSenderSeqNum());
  for (std::size_t i = 0; i < received.size(); ++i) {
    EXPECT_TRUE(has(received[i], ("|34=" + std::to_string(i + 1) + "|").c_str())) << received[i];
  }
  expectNoGapNoReject();
}

TEST_F(FastInitiatorHeartbeatTest, resendRequestGetsStoredOrdersAsPossDupAndAdminAsGapFill) {
  marketTrade("60010.00", "0.5");
  ASSERT_EQ(send(limit(1, Side::kBuy, "60000.10", "0.003")), FastSendResult::kSentPrebuilt);  // seq 2
  ASSERT_TRUE(awaitExec(1, Kind::kNew));
  ASSERT_TRUE(pollUntil([&] { return sender_->initiator().stats().session_sends >= 2; }));  // a Heartbeat
  ASSERT_EQ(send(limit(2, Side::kBuy, "59000.00", "0.001")), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(2, Kind::kNew));
  const std::uint64_t last = sender_->initiator().nextSenderSeqNum() - 1;
  const std::size_t received_before = venueReceived().size();
  const std::uint64_t orders_before = venue_.counters().orders_received.load();

  // The venue says it missed everything from 2 on.
  ASSERT_TRUE(testing::venueRequestResend(2, 0));
  ASSERT_TRUE(pollUntil([&] { return venueReceived().size() >= received_before + 3; }));
  pollFor(std::chrono::milliseconds(200));

  const std::vector<std::string> received = venueReceived();
  std::vector<std::string> answer(received.begin() + static_cast<std::ptrdiff_t>(received_before), received.end());
  // Both raw orders come back byte for byte in their fields, as possible duplicates with
  // their original sending time; the Heartbeat(s) between them as a SequenceReset-GapFill.
  int possdup_orders = 0;
  int gap_fills = 0;
  for (const std::string& m : answer) {
    if (has(m, "|35=D|")) {
      ++possdup_orders;
      EXPECT_TRUE(has(m, "|43=Y|")) << m;
      EXPECT_TRUE(has(m, "|122=")) << m;
    } else if (has(m, "|35=4|")) {
      ++gap_fills;
      EXPECT_TRUE(has(m, "|123=Y|")) << m;
    }
  }
  EXPECT_EQ(possdup_orders, 2);
  EXPECT_GE(gap_fills, 1);
  EXPECT_TRUE(has(answer.front(), "|34=2|")) << answer.front();
  EXPECT_EQ(sender_->initiator().stats().resend_requests_in, 1u);
  // Nothing lost, nothing doubled: the venue took no order twice, the session goes on.
  EXPECT_EQ(venue_.counters().orders_received.load(), orders_before);
  EXPECT_EQ(sender_->initiator().nextSenderSeqNum(), last + 1);
  ASSERT_EQ(send(limit(3, Side::kBuy, "58000.00", "0.001")), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(3, Kind::kNew));
  EXPECT_EQ(sender_->initiator().stats().rejects_in, 0u);
  EXPECT_TRUE(sender_->loggedOn());
}

TEST_F(FastInitiatorTest, droppedLineIsReconnectedFromPollAndNumbersStartOver) {
  marketTrade("60010.00", "0.5");
  ASSERT_EQ(send(limit(1, Side::kBuy, "60000.10", "0.003")), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(1, Kind::kNew));
  venue_.injectFault(VenueFault::kDisconnect);
  ASSERT_TRUE(pollUntil([&] { return events_.logouts == 1; }));
  EXPECT_EQ(send(limit(2, Side::kBuy, "59000.00", "0.001")), FastSendResult::kNotSent);
  ASSERT_TRUE(pollUntil([&] { return events_.logons == 2; }));  // once a second, like SocketInitiator
  // ResetOnDisconnect/ResetOnLogon: both ends start at 1 again (Logon was 1).
  EXPECT_EQ(sender_->initiator().nextSenderSeqNum(), 2u);
  ASSERT_EQ(send(limit(3, Side::kBuy, "59000.00", "0.001")), FastSendResult::kSentPrebuilt);
  ASSERT_TRUE(awaitExec(3, Kind::kNew));
  EXPECT_EQ(sender_->initiator().stats().connects, 2u);
}

}  // namespace
}  // namespace bw::fix
