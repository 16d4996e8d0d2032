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

}  // namespace
}  // namespace bw
