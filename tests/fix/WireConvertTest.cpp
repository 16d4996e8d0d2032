#include "fix/WireConvert.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

#include "WireTestSupport.h"
#include "core/Decimal.h"

namespace bw::fix {
namespace {

using test::dec;
using test::set;

WireExec fillReport(char ord_status) {
  WireExec w;
  w.msg_type = '8';
  w.exec_type = 'F';
  w.ord_status = ord_status;
  w.side = '2';
  set(w.cl_ord_id, "42");
  set(w.symbol, "ETHUSDT");
  set(w.last_px, "2612.35");
  set(w.last_qty, "0.0007");
  set(w.cum_qty, "0.0010");
  set(w.leaves_qty, "0.0003");
  return w;
}

TEST(WireConvertTest, encodesNewOrderWithExactDecimalText) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  OrderRequest r;
  r.id = 1234567890123ULL;
  r.symbol = table.find("BTCUSDT");
  r.side = Side::kSell;
  r.tif = TimeInForce::kIoc;
  r.limit = Price{dec("61837.63")};
  r.qty = Qty{dec("0.00012")};
  WireOrder w;
  ASSERT_TRUE(encodeOrder(r, table, w));
  EXPECT_EQ(w.msg_type, 'D');
  EXPECT_STREQ(w.cl_ord_id, "1234567890123");
  EXPECT_STREQ(w.symbol, "BTCUSDT");
  EXPECT_EQ(w.side, '2');
  EXPECT_EQ(w.ord_type, '2');
  EXPECT_EQ(w.tif, '3');
  EXPECT_STREQ(w.price, "61837.63");
  EXPECT_STREQ(w.order_qty, "0.00012");
}

TEST(WireConvertTest, encodesCancelWithOrigClOrdId) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  OrderRequest r;
  r.action = OrderRequest::Action::kCancel;
  r.id = 8;
  r.orig_id = 7;
  r.symbol = table.find("ETHUSDT");
  r.qty = Qty{dec("1.5")};
  WireOrder w;
  ASSERT_TRUE(encodeOrder(r, table, w));
  EXPECT_EQ(w.msg_type, 'F');
  EXPECT_STREQ(w.cl_ord_id, "8");
  EXPECT_STREQ(w.orig_cl_ord_id, "7");
  EXPECT_STREQ(w.symbol, "ETHUSDT");
  EXPECT_EQ(w.side, '1');
  EXPECT_STREQ(w.order_qty, "1.5");
  EXPECT_STREQ(w.price, "");
}

TEST(WireConvertTest, refusesToEncodeSymbolOutsideTheTable) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  OrderRequest r;
  r.symbol = static_cast<SymbolId>(table.size());
  WireOrder w;
  EXPECT_FALSE(encodeOrder(r, table, w));
  r.symbol = kNoSymbol;
  EXPECT_FALSE(encodeOrder(r, table, w));
}

TEST(WireConvertTest, decodesPartialAndFullFillsToExactIntegers) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  ASSERT_EQ(decodeExec(fillReport('1'), table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kPartialFill);
  EXPECT_EQ(e.id, 42u);
  EXPECT_EQ(e.symbol, table.find("ETHUSDT"));
  EXPECT_EQ(e.side, Side::kSell);
  EXPECT_EQ(e.last_px.raw, 261'235'000'000);
  EXPECT_EQ(e.last_qty.raw, 70'000);
  EXPECT_EQ(e.cum_qty.raw, 100'000);
  EXPECT_EQ(e.leaves_qty.raw, 30'000);
  ASSERT_EQ(decodeExec(fillReport('2'), table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kFill);
}

TEST(WireConvertTest, namesTheAffectedOrderOnCancelsAndCancelRejects) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  WireExec w;
  w.msg_type = '8';
  w.exec_type = '4';
  w.ord_status = '4';
  w.side = '1';
  set(w.cl_ord_id, "11");
  set(w.orig_cl_ord_id, "10");
  ExecEvent e;
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kCanceled);
  EXPECT_EQ(e.id, 10u);

  WireExec r;
  r.msg_type = '9';
  r.ord_status = '8';
  set(r.cl_ord_id, "13");
  set(r.orig_cl_ord_id, "12");
  set(r.text, "unknown order");
  ASSERT_EQ(decodeExec(r, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kCancelRejected);
  EXPECT_EQ(e.id, 12u);
  EXPECT_STREQ(e.text, "unknown order");
}

TEST(WireConvertTest, refusesFillWithUnparseableOrMissingNumbers) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  WireExec w = fillReport('2');
  set(w.last_px, "2612.3x");
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadDecimal);
  w = fillReport('2');
  set(w.last_qty, "");
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kMissingField);
  w = fillReport('2');
  set(w.cum_qty, "0.000000001");  // a ninth decimal would be lost: refused, not rounded
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadDecimal);
  w = fillReport('2');
  set(w.last_px, "99999999999999");  // overflows int64 once scaled
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadDecimal);
}

