#include "tools/CertScenarios.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "core/TscClock.h"
#include "fix/SendThrottle.h"

namespace bw::tools {
namespace {

using Clock = std::chrono::steady_clock;
using fix::CertField;
using fix::CertMessage;

// FIX tags the scenarios use.
constexpr int kBeginSeqNo = 7;
constexpr int kClOrdId = 11;
constexpr int kMsgSeqNum = 34;
constexpr int kNewSeqNo = 36;
constexpr int kOrderQty = 38;
constexpr int kOrdStatus = 39;
constexpr int kOrdType = 40;
constexpr int kOrigClOrdId = 41;
constexpr int kPossDupFlag = 43;
constexpr int kPrice = 44;
constexpr int kRefSeqNum = 45;
constexpr int kSide = 54;
constexpr int kSymbol = 55;
constexpr int kText = 58;
constexpr int kTimeInForce = 59;
constexpr int kTransactTime = 60;
constexpr int kEndSeqNo = 16;
constexpr int kHeartBtInt = 108;
constexpr int kTestReqId = 112;
constexpr int kGapFillFlag = 123;
constexpr int kResetSeqNumFlag = 141;
constexpr int kExecType = 150;
constexpr int kMassCancelRequestType = 530;
constexpr int kMassCancelResponse = 531;

std::string utcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y%m%d-%H:%M:%S", &tm);
  std::string out(buf, n);
  out += '.';
  out += static_cast<char>('0' + ms / 100);
  out += static_cast<char>('0' + ms / 10 % 10);
  out += static_cast<char>('0' + ms % 10);
  return out;
}

std::string describe(const CertMessage& m) {
  std::string out = "35=" + m.msg_type;
  for (const int tag : {kExecType, kOrdStatus, kMassCancelResponse, kRefSeqNum, kText}) {
    if (const std::string* v = m.field(tag)) {
      out += ' ';
      out += std::to_string(tag);
      out += '=';
      out += *v;
    }
  }
  return out;
}

/// What came back for a request: an ExecutionReport / cancel reject naming `cl_ord_id`, a
/// mass cancel report, or a session/business reject of the request's sequence number.
std::function<bool(const CertMessage&)> answerTo(const std::string& cl_ord_id, int seq) {
  const std::string seq_text = std::to_string(seq);
  return [cl_ord_id, seq_text](const CertMessage& m) {
    if (m.msg_type == "8" || m.msg_type == "9" || m.msg_type == "r") return m.text(kClOrdId) == cl_ord_id;
    if (m.msg_type == "j" || m.msg_type == "3") return m.text(kRefSeqNum) == seq_text;
    return false;
  };
}

/// One script run: the session, the orders we believe work at the venue, the samples.
class CertScript {
 public:
  explicit CertScript(const CertOptions& o) : o_(o), session_(o.session), tsc_(TscClock::calibrate()) {
    // A run tag in every ClOrdID: a second run against an acceptor that remembers ids
    // never repeats one.
    run_tag_ = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count() %
                              100'000'000);
  }

  static constexpr std::size_t kSteps = 9;

  /// Scenario `i` in certScenarioNames() order. A switch, not a table of member pointers:
  /// g++ 12 under the sanitizers warns (maybe-uninitialized) on calls through the table.
  bool step(std::size_t i, std::string& detail) {
    switch (i) {
      case 0: return logon(detail);
      case 1: return testRequest(detail);
      case 2: return sequenceResetAndResend(detail);
      case 3: return newOrders(detail);
      case 4: return cancels(detail);
      case 5: return replace(detail);
      case 6: return rejects(detail);
      case 7: return throttle(detail);
      case 8: return massCancelOnKill(detail);
      default: return false;
    }
  }

