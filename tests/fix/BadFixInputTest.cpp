// Bad input on the FIX side (issue 6 item 8): raw bytes written to the gateway's session by
// a hand-made venue (RawFixAcceptor). Each case: counted by kind where it reaches us, its
// raw text kept where it reaches the application, the session alive (or logged out as FIX
// says), never a crash. Also run under ASan (tools/build asan --target fix_bad_input_tests).

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "FixSessionFixture.h"
#include "RawFixAcceptor.h"
#include "fix/BadFixMessage.h"
#include "fix/OrderGateway.h"
#include "fix/WireConvert.h"
#include "risk/OrderReport.h"
#include "risk/Reconciler.h"

namespace bw::fix::testing {
namespace {

/// An acknowledgement (35=8, 150=0) of our order `id`: well-formed in every way.
std::string ackBody(const std::string& id) {
  return "37=V" + id + "|11=" + id + "|17=E" + id +
         "|150=0|39=0|55=BTCUSDT|54=1|38=0.001|44=60000|151=0.001|14=0|6=0";
}

class BadFixInputTest : public ::testing::Test {
 protected:
  /// The fast send path's session (FastInitiator, the default) or QuickFIX's
  /// SocketInitiator (false).
  virtual bool fastSendPath() const { return true; }

  void SetUp() override {
    FixEndpoint endpoint;
    endpoint.port = venue_.port();
    endpoint.fast_send_path = fastSendPath();
    gateway_ = std::make_unique<OrderGateway>(endpoint, instruments_);
    gateway_->start();
    ASSERT_TRUE(gateway_->waitLoggedOn(kWait)) << "no logon to the raw acceptor on port " << venue_.port();
  }

  void TearDown() override {
    if (gateway_) gateway_->stop();
  }

  /// waitUntil that runs the session while it waits: on the fast send path this thread
  /// is the order thread (pollSession is a no-op on QuickFIX's).
  bool waitUntil(const std::function<bool()>& done) {
    return bw::fix::testing::waitUntil([&] {
      gateway_->pollSession();
      return done();
    });
  }

  const OrderGatewayCounters& counters() const { return gateway_->counters(); }
  std::uint64_t malformed(ExecDecodeError e) const {
    return counters().malformed_by_kind[static_cast<std::size_t>(e)].load();
  }

  std::uint64_t sessionRefused(SessionRefusal r) const {
    return counters().session_refused_by_reason[static_cast<std::size_t>(r)].load();
  }

  /// Sends a good ack for `id` and waits for its event: the session still reads.
  void expectSessionStillReads(const std::string& id) {
    ASSERT_TRUE(venue_.sendRaw(venue_.build("8", ackBody(id))));
    ExecEvent e;
    // pollSession: on the fast path this thread runs the session (a no-op otherwise).
    ASSERT_TRUE(waitUntil([&] { return gateway_->pollExec(e); })) << "the good report after the bad input never came";
    EXPECT_EQ(std::to_string(e.id), id);
    EXPECT_EQ(e.kind, ExecEvent::Kind::kNew);
    EXPECT_TRUE(gateway_->loggedOn());
  }

  /// The next refused message kept with its raw text; fails the test if none comes.
  BadFixMessage nextBadMessage() {
    BadFixMessage m;
    if (!waitUntil([&] { return gateway_->pollBadMessage(m); })) {
      ADD_FAILURE() << "no refused message kept";
    }
    return m;
  }