TEST(WireConvertTest, refusesIdsThatAreNotOurs) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  for (const char* id : {"-1", "+5", " 5", "12a", "18446744073709551616"}) {
    WireExec w = fillReport('2');
    set(w.cl_ord_id, id);
    EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadOrderId) << '"' << id << '"';
  }
  OrderId id = 0;
  EXPECT_TRUE(parseOrderId("18446744073709551615", id));
  EXPECT_EQ(id, 18446744073709551615ULL);
}

TEST(WireConvertTest, refusesUnknownExecTypeStatusSideAndOverlongFields) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  WireExec w = fillReport('2');
  w.exec_type = 'D';  // restated: FIX, but not taken
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kUnsupportedExecType);
  w = fillReport('2');
  w.exec_type = '5';  // replaced, but which order? No OrigClOrdID
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kMissingField);
  w = fillReport('4');
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadOrdStatus);
  w = fillReport('2');
  w.side = '5';  // sell short: FIX, but never ours
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadSide);
  w = fillReport('2');
  w.overlong = true;
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kOverlong);
  w = fillReport('2');
  w.msg_type = 'j';  // a business reject of anything but our mass cancel
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBusinessReject);
  w = fillReport('2');
  w.msg_type = 'x';
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kUnknownMsgType);
}

TEST(WireConvertTest, decodesFix42FillsAndStatusByExecTransType) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  WireExec w = fillReport('1');
  w.exec_type = '1';  // 4.2 partial fill
  w.exec_trans_type = '0';
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kPartialFill);
  w.exec_type = '2';
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kFill);
  w.exec_type = '0';
  w.exec_trans_type = '3';  // 4.2 status: ExecType repeats the state
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kStatus);
  w.exec_trans_type = '1';  // a 4.2 trade cancel: not taken
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kUnsupportedExecType);
}

TEST(WireConvertTest, decodesReplacePendingAndReplaceRejectByTheOrderReplaced) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  WireExec w = fillReport('0');
  w.exec_type = '5';
  set(w.orig_cl_ord_id, "41");
  set(w.order_qty, "0.002");
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kReplaced);
  EXPECT_EQ(e.id, 41u);
  EXPECT_EQ(e.new_id, 42u);
  EXPECT_EQ(e.order_qty.raw, 200'000);
  w.exec_type = 'E';
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kPendingReplace);
  w.exec_type = '6';
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kPendingCancel);
  EXPECT_EQ(e.id, 41u);
  WireExec r;
  r.msg_type = '9';
  r.cxl_rej_response_to = '2';
  set(r.cl_ord_id, "42");
  set(r.orig_cl_ord_id, "41");
  ASSERT_EQ(decodeExec(r, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kReplaceRejected);
  EXPECT_EQ(e.id, 41u);
  EXPECT_EQ(e.new_id, 42u);
}

