// The pre-built encoder against QuickFIX itself: its bytes must parse and validate with
// QuickFIX (BodyLength, CheckSum, required fields) and equal, byte for byte, what
// FIX44::NewOrderSingle / OrderCancelReplaceRequest / OrderCancelRequest + toString()
// write for the same order.
#include "fix/OrderEncoder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <climits>
#include <initializer_list>
#include <utility>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/Decimal.h"
#include "fix/QuickFixOrderReference.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

using namespace std::chrono_literals;

// 2024-08-08 13:45:01.123 UTC, and 456789 ns that the millisecond text drops.
constexpr std::int64_t kSendNs = 1'723'124'701'123'456'789;

class OrderEncoderTest : public ::testing::Test {
 protected:
  OrderEncoderTest() {
    btc_ = table_.add("BTCUSDT", Price{1'000'000}, Qty{1'000});
    x_ = table_.add("X", Price{1}, Qty{1});
  }

  OrderRequest newOrder() const {
    OrderRequest r;
    r.action = OrderRequest::Action::kNew;
    r.id = 1'234'567;
    r.symbol = btc_;
    r.side = Side::kSell;
    r.tif = TimeInForce::kIoc;
    r.limit = Price{6'183'763'000'000};  // 61837.63
    r.qty = Qty{12'000};                 // 0.00012
    return r;
  }

  OrderRequest cancel() const {
    OrderRequest r;
    r.action = OrderRequest::Action::kCancel;
    r.id = 1'234'568;
    r.orig_id = 1'234'567;
    r.symbol = btc_;
    r.side = Side::kSell;
    r.qty = Qty{12'000};
    return r;
  }

  /// The exit's target child repriced through the market: the whole order again, under a
  /// new ClOrdID, naming the one it replaces.
  OrderRequest replace() const {
    OrderRequest r = newOrder();
    r.action = OrderRequest::Action::kReplace;
    r.id = 1'234'569;
    r.orig_id = 1'234'567;
    r.tif = TimeInForce::kGtc;
    r.limit = Price{6'180'000'000'000};  // 61800
    return r;
  }

  /// What QuickFIX writes for the same request, sequence number and instant.
  std::string quickFix(const OrderRequest& r, std::uint64_t seq, ReferenceDecimals decimals = ReferenceDecimals::kText,
                       const char* sender = "BREAKWATER", const char* target = "VENUESIM") const {
    id_ = std::to_string(r.id);
    orig_ = std::to_string(r.orig_id);
    px_ = formatDecimal(r.limit.raw);
    qty_ = formatDecimal(r.qty.raw);
    ReferenceOrder o;
    o.msg_type = r.action == OrderRequest::Action::kNew ? 'D' : (r.action == OrderRequest::Action::kReplace ? 'G' : 'F');
    o.sender_comp_id = sender;
    o.target_comp_id = target;
    o.msg_seq_num = static_cast<int>(seq);
    o.year = 2024, o.month = 8, o.day = 8, o.hour = 13, o.minute = 45, o.second = 1, o.millisecond = 123;
    o.cl_ord_id = id_.c_str();
    o.orig_cl_ord_id = orig_.c_str();
    o.symbol = table_[r.symbol].symbol.data();
    o.side = sideChar(r.side);
    o.tif = tifChar(r.tif);
    o.price_text = px_.c_str();
    o.qty_text = qty_.c_str();
    o.price = static_cast<double>(r.limit.raw) / 1e8;
    o.qty = static_cast<double>(r.qty.raw) / 1e8;
    return buildWithQuickFix(o, decimals);
  }

  static std::string encoded(OrderEncoder& e, const OrderRequest& r, std::uint64_t seq, std::int64_t ns = kSendNs) {
    std::string_view out;
    EXPECT_EQ(e.encode(r, seq, ns, out), OrderEncodeError::kOk);
    return std::string(out);
  }

  /// Parses with QuickFIX (validating) and fails the test on any error.
  static ReferenceFields parsed(const std::string& bytes) {
    ReferenceFields fields;
    std::string error;
    EXPECT_TRUE(parseWithQuickFix(bytes, fields, error)) << error << "\n" << bytes;
    return fields;
  }

  static std::string field(const ReferenceFields& fields, int tag) {
    for (const auto& f : fields) {
      if (f.first == tag) return f.second;
    }
    return "<absent>";
  }

  /// Each (tag, value) is in `fields`; "<absent>" expects the tag not to be there.
  static void expectFields(const ReferenceFields& fields, std::initializer_list<std::pair<int, const char*>> expected) {
    for (const auto& [tag, value] : expected) EXPECT_EQ(field(fields, tag), value) << "tag " << tag;
  }

  InstrumentTable table_;
  SymbolId btc_ = kNoSymbol;
  SymbolId x_ = kNoSymbol;
  OrderEncoder encoder_{"FIX.4.4", "BREAKWATER", "VENUESIM", table_};
  mutable std::string id_, orig_, px_, qty_;
};

TEST_F(OrderEncoderTest, newOrderIsQuickFixsBytes) {
  const std::string ours = encoded(encoder_, newOrder(), 7);
  EXPECT_EQ(ours, quickFix(newOrder(), 7));
  expectFields(parsed(ours), {{35, "D"},
                              {34, "7"},
                              {52, "20240808-13:45:01.123"},
                              {60, "20240808-13:45:01.123"},
                              {11, "1234567"},
                              {44, "61837.63"},
                              {38, "0.00012"},
                              {54, "2"},
                              {55, "BTCUSDT"},
                              {59, "3"},
                              {40, "2"}});
}

TEST_F(OrderEncoderTest, quickFixValidationCatchesABadChecksumOrLength) {
  // The checker itself can fail: one changed byte breaks the CheckSum, one more the length.
  std::string bytes = encoded(encoder_, newOrder(), 7);
  ReferenceFields fields;
  std::string error;
  std::string wrong_sum = bytes;
  wrong_sum[wrong_sum.find("55=BTCUSDT") + 3] = 'C';
  EXPECT_FALSE(parseWithQuickFix(wrong_sum, fields, error));
  const std::size_t price_end = bytes.find("\x01" "54=");
  std::string wrong_length = bytes.substr(0, price_end);  // += not insert: g++ 12's false -Wrestrict
  wrong_length += '0';
  wrong_length += bytes.substr(price_end);
  EXPECT_FALSE(parseWithQuickFix(wrong_length, fields, error));
  EXPECT_TRUE(parseWithQuickFix(bytes, fields, error)) << error;
}

TEST_F(OrderEncoderTest, cancelIsQuickFixsBytes) {
  const std::string ours = encoded(encoder_, cancel(), 8);
  EXPECT_EQ(ours, quickFix(cancel(), 8));
  expectFields(parsed(ours), {{35, "F"}, {41, "1234567"}, {11, "1234568"}, {44, "<absent>"}, {59, "<absent>"}});
}

TEST_F(OrderEncoderTest, replaceIsQuickFixsBytes) {
  const std::string ours = encoded(encoder_, replace(), 9);
  EXPECT_EQ(ours, quickFix(replace(), 9));
  expectFields(parsed(ours), {{35, "G"},
                              {34, "9"},
                              {11, "1234569"},
                              {41, "1234567"},
                              {40, "2"},
                              {44, "61800"},
                              {38, "0.00012"},
                              {54, "2"},
                              {55, "BTCUSDT"},
                              {59, "1"},
                              {60, "20240808-13:45:01.123"}});
}

TEST_F(OrderEncoderTest, massCancelAndStatusAreLeftToQuickFix) {
  std::string_view out;
  for (const auto action : {OrderRequest::Action::kMassCancel, OrderRequest::Action::kStatus}) {
    OrderRequest r = cancel();
    r.action = action;
    EXPECT_EQ(encoder_.encode(r, 5, kSendNs, out), OrderEncodeError::kUnsupportedAction);
  }
}

TEST_F(OrderEncoderTest, fieldsEqualQuickFixsTypedDoubleBuild) {
  // QuickFIX's default: FIX::Price / FIX::OrderQty from doubles. For prices a double holds
  // exactly enough, its text is ours; every other field too (times are equal by design).
  OrderRequest r = newOrder();
  r.side = Side::kBuy;
  r.tif = TimeInForce::kGtc;
  EXPECT_EQ(parsed(encoded(encoder_, r, 3)), parsed(quickFix(r, 3, ReferenceDecimals::kDouble)));
}

TEST_F(OrderEncoderTest, longestClOrdIdLargestPriceAndSmallestQuantity) {
  OrderRequest r = newOrder();
  r.id = UINT64_MAX;           // 20 digits
  r.limit = Price{INT64_MAX};  // 92233720368.54775807
  r.qty = Qty{1};              // 0.00000001
  const std::string ours = encoded(encoder_, r, INT_MAX);
  EXPECT_EQ(ours, quickFix(r, INT_MAX));
  expectFields(parsed(ours),
               {{11, "18446744073709551615"}, {44, "92233720368.54775807"}, {38, "0.00000001"}, {34, "2147483647"}});

  OrderRequest c = cancel();
  c.id = UINT64_MAX;
  c.orig_id = UINT64_MAX - 1;
  EXPECT_EQ(encoded(encoder_, c, 1), quickFix(c, 1));
}

TEST_F(OrderEncoderTest, sequenceNumbersGrowPastDigitBoundaries) {
  for (const std::uint64_t seq : {1ULL, 9ULL, 10ULL, 99ULL, 100ULL, 99'999ULL, 100'000ULL, 999'999'999ULL,
                                  1'000'000'000ULL}) {
    const std::string ours = encoded(encoder_, newOrder(), seq);
    EXPECT_EQ(ours, quickFix(newOrder(), seq)) << seq;
    EXPECT_EQ(field(parsed(ours), 34), std::to_string(seq));
    EXPECT_EQ(encoded(encoder_, cancel(), seq), quickFix(cancel(), seq)) << seq;
  }
}

TEST_F(OrderEncoderTest, bodyLengthGrowsPastADigitBoundary) {
  // One-letter comp ids and symbol make a cancel body of 95 bytes at MsgSeqNum 1, so
  // BodyLength goes from two digits to three as the sequence number grows.
  OrderEncoder tiny("FIX.4.4", "A", "B", table_);
  OrderRequest c = cancel();
  c.symbol = x_;
  c.id = 1;
  c.orig_id = 1;
  c.qty = Qty{100'000'000};
  bool saw_two_digits = false;
  bool saw_three_digits = false;
  for (std::uint64_t seq = 1; seq <= 1'000'000; seq = seq * 10 + 9) {
    const std::string ours = encoded(tiny, c, seq);
    EXPECT_EQ(ours, quickFix(c, seq, ReferenceDecimals::kText, "A", "B")) << seq;
    const std::string length = field(parsed(ours), 9);
    saw_two_digits |= length.size() == 2;
    saw_three_digits |= length.size() == 3;
  }
  EXPECT_TRUE(saw_two_digits);
  EXPECT_TRUE(saw_three_digits);
}

TEST_F(OrderEncoderTest, everyEncodeValidatesAcrossManyOrders) {
  // Different ids, prices, sides and times: BodyLength and CheckSum hold every time.
  for (std::uint64_t i = 1; i <= 3'000; ++i) {
    OrderRequest r = (i % 3 == 0) ? cancel() : newOrder();
    r.id = i * 7919;
    r.orig_id = i;
    r.limit = Price{static_cast<std::int64_t>(i * 1'000'003)};
    r.qty = Qty{static_cast<std::int64_t>(i * 13)};
    r.side = i % 2 ? Side::kBuy : Side::kSell;
    r.tif = static_cast<TimeInForce>(i % 3);
    std::string_view out;
    ASSERT_EQ(encoder_.encode(r, i, kSendNs + static_cast<std::int64_t>(i) * 3'600'000'000'000, out),
              OrderEncodeError::kOk);
    ReferenceFields fields;
    std::string error;
    ASSERT_TRUE(parseWithQuickFix(std::string(out), fields, error)) << error << "\n" << out;
  }
}

TEST_F(OrderEncoderTest, refusesWhatItCannotEncode) {
  std::string_view out = "untouched";
  OrderRequest unknown = newOrder();
  unknown.symbol = static_cast<SymbolId>(table_.size());
  EXPECT_EQ(encoder_.encode(unknown, 1, kSendNs, out), OrderEncodeError::kUnknownSymbol);
  EXPECT_EQ(encoder_.encode(newOrder(), 0, kSendNs, out), OrderEncodeError::kBadSeqNum);
  EXPECT_EQ(encoder_.encode(newOrder(), static_cast<std::uint64_t>(INT_MAX) + 1, kSendNs, out),
            OrderEncodeError::kBadSeqNum);
  EXPECT_EQ(encoder_.encode(newOrder(), 1, -1, out), OrderEncodeError::kBadTime);
  EXPECT_EQ(out, "untouched");
  EXPECT_STREQ(orderEncodeErrorName(OrderEncodeError::kBadSeqNum), "BAD_SEQ_NUM");
}

TEST_F(OrderEncoderTest, refusesCompIdsThatBreakFraming) {
  EXPECT_THROW(OrderEncoder("FIX.4.4", "", "B", table_), std::invalid_argument);
  EXPECT_THROW(OrderEncoder("FIX.4.4", "A\x01" "9=1", "B", table_), std::invalid_argument);
  EXPECT_THROW(OrderEncoder("FIX.4.4", "A", "B=C", table_), std::invalid_argument);
  EXPECT_THROW(OrderEncoder("FIX.4.4", std::string(OrderEncoder::kMaxCompIdLength + 1, 'A'), "B", table_),
               std::invalid_argument);
  // The longest accepted comp ids still fit the buffer and validate.
  const std::string longest(OrderEncoder::kMaxCompIdLength, 'S');
  OrderEncoder wide("FIX.4.4", longest, longest, table_);
  OrderRequest r = newOrder();
  r.id = UINT64_MAX;
  r.limit = Price{INT64_MIN};
  r.qty = Qty{INT64_MIN};
  EXPECT_EQ(encoded(wide, r, INT_MAX), quickFix(r, INT_MAX, ReferenceDecimals::kText, longest.c_str(), longest.c_str()));
}

}  // namespace
}  // namespace bw::fix