  RawFixAcceptor venue_;
  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  std::unique_ptr<OrderGateway> gateway_;
};

TEST_F(BadFixInputTest, readsAGoodReportFromTheHandMadeVenue) {
  ASSERT_TRUE(gateway_->fastSendPath());
  expectSessionStillReads("1");
  EXPECT_EQ(counters().exec_received.load(), 1u);
  EXPECT_EQ(counters().exec_malformed.load(), 0u);
}

TEST_F(BadFixInputTest, countsAndKeepsAReportWithAnOrdStatusOutsideFix) {
  std::string body = ackBody("2");
  body.replace(body.find("39=0"), 4, "39=Z");
  ASSERT_TRUE(venue_.sendRaw(venue_.build("8", body)));
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "ORD_STATUS_OUT_OF_RANGE");
  EXPECT_NE(m.textView().find("|39=Z|"), std::string_view::npos) << m.textView();
  EXPECT_NE(m.textView().find("8=FIX.4.4|"), std::string_view::npos) << "SOH shown as '|'";
  EXPECT_EQ(m.length, m.textView().size());
  EXPECT_EQ(malformed(ExecDecodeError::kOrdStatusOutOfRange), 1u);
  EXPECT_EQ(counters().exec_malformed.load(), 1u);
  EXPECT_EQ(counters().bad_raw_kept.load(), 1u);
  expectSessionStillReads("3");
}

TEST_F(BadFixInputTest, countsAndKeepsAReportMissingARequiredField) {
  std::string body = ackBody("4");
  body.erase(body.find("|150=0"), 6);  // no ExecType
  ASSERT_TRUE(venue_.sendRaw(venue_.build("8", body)));
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "MISSING_FIELD");
  EXPECT_EQ(m.textView().find("150="), std::string_view::npos) << m.textView();
  EXPECT_EQ(malformed(ExecDecodeError::kMissingField), 1u);
  expectSessionStillReads("5");
}

TEST_F(BadFixInputTest, passesAReportForAnOrderWeNeverSentOnToTheReconciler) {
  // A numeric ClOrdID that is not ours decodes: it is the reconciler's desync to call.
  ASSERT_TRUE(venue_.sendRaw(venue_.build("8", ackBody("987654"))));
  ExecEvent e;
  ASSERT_TRUE(waitUntil([&] { return gateway_->pollExec(e); }));
  const auto reconciler = std::make_unique<risk::Reconciler>();  // large: not on the stack
  EXPECT_EQ(reconciler->onReport(risk::fromExecEvent(e)).desync, risk::DesyncKind::kUnknownOrder);
  // One that is not even one of our numeric ids is the gateway's own refusal.
  std::string body = ackBody("6");
  body.replace(body.find("|11=6|"), 6, "|11=ABC|");
  ASSERT_TRUE(venue_.sendRaw(venue_.build("8", body)));
  EXPECT_STREQ(badFixCodeName(nextBadMessage().code), "BAD_ORDER_ID");
  EXPECT_EQ(malformed(ExecDecodeError::kBadOrderId), 1u);
  expectSessionStillReads("7");
}

TEST_F(BadFixInputTest, countsAnApplicationMessageOfATypeWeNeverTake) {
  ASSERT_TRUE(venue_.sendRaw(venue_.build("B", "148=hello")));  // News
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "UNEXPECTED_MSG_TYPE");
  EXPECT_NE(m.textView().find("|35=B|"), std::string_view::npos) << m.textView();
  EXPECT_EQ(counters().unreadable_by_reason[static_cast<std::size_t>(UnreadableReason::kUnexpectedMsgType)].load(), 1u);
  EXPECT_EQ(counters().unreadable.load(), 1u);
  expectSessionStillReads("8");
}

TEST_F(BadFixInputTest, skipsBinaryJunkBetweenMessages) {
  const std::string junk("\x00\xff\x13\x80garbage\x01\x01=\x7f", 15);  // no "8=" in it
  ASSERT_TRUE(venue_.sendRaw(junk));
  // QuickFIX's parser skips to the next "8=": nothing of the junk is seen, or counted.
  expectSessionStillReads("9");
  EXPECT_EQ(counters().bad_raw_kept.load(), 0u);
  EXPECT_EQ(counters().exec_received.load(), 1u);
  EXPECT_EQ(counters().exec_malformed.load(), 0u);
}