  CertRun run() {
    CertRun out;
    session_.start();
    const std::vector<std::string>& names = certScenarioNames();
    if (names.size() != kSteps) throw std::logic_error("cert: scenario names and steps differ");
    for (std::size_t i = 0; i < kSteps; ++i) {
      ScenarioResult r;
      r.name = names[i];
      const auto t0 = Clock::now();
      if (i > 0 && !session_.loggedOn()) {
        r.detail = "not logged on: " + session_.recentEvents();
      } else {
        try {
          r.passed = step(i, r.detail);
        } catch (const std::exception& e) {
          r.detail += std::string(" (error: ") + e.what() + ")";
        }
      }
      r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
      out.scenarios.push_back(std::move(r));
    }
    session_.stop(std::chrono::milliseconds(2'000));
    out.new_order_ack = latencyOf(ack_ns_);
    out.cancel_canceled = latencyOf(cancel_ns_);
    out.test_request = latencyOf(test_request_ns_);
    return out;
  }

 private:
  struct Working {
    std::string cl_ord_id;
  };

  // ---- scenarios: each returns pass and writes its detail ----

  bool logon(std::string& detail) {
    const auto t0 = Clock::now();
    if (!session_.waitLoggedOn(true, o_.logon_timeout)) {
      detail = "no logon within " + std::to_string(o_.logon_timeout.count()) + " ms: " + session_.recentEvents();
      return false;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    CertMessage answer;
    if (!session_.take([](const CertMessage& m) { return m.msg_type == "A"; }, o_.reply_timeout, answer)) {
      detail = "logged on but the acceptor's Logon was not seen";
      return false;
    }
    detail = "logged on in " + std::to_string(ms) + " ms; acceptor Logon HeartBtInt=" + answer.text(kHeartBtInt) +
             " ResetSeqNumFlag=" + (answer.field(kResetSeqNumFlag) ? answer.text(kResetSeqNumFlag) : "absent");
    if (answer.text(kHeartBtInt) != std::to_string(o_.session.endpoint.heartbeat_s)) {
      detail += "; expected HeartBtInt " + std::to_string(o_.session.endpoint.heartbeat_s);
      return false;
    }
    if (o_.session.reset_on_logon && answer.text(kResetSeqNumFlag) != "Y") {
      detail += "; we sent ResetSeqNumFlag=Y and the acceptor did not confirm it";
      return false;
    }
    return true;
  }

  bool testRequest(std::string& detail) {
    const std::string id = "CERT-TR-" + run_tag_;
    const std::uint64_t sent = session_.send("1", {{kTestReqId, id}});
    CertMessage hb;
    if (sent == 0 || !take(isHeartbeatFor(id), hb)) {
      detail = "TestRequest " + id + (sent == 0 ? " not sent" : ": no Heartbeat with its TestReqID");
      return false;
    }
    const std::int64_t ns = tsc_.toNs(hb.received_tsc - sent);
    test_request_ns_.push_back(ns);
    detail = "TestRequest(112=" + id + ") answered by Heartbeat with the same TestReqID in " + micros(ns);
    return true;
  }

  bool sequenceResetAndResend(std::string& detail) {
    // 1. We ask for everything again: with nothing to resend an acceptor answers with a
    //    SequenceReset-GapFill (or resends with PossDupFlag=Y).
    const int expected = session_.nextTargetSeqNum();
    if (session_.send("2", {{kBeginSeqNo, "1"}, {kEndSeqNo, "0"}}) == 0) {
      detail = "ResendRequest not sent";
      return false;
    }
    CertMessage fill;
    const bool filled = take(
        [](const CertMessage& m) {
          return (m.msg_type == "4" && m.text(kGapFillFlag) == "Y") || m.text(kPossDupFlag) == "Y";
        },
        fill);
    if (!filled) {
      detail = "ResendRequest(7=1, 16=0): neither a SequenceReset-GapFill nor a PossDup resend came";
      return false;
    }
    detail = "ResendRequest(7=1,16=0) answered by " +
             (fill.msg_type == "4" ? "SequenceReset-GapFill 36=" + fill.text(kNewSeqNo) + " (our next expected " +
                                         std::to_string(expected) + ")"
                                   : "a PossDup resend (35=" + fill.msg_type + ")");

    // 2. We skip sequence numbers: the acceptor must ask for them (ResendRequest from the
    //    first missing one); our session gap-fills, and the session goes on.
    const int next = session_.nextSenderSeqNum();
    if (!session_.setNextSenderSeqNum(next + 5)) {
      detail += "; could not move our sequence number";
      return false;
    }
    const std::string gap_id = "CERT-GAP-" + run_tag_;
    (void)session_.send("1", {{kTestReqId, gap_id}});
    CertMessage resend;
    if (!take([](const CertMessage& m) { return m.msg_type == "2"; }, resend)) {
      detail += "; after a gap of 5 (sent 34=" + std::to_string(next + 5) + ", expected " + std::to_string(next) +
                ") no ResendRequest came";
      return false;
    }
    detail += "; gap of 5 -> acceptor ResendRequest 7=" + resend.text(kBeginSeqNo) + " 16=" + resend.text(kEndSeqNo);
    // Asking from earlier than the first missing number is harmless (we resend or fill
    // it); asking from later would lose messages. QuickFIX 1.15 acceptors without a
    // message store ask from one earlier: they do not count the ResendRequest they
    // answered with a gap fill (see fix/CertSession.cpp).
    const long begin = std::strtol(resend.text(kBeginSeqNo).c_str(), nullptr, 10);
    if (begin <= 0 || begin > next) {
      detail += " (expected 7 <= " + std::to_string(next) + ")";
      return false;
    }
    if (begin < next) detail += " (from before our first missing " + std::to_string(next) + ": harmless)";
    // The gapped TestRequest was filled over; a fresh one must be answered. The Log hands
    // us the ResendRequest before our session answers it on its own thread: give the gap
    // fill time to go first, or our TestRequest would be filled over too.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const std::string after_id = "CERT-AFTERGAP-" + run_tag_;
    CertMessage hb;
    if (session_.send("1", {{kTestReqId, after_id}}) == 0 || !take(isHeartbeatFor(after_id), hb)) {
      detail += "; no Heartbeat to a TestRequest after the gap fill";
      return false;
    }
    detail += ", gap filled, session goes on";

    // 3. Log out and on again: with ResetSeqNumFlag the acceptor restarts at 1, without
    //    it carries on from where it was.
    session_.logout("breakwater cert: sequence reset");
    if (!session_.waitLoggedOn(false, o_.reply_timeout + std::chrono::seconds(2))) {
      detail += "; logout not completed";
      return false;
    }
    const int target_before = session_.nextTargetSeqNum();  // after the acceptor's Logout
    session_.clearReceived();
    session_.logon();
    CertMessage logon;
    if (!session_.waitLoggedOn(true, o_.logon_timeout + std::chrono::seconds(2)) ||
        !take([](const CertMessage& m) { return m.msg_type == "A"; }, logon)) {
      detail += "; no logon again after logout: " + session_.recentEvents();
      return false;
    }
    const std::string want_seq = o_.session.reset_on_logon ? "1" : std::to_string(target_before);
    detail += "; logout and logon again: acceptor Logon 34=" + logon.text(kMsgSeqNum) +
              " 141=" + (logon.field(kResetSeqNumFlag) ? logon.text(kResetSeqNumFlag) : "absent");
    if (logon.text(kMsgSeqNum) != want_seq) {
      detail += " (expected 34=" + want_seq + ")";
      return false;
    }
    return true;
  }

  bool newOrders(std::string& detail) {
    for (int i = 0; i < o_.latency_orders; ++i) {
      const std::string id = nextId("N");
      CertMessage answer;
      const std::uint64_t sent = sendOrder(id, o_.symbol, o_.qty, answer);
      if (sent == 0) {
        detail = "order " + std::to_string(i) + " (" + id + "): " + answer.msg_type;
        return false;
      }
      if (answer.text(kExecType) != "0") {
        detail = "order " + id + " answered by " + describe(answer) + ", not an ack (150=0)";
        return false;
      }
      ack_ns_.push_back(tsc_.toNs(answer.received_tsc - sent));
      working_.push_back({id});
    }
    detail = std::to_string(o_.latency_orders) + " NewOrderSingle " + o_.symbol + " " + o_.qty + " @ " + o_.price +
             ", one at a time: each acknowledged (35=8 150=0 39=0)";
    return true;
  }

  bool cancels(std::string& detail) {
    const std::size_t n = working_.size();
    while (!working_.empty()) {
      const std::string orig = working_.back().cl_ord_id;
      CertMessage answer;
      const std::uint64_t sent = sendCancel(orig, answer);
      if (sent == 0) {
        detail = "cancel of " + orig + ": " + answer.msg_type;
        return false;
      }
      if (answer.text(kExecType) != "4") {
        detail = "cancel of " + orig + " answered by " + describe(answer) + ", not canceled (150=4)";
        return false;
      }
      cancel_ns_.push_back(tsc_.toNs(answer.received_tsc - sent));
      working_.pop_back();
    }
    detail = std::to_string(n) + " OrderCancelRequest, one at a time: each canceled (35=8 150=4 39=4)";
    return n > 0;
  }

  bool replace(std::string& detail) {
    const std::string id = nextId("R");
    CertMessage answer;
    if (sendOrder(id, o_.symbol, o_.qty, answer) == 0 || answer.text(kExecType) != "0") {
      detail = "the order to replace was not acknowledged: " + (answer.msg_type.empty() ? "no answer" : describe(answer));
      return false;
    }
    const std::string new_id = nextId("RG");
    const int seq = session_.nextSenderSeqNum();
    session_.send("G", {{kOrigClOrdId, id},
                        {kClOrdId, new_id},
                        {kSymbol, o_.symbol},
                        {kSide, "1"},
                        {kOrderQty, o_.qty},
                        {kOrdType, "2"},
                        {kPrice, o_.price},
                        {kTransactTime, utcNow()}});
    CertMessage reply;
    bool passed = false;
    std::string live_id = id;
    if (!take(answerTo(new_id, seq), reply)) {
      detail = "OrderCancelReplaceRequest " + new_id + ": no answer";
    } else if (reply.msg_type == "8" && reply.text(kExecType) == "5") {
      detail = "OrderCancelReplaceRequest answered by 35=8 150=5 (replaced), 39=" + reply.text(kOrdStatus);
      live_id = new_id;
      passed = true;
    } else {
      detail = "OrderCancelReplaceRequest answered by " + describe(reply) + ", not replaced (35=8 150=5)";
    }
    CertMessage gone;  // leave nothing working
    (void)sendCancel(live_id, gone);
    return passed;
  }

  bool rejects(std::string& detail) {
    struct Bad {
      const char* what;
      std::string symbol;
      std::string qty;
    };
    const Bad bad[] = {{"unknown symbol", "CERTNOSYM", o_.qty}, {"zero quantity", o_.symbol, "0"}};
    bool all = true;
    for (const Bad& b : bad) {
      CertMessage answer;
      const std::string id = nextId("X");
      const bool answered = sendOrder(id, b.symbol, b.qty, answer) != 0;
      const bool rejected = answered && answer.msg_type == "8" && answer.text(kExecType) == "8" &&
                            answer.text(kOrdStatus) == "8" && !answer.text(kText).empty();
      if (!detail.empty()) detail += "; ";
      detail += std::string(b.what) + " -> " + (answered ? describe(answer) : "no answer");
      if (!rejected) {
        detail += " (expected 35=8 150=8 39=8 with a Text)";
        if (answered && answer.text(kExecType) == "0") working_.push_back({id});
        all = false;
      }
    }
    return all;
  }

  bool throttle(std::string& detail) {
    const std::uint32_t rate = o_.max_msgs_per_second;
    if (rate == 0) {
      detail = "no throttle configured ([fix] max_msgs_per_second = 0)";
      return false;
    }
    // Half again the rate in one burst: the last third must wait for the window.
    const std::uint32_t burst = rate + (rate + 1) / 2;
    constexpr std::int64_t kWindowNs = 1'000'000'000;
    fix::SendThrottle gate(rate, kWindowNs);
    std::vector<std::int64_t> sent_ns;
    std::vector<std::pair<std::string, int>> sent;
    // Held: sent later than the burst asked, i.e. at or after the throttle's first refusal.
    std::uint32_t held = 0;
    bool throttled = false;
    for (std::uint32_t i = 0; i < burst; ++i) {
      std::int64_t now = TscClock::monotonicNs();
      if (!gate.tryAcquire(now)) {
        throttled = true;
        do {
          std::this_thread::sleep_for(std::chrono::nanoseconds(gate.waitNs(now)));
          now = TscClock::monotonicNs();
        } while (!gate.tryAcquire(now));
      }
      held += throttled ? 1 : 0;
      const std::string id = nextId("T");
      const int seq = session_.nextSenderSeqNum();
      if (session_.send("D", orderBody(id, o_.symbol, o_.qty)) == 0) {
        detail = "burst order " + std::to_string(i) + " not sent";
        return false;
      }
      sent_ns.push_back(now);
      sent.emplace_back(id, seq);
    }
    const auto span_ms = (sent_ns.back() - sent_ns.front()) / 1'000'000;
    std::size_t most = 0;  // the most messages any one-second window held
    for (std::size_t lo = 0, hi = 0; hi < sent_ns.size(); ++hi) {
      while (sent_ns[hi] - sent_ns[lo] >= kWindowNs) ++lo;
      most = std::max(most, hi - lo + 1);
    }
    std::size_t acked = 0;
    for (const auto& [id, seq] : sent) {
      CertMessage answer;
      if (!take(answerTo(id, seq), answer)) break;
      if (answer.text(kExecType) == "0") {
        ++acked;
        working_.push_back({id});
        acked_ids_.push_back(id);
      }
    }
    detail = std::to_string(burst) + " orders in one burst at a limit of " + std::to_string(rate) +
             "/s: " + std::to_string(held) + " held back by our throttle, all sent over " + std::to_string(span_ms) +
             " ms, at most " + std::to_string(most) + " in any 1 s window, " + std::to_string(acked) + " acknowledged";
    return held > 0 && most <= rate && acked == burst;
  }

  bool massCancelOnKill(std::string& detail) {
    if (working_.empty()) {  // the throttle scenario failed early: rest a few of our own
      for (int i = 0; i < 3; ++i) {
        CertMessage answer;
        const std::string id = nextId("K");
        if (sendOrder(id, o_.symbol, o_.qty, answer) != 0 && answer.text(kExecType) == "0") working_.push_back({id});
      }
    }
    const std::size_t before = working_.size();
    // The kill: one OrderMassCancelRequest for everything (530=7).
    const std::string mass_id = nextId("Q");
    const int seq = session_.nextSenderSeqNum();
    session_.send("q", {{kClOrdId, mass_id}, {kMassCancelRequestType, "7"}, {kTransactTime, utcNow()}});
    CertMessage reply;
    bool mass_done = false;
    if (!take(answerTo(mass_id, seq), reply)) {
      detail = "OrderMassCancelRequest(530=7): no answer";
    } else if (reply.msg_type == "r" && reply.text(kMassCancelResponse) != "0") {
      detail = "OrderMassCancelRequest(530=7) -> 35=r 531=" + reply.text(kMassCancelResponse);
      mass_done = true;
    } else {
      detail = "OrderMassCancelRequest(530=7) -> " + describe(reply);
    }
    // Canceled reports for our orders: after a mass cancel they came before the 35=r.
    std::size_t canceled = 0;
    if (mass_done) {
      for (auto it = working_.begin(); it != working_.end();) {
        const std::string id = it->cl_ord_id;
        CertMessage c;
        const auto canceled_report = [&id](const CertMessage& m) {
          return m.msg_type == "8" && m.text(kExecType) == "4" && (m.text(kClOrdId) == id || m.text(kOrigClOrdId) == id);
        };
        if (take(canceled_report, c, std::chrono::milliseconds(200))) {
          ++canceled;
          it = working_.erase(it);
        } else {
          ++it;
        }
      }
    }
    // Fallback (a venue without 35=q, or one that missed some): cancel each order still
    // working, as a kill does, unthrottled.
    std::size_t fallback = 0;
    while (!working_.empty()) {
      const std::string orig = working_.back().cl_ord_id;
      CertMessage answer;
      if (sendCancel(orig, answer) == 0 || answer.text(kExecType) != "4") {
        detail += "; fallback cancel of " + orig + " -> " + (answer.msg_type.empty() ? "no answer" : describe(answer));
        return false;
      }
      ++fallback;
      working_.pop_back();
    }
    detail += "; " + std::to_string(before) + " working: " + std::to_string(canceled) + " canceled by the mass cancel, " +
              std::to_string(fallback) + " by the per-order cancel fallback";
    return verifyNoneRest(detail);
  }

  /// Every order we ever had acknowledged must now be unknown or closed at the venue: a
  /// second cancel of each must be refused (35=9).
  bool verifyNoneRest(std::string& detail) {
    std::size_t refused = 0;
    for (const std::string& id : acked_ids_) {
      CertMessage answer;
      (void)sendCancel(id, answer);
      if (answer.msg_type == "9") {
        ++refused;
        continue;
      }
      detail += "; " + id + " still rests: a cancel of it -> " +
                (answer.msg_type.empty() ? "no answer" : describe(answer));
      return false;
    }
    detail += "; none rest (a cancel of each of the " + std::to_string(refused) +
              " orders of this run is refused with 35=9)";
    return true;
  }

  // ---- helpers ----

  std::string nextId(const char* kind) { return "C" + run_tag_ + kind + std::to_string(++next_id_); }

  std::vector<CertField> orderBody(const std::string& id, const std::string& symbol, const std::string& qty) const {
    return {{kClOrdId, id},     {kSymbol, symbol},   {kSide, "1"},        {kOrderQty, qty},
            {kOrdType, "2"},    {kPrice, o_.price},  {kTimeInForce, "0"}, {kTransactTime, utcNow()}};
  }

  /// Sends `msg_type` naming ClOrdID `id` and takes its answer (answerTo); the send
  /// stamp, or 0 with answer.msg_type saying why when nothing came.
  std::uint64_t request(const char* msg_type, const std::string& id, const std::vector<CertField>& body,
                        CertMessage& answer) {
    const int seq = session_.nextSenderSeqNum();
    const std::uint64_t sent = session_.send(msg_type, body);
    if (sent == 0) {
      answer.msg_type = "not sent";
      return 0;
    }
    if (!take(answerTo(id, seq), answer)) {
      answer.msg_type = "no answer within " + std::to_string(o_.reply_timeout.count()) + " ms";
      return 0;
    }
    return sent;
  }

  std::uint64_t sendOrder(const std::string& id, const std::string& symbol, const std::string& qty,
                          CertMessage& answer) {
    const std::uint64_t sent = request("D", id, orderBody(id, symbol, qty), answer);
    if (sent != 0 && answer.text(kExecType) == "0") acked_ids_.push_back(id);
    return sent;
  }

  std::uint64_t sendCancel(const std::string& orig, CertMessage& answer) {
    const std::string id = nextId("F");
    return request("F", id,
                   {{kOrigClOrdId, orig},
                    {kClOrdId, id},
                    {kSymbol, o_.symbol},
                    {kSide, "1"},
                    {kOrderQty, o_.qty},
                    {kTransactTime, utcNow()}},
                   answer);
  }

  bool take(const std::function<bool(const CertMessage&)>& match, CertMessage& out) {
    return session_.take(match, o_.reply_timeout, out);
  }
  bool take(const std::function<bool(const CertMessage&)>& match, CertMessage& out, std::chrono::milliseconds t) {
    return session_.take(match, t, out);
  }

  static std::function<bool(const CertMessage&)> isHeartbeatFor(const std::string& id) {
    return [id](const CertMessage& m) { return m.msg_type == "0" && m.text(kTestReqId) == id; };
  }

  static std::string micros(std::int64_t ns) { return std::to_string(ns / 1'000) + " us"; }

  const CertOptions& o_;
  fix::CertSession session_;
  TscClock tsc_;
  std::string run_tag_;
  std::uint64_t next_id_ = 0;
  std::vector<Working> working_;        // acknowledged, not yet canceled
  std::vector<std::string> acked_ids_;  // every order of this run the venue acknowledged
  std::vector<std::int64_t> ack_ns_;
  std::vector<std::int64_t> cancel_ns_;
  std::vector<std::int64_t> test_request_ns_;
};

}  // namespace

bool CertRun::allPassed() const noexcept {
  return std::all_of(scenarios.begin(), scenarios.end(), [](const ScenarioResult& r) { return r.passed; });
}

const std::vector<std::string>& certScenarioNames() {
  static const std::vector<std::string> names = {
      "logon",       "heartbeat_test_request", "sequence_reset_resend", "new_order_ack",       "cancel_canceled",
      "replace",     "reject_handling",        "throttle",              "mass_cancel_on_kill"};
  return names;
}

LatencyStats latencyOf(std::vector<std::int64_t>& ns) {
  LatencyStats s;
  s.samples = ns.size();
  if (ns.empty()) return s;
  std::sort(ns.begin(), ns.end());
  const auto rank = [&ns](std::size_t pct) {  // nearest rank: ceil(pct/100 * n), 1-based
    const std::size_t r = (pct * ns.size() + 99) / 100;
    return ns[std::max<std::size_t>(r, 1) - 1];
  };
  s.p50_ns = rank(50);
  s.p99_ns = rank(99);
  s.max_ns = ns.back();
  return s;
}

CertRun runCertification(const CertOptions& options) { return CertScript(options).run(); }

}  // namespace bw::tools
