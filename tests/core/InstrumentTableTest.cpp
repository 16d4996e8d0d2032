#include "core/InstrumentTable.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bw {
namespace {

TEST(InstrumentTableTest, mapsSymbolsToDenseIdsWithSizes) {
  InstrumentTable t;
  EXPECT_EQ(t.add("BTCUSDT", Price{1'000'000}, Qty{1'000}), 0);
  EXPECT_EQ(t.add("ETHUSDT", Price{1'000'000}, Qty{10'000}), 1);
  EXPECT_EQ(t.find("ETHUSDT"), 1);
  EXPECT_EQ(t.find("XRPUSDT"), kNoSymbol);
  EXPECT_EQ(t[1].name(), "ETHUSDT");
  EXPECT_EQ(t.size(), 2u);
}

TEST(InstrumentTableTest, validatesTickAndLotMultiples) {
  const InstrumentTable t = InstrumentTable::withDefaults();
  const Instrument& btc = t[t.find("BTCUSDT")];
  EXPECT_TRUE(btc.validPrice(Price{6'183'763'000'000}));
  EXPECT_FALSE(btc.validPrice(Price{6'183'763'000'001}));
  EXPECT_FALSE(btc.validPrice(Price{0}));
  EXPECT_TRUE(btc.validQty(Qty{2'000'000}));
  EXPECT_FALSE(btc.validQty(Qty{1'500}));
  EXPECT_FALSE(btc.validQty(Qty{-1'000}));
}

TEST(InstrumentTableTest, refusesBadDefinitions) {
  InstrumentTable t;
  EXPECT_THROW(t.add("", Price{1}, Qty{1}), std::invalid_argument);
  EXPECT_THROW(t.add("btcusdt", Price{1}, Qty{1}), std::invalid_argument);
  EXPECT_THROW(t.add("BTCUSDT", Price{0}, Qty{1}), std::invalid_argument);
  EXPECT_THROW(t.add("SIXTEENCHARSLONG", Price{1}, Qty{1}), std::invalid_argument);
  t.add("BTCUSDT", Price{1}, Qty{1});
  EXPECT_EQ(t.add("BTCUSDT", Price{1}, Qty{1}), 0);
  EXPECT_THROW(t.add("BTCUSDT", Price{2}, Qty{1}), std::invalid_argument);
}


TEST(InstrumentTableTest, findMatchesWholeNamesOnly) {
  InstrumentTable table;
  const SymbolId btc = table.add("BTCUSDT", Price{1'000'000}, Qty{1'000});
  const SymbolId btc_long = table.add("BTCUSDTX", Price{1'000'000}, Qty{1'000});
  const SymbolId longest = table.add("ABCDEFGHIJKLMNO", Price{1}, Qty{1});  // 15: the maximum
  EXPECT_EQ(table.find("BTCUSDT"), btc);
  EXPECT_EQ(table.find("BTCUSDTX"), btc_long);
  EXPECT_EQ(table.find("ABCDEFGHIJKLMNO"), longest);
  EXPECT_EQ(table.find("BTCUSD"), kNoSymbol);   // a prefix
  EXPECT_EQ(table.find("BTCUSDTXY"), kNoSymbol);  // longer than any
  EXPECT_EQ(table.find(std::string_view("BTCUSDT\0", 8)), kNoSymbol);  // an escaped NUL
  EXPECT_EQ(table.find(std::string_view("BTC\0SDT", 7)), kNoSymbol);
  EXPECT_EQ(table.find("ABCDEFGHIJKLMNOP"), kNoSymbol);  // past the longest a name can be
  EXPECT_EQ(table.find(""), kNoSymbol);
  EXPECT_EQ(table.find("btcusdt"), kNoSymbol);  // case-sensitive
}

}  // namespace
}  // namespace bw