TEST_F(BadFixInputTest, dropsAMessageWithABadChecksumAtSessionLevel) {
  std::string bad = venue_.build("8", ackBody("10"), /*consume_seq=*/false);
  const std::size_t sum = bad.rfind("10=");
  bad[sum + 3] = bad[sum + 3] == '9' ? '0' : '9';  // first checksum digit changed
  ASSERT_TRUE(venue_.sendRaw(bad));
  // QuickFIX drops it before the application and keeps the sequence number open (no
  // Reject goes back): the next report, with the same MsgSeqNum, is taken. We see it
  // through QuickFIX's log: counted and kept raw.
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "SESSION_INVALID_MESSAGE");
  EXPECT_NE(m.textView().find("|11=10|"), std::string_view::npos) << m.textView();
  expectSessionStillReads("11");
  EXPECT_EQ(counters().exec_received.load(), 1u);
  EXPECT_EQ(sessionRefused(SessionRefusal::kInvalidMessage), 1u);
  EXPECT_EQ(venue_.countReceived("3"), 0) << venue_.received();
}

/// The same bad input reaching QuickFIX's own SocketInitiator ([fix] send_path =
/// "quickfix"): the same counts, the same raw text, the session still reads.
class BadFixInputQuickFixPathTest : public BadFixInputTest {
 protected:
  bool fastSendPath() const override { return false; }
};

TEST_F(BadFixInputQuickFixPathTest, countsAndKeepsAReportWithAnOrdStatusOutsideFix) {
  ASSERT_FALSE(gateway_->fastSendPath());
  std::string body = ackBody("2");
  body.replace(body.find("39=0"), 4, "39=Z");
  ASSERT_TRUE(venue_.sendRaw(venue_.build("8", body)));
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "ORD_STATUS_OUT_OF_RANGE");
  EXPECT_NE(m.textView().find("|39=Z|"), std::string_view::npos) << m.textView();
  EXPECT_EQ(malformed(ExecDecodeError::kOrdStatusOutOfRange), 1u);
  expectSessionStillReads("3");
}

TEST_F(BadFixInputQuickFixPathTest, seesAMessageWithABadChecksumDroppedAtSessionLevel) {
  std::string bad = venue_.build("8", ackBody("10"), /*consume_seq=*/false);
  const std::size_t sum = bad.rfind("10=");
  bad[sum + 3] = bad[sum + 3] == '9' ? '0' : '9';
  ASSERT_TRUE(venue_.sendRaw(bad));
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "SESSION_INVALID_MESSAGE");
  EXPECT_NE(m.textView().find("|11=10|"), std::string_view::npos) << m.textView();
  expectSessionStillReads("11");
  EXPECT_EQ(sessionRefused(SessionRefusal::kInvalidMessage), 1u);
}

TEST_F(BadFixInputTest, dropsAMessageWithABadBodyLengthAtSessionLevel) {
  std::string bad = venue_.build("8", ackBody("12"), /*consume_seq=*/false);
  const std::size_t at = bad.find("9=") + 2;
  bad.replace(at, bad.find('\001', at) - at, "12");  // far shorter than the body
  ASSERT_TRUE(venue_.sendRaw(bad));
  EXPECT_STREQ(badFixCodeName(nextBadMessage().code), "SESSION_INVALID_MESSAGE");
  expectSessionStillReads("13");
  EXPECT_EQ(counters().exec_received.load(), 1u);
  EXPECT_EQ(sessionRefused(SessionRefusal::kInvalidMessage), 1u);
}

TEST_F(BadFixInputTest, survivesATruncatedMessage) {
  const std::string whole = venue_.build("8", ackBody("14"), /*consume_seq=*/false);
  ASSERT_TRUE(venue_.sendRaw(whole.substr(0, whole.size() / 2)));
  // The parser now waits for the rest of the body it was promised and takes the start of
  // the next message as that rest: the next report is swallowed into a message whose
  // checksum cannot match, and dropped. The one after it is read.
  ASSERT_TRUE(venue_.sendRaw(venue_.build("8", ackBody("15"), /*consume_seq=*/false)));
  const BadFixMessage m = nextBadMessage();  // the two run together, as received
  EXPECT_STREQ(badFixCodeName(m.code), "SESSION_INVALID_MESSAGE");
  EXPECT_NE(m.textView().find("|37=V14|"), std::string_view::npos) << m.textView();
  EXPECT_NE(m.textView().find("|37=V15|"), std::string_view::npos) << m.textView();
  expectSessionStillReads("16");
  EXPECT_EQ(counters().exec_received.load(), 1u);
  EXPECT_EQ(sessionRefused(SessionRefusal::kInvalidMessage), 1u);
}

