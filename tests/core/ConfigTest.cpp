#include "core/Config.h"

#include <gtest/gtest.h>

#include <string>

namespace bw {
namespace {

const std::string kLimits = R"([limits]
max_order_notional = 50.0
max_total_notional = 500.0
max_open_positions = 2
max_daily_loss_abs = 100.0
max_order_qty = 1.0
price_collar_bps = 50
)";

std::string errorFor(const std::string& text) {
  try {
    (void)parseConfig(text, "test.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(ConfigTest, readsRunbookLimitsAsExactFixedPoint) {
  const Config c = parseConfig(kLimits, "test.toml");
  EXPECT_EQ(c.limits.max_order_notional.raw, 50 * kScale);
  EXPECT_EQ(c.limits.max_total_notional.raw, 500 * kScale);
  EXPECT_EQ(c.limits.max_open_positions, 2u);
  EXPECT_EQ(c.limits.max_daily_loss_abs.raw, 100 * kScale);
  EXPECT_EQ(c.limits.max_order_qty.raw, kScale);
  EXPECT_EQ(c.limits.price_collar_bps, 50u);
}

TEST(ConfigTest, decimalsComeFromSourceTextNotDouble) {
  // 0.1 + 0.2 style values: a double would give 0.30000000000000004.
  const Config c = parseConfig(replaced(kLimits, "max_order_qty = 1.0", "max_order_qty = 0.3"), "t");
  EXPECT_EQ(c.limits.max_order_qty.raw, 30'000'000);
  const Config d = parseConfig(replaced(kLimits, "max_order_qty = 1.0", "max_order_qty = 0.00000001"), "t");
  EXPECT_EQ(d.limits.max_order_qty.raw, 1);
}

TEST(ConfigTest, missingKeyIsNamed) {
  const std::string err = errorFor(replaced(kLimits, "max_open_positions = 2\n", ""));
  EXPECT_NE(err.find("max_open_positions"), std::string::npos) << err;
  EXPECT_NE(err.find("missing"), std::string::npos) << err;
}

TEST(ConfigTest, outOfRangeValueIsNamedWithLine) {
  const std::string err = errorFor(replaced(kLimits, "max_order_notional = 50.0", "max_order_notional = -5"));
  EXPECT_NE(err.find("test.toml:2"), std::string::npos) << err;
  EXPECT_NE(err.find("max_order_notional"), std::string::npos) << err;
  const std::string bps = errorFor(replaced(kLimits, "price_collar_bps = 50", "price_collar_bps = 0"));
  EXPECT_NE(bps.find("price_collar_bps"), std::string::npos) << bps;
}

TEST(ConfigTest, wrongTypeIsNamed) {
  const std::string err = errorFor(replaced(kLimits, "max_open_positions = 2", "max_open_positions = \"two\""));
  EXPECT_NE(err.find("max_open_positions: must be an integer"), std::string::npos) << err;
  const std::string prec = errorFor(replaced(kLimits, "max_order_qty = 1.0", "max_order_qty = 1e-9"));
  EXPECT_NE(prec.find("max_order_qty"), std::string::npos) << prec;
}

TEST(ConfigTest, unknownKeyAndTableAreRefused) {
  const std::string key = errorFor(kLimits + "max_ordr_qty = 1\n");
  EXPECT_NE(key.find("max_ordr_qty: is not a known key"), std::string::npos) << key;
  const std::string table = errorFor(kLimits + "[limitz]\nx = 1\n");
  EXPECT_NE(table.find("[limitz] is not a known table"), std::string::npos) << table;
}

TEST(ConfigTest, syntaxErrorNamesLine) {
  const std::string err = errorFor(kLimits + "[strategy\n");
  EXPECT_NE(err.find("test.toml:8"), std::string::npos) << err;
}

TEST(ConfigTest, missingLimitsTableRefusesToStart) {
  EXPECT_NE(errorFor("[strategy]\nvwap_bars = 10\n").find("[limits]"), std::string::npos);
}

TEST(ConfigTest, shippedConfigsAreValid) {
  EXPECT_NO_THROW(loadConfig(std::string(BW_SOURCE_DIR) + "/config/breakwater.toml"));
  EXPECT_NO_THROW(loadConfig(std::string(BW_SOURCE_DIR) + "/config/tight-limits.toml"));
  EXPECT_THROW(loadConfig("/nonexistent/breakwater.toml"), ConfigError);
}

TEST(ConfigTest, optionalTablesAreValidated) {
  const Config c = parseConfig(kLimits + "[cores]\nfeed = 3\nidle = \"spin\"\n[strategy]\nentry_band_atr = 2.25\n", "t");
  EXPECT_EQ(c.cores.feed, 3);
  EXPECT_EQ(c.cores.idle, IdleMode::kSpin);
  EXPECT_EQ(c.strategy.entry_band_atr, 225'000'000);
  EXPECT_NE(errorFor(kLimits + "[cores]\nidle = \"nap\"\n").find("idle"), std::string::npos);
}

}  // namespace
}  // namespace bw
