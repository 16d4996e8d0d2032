// Compliance CSV from a hand-built journal: one row per judged order, every final state,
// RFC 4180 quoting, order ids reused by a later run.

#include "pipeline/ComplianceExport.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "pipeline/Journal.h"

namespace bw::pipeline {
namespace {

constexpr std::int64_t kPx = 6'100'050'000'000;  // 61000.5
constexpr std::int64_t kQty = 200'000;           // 0.002

class ComplianceExportTest : public ::testing::Test {
 protected:
  OrderIntent intent(OrderId id, Side side = Side::kBuy) const {
    OrderIntent i;
    i.id = id;
    i.symbol = 0;
    i.side = side;
    i.limit = Price{kPx};
    i.qty = Qty{kQty};
    return i;
  }
  OrderRequest request(OrderId id) const {
    OrderRequest r;
    r.id = id;
    r.symbol = 0;
    r.side = Side::kBuy;
    r.limit = Price{kPx};
    r.qty = Qty{kQty};
    return r;
  }
  JournalEvent exec(std::int64_t wall, ExecEvent::Kind kind, OrderId id, std::int64_t qty = 0,
                    const char* text = "") const {
    ExecEvent x;
    x.kind = kind;
    x.id = id;
    x.symbol = 0;
    x.side = Side::kBuy;
    x.last_px = Price{kPx};
    x.last_qty = Qty{qty};
    for (std::size_t i = 0; text[i] != '\0' && i + 1 < sizeof x.text; ++i) x.text[i] = text[i];
    return JournalEvent::exec(wall, x);
  }
  void cancel(std::int64_t wall, OrderId order, OrderId cancel_id) {
    OrderRequest r = request(cancel_id);
    r.action = OrderRequest::Action::kCancel;
    r.orig_id = order;
    add(JournalEvent::cancelSent(wall, r));
  }
  void add(const JournalEvent& e) { events_.push_back(e); }

  /// Through the real line format and reader: what the export sees in production.
  std::vector<JournalRecord> records() const {
    std::vector<JournalRecord> out;
    std::uint64_t seq = 0;
    for (const JournalEvent& e : events_) {
      std::string line;
      Journal::formatLine(line, ++seq, e, instruments_);
      JournalRecord r;
      std::string why;
      EXPECT_TRUE(parseJournalLine(line, r, why)) << why << ": " << line;
      out.push_back(r);
    }
    return out;
  }

  static std::string row(const std::string& head, risk::RejectCode code, const std::string& tail) {
    std::string s = head;
    s += code == risk::RejectCode::kAccepted ? "ACCEPTED," : "REJECTED,";
    s += risk::rejectCodeName(code);
    s += ",\"";
    s += risk::rejectCodeRule(code);
    s += "\",";
    s += tail;
    return s;
  }

