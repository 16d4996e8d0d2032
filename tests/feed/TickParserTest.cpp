#include "feed/TickParser.h"

#include <gtest/gtest.h>

#include <string>

#include "FeedTestSupport.h"

namespace bw::feed {
namespace {

using test::PaddedLine;

class TickParserTest : public ::testing::Test {
 protected:
  TickParserTest() : instruments_(InstrumentTable::withDefaults()), parser_(instruments_) { parser_.reserve(4096); }

  ParseResult parse(std::string_view line) {
    const PaddedLine padded(line);
    return parser_.parse(padded.view(), tick_);
  }

  /// A trade line with one field's text replaced: `"p":"61837.63000000"` -> `"p":<value>`.
  static std::string tradeWith(const std::string& from, const std::string& to) {
    std::string line(test::kTradeLine);
    const auto at = line.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return line.replace(at, from.size(), to);
  }

  void expectRefused(std::string_view line, ParseError error, const char* field = "") {
    const ParseResult r = parse(line);
    EXPECT_EQ(r.error, error) << parseErrorName(r.error) << " for: " << line;
    EXPECT_STREQ(r.field, field) << line;
  }

  InstrumentTable instruments_;
  TickParser parser_;
  Tick tick_;
};

TEST_F(TickParserTest, readsRecordedTradeExactly) {
  ASSERT_TRUE(parse(test::kTradeLine).ok());
  EXPECT_EQ(tick_.kind, TickKind::kTrade);
  EXPECT_EQ(tick_.symbol, instruments_.find("BTCUSDT"));
  EXPECT_EQ(tick_.recv_ns, 1'723'161'254'087'896'568);
  EXPECT_EQ(tick_.exch_ns, 1'723'161'255'342'000'000);  // "T", the trade time, in ns
  EXPECT_EQ(tick_.price.raw, 6'183'763'000'000);
  EXPECT_EQ(tick_.qty.raw, 2'000'000);
  EXPECT_EQ(tick_.aggressor, Side::kSell) << "m=true: the buyer rested, the seller crossed";
}

TEST_F(TickParserTest, buyerTakerIsBuyAggressor) {
  ASSERT_TRUE(parse(tradeWith("\"m\":true", "\"m\":false")).ok());
  EXPECT_EQ(tick_.aggressor, Side::kBuy);
}

TEST_F(TickParserTest, readsBookTickerAsQuote) {
  ASSERT_TRUE(parse(test::kQuoteLine).ok());
  EXPECT_EQ(tick_.kind, TickKind::kQuote);
  EXPECT_EQ(tick_.bid.raw, 6'183'763'000'000);
  EXPECT_EQ(tick_.ask.raw, 6'183'764'000'000);
  EXPECT_EQ(tick_.exch_ns, 0) << "spot bookTicker carries no event time";
}

TEST_F(TickParserTest, depthUpdateBestLevelsSkipRemovedLevels) {
  ASSERT_TRUE(parse(test::kDepthLine).ok());
  EXPECT_EQ(tick_.kind, TickKind::kDepth);
  EXPECT_EQ(tick_.bid.raw, 0) << "the only bid level is a removal (qty 0)";
  EXPECT_EQ(tick_.ask.raw, 6'183'804'000'000);
  EXPECT_EQ(tick_.exch_ns, 1'723'161'255'308'000'000);
}

TEST_F(TickParserTest, snapshotHasBestLevelsAndNoSymbol) {
  ASSERT_TRUE(parse(test::kSnapshotLine).ok());
  EXPECT_EQ(tick_.kind, TickKind::kSnapshot);
  EXPECT_EQ(tick_.symbol, kNoSymbol);
  EXPECT_EQ(tick_.bid.raw, 6'183'763'000'000);
  EXPECT_EQ(tick_.ask.raw, 6'183'764'000'000);
}

TEST_F(TickParserTest, refusesLinesWithoutAReceiveTime) {
  expectRefused("", ParseError::kEmptyLine);
  expectRefused(R"({"stream":"x","data":{}})", ParseError::kUnknownMessage);  // plain JSON, but no message
  expectRefused(R"( {"e":"trade"})", ParseError::kBadTimestamp);
  expectRefused("1723161254087896568", ParseError::kBadTimestamp);
  expectRefused("17231612x4087896568 {}", ParseError::kBadTimestamp);
  expectRefused("99999999999999999999 {}", ParseError::kHugeNumber, "receive time");  // overflows int64: refused, not wrapped
}

TEST_F(TickParserTest, refusesBrokenJson) {
  expectRefused("1 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\"", ParseError::kBadJson);
  expectRefused("1 [1,2,3]", ParseError::kBadJson);
  expectRefused(std::string(test::kTradeLine) + " trailing", ParseError::kBadJson);
}

TEST_F(TickParserTest, refusesUnknownMessages) {
  expectRefused(R"(1 {"stream":"btcusdt@kline","data":{"e":"kline","s":"BTCUSDT"}})", ParseError::kUnknownMessage,
                "e");
  expectRefused(R"(1 {"hello":"world"})", ParseError::kUnknownMessage);
}

TEST_F(TickParserTest, namesTheMissingOrMistypedField) {
  expectRefused(tradeWith("\"p\":\"61837.63000000\",", ""), ParseError::kMissingField, "p");
  expectRefused(tradeWith("\"q\":\"0.02000000\",", ""), ParseError::kMissingField, "q");
  expectRefused(tradeWith(",\"m\":true", ""), ParseError::kMissingField, "m");
  expectRefused(tradeWith("\"s\":\"BTCUSDT\",", ""), ParseError::kMissingField, "s");
  expectRefused(tradeWith("\"p\":\"61837.63000000\"", "\"p\":61837.63"), ParseError::kBadFieldType, "p");
  expectRefused(tradeWith("\"T\":1723161255342", "\"T\":\"soon\""), ParseError::kBadFieldType, "T");
}

TEST_F(TickParserTest, refusesDecimalsItCannotHoldExactly) {
  const ParseResult bad_char = parse(tradeWith("61837.63000000", "61837.6x"));
  EXPECT_EQ(bad_char.error, ParseError::kBadDecimal);
  EXPECT_STREQ(bad_char.field, "p");
  EXPECT_EQ(bad_char.decimal, DecimalError::kBadCharacter);
  EXPECT_EQ(parse(tradeWith("0.02000000", "0.000000001")).decimal, DecimalError::kTooPrecise);
  EXPECT_EQ(parse(tradeWith("0.02000000", "99999999999999")).decimal, DecimalError::kOverflow);
}

TEST_F(TickParserTest, refusesNonPositiveTradePriceOrQuantity) {
  expectRefused(tradeWith("0.02000000", "0.00000000"), ParseError::kNonPositive, "q");
  expectRefused(tradeWith("61837.63000000", "-1"), ParseError::kNonPositive, "p");
}

TEST_F(TickParserTest, unknownSymbolIsToldApartFromMalformed) {
  expectRefused(tradeWith("BTCUSDT", "DOGEUSDT"), ParseError::kUnknownSymbol, "s");
}

TEST_F(TickParserTest, parsesAfterARefusalAsBefore) {
  ASSERT_FALSE(parse("1 {broken").ok());
  ASSERT_TRUE(parse(test::kTradeLine).ok());
  EXPECT_EQ(tick_.price.raw, 6'183'763'000'000);
}

TEST_F(TickParserTest, fillsIdsQuoteSizesAndDepthLevels) {
  ASSERT_TRUE(parse(test::kTradeLine).ok());
  EXPECT_EQ(tick_.seq, 3735683259u);
  ASSERT_TRUE(parse(test::kQuoteLine).ok());
  EXPECT_EQ(tick_.seq, 50093239212u);
  EXPECT_EQ(tick_.bid_qty.raw, 378'826'000);
  EXPECT_EQ(tick_.ask_qty.raw, 154'698'000);
  ASSERT_TRUE(parse(test::kDepthLine).ok());
  EXPECT_EQ(tick_.first_seq, 50093239203u);
  EXPECT_EQ(tick_.seq, 50093239207u);
  ASSERT_NE(tick_.levels, nullptr);
  EXPECT_EQ(tick_.levels, &parser_.levels());
  ASSERT_EQ(tick_.levels->bid_count, 1u);
  ASSERT_EQ(tick_.levels->ask_count, 4u);
  EXPECT_EQ(tick_.levels->bids[0].price.raw, 5'565'387'000'000);
  EXPECT_EQ(tick_.levels->bids[0].qty.raw, 0);  // a removal, kept in message order
  EXPECT_EQ(tick_.levels->asks[3].price.raw, 6'186'251'000'000);
  EXPECT_EQ(tick_.ask.raw, 6'183'804'000'000);  // best non-zero ask in the update
  EXPECT_EQ(tick_.ask_qty.raw, 32'332'000);
  ASSERT_TRUE(parse(test::kSnapshotLine).ok());
  EXPECT_EQ(tick_.seq, 50093239218u);
  ASSERT_NE(tick_.levels, nullptr);
  EXPECT_EQ(tick_.levels->bid_count, 2u);
  EXPECT_EQ(tick_.levels->ask_count, 2u);
  EXPECT_EQ(tick_.bid_qty.raw, 378'826'000);
  ASSERT_TRUE(parse(test::kTradeLine).ok());
  EXPECT_EQ(tick_.levels, nullptr);  // only depth and snapshot ticks carry levels
}

TEST_F(TickParserTest, onlyAPrefixedLinesStampIsKnownBeforeItsBody) {
  ASSERT_TRUE(parse(test::kTradeLine).ok());
  EXPECT_TRUE(tick_.stamped_on_arrival);  // `<ns> `: read before the JSON
  ASSERT_TRUE(parse(test::kTradeLine.substr(test::kTradeLine.find('{'))).ok());
  EXPECT_FALSE(tick_.stamped_on_arrival);  // E, found by the parse
  ASSERT_TRUE(parse(test::kSnapshotLine).ok());
  EXPECT_TRUE(tick_.stamped_on_arrival);
}

TEST_F(TickParserTest, plainJsonLinesTakeTheirExchangeTimeAsReceiveTime) {
  // Combined-stream envelope without the "<ns> " prefix: E.
  ASSERT_TRUE(parse(test::kTradeLine.substr(test::kTradeLine.find('{'))).ok());
  EXPECT_EQ(tick_.kind, TickKind::kTrade);
  EXPECT_EQ(tick_.recv_ns, 1723161255343 * 1'000'000);
  // Bare trade without E: T.
  ASSERT_TRUE(parse(R"({"e":"trade","s":"BTCUSDT","t":7,"p":"1.5","q":"2","T":1723161255342,"m":false})").ok());
  EXPECT_EQ(tick_.recv_ns, 1723161255342 * 1'000'000);
  EXPECT_EQ(tick_.seq, 7u);
  EXPECT_EQ(tick_.aggressor, Side::kBuy);
  // Bare depthUpdate: E.
  ASSERT_TRUE(parse(R"({"e":"depthUpdate","E":1723161255308,"s":"ETHUSDT","U":3,"u":4,"b":[["2600.1","1"]],"a":[]})").ok());
  EXPECT_EQ(tick_.kind, TickKind::kDepth);
  EXPECT_EQ(tick_.symbol, instruments_.find("ETHUSDT"));
  EXPECT_EQ(tick_.recv_ns, 1723161255308 * 1'000'000);
  EXPECT_EQ(tick_.levels->bid_count, 1u);
  // Bare bookTicker and the REST snapshot carry no time: 0 (the reader fills it in).
  ASSERT_TRUE(parse(R"({"u":9,"s":"BTCUSDT","b":"1.0","B":"2","a":"1.1","A":"3"})").ok());
  EXPECT_EQ(tick_.kind, TickKind::kQuote);
  EXPECT_EQ(tick_.recv_ns, 0);
  EXPECT_EQ(tick_.seq, 9u);
  ASSERT_TRUE(parse(test::kSnapshotLine.substr(test::kSnapshotLine.find('{'))).ok());
  EXPECT_EQ(tick_.kind, TickKind::kSnapshot);
  EXPECT_EQ(tick_.recv_ns, 0);
  // Not a message, as plain JSON too.
  expectRefused(R"({"e":"kline","E":1})", ParseError::kUnknownMessage, "e");
  expectRefused(R"({"e":"trade")", ParseError::kBadJson);
}

TEST_F(TickParserTest, numbersTooLargeToHoldAreHugeNumbers) {
  expectRefused(tradeWith(R"("p":"61837.63000000")", R"("p":"999999999999.0")"), ParseError::kHugeNumber, "p");
  expectRefused(tradeWith(R"("t":3735683259)", R"("t":99999999999999999999999)"), ParseError::kHugeNumber, "t");
  expectRefused(tradeWith(R"("T":1723161255342)", R"("T":9223372036854775)"), ParseError::kHugeNumber, "T");
  expectRefused(tradeWith(R"("E":1723161255343)", R"("E":99999999999999999999)"), ParseError::kHugeNumber, "E");
  expectRefused(R"(1 {"lastUpdateId":123456789012345678901,"bids":[],"asks":[]})", ParseError::kHugeNumber,
                "lastUpdateId");
  // Wrong type stays a type error.
  expectRefused(tradeWith(R"("t":3735683259)", R"("t":"x")"), ParseError::kBadFieldType, "t");
}

TEST_F(TickParserTest, moreLevelsThanTheBookHoldsAreRefused) {
  std::string line = R"(1 {"lastUpdateId":5,"bids":[)";
  for (std::size_t i = 0; i <= BookLevels::kMaxPerSide; ++i) line += i == 0 ? R"(["1.0","1.0"])" : R"(,["1.0","1.0"])";
  line += R"(],"asks":[]})";
  parser_.reserve(line.size());
  expectRefused(line, ParseError::kTooManyLevels, "bids");
}

}  // namespace
}  // namespace bw::feed
