#include "fix/WireConvert.h"

#include <gtest/gtest.h>

#include <cstring>
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
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadDecimal);
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
  for (const char* id : {"", "-1", "+5", " 5", "12a", "18446744073709551616"}) {
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
  w.exec_type = 'Z';
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kUnsupportedExecType);
  w = fillReport('2');
  w.exec_type = '5';  // replaced, but which order? No OrigClOrdID
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadOrderId);
  w = fillReport('4');
  EXPECT_EQ(decodeExec(w, table, e), ExecDecodeError::kBadOrdStatus);
  w = fillReport('2');
  w.side = 0;
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