TEST_F(BadFixInputTest, dropsTheConnectionOverAMessageWithoutSendingTime) {
  // QuickFIX 1.15 cannot even build its reject without SendingTime(52): it drops the
  // connection (and reconnects). We see it through its log: counted and kept raw.
  const std::string fields =
      "35=8|34=" + std::to_string(venue_.takeSeq()) + "|49=VENUESIM|56=BREAKWATER|" + ackBody("17");
  ASSERT_TRUE(venue_.sendRaw(RawFixAcceptor::frame(fields)));
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "SESSION_FIELD_NOT_FOUND");
  EXPECT_NE(m.textView().find("|11=17|"), std::string_view::npos) << m.textView();
  EXPECT_EQ(m.textView().find("|52="), std::string_view::npos) << m.textView();
  EXPECT_TRUE(waitUntil([&] { return venue_.disconnected(); }));
  EXPECT_TRUE(waitUntil([&] { return !gateway_->loggedOn(); }));
  EXPECT_EQ(counters().exec_received.load(), 0u);
  EXPECT_EQ(sessionRefused(SessionRefusal::kFieldNotFound), 1u);
}

TEST_F(BadFixInputTest, rejectsAndLogsOutOverAStaleSendingTime) {
  // SendingTime two decades old: FIX says Reject (SessionRejectReason 10) and Logout.
  const std::string fields = "35=8|34=" + std::to_string(venue_.takeSeq()) +
                             "|49=VENUESIM|52=20060101-00:00:00|56=BREAKWATER|" + ackBody("19");
  ASSERT_TRUE(venue_.sendRaw(RawFixAcceptor::frame(fields)));
  const BadFixMessage m = nextBadMessage();
  EXPECT_STREQ(badFixCodeName(m.code), "SESSION_REJECTED");
  EXPECT_NE(m.textView().find("|52=20060101-00:00:00|"), std::string_view::npos) << m.textView();
  EXPECT_TRUE(waitUntil([&] { return venue_.countReceived("3") == 1; })) << venue_.received();
  EXPECT_NE(venue_.received().find("|373=10|"), std::string::npos) << venue_.received();
  EXPECT_TRUE(waitUntil([&] { return venue_.countReceived("5") == 1; })) << venue_.received();
  EXPECT_TRUE(waitUntil([&] { return !gateway_->loggedOn(); }));
  EXPECT_EQ(counters().exec_received.load(), 0u);
  EXPECT_EQ(sessionRefused(SessionRefusal::kRejected), 1u);
}

/// The built-in venue's garble fault (VenueConfig::garble_reports), the bad input the
/// pipeline's replay tests use: its first report goes out with OrdStatus 'Z'.
class GarbledVenueTest : public FixSessionTest {
 protected:
  GarbledVenueTest() : FixSessionTest(garbled()) {}
  static VenueConfig garbled() {
    VenueConfig c;
    c.garble_reports = 1;
    return c;
  }
};

TEST_F(GarbledVenueTest, theGatewayRefusesTheGarbledAckAndReadsTheRest) {
  ASSERT_TRUE(gateway_->send(limit(1, Side::kBuy, "60000", "0.001")));
  BadFixMessage m;
  ASSERT_TRUE(waitUntil([&] { return gateway_->pollBadMessage(m); }));
  EXPECT_STREQ(badFixCodeName(m.code), "ORD_STATUS_OUT_OF_RANGE");
  EXPECT_NE(m.textView().find("|39=Z|"), std::string_view::npos) << m.textView();
  EXPECT_EQ(venue_.counters().fault_garbles.load(), 1u);
  ASSERT_TRUE(gateway_->send(cancel(2, 1, Side::kBuy, "0.001")));
  const ExecEvent canceled = nextExec();
  EXPECT_EQ(canceled.kind, ExecEvent::Kind::kCanceled);
  EXPECT_EQ(canceled.id, 1u);
  EXPECT_EQ(gateway_->counters().exec_malformed.load(), 1u);
}

}  // namespace
}  // namespace bw::fix::testing