TEST(WireConvertTest, decodesMassCancelReportAndItsRefusalByBusinessReject) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  WireExec w;
  w.msg_type = 'r';
  w.mass_cancel_response = '7';
  set(w.cl_ord_id, "9");
  set(w.total_affected, "3");
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kMassCancelReport);
  EXPECT_EQ(e.id, 9u);
  EXPECT_EQ(e.affected, 3u);
  EXPECT_EQ(e.mass_response, '7');
  set(w.total_affected, "-1");
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadDecimal);
  WireExec j;
  j.msg_type = 'j';
  j.ref_msg_type = 'q';
  set(j.cl_ord_id, "9");
  ASSERT_EQ(decodeExec(j, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.kind, ExecEvent::Kind::kMassCancelReport);
  EXPECT_EQ(e.mass_response, '0');
}

/// decodeExec's verdict by name, so a failure prints which kind came instead.
std::string verdict(const WireExec& w) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  ExecEvent e;
  return execDecodeErrorName(decodeExec(w, table, e));
}

/// The verdict on a fill report (OrdStatus `ord_status`) with one decimal field changed.
std::string fillWith(char(WireExec::*field)[kWireDecimalLength], const char* text, char ord_status = '2') {
  WireExec w = fillReport(ord_status);
  set(w.*field, text);
  return verdict(w);
}

TEST(WireConvertTest, refusesReportsMissingARequiredField) {
  for (char WireExec::*code : {&WireExec::exec_type, &WireExec::ord_status, &WireExec::side}) {
    WireExec w = fillReport('2');
    w.*code = 0;
    EXPECT_EQ(verdict(w), "MISSING_FIELD");
  }
  WireExec w = fillReport('2');
  set(w.cl_ord_id, "");
  EXPECT_EQ(verdict(w), "MISSING_FIELD");
  EXPECT_EQ(fillWith(&WireExec::last_px, ""), "MISSING_FIELD");
  WireExec r;  // a cancel reject that does not say which order
  r.msg_type = '9';
  r.ord_status = '8';
  set(r.cl_ord_id, "13");
  EXPECT_EQ(verdict(r), "MISSING_FIELD");
}

TEST(WireConvertTest, refusesCodesOutsideTheFixSets) {
  WireExec w = fillReport('2');
  w.exec_type = 'Z';  // past I
  EXPECT_EQ(verdict(w), "EXEC_TYPE_OUT_OF_RANGE");
  w.exec_type = 'f';  // lower case is not F
  EXPECT_EQ(verdict(w), "EXEC_TYPE_OUT_OF_RANGE");
  w = fillReport('Z');
  EXPECT_EQ(verdict(w), "ORD_STATUS_OUT_OF_RANGE");
  w = fillReport('F');  // past E
  EXPECT_EQ(verdict(w), "ORD_STATUS_OUT_OF_RANGE");
  w = fillReport('2');
  w.side = '0';
  EXPECT_EQ(verdict(w), "SIDE_OUT_OF_RANGE");
  w.side = 'H';  // past G
  EXPECT_EQ(verdict(w), "SIDE_OUT_OF_RANGE");
  WireExec r;  // 35=9: OrdStatus and Side checked when present
  r.msg_type = '9';
  set(r.orig_cl_ord_id, "12");
  r.ord_status = 'Z';
  EXPECT_EQ(verdict(r), "ORD_STATUS_OUT_OF_RANGE");
  r.ord_status = '8';
  r.side = '\x01';
  EXPECT_EQ(verdict(r), "SIDE_OUT_OF_RANGE");
  r.side = 0;
  EXPECT_EQ(verdict(r), "OK");
  // Every edge of each set still decodes (or is refused as ours-not, never out of range).
  for (const char c : {'0', '9', 'A', 'I'}) {
    w = fillReport('0');
    w.exec_type = c;
    EXPECT_NE(verdict(w), "EXEC_TYPE_OUT_OF_RANGE") << c;
  }
  for (const char c : {'0', '9', 'A', 'E'}) {
    w = fillReport(c);
    w.exec_type = 'I';
    EXPECT_EQ(verdict(w), "OK") << c;
  }
}