  InstrumentTable instruments_ = InstrumentTable::withDefaults();
  std::vector<JournalEvent> events_;
};

TEST_F(ComplianceExportTest, writesOneRowPerOrderWithItsFinalState) {
  using K = ExecEvent::Kind;
  const auto ok = risk::RejectCode::kAccepted;
  add(JournalEvent::session(1, "start"));
  // 1: filled
  add(JournalEvent::decision(1000, 0, intent(1)));
  add(JournalEvent::verdict(1001, 0, intent(1), ok));
  add(JournalEvent::orderSent(1002, request(1), 5'000));
  add(exec(1003, K::kNew, 1));
  add(exec(1004, K::kFill, 1, kQty));
  // 2: rejected by the gate
  add(JournalEvent::decision(2000, 0, intent(2)));
  add(JournalEvent::verdict(2001, 0, intent(2), risk::RejectCode::kPriceCollar));
  // 3: partially filled, still working (no DECISION line: decision time = verdict time)
  add(JournalEvent::verdict(3001, 0, intent(3), ok));
  add(JournalEvent::shadowReject(3001, 0, intent(3), risk::RejectCode::kMaxOrderQty));  // never a row
  add(JournalEvent::orderSent(3002, request(3), 5'000));
  add(exec(3003, K::kNew, 3));
  add(exec(3004, K::kPartialFill, 3, 50'000));
  // 4: canceled
  add(JournalEvent::verdict(4001, 0, intent(4), ok));
  add(JournalEvent::orderSent(4002, request(4), 5'000));
  add(exec(4003, K::kNew, 4));
  cancel(4004, 4, 104);
  add(exec(4005, K::kCanceled, 4));
  // 5: rejected by the venue
  add(JournalEvent::verdict(5001, 0, intent(5), ok));
  add(JournalEvent::orderSent(5002, request(5), 5'000));
  add(exec(5003, K::kRejected, 5, 0, "insufficient, margin"));
  // 6: accepted, never sent (the order thread's kill re-check)
  add(JournalEvent::verdict(6001, 0, intent(6), ok));
  // 7: a rejected cancel leaves it working
  add(JournalEvent::verdict(7001, 0, intent(7), ok));
  add(JournalEvent::orderSent(7002, request(7), 5'000));
  add(exec(7003, K::kNew, 7));
  cancel(7004, 7, 107);
  add(exec(7005, K::kCancelRejected, 7, 0, "too late"));
  // 8: partly filled, then canceled
  add(JournalEvent::verdict(8001, 0, intent(8), ok));
  add(JournalEvent::orderSent(8002, request(8), 5'000));
  add(exec(8003, K::kNew, 8));
  add(exec(8004, K::kPartialFill, 8, 30'000));
  add(exec(8005, K::kCanceled, 8));
  // noise: control events and a fill for an order never judged here
  add(JournalEvent::kill(9000, risk::KillReason::kOperator, JournalScope::kGlobal, kNoSymbol, 0, "ops"));
  add(JournalEvent::limitChange(9001, 0, 10, 5, JournalScope::kGlobal, "ops: max_order_qty"));
  add(exec(9002, K::kFill, 99, kQty));
  // a second run reuses order id 1: a new row; the first keeps its state
  add(JournalEvent::session(10'000, "start"));
  add(JournalEvent::decision(10'000, 0, intent(1, Side::kSell)));
  add(JournalEvent::verdict(10'001, 0, intent(1, Side::kSell), risk::RejectCode::kMaxOrderQty));

  const std::vector<JournalRecord> recs = records();
  std::ostringstream csv;
  const std::size_t rows = writeComplianceCsv(recs, csv);
  EXPECT_EQ(rows, 9u);
  EXPECT_EQ(complianceRowCount(recs), 9u);

  const std::string b = "BTCUSDT,BUY,61000.5,0.002,";
  std::string expected = kComplianceCsvHeader;
  expected += '\n';
  for (const std::string& line : {
           row("1,1000," + b, ok, "1,1,0.002,FILLED,1004"),
           row("2,2000," + b, risk::RejectCode::kPriceCollar, "0,0,0,REJECTED,2001"),
           row("3,3001," + b, ok, "1,1,0.0005,PARTIALLY_FILLED,3004"),
           row("4,4001," + b, ok, "1,1,0,CANCELED,4005"),
           row("5,5001," + b, ok, "1,0,0,VENUE_REJECTED,5003"),
           row("6,6001," + b, ok, "0,0,0,NOT_SENT,6001"),
           row("7,7001," + b, ok, "1,1,0,WORKING,7005"),
           row("8,8001," + b, ok, "1,1,0.0003,CANCELED,8005"),
           row("1,10000,BTCUSDT,SELL,61000.5,0.002,", risk::RejectCode::kMaxOrderQty, "0,0,0,REJECTED,10001"),
       }) {
    expected += line;
    expected += '\n';
  }
  EXPECT_EQ(csv.str(), expected);

  // Spot-check one row fully literal, so the format itself is pinned.
  EXPECT_NE(csv.str().find("\n6,6001,BTCUSDT,BUY,61000.5,0.002,ACCEPTED,ACCEPTED,\"\",0,0,0,NOT_SENT,6001\n"),
            std::string::npos);
}

TEST_F(ComplianceExportTest, quotesFieldsThatNeedIt) {
  EXPECT_EQ(csvField("plain"), "plain");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csvField("", true), "\"\"");
  EXPECT_EQ(csvField("SEC 15c3-5(c)(1)(ii) (erroneous orders)", true), "\"SEC 15c3-5(c)(1)(ii) (erroneous orders)\"");

  // A rule with a comma and quotes, straight from a record.
  JournalRecord v;
  v.type = JournalEventType::kVerdict;
  v.order_id = 5;
  v.wall_ns = 1;
  v.symbol = "ETHUSDT";
  v.side = Side::kSell;
  v.price = 250'000'000'000;
  v.qty = 1'000'000;
  v.code = static_cast<std::uint8_t>(risk::RejectCode::kMaxOrderNotional);
  v.code_name = "MAX_ORDER_NOTIONAL";
  v.rule = "Art. 15(1)(b), \"max value\"";
  std::ostringstream csv;
  EXPECT_EQ(writeComplianceCsv({v}, csv), 1u);
  EXPECT_EQ(csv.str(), std::string(kComplianceCsvHeader) +
                           "\n5,1,ETHUSDT,SELL,2500,0.01,REJECTED,MAX_ORDER_NOTIONAL,"
                           "\"Art. 15(1)(b), \"\"max value\"\"\",0,0,0,REJECTED,1\n");
}

TEST_F(ComplianceExportTest, emptyJournalGivesTheHeaderOnly) {
  std::ostringstream csv;
  EXPECT_EQ(writeComplianceCsv({}, csv), 0u);
  EXPECT_EQ(csv.str(), std::string(kComplianceCsvHeader) + "\n");
}

}  // namespace
}  // namespace bw::pipeline