TEST(WireConvertTest, refusesNegativeQuantitiesAndPrices) {
  using Field = char(WireExec::*)[kWireDecimalLength];
  for (const Field field : {&WireExec::last_px, &WireExec::last_qty, &WireExec::cum_qty, &WireExec::leaves_qty,
                            &WireExec::order_qty}) {
    EXPECT_EQ(fillWith(field, "-0.0001"), "NEGATIVE_VALUE");
    EXPECT_EQ(fillWith(field, "1e3"), "BAD_DECIMAL");  // not a plain decimal
  }
  WireExec w = fillReport('0');  // -0 is zero, not negative
  w.exec_type = '0';
  set(w.last_px, "");
  set(w.last_qty, "");
  set(w.leaves_qty, "-0");
  EXPECT_EQ(verdict(w), "OK");
}

TEST(WireConvertTest, refusesFillsOfNothingOrAtPriceZero) {
  EXPECT_EQ(fillWith(&WireExec::last_qty, "0", '1'), "ZERO_FILL_QTY");
  EXPECT_EQ(fillWith(&WireExec::last_qty, "0.00000000"), "ZERO_FILL_QTY");
  EXPECT_EQ(fillWith(&WireExec::last_px, "0"), "ZERO_FILL_PRICE");
  WireExec w = fillReport('0');  // an ack carries LastQty 0 by rule: fine there
  w.exec_type = '0';
  set(w.last_qty, "0");
  set(w.last_px, "0");
  EXPECT_EQ(verdict(w), "OK");
}

TEST(WireConvertTest, refusesMoreFilledThanOrdered) {
  WireExec w = fillReport('2');
  set(w.order_qty, "0.0009");  // cum 0.0010
  EXPECT_EQ(verdict(w), "CUM_QTY_ABOVE_ORDER_QTY");
  set(w.order_qty, "0.0010");
  EXPECT_EQ(verdict(w), "OK");
  set(w.order_qty, "");  // absent: nothing to compare with
  EXPECT_EQ(verdict(w), "OK");
}

TEST(WireConvertTest, refusesOverlongFieldsBeforeAnythingElse) {
  WireExec w = fillReport('Z');  // also out of range: overlong wins, the fields cannot be trusted
  w.overlong = true;
  EXPECT_EQ(verdict(w), "OVERLONG_FIELD");
}

TEST(WireConvertTest, namesEveryDecodeErrorAndUnreadableReason) {
  std::set<std::string> names;
  for (std::size_t k = 0; k < kExecDecodeErrorCount; ++k) {
    names.insert(execDecodeErrorName(static_cast<ExecDecodeError>(k)));
  }
  for (std::size_t r = 0; r < kUnreadableReasonCount; ++r) {
    names.insert(unreadableReasonName(static_cast<UnreadableReason>(r)));
  }
  EXPECT_EQ(names.size(), kExecDecodeErrorCount + kUnreadableReasonCount);  // each its own name
  EXPECT_EQ(names.count("UNKNOWN"), 0u);
}

TEST(WireConvertTest, leavesUnknownSymbolAsNoSymbol) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  WireExec w = fillReport('2');
  set(w.symbol, "DOGEUSDT");
  ExecEvent e;
  ASSERT_EQ(decodeExec(w, table, e), ExecDecodeError::kOk);
  EXPECT_EQ(e.symbol, kNoSymbol);
}

TEST(WireConvertTest, cutsLongTextAtCharacterBoundary) {
  char out[8];
  copyCut("abcdefghij", out, sizeof out);
  EXPECT_STREQ(out, "abcdefg");
  // "abcde" + U+00E9 (2 bytes) + "x": 8 bytes, one too many. Cutting at 7 would split
  // the é, so it goes whole.
  copyCut("abcde\xC3\xA9x", out, sizeof out);
  EXPECT_STREQ(out, "abcde\xC3\xA9");
  copyCut("abcdef\xC3\xA9", out, sizeof out);
  EXPECT_STREQ(out, "abcdef");
  copyCut("", out, sizeof out);
  EXPECT_STREQ(out, "");
}

}  // namespace
}  // namespace bw::fix
