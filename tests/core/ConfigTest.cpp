#include "core/Config.h"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <vector>
#include <string>
#include <string_view>

#include "core/Decimal.h"
#include "core/Order.h"

namespace bw {
namespace {

LimitKey keyAt(std::size_t i) { return static_cast<LimitKey>(i); }
bool isDecimal(LimitKey k) { return limitScale(limitInfo(k).unit) != 1; }

/// The value of limit `k` as it is written in TOML ("50", "0.5", "50").
std::string limitValueText(LimitKey k, std::int64_t raw) {
  return isDecimal(k) ? formatDecimal(raw) : std::to_string(raw);
}

constexpr std::size_t kNoKey = kLimitCount;

/// A complete, valid [limits] table built from kLimitInfo and defaultLimitValues(): key i
/// on line i + 2. `skip` leaves one key out; `replace_key` gets `replace_text` as its value.
std::string limitsText(std::size_t skip = kNoKey, std::size_t replace_key = kNoKey,
                       const std::string& replace_text = "") {
  const LimitValues defaults = defaultLimitValues();
  std::string text = "[limits]\n";
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    if (i == skip) continue;
    text += kLimitInfo[i].name;
    text += " = ";
    text += i == replace_key ? replace_text : limitValueText(keyAt(i), defaults[keyAt(i)]);
    text += '\n';
  }
  return text;
}

/// limitsText() with `key`'s value replaced by `value`.
std::string withLimit(LimitKey key, const std::string& value) {
  return limitsText(kNoKey, static_cast<std::size_t>(key), value);
}

std::string errorFor(const std::string& text) {
  try {
    (void)parseConfig(text, "test.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string shipped(const char* name) {
  std::string path = BW_SOURCE_DIR;
  path += "/config/";
  path += name;
  return path;
}

// --- shipped configs -------------------------------------------------------------------

TEST(ConfigTest, shippedConfigsLoad) {
  for (const char* name : {"breakwater.toml", "demo.toml", "tight-limits.toml", "shadow-example.toml"}) {
    EXPECT_NO_THROW((void)loadConfig(shipped(name))) << name;
  }
  EXPECT_THROW((void)loadConfig("/nonexistent/breakwater.toml"), ConfigError);
}

TEST(ConfigTest, shippedDefaultConfigHoldsTheBuiltInLimitsInDryRun) {
  const Config c = loadConfig(shipped("breakwater.toml"));
  EXPECT_EQ(c.limits.values, defaultLimitValues());
  EXPECT_EQ(c.live.mode, ExecutionMode::kDryRun);
  EXPECT_TRUE(c.live.confirm_token.empty());
  EXPECT_FALSE(c.shadow_limits.enabled);
}

TEST(ConfigTest, demoConfigDiffersOnlyInOneOpenPosition) {
  const Config base = loadConfig(shipped("breakwater.toml"));
  const Config demo = loadConfig(shipped("demo.toml"));
  EXPECT_TRUE(demo.live.confirm_token.empty());
  EXPECT_EQ(demo.limits.values[LimitKey::kMaxOpenPositions], 1);
  LimitValues expected = base.limits.values;
  expected[LimitKey::kMaxOpenPositions] = 1;
  EXPECT_EQ(demo.limits.values, expected);
}

TEST(ConfigTest, tightLimitsAreNowhereLooserThanTheDefaultConfig) {
  const Config base = loadConfig(shipped("breakwater.toml"));
  const Config tight = loadConfig(shipped("tight-limits.toml"));
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    EXPECT_FALSE(limitLoosens(keyAt(i), base.limits.values[keyAt(i)], tight.limits.values[keyAt(i)]))
        << kLimitInfo[i].name;
  }
  // The refusal the replay test relies on: ~40 USDT entries against a 20 USDT cap.
  EXPECT_EQ(tight.limits.values[LimitKey::kMaxOrderNotional], 20 * kScale);
}

TEST(ConfigTest, shadowExampleOverridesTwoKeysAndInheritsTheRest) {
  const Config c = loadConfig(shipped("shadow-example.toml"));
  ASSERT_TRUE(c.shadow_limits.enabled);
  LimitValues expected = c.limits.values;
  expected[LimitKey::kMaxOrderNotional] = 30 * kScale;
  expected[LimitKey::kPriceCollarBps] = 20;
  EXPECT_EQ(c.shadow_limits.values, expected);
}

// --- [limits], walked over every key ---------------------------------------------------

TEST(ConfigTest, readsEveryLimitOfTheTable) {
  const Config c = parseConfig(limitsText(), "test.toml");
  EXPECT_EQ(c.limits.values, defaultLimitValues());
  EXPECT_EQ(c.limits.allowed_tif_mask, 0b011);
  EXPECT_TRUE(c.limits.restricted_symbols.empty());
}

TEST(ConfigTest, rejectsMissingLimitNamingIt) {
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const std::string err = errorFor(limitsText(i));
    EXPECT_TRUE(contains(err, std::string("[limits] ") + kLimitInfo[i].name + ": required key is missing")) << err;
  }
}

TEST(ConfigTest, rejectsZeroLimitNamingKeyAndRange) {
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const std::string err = errorFor(withLimit(keyAt(i), "0"));
    const std::string at = "test.toml:" + std::to_string(i + 2) + ": [limits] " + kLimitInfo[i].name + ": must be";
    EXPECT_TRUE(contains(err, at)) << err;
    EXPECT_TRUE(contains(err, std::to_string(kLimitInfo[i].max))) << "range named: " << err;
  }
}

TEST(ConfigTest, rejectsNegativeLimit) {
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const std::string err = errorFor(withLimit(keyAt(i), isDecimal(keyAt(i)) ? "-5.0" : "-5"));
    EXPECT_TRUE(contains(err, std::string("[limits] ") + kLimitInfo[i].name + ": must be")) << err;
  }
}

TEST(ConfigTest, rejectsLimitAboveItsMax) {
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const std::string at_max = std::to_string(kLimitInfo[i].max);
    const std::string above = std::to_string(kLimitInfo[i].max + 1);
    // The maximum itself is accepted (cross-key rules aside, checked separately).
    if (keyAt(i) != LimitKey::kMaxOrderNotional && keyAt(i) != LimitKey::kMaxSymbolGrossNotional &&
        keyAt(i) != LimitKey::kMaxLossPerTrade) {
      EXPECT_EQ(errorFor(withLimit(keyAt(i), at_max)), "no error") << kLimitInfo[i].name;
    }
    const std::string err = errorFor(withLimit(keyAt(i), above));
    EXPECT_TRUE(contains(err, std::string("[limits] ") + kLimitInfo[i].name + ": must be")) << err;
    EXPECT_TRUE(contains(err, above)) << "value echoed: " << err;
  }
}

TEST(ConfigTest, rejectsNonNumberLimit) {
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const std::string err = errorFor(withLimit(keyAt(i), "\"ten\""));
    const std::string want = isDecimal(keyAt(i)) ? ": must be a number" : ": must be an integer";
    EXPECT_TRUE(contains(err, kLimitInfo[i].name + want)) << err;
  }
}

TEST(ConfigTest, rejectsDecimalWithMoreThanEightPlaces) {
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    const std::string err = errorFor(withLimit(keyAt(i), "1.000000001"));
    if (isDecimal(keyAt(i))) {
      EXPECT_TRUE(contains(err, std::string(kLimitInfo[i].name) + ": '1.000000001' is not a plain decimal")) << err;
      EXPECT_TRUE(contains(err, "TOO_PRECISE")) << err;
    } else {
      EXPECT_TRUE(contains(err, std::string(kLimitInfo[i].name) + ": must be an integer")) << err;
    }
  }
  // Exponent notation is not a plain decimal either.
  EXPECT_TRUE(contains(errorFor(withLimit(LimitKey::kMaxOrderQty, "1e-9")), "max_order_qty")) << "exponent";
}

TEST(ConfigTest, readsDecimalsFromSourceTextNotDouble) {
  // 0.1 + 0.2 style values: a double would give 0.30000000000000004.
  EXPECT_EQ(parseConfig(withLimit(LimitKey::kMaxOrderQty, "0.3"), "t").limits.values[LimitKey::kMaxOrderQty],
            30'000'000);
  EXPECT_EQ(parseConfig(withLimit(LimitKey::kMaxOrderQty, "0.00000001"), "t").limits.values[LimitKey::kMaxOrderQty],
            1);
  EXPECT_EQ(parseConfig(withLimit(LimitKey::kStartEquity, "10_000.5"), "t").limits.values[LimitKey::kStartEquity],
            1'000'050'000'000);
}

TEST(ConfigTest, rejectsUnknownLimitKeyWithItsLine) {
  const std::string err = errorFor(limitsText() + "max_ordr_qty = 1\n");
  const std::string line = std::to_string(kLimitCount + 2);
  EXPECT_TRUE(contains(err, "test.toml:" + line + ": [limits] max_ordr_qty: is not a known key")) << err;
}

TEST(ConfigTest, rejectsMissingLimitsTable) {
  EXPECT_TRUE(contains(errorFor("[strategy]\nexit_slippage_bps = 10\n"), "[limits]"));
}

TEST(ConfigTest, rejectsOrderNotionalAboveTotalNotional) {
  const std::string err = errorFor(withLimit(LimitKey::kMaxOrderNotional, "600.0"));
  EXPECT_TRUE(contains(err, "[limits] max_order_notional: must not exceed max_total_notional")) << err;
}

TEST(ConfigTest, rejectsSymbolGrossNotionalAboveTotalNotional) {
  const std::string err = errorFor(withLimit(LimitKey::kMaxSymbolGrossNotional, "501"));
  EXPECT_TRUE(contains(err, "[limits] max_symbol_gross_notional: must not exceed max_total_notional")) << err;
}

TEST(ConfigTest, rejectsLossPerTradeAboveOpenRisk) {
  const std::string err = errorFor(withLimit(LimitKey::kMaxLossPerTrade, "50.01"));
  EXPECT_TRUE(contains(err, "[limits] max_loss_per_trade: must not exceed max_open_risk")) << err;
}

TEST(ConfigTest, rejectsMoreOpenOrdersThanTheOrderTableHolds) {
  const std::string err = errorFor(withLimit(LimitKey::kMaxOpenOrders, "4097"));
  EXPECT_TRUE(contains(err, "[limits] max_open_orders: must be between 1 and 4096")) << err;
}

// --- allowed_tif and restricted_symbols --------------------------------------------------

TEST(ConfigTest, readsAllowedTifAsBitsPerTimeInForce) {
  const Config c = parseConfig(limitsText() + "allowed_tif = [\"DAY\", \"IOC\"]\n", "t");
  EXPECT_EQ(c.limits.allowed_tif_mask, (1u << static_cast<unsigned>(TimeInForce::kDay)) |
                                           (1u << static_cast<unsigned>(TimeInForce::kIoc)));
}

TEST(ConfigTest, rejectsUnknownTimeInForceNamingIt) {
  const std::string err = errorFor(limitsText() + "allowed_tif = [\"DAY\", \"FOK\"]\n");
  EXPECT_TRUE(contains(err, "[limits] allowed_tif: 'FOK' is not a time in force")) << err;
  EXPECT_TRUE(contains(errorFor(limitsText() + "allowed_tif = []\n"), "allowed_tif: must not be an empty list"));
  EXPECT_TRUE(contains(errorFor(limitsText() + "allowed_tif = \"DAY\"\n"), "allowed_tif: must be a list"));
}

TEST(ConfigTest, readsFixSessionKeysForCertification) {
  const Config defaults = parseConfig(limitsText(), "t");
  EXPECT_EQ(defaults.fix.heartbeat_s, 30);
  EXPECT_TRUE(defaults.fix.reset_on_logon);
  EXPECT_FALSE(defaults.fix.use_data_dictionary);
  EXPECT_EQ(defaults.fix.max_msgs_per_second, 100u);
  const Config c = parseConfig(limitsText() +
                                   "[fix]\nheartbeat_s = 5\nreset_on_logon = false\nuse_data_dictionary = true\n"
                                   "data_dictionary = \"/x/FIX44.xml\"\nmax_msgs_per_second = 0\n",
                               "t");
  EXPECT_EQ(c.fix.heartbeat_s, 5);
  EXPECT_FALSE(c.fix.reset_on_logon);
  EXPECT_TRUE(c.fix.use_data_dictionary);
  EXPECT_EQ(c.fix.data_dictionary, "/x/FIX44.xml");
  EXPECT_EQ(c.fix.max_msgs_per_second, 0u);
}

TEST(ConfigTest, readsTheSessionStoreAndRefusesAFileStoreThatResetsOnLogon) {
  const Config defaults = parseConfig(limitsText(), "t");
  EXPECT_EQ(defaults.fix.store, "memory");
  EXPECT_FALSE(defaults.fix.cancel_on_disconnect);
  const Config c = parseConfig(limitsText() +
                                   "[fix]\nstore = \"file\"\nstore_dir = \"/var/bw\"\nreset_on_logon = false\n"
                                   "cancel_on_disconnect = true\n",
                               "t");
  EXPECT_EQ(c.fix.store, "file");
  EXPECT_EQ(c.fix.store_dir, "/var/bw");
  EXPECT_TRUE(c.fix.cancel_on_disconnect);
  const std::string reset = errorFor(limitsText() + "[fix]\nstore = \"file\"\n");
  EXPECT_TRUE(contains(reset, "[fix] store: \"file\" keeps sequence numbers")) << reset;
  EXPECT_TRUE(contains(reset, "reset_on_logon = false")) << reset;
  EXPECT_TRUE(contains(errorFor(limitsText() + "[fix]\nstore = \"disk\"\n"),
                       "store: must be \"memory\" or \"file\", not \"disk\""));
  EXPECT_TRUE(contains(errorFor(limitsText() + "[fix]\nstore = \"file\"\nreset_on_logon = false\nstore_dir = \"\"\n"),
                       "store_dir: must be a non-empty string"));
  const Config fast = parseConfig(limitsText() + "[fix]\nstore = \"file\"\nreset_on_logon = false\n", "t");
  EXPECT_EQ(fast.fix.store, "file");  // the fast send path keeps it too (MappedSentStore)
  EXPECT_EQ(fast.fix.send_path, "fast");
}

TEST(ConfigTest, sendPathIsFastByDefaultAndRefusesAnUnknownOne) {
  EXPECT_EQ(parseConfig(limitsText(), "t").fix.send_path, "fast");
  EXPECT_EQ(parseConfig(limitsText() + "[fix]\nsend_path = \"quickfix\"\n", "t").fix.send_path, "quickfix");
  const std::string bad = errorFor(limitsText() + "[fix]\nsend_path = \"turbo\"\n");
  EXPECT_TRUE(contains(bad, "[fix] send_path: must be \"fast\" or \"quickfix\", not \"turbo\"")) << bad;
}

TEST(ConfigTest, rejectsDataDictionaryOnWithoutAPath) {
  const std::string err = errorFor(limitsText() + "[fix]\nuse_data_dictionary = true\n");
  EXPECT_TRUE(contains(err, "use_data_dictionary = true needs data_dictionary")) << err;
  EXPECT_TRUE(contains(errorFor(limitsText() + "[fix]\nheartbeat_s = 0\n"), "heartbeat_s: must be between 1 and 300"));
}

TEST(ConfigTest, readsRestrictedSymbols) {
  const Config c = parseConfig(limitsText() + "restricted_symbols = [\"XYZUSDT\", \"ABCUSDT\"]\n", "t");
  EXPECT_EQ(c.limits.restricted_symbols, (std::vector<std::string>{"XYZUSDT", "ABCUSDT"}));
  EXPECT_TRUE(contains(errorFor(limitsText() + "restricted_symbols = [\"\"]\n"), "restricted_symbols: every entry"));
  EXPECT_TRUE(contains(errorFor(limitsText() + "restricted_symbols = [1]\n"), "restricted_symbols: every entry"));
}

// --- [shadow_limits] ---------------------------------------------------------------------

TEST(ConfigTest, shadowLimitsAreOffWithoutTheirTable) {
  EXPECT_FALSE(parseConfig(limitsText(), "t").shadow_limits.enabled);
}

TEST(ConfigTest, shadowLimitsInheritLiveValuesAndOverrideGivenKeys) {
  const Config c =
      parseConfig(withLimit(LimitKey::kMaxDrawdown, "120.0") + "[shadow_limits]\nmax_order_notional = 30.0\n", "t");
  ASSERT_TRUE(c.shadow_limits.enabled);
  LimitValues expected = c.limits.values;
  expected[LimitKey::kMaxOrderNotional] = 30 * kScale;
  EXPECT_EQ(c.shadow_limits.values, expected);
  EXPECT_EQ(c.shadow_limits.values[LimitKey::kMaxDrawdown], 120 * kScale) << "inherited from [limits], not defaults";
}

TEST(ConfigTest, shadowLimitsCanBeSwitchedOff) {
  const Config c = parseConfig(limitsText() + "[shadow_limits]\nenabled = false\nprice_collar_bps = 20\n", "t");
  EXPECT_FALSE(c.shadow_limits.enabled);
}

TEST(ConfigTest, rejectsBadShadowLimit) {
  const std::string zero = errorFor(limitsText() + "[shadow_limits]\nprice_collar_bps = 0\n");
  EXPECT_TRUE(contains(zero, "[shadow_limits] price_collar_bps: must be between 1 and 10000")) << zero;
  const std::string unknown = errorFor(limitsText() + "[shadow_limits]\nprice_colar_bps = 20\n");
  EXPECT_TRUE(contains(unknown, "[shadow_limits] price_colar_bps: is not a known key")) << unknown;
  const std::string tif = errorFor(limitsText() + "[shadow_limits]\nallowed_tif = [\"DAY\"]\n");
  EXPECT_TRUE(contains(tif, "[shadow_limits] allowed_tif: is not a known key")) << tif;
  const std::string rule = errorFor(limitsText() + "[shadow_limits]\nmax_total_notional = 40.0\n");
  EXPECT_TRUE(contains(rule, "[shadow_limits] max_order_notional: must not exceed max_total_notional")) << rule;
  EXPECT_TRUE(contains(errorFor(limitsText() + "[shadow_limits]\nenabled = 1\n"), "enabled: must be true or false"));
}

// --- [kill], [live], [journal] ------------------------------------------------------------

TEST(ConfigTest, readsKillTable) {
  const Config c =
      parseConfig(limitsText() + "[kill]\nflatten_on_kill = true\nmax_kills_per_day = 5\ndry_run_loss_pct = 200\n", "t");
  EXPECT_TRUE(c.kill.flatten_on_kill);
  EXPECT_EQ(c.kill.max_kills_per_day, 5u);
  EXPECT_EQ(c.kill.dry_run_loss_pct, 200u);
  EXPECT_TRUE(contains(errorFor(limitsText() + "[kill]\nflatten_on_kill = \"yes\"\n"),
                       "[kill] flatten_on_kill: must be true or false"));
  EXPECT_TRUE(contains(errorFor(limitsText() + "[kill]\nmax_kills_per_day = 0\n"), "[kill] max_kills_per_day"));
  EXPECT_TRUE(contains(errorFor(limitsText() + "[kill]\ndry_run_loss_pct = 99\n"), "[kill] dry_run_loss_pct"));
}

TEST(ConfigTest, readsLiveModeAndPromotionThresholds) {
  const Config c = parseConfig(limitsText() +
                                   "[live]\nmode = \"paper\"\npromotion_min_trades = 100\n"
                                   "promotion_max_drawdown = 25.5\npromotion_min_sharpe = 0\n"
                                   "promotion_min_fill_rate_pct = 30\npromotion_max_latency_p95_us = 500\n",
                               "t");
  EXPECT_EQ(c.live.mode, ExecutionMode::kPaper);
  EXPECT_EQ(c.live.promotion_min_trades, 100u);
  EXPECT_EQ(c.live.promotion_max_drawdown.raw, 2'550'000'000);
  EXPECT_EQ(c.live.promotion_min_sharpe, 0);
  EXPECT_EQ(c.live.promotion_min_fill_rate_pct, 30u);
  EXPECT_EQ(c.live.promotion_max_latency_p95_us, 500);
  EXPECT_EQ(parseConfig(limitsText() + "[live]\nmode = \"live\"\n", "t").live.mode, ExecutionMode::kLive);
  EXPECT_EQ(parseConfig(limitsText() + "[live]\nmode = \"dry_run\"\n", "t").live.mode, ExecutionMode::kDryRun);
  EXPECT_TRUE(contains(errorFor(limitsText() + "[live]\npromotion_min_sharpe = -0.5\n"), "promotion_min_sharpe"));
}

TEST(ConfigTest, rejectsUnknownExecutionModeNamingIt) {
  const std::string err = errorFor(limitsText() + "[live]\nmode = \"yolo\"\n");
  EXPECT_TRUE(contains(err, "[live] mode: must be \"dry_run\", \"paper\" or \"live\" (got \"yolo\")")) << err;
}

TEST(ConfigTest, namesExecutionModes) {
  EXPECT_STREQ(executionModeName(ExecutionMode::kDryRun), "DRY_RUN");
  EXPECT_STREQ(executionModeName(ExecutionMode::kPaper), "PAPER");
  EXPECT_STREQ(executionModeName(ExecutionMode::kLive), "LIVE");
}

TEST(ConfigTest, confirmTokenNeverAppearsInErrorsOrListing) {
  const std::string token = "s3cr3t-T0KEN-do-not-print";
  const std::string live = "[live]\nmode = \"live\"\nconfirm_token = \"" + token + "\"\n";
  const Config c = parseConfig(limitsText() + live, "t");
  EXPECT_EQ(c.live.confirm_token, token);
  const std::string listing = describeConfig(c);
  EXPECT_FALSE(contains(listing, token)) << listing;
  EXPECT_FALSE(contains(listing, "s3cr3t")) << listing;
  EXPECT_TRUE(contains(listing, "confirm_token = (set)")) << listing;
  EXPECT_TRUE(contains(describeConfig(parseConfig(limitsText(), "t")), "confirm_token = (not set)"));

  // Errors in the same file elsewhere, in the token itself, and a syntax error on its line.
  const std::string too_short = "short7!";
  const std::string too_long(129, 'x');
  for (const std::string& text :
       {limitsText(0) + live, live + "[limitz]\n", limitsText() + live + "mode2 = 1\n",
        limitsText() + "[live]\nconfirm_token = \"" + too_short + "\"\n",
        limitsText() + "[live]\nconfirm_token = \"" + too_long + "\"\n",
        limitsText() + "[live]\nconfirm_token = \"" + token + "\n",
        limitsText() + "[live]\nconfirm_token = " + token + "\n",
        limitsText() + "[live]\nconfirm_token = \"\"\"" + token + "\nmore\n"}) {
    const std::string err = errorFor(text);
    EXPECT_NE(err, "no error");
    EXPECT_FALSE(contains(err, "s3cr3t")) << err;
    EXPECT_FALSE(contains(err, too_short)) << err;
    EXPECT_FALSE(contains(err, too_long)) << err;
  }
  EXPECT_TRUE(contains(errorFor(limitsText() + "[live]\nconfirm_token = \"" + too_short + "\"\n"),
                       "[live] confirm_token: must be 8 to 128 characters"));
}

TEST(ConfigTest, readsJournalTable) {
  const Config c = parseConfig(limitsText() + "[journal]\npath = \"/tmp/j.tsv\"\nqueue_capacity = 4096\n", "t");
  EXPECT_EQ(c.journal.path, "/tmp/j.tsv");
  EXPECT_EQ(c.journal.queue_capacity, 4096u);
  EXPECT_TRUE(contains(errorFor(limitsText() + "[journal]\nqueue_capacity = 1023\n"), "[journal] queue_capacity"));
  EXPECT_TRUE(contains(errorFor(limitsText() + "[journal]\npath = \"\"\n"), "[journal] path"));
}

TEST(ConfigTest, readsQualityTable) {
  const Config c = parseConfig(limitsText() +
                                   "[quality]\nrecovery_ms = 10000\nlag_threshold_ms = 250\nlag_weight = 0\n"
                                   "gap_weight = 20\nout_of_order_weight = 3\noutlier_weight = 15\n"
                                   "outlier_band = 6.5\noutlier_min_band_bps = 10\noutlier_window_trades = 128\n"
                                   "outlier_warmup_trades = 16\nmissing_field_weight = 4\nstale_ms = 2000\n"
                                   "stale_weight = 40\n",
                               "t");
  const QualityConfig& q = c.quality;
  EXPECT_EQ(q.recovery_ms, 10'000);
  EXPECT_EQ(q.lag_threshold_ms, 250);
  EXPECT_EQ(q.lag_weight, 0u);
  EXPECT_EQ(q.gap_weight, 20u);
  EXPECT_EQ(q.out_of_order_weight, 3u);
  EXPECT_EQ(q.outlier_weight, 15u);
  EXPECT_EQ(q.outlier_band, 650'000'000);  // from the source text, x1e-8
  EXPECT_EQ(q.outlier_min_band_bps, 10u);
  EXPECT_EQ(q.outlier_window_trades, 128u);
  EXPECT_EQ(q.outlier_warmup_trades, 16u);
  EXPECT_EQ(q.missing_field_weight, 4u);
  EXPECT_EQ(q.stale_ms, 2'000);
  EXPECT_EQ(q.stale_weight, 40u);
  EXPECT_EQ(parseConfig(limitsText(), "t").quality.gap_weight, QualityConfig{}.gap_weight);  // optional table
}

TEST(ConfigTest, rejectsBadQualityKeysNamingFileLineAndKey) {
  const std::string at = "test.toml:" + std::to_string(kLimitCount + 3) + ": [quality] ";
  const auto bad = [&](const std::string& line) { return errorFor(limitsText() + "[quality]\n" + line + "\n"); };
  EXPECT_TRUE(contains(bad("gap_weight = 101"), at + "gap_weight: must be between 0 and 100")) << bad("gap_weight = 101");
  EXPECT_TRUE(contains(bad("recovery_ms = 0"), at + "recovery_ms")) << bad("recovery_ms = 0");
  EXPECT_TRUE(contains(bad("stale_ms = -5"), at + "stale_ms")) << bad("stale_ms = -5");
  EXPECT_TRUE(contains(bad("outlier_band = 0"), at + "outlier_band")) << bad("outlier_band = 0");
  EXPECT_TRUE(contains(bad("outlier_band = \"wide\""), at + "outlier_band: must be a number"));
  EXPECT_TRUE(contains(bad("outlier_window_trades = 100"), at + "outlier_window_trades: must be a power of two"))
      << bad("outlier_window_trades = 100");
  EXPECT_TRUE(contains(bad("gap_wieght = 5"), at + "gap_wieght: is not a known key")) << bad("gap_wieght = 5");
}

// --- other tables, syntax ------------------------------------------------------------------

TEST(ConfigTest, rejectsUnknownTable) {
  const std::string err = errorFor(limitsText() + "[limitz]\nx = 1\n");
  EXPECT_TRUE(contains(err, "[limitz] is not a known table")) << err;
}

TEST(ConfigTest, syntaxErrorNamesLine) {
  const std::string err = errorFor(limitsText() + "[strategy\n");
  EXPECT_TRUE(contains(err, "test.toml:" + std::to_string(kLimitCount + 2))) << err;
}

TEST(ConfigTest, optionalTablesAreValidated) {
  const Config c =
      parseConfig(limitsText() + "[cores]\nfeed = 3\nidle = \"spin\"\n[strategy]\norder_notional = 22.25\n", "t");
  EXPECT_EQ(c.cores.feed, 3);
  EXPECT_EQ(c.cores.engine_idle, IdleMode::kSpin);
  EXPECT_EQ(c.strategy.order_notional.raw, 2'225'000'000);
  EXPECT_TRUE(contains(errorFor(limitsText() + "[cores]\nidle = \"nap\"\n"), "idle"));
}

TEST(ConfigTest, everyIdleModeReadsBackUnderItsOwnName) {
  for (const IdleMode mode : {IdleMode::kSpin, IdleMode::kBackoff, IdleMode::kYield}) {
    const std::string name = idleModeName(mode);
    const Config c = parseConfig(limitsText() + "[cores]\nidle = \"" + name + "\"\n", "t");
    EXPECT_EQ(c.cores.feed_idle, mode) << name;
    EXPECT_EQ(c.cores.engine_idle, mode) << name;
    EXPECT_EQ(c.cores.order_idle, mode) << name;
  }
  EXPECT_EQ(idleModeNamed("yield"), IdleMode::kYield);
  EXPECT_FALSE(idleModeNamed("Yield").has_value());  // the words are exact, as everywhere in the config
  const std::string err = errorFor(limitsText() + "[cores]\nidle = \"sleep\"\n");
  EXPECT_TRUE(contains(err, "\"spin\", \"yield\" or \"backoff\" (got \"sleep\")")) << err;
}

TEST(ConfigTest, eachPipelineThreadCanWaitItsOwnWayAndHelpersGetACore) {
  // The 2-core latency layout: feed and engine share core 0 and yield to each other, the
  // order thread spins alone on core 1, and the venue and journal stay on core 0.
  const Config c = parseConfig(limitsText() +
                                   "[cores]\nfeed = 0\nengine = 0\norder = 1\nhelpers = 0\nidle = \"yield\"\n"
                                   "order_idle = \"spin\"\n",
                               "t");
  EXPECT_EQ(c.cores.helpers, 0);
  EXPECT_EQ(c.cores.feed_idle, IdleMode::kYield);
  EXPECT_EQ(c.cores.engine_idle, IdleMode::kYield);
  EXPECT_EQ(c.cores.order_idle, IdleMode::kSpin);
  EXPECT_EQ(Config{}.cores.helpers, -1);  // unset: the helpers run anywhere, as before
  const std::string err = errorFor(limitsText() + "[cores]\norder_idle = \"busy\"\n");
  EXPECT_TRUE(contains(err, "[cores] order_idle: must be")) << err;
  EXPECT_TRUE(contains(errorFor(limitsText() + "[cores]\nhelpers = -2\n"), "helpers")) << err;
}

// --- [bars] -------------------------------------------------------------------------------

TEST(ConfigTest, barsTableReadsIntervalsTickAndVolumeBarsAndTheFlatCap) {
  const Config c = parseConfig(limitsText() +
                                   "[bars]\ntime_intervals = [\"500ms\", \"1s\", \"1m\", \"1h\"]\n"
                                   "tick_bar_trades = 250\nvolume_bar_qty = \"0.25\"\nmax_flat_bars = 7\n",
                               "t");
  EXPECT_EQ(c.bars.time_intervals_ms, (std::vector<std::int64_t>{500, 1'000, 60'000, 3'600'000}));
  EXPECT_EQ(c.bars.tick_bar_trades, 250u);
  EXPECT_EQ(c.bars.volume_bar_qty.raw, 25'000'000);
  EXPECT_EQ(c.bars.max_flat_bars, 7u);
  const std::string listing = describeConfig(c);
  EXPECT_TRUE(contains(listing, "time_intervals_ms  = [500, 1000, 60000, 3600000]")) << listing;
  EXPECT_TRUE(contains(listing, "volume_bar_qty     = 0.25")) << listing;
}

TEST(ConfigTest, barsDefaultsWhenTheTableIsAbsentAndZeroTurnsTickAndVolumeBarsOff) {
  const Config d = parseConfig(limitsText(), "t");
  EXPECT_EQ(d.bars.time_intervals_ms, (std::vector<std::int64_t>{1'000, 5'000, 60'000, 300'000}));
  EXPECT_GT(d.bars.tick_bar_trades, 0u);
  EXPECT_GT(d.bars.volume_bar_qty.raw, 0);
  const Config off = parseConfig(limitsText() + "[bars]\ntick_bar_trades = 0\nvolume_bar_qty = \"0\"\n", "t");
  EXPECT_EQ(off.bars.tick_bar_trades, 0u);
  EXPECT_EQ(off.bars.volume_bar_qty.raw, 0);
}

TEST(ConfigTest, badBarsValuesNameFileLineTableAndKey) {
  const std::string at = "test.toml:" + std::to_string(kLimitCount + 3) + ": [bars] ";
  const auto bars = [](const std::string& body) { return errorFor(limitsText() + "[bars]\n" + body); };
  std::string err = bars("time_intervals = [\"1s\", \"5x\"]\n");
  EXPECT_TRUE(contains(err, at + "time_intervals: '5x' is not a duration")) << err;
  err = bars("time_intervals = [\"0s\"]\n");
  EXPECT_TRUE(contains(err, at + "time_intervals: '0s' is not a duration")) << err;
  err = bars("time_intervals = [\"2d\"]\n");
  EXPECT_TRUE(contains(err, at + "time_intervals")) << err;
  err = bars("time_intervals = [\"25h\"]\n");
  EXPECT_TRUE(contains(err, at + "time_intervals: '25h'")) << err;
  err = bars("time_intervals = [\"5s\", \"1s\"]\n");
  EXPECT_TRUE(contains(err, at + "time_intervals: '1s' must be longer than the interval before it")) << err;
  err = bars("time_intervals = [\"1s\", \"1000ms\"]\n");
  EXPECT_TRUE(contains(err, "must be longer")) << err;
  err = bars("time_intervals = []\n");
  EXPECT_TRUE(contains(err, at + "time_intervals: must not be an empty list")) << err;
  err = bars("time_intervals = [\"1s\", \"2s\", \"3s\", \"4s\", \"5s\", \"6s\", \"7s\"]\n");
  EXPECT_TRUE(contains(err, at + "time_intervals: at most 6 intervals")) << err;
  err = bars("time_intervals = 1000\n");
  EXPECT_TRUE(contains(err, at + "time_intervals: must be a list of strings")) << err;
  err = bars("tick_bar_trades = -1\n");
  EXPECT_TRUE(contains(err, at + "tick_bar_trades: must be between 0 and")) << err;
  err = bars("volume_bar_qty = \"1.123456789\"\n");
  EXPECT_TRUE(contains(err, at + "volume_bar_qty: '1.123456789' is not a plain decimal")) << err;
  err = bars("volume_bar_qty = \"-2\"\n");
  EXPECT_TRUE(contains(err, at + "volume_bar_qty: must be >= 0")) << err;
  err = bars("volume_bar_qty = 10\n");
  EXPECT_TRUE(contains(err, at + "volume_bar_qty: must be a non-empty string")) << err;
  err = bars("max_flat_bars = 2000000\n");
  EXPECT_TRUE(contains(err, at + "max_flat_bars: must be between 0 and 1000000")) << err;
  err = bars("flat_cap = 3\n");
  EXPECT_TRUE(contains(err, at + "flat_cap: is not a known key")) << err;
}

TEST(ConfigTest, strategyBarIntervalMustBeOneOfTheBarIntervals) {
  const std::string err =
      errorFor(limitsText() + "[strategy]\nbar_interval_ms = 2000\n[bars]\ntime_intervals = [\"1s\", \"5s\"]\n");
  EXPECT_TRUE(contains(err, "test.toml:" + std::to_string(kLimitCount + 3) +
                                ": [strategy] bar_interval_ms: must be one of [bars] time_intervals (got 2000 ms)"))
      << err;
  // Default [strategy] (1000 ms) against [bars] without 1s: refused at the [strategy]-less config.
  const std::string missing = errorFor(limitsText() + "[bars]\ntime_intervals = [\"5s\"]\n");
  EXPECT_TRUE(contains(missing, "[strategy] bar_interval_ms: must be one of [bars] time_intervals")) << missing;
  const Config ok =
      parseConfig(limitsText() + "[strategy]\nbar_interval_ms = 5000\n[bars]\ntime_intervals = [\"1s\", \"5s\"]\n"
                                 // The default momentum template reads a second timeframe; 5s has none after it.
                                 "[templates.momentum]\nenabled = false\n",
                  "t");
  EXPECT_EQ(ok.strategy.bar_interval_ms, 5'000);
}

// --- [signals], [belief], [decision], [templates.*] ------------------------------------------

TEST(ConfigTest, shippedStrategyTablesEqualTheBuiltInDefaults) {
  const Config defaults;
  for (const char* name : {"breakwater.toml", "demo.toml", "shadow-example.toml", "tight-limits.toml"}) {
    const Config c = loadConfig(shipped(name));
    EXPECT_EQ(c.signals, defaults.signals) << name;
    EXPECT_EQ(c.belief, defaults.belief) << name;
    if (std::string_view(name) != "demo.toml") {
      EXPECT_EQ(c.decision, defaults.decision) << name;
    }
    EXPECT_EQ(c.templates, defaults.templates) << name;
  }
  // The demo's costs are a zero-maker-fee venue's, so the six-minute captures trade.
  DecisionConfig demo_costs = defaults.decision;
  demo_costs.fee_bps = 0.0;
  demo_costs.slippage_bps = 0.5;
  demo_costs.uncertainty_penalty = 0.5;
  demo_costs.min_expected_utility_bps = 0.5;
  EXPECT_EQ(loadConfig(shipped("demo.toml")).decision, demo_costs);
  // The defaults are what the file says, read back by name.
  const TemplateConfig& mr = defaults.templates[TemplateKind::kMeanReversion];
  ASSERT_EQ(mr.constraints.size(), 4u);
  EXPECT_EQ(kBarFeatureNames[mr.constraints[0].feature], "vwap_dev_bps");
  EXPECT_EQ(mr.constraints[0].sign, -1);
  EXPECT_TRUE(mr.constraints[3].tick);
  EXPECT_EQ(kTickFeatureNames[mr.constraints[3].feature], "micro_price_offset_bps");
  EXPECT_EQ(mr.lockouts.vol_regimes, kLockHighVol);
  EXPECT_TRUE(mr.lockouts.trend);
  const TemplateConfig& mo = defaults.templates[TemplateKind::kMomentum];
  EXPECT_EQ(mo.target_atr, 3 * kScale);
  EXPECT_EQ(mo.stop_atr, 150'000'000);
  EXPECT_EQ(mo.constraints[1].timeframe, 1u);  // roc_mid on 5s
}

/// limitsText() + `body`; the body's first line is line kLimitCount + 2.
std::string withTables(const std::string& body) { return limitsText() + body; }
std::string lineOfBody(std::size_t n) { return "test.toml:" + std::to_string(kLimitCount + 1 + n) + ": "; }

TEST(ConfigTest, readsSignalsBeliefDecisionAndTemplates) {
  const Config c = parseConfig(withTables("[signals]\ntimeframes = [\"1s\", \"1m\"]\nroc_bars = [3, 6, 9]\n"
                                          "vol_regime_low_ratio = 0.5\ntrade_sign_trades = 20\n"
                                          "phases = [{name = \"late\", start = \"22:00\", end = \"02:30\"}]\n"
                                          "[belief]\nsmoothing_alpha = 1\nmin_side_bars = 3\n"
                                          "[decision]\nfee_bps = 7.5\nmin_expected_utility_bps = 0\n"
                                          "[templates.mean_reversion]\nvwap = \"rolling\"\nstop_atr = 1.25\n"
                                          "lockouts = [\"late\", \"no_phase\", \"normal_vol\"]\nconstraints = [\n"
                                          "  {feature = \"vwap_dev_bps\", timeframe = \"1m\", sign = -1, scale = 4},\n"
                                          "  {feature = \"top_imbalance\", sign = 1, center = 0.1, scale = 0.5, "
                                          "weight = 0.25},\n]\n"
                                          "[templates.momentum]\nenabled = false\nlockouts = []\n"),
                               "t");
  EXPECT_EQ(c.signals.timeframes_ms, (std::vector<std::int64_t>{1'000, 60'000}));
  EXPECT_EQ(c.signals.roc_bars, (std::array<std::uint32_t, 3>{3, 6, 9}));
  EXPECT_EQ(c.signals.vol_regime_low_ratio, 0.5);
  EXPECT_EQ(c.signals.trade_sign_trades, 20u);
  ASSERT_EQ(c.signals.phases.size(), 1u);
  EXPECT_EQ(c.signals.phases[0], (PhaseConfig{"late", 1'320, 150}));
  EXPECT_EQ(c.belief.smoothing_alpha, 1.0);
  EXPECT_EQ(c.belief.min_side_bars, 3u);
  EXPECT_EQ(c.decision.fee_bps, 7.5);
  EXPECT_EQ(c.decision.min_expected_utility_bps, 0.0);
  const TemplateConfig& mr = c.templates[TemplateKind::kMeanReversion];
  EXPECT_EQ(mr.vwap, VwapReference::kRolling);
  EXPECT_EQ(mr.stop_atr, 125'000'000);
  EXPECT_EQ(mr.lockouts, (LockoutConfig{kLockNormalVol, false, false, 1U, true}));
  ASSERT_EQ(mr.constraints.size(), 2u);
  EXPECT_EQ(mr.constraints[0], (ConstraintConfig{false, 0, 1, -1, 0.0, 4.0, 1.0}));  // weight defaults to 1
  EXPECT_EQ(mr.constraints[1], (ConstraintConfig{true, 1, 0, 1, 0.1, 0.5, 0.25}));
  EXPECT_FALSE(c.templates[TemplateKind::kMomentum].enabled);
  EXPECT_EQ(c.templates[TemplateKind::kMomentum].lockouts, LockoutConfig{});  // [] clears the default lockouts
  const std::string listing = describeConfig(c);
  EXPECT_TRUE(contains(listing, "timeframes = [1s, 1m]")) << listing;
  EXPECT_TRUE(contains(listing, "phases: late 22:00-02:30")) << listing;
  EXPECT_TRUE(contains(listing, "lockouts: normal_vol, no_phase, late")) << listing;
  EXPECT_TRUE(contains(listing, "vwap_dev_bps @1m: sign -1, center 0, scale 4, weight 1")) << listing;
  EXPECT_TRUE(contains(listing, "top_imbalance: sign +1, center 0.1, scale 0.5, weight 0.25")) << listing;
  EXPECT_TRUE(contains(listing, "[templates.momentum] OFF")) << listing;
}

TEST(ConfigTest, signalTimeframesDefaultToTheStrategyIntervalAndTheLongerBars) {
  const Config c = parseConfig(withTables("[strategy]\nbar_interval_ms = 5000\n"
                                          "[bars]\ntime_intervals = [\"1s\", \"5s\", \"15s\", \"1m\", \"5m\", \"1h\"]\n"),
                               "t");
  EXPECT_EQ(c.signals.timeframes_ms, (std::vector<std::int64_t>{5'000, 15'000, 60'000, 300'000}));
}

TEST(ConfigTest, badSignalValuesNameFileLineTableAndKey) {
  const auto signals = [](const std::string& body) { return errorFor(withTables("[signals]\n" + body)); };
  const std::string at = lineOfBody(2) + "[signals] ";
  std::string err = signals("timeframes = [\"5s\", \"1m\"]\n");
  EXPECT_TRUE(contains(err, at + "timeframes: the first must be [strategy] bar_interval_ms (1000 ms)")) << err;
  err = signals("timeframes = [\"1s\", \"2s\"]\n");
  EXPECT_TRUE(contains(err, at + "timeframes: '2s' is not one of [bars] time_intervals")) << err;
  err = signals("timeframes = [\"1s\", \"1m\", \"5s\"]\n");
  EXPECT_TRUE(contains(err, at + "timeframes: '5s' must be longer than the timeframe before it")) << err;
  err = errorFor(withTables("[bars]\ntime_intervals = [\"1s\", \"5s\", \"15s\", \"1m\", \"5m\"]\n[signals]\n"
                            "timeframes = [\"1s\", \"5s\", \"15s\", \"1m\", \"5m\"]\n"));
  EXPECT_TRUE(contains(err, "[signals] timeframes: at most 4 timeframes")) << err;
  err = signals("roc_bars = [5, 5, 20]\n");
  EXPECT_TRUE(contains(err, at + "roc_bars: must be increasing")) << err;
  err = signals("roc_bars = [5, 10]\n");
  EXPECT_TRUE(contains(err, at + "roc_bars: must be a list of three bar counts")) << err;
  err = signals("atr_bars = 1\n");
  EXPECT_TRUE(contains(err, at + "atr_bars: must be between 2 and 100000 (got 1)")) << err;
  err = signals("vol_regime_low_ratio = 2.0\n");
  EXPECT_TRUE(contains(err, "[signals] vol_regime_high_ratio: must be above vol_regime_low_ratio (1.5 <= 2)")) << err;
  err = signals("vol_regime_high_ratio = -1\n");
  EXPECT_TRUE(contains(err, at + "vol_regime_high_ratio: must be > 0 and <= 100 (got -1)")) << err;
  err = signals("phases = [{name = \"asia\", start = \"25:00\", end = \"07:00\"}]\n");
  EXPECT_TRUE(contains(err, at + "phases[0].start: '25:00' is not a UTC time HH:MM")) << err;
  err = signals("phases = [{name = \"trend\", start = \"00:00\", end = \"07:00\"}]\n");
  EXPECT_TRUE(contains(err, at + "phases[0].name: 'trend' is a regime lockout's name")) << err;
  err = signals("phases = [{name = \"a\", start = \"00:00\", end = \"07:00\", tz = \"UTC\"}]\n");
  EXPECT_TRUE(contains(err, at + "phases[0].tz: is not a known key")) << err;
  err = signals("bars = 3\n");
  EXPECT_TRUE(contains(err, at + "bars: is not a known key")) << err;
}

TEST(ConfigTest, badBeliefAndDecisionValuesNameTheirKey) {
  std::string err = errorFor(withTables("[belief]\nsmoothing_alpha = 0\n"));
  EXPECT_TRUE(contains(err, lineOfBody(2) + "[belief] smoothing_alpha: must be > 0 and <= 1 (got 0)")) << err;
  err = errorFor(withTables("[belief]\nsmoothing_alpha = 1.5\n"));
  EXPECT_TRUE(contains(err, "[belief] smoothing_alpha: must be > 0 and <= 1 (got 1.5)")) << err;
  err = errorFor(withTables("[belief]\nmin_side_bars = 0\n"));
  EXPECT_TRUE(contains(err, "[belief] min_side_bars: must be between 1 and 1000")) << err;
  err = errorFor(withTables("[decision]\nfee_bps = -1\n"));
  EXPECT_TRUE(contains(err, lineOfBody(2) + "[decision] fee_bps: must be >= 0 and <= 1000 (got -1)")) << err;
  err = errorFor(withTables("[decision]\nadx_trend = \"high\"\n"));
  EXPECT_TRUE(contains(err, "[decision] adx_trend: must be a number")) << err;
}

/// A [templates.mean_reversion] table whose constraints list holds `constraints` (line 4 on).
std::string meanReversionWith(const std::string& constraints) {
  return withTables("[templates.mean_reversion]\nstop_atr = 2.0\nconstraints = [\n" + constraints + "]\n");
}

TEST(ConfigTest, badConstraintsNameTemplateIndexAndKey) {
  const std::string at = lineOfBody(4) + "[templates.mean_reversion] constraints[0].";
  std::string err =
      errorFor(meanReversionWith("{feature = \"vwap_deviation\", timeframe = \"1s\", sign = 1, scale = 1},\n"));
  EXPECT_TRUE(contains(err, at + "feature: 'vwap_deviation' is not a feature")) << err;
  err = errorFor(meanReversionWith("{feature = \"adx\", timeframe = \"1h\", sign = 1, scale = 1},\n"));
  EXPECT_TRUE(contains(err, at + "timeframe: '1h' is not one of [signals] timeframes")) << err;
  err = errorFor(meanReversionWith("{feature = \"adx\", sign = 1, scale = 1},\n"));
  EXPECT_TRUE(contains(err, "[templates.mean_reversion] constraints[0].timeframe: required key is missing")) << err;
  err = errorFor(meanReversionWith("{feature = \"spread_bps\", timeframe = \"1s\", sign = 1, scale = 1},\n"));
  EXPECT_TRUE(contains(err, at + "timeframe: 'spread_bps' is a tick feature: it has no timeframe")) << err;
  err = errorFor(meanReversionWith("{feature = \"adx\", timeframe = \"1s\", sign = 1, scale = -2},\n"));
  EXPECT_TRUE(contains(err, at + "scale: must be > 0 and <= 1000000 (got -2)")) << err;
  err = errorFor(meanReversionWith("{feature = \"adx\", timeframe = \"1s\", sign = 0, scale = 1},\n"));
  EXPECT_TRUE(contains(err, at + "sign: must be 1 (higher means up) or -1")) << err;
  err = errorFor(meanReversionWith("{feature = \"adx\", timeframe = \"1s\", sign = 1, scale = 1, wieght = 2},\n"));
  EXPECT_TRUE(contains(err, at + "wieght: is not a known key")) << err;
  err = errorFor(meanReversionWith("{feature = \"adx\", timeframe = \"1s\", sign = 1, scale = 1, weight = 0},\n"
                                   "{feature = \"roc_mid\", timeframe = \"5s\", sign = 1, scale = 1, weight = 0},\n"));
  EXPECT_TRUE(contains(err, lineOfBody(3) + "[templates.mean_reversion] constraints: the weights sum to 0")) << err;
  std::string nine;
  for (int i = 0; i < 9; ++i) nine += "{feature = \"adx\", timeframe = \"1s\", sign = 1, scale = 1},\n";
  err = errorFor(meanReversionWith(nine));
  EXPECT_TRUE(contains(err, lineOfBody(3) + "[templates.mean_reversion] constraints: at most 8 constraints (got 9)"))
      << err;
  err = errorFor(meanReversionWith(""));
  EXPECT_TRUE(contains(err, "[templates.mean_reversion] constraints: must be a non-empty list")) << err;
  err = errorFor(meanReversionWith("\"adx\",\n"));
  EXPECT_TRUE(contains(err, "[templates.mean_reversion] constraints[0]: must be an inline table")) << err;
}

TEST(ConfigTest, badTemplateKeysNameTheTemplate) {
  std::string err = errorFor(withTables("[templates.mean_reversion]\nlockouts = [\"high_vol\", \"lunch\"]\n"));
  EXPECT_TRUE(contains(err, lineOfBody(2) + "[templates.mean_reversion] lockouts: 'lunch' is not a lockout")) << err;
  err = errorFor(withTables("[templates.momentum]\nvwap = \"session\"\n"));
  EXPECT_TRUE(contains(err, lineOfBody(2) + "[templates.momentum] vwap: is not a known key")) << err;
  err = errorFor(withTables("[templates.mean_reversion]\nvwap = \"daily\"\n"));
  EXPECT_TRUE(contains(err, "[templates.mean_reversion] vwap: must be \"session\" or \"rolling\"")) << err;
  err = errorFor(withTables("[templates.momentum]\ntarget_atr = 0\n"));
  EXPECT_TRUE(contains(err, "[templates.momentum] target_atr: must be > 0")) << err;
  err = errorFor(withTables("[templates.momentum]\nttl_ms = 5\n"));
  EXPECT_TRUE(contains(err, "[templates.momentum] ttl_ms: must be between 100 and 86400000 (got 5)")) << err;
  err = errorFor(withTables("[templates.pairs]\nenabled = true\n"));
  EXPECT_TRUE(contains(err, "[templates] pairs: is not a template (mean_reversion, momentum)")) << err;
  // A default constraint reading a timeframe this config does not have: named, not ignored.
  err = errorFor(withTables("[signals]\ntimeframes = [\"1s\"]\n"));
  EXPECT_TRUE(contains(err, "[templates.momentum] constraints: a constraint reads timeframe 1 but [signals] "
                            "timeframes has 1")) << err;
}

// --- describeConfig ------------------------------------------------------------------------

TEST(ConfigTest, listingNamesEveryLimitWithItsValueAndUnit) {
  const Config c = parseConfig(limitsText() + "restricted_symbols = [\"XYZUSDT\"]\n", "t");
  const std::string listing = describeConfig(c);
  for (std::size_t i = 0; i < kLimitCount; ++i) {
    EXPECT_TRUE(contains(listing, std::string("  ") + kLimitInfo[i].name + " ")) << kLimitInfo[i].name;
  }
  for (const char* group : {"# order", "# exposure", "# loss", "# rate", "# quality"}) {
    EXPECT_TRUE(contains(listing, group)) << group;
  }
  EXPECT_TRUE(contains(listing, "= 50 USDT")) << listing;    // max_order_notional
  EXPECT_TRUE(contains(listing, "= 60 %")) << listing;       // max_symbol_risk_share_pct
  EXPECT_TRUE(contains(listing, "allowed_tif = [DAY, GTC]")) << listing;
  EXPECT_TRUE(contains(listing, "restricted_symbols = [XYZUSDT]")) << listing;
  EXPECT_TRUE(contains(listing, "[shadow_limits] off")) << listing;
  EXPECT_TRUE(contains(listing, "mode = DRY_RUN")) << listing;
  for (const char* table : {"[kill]", "[live]", "[journal]", "[strategy]", "[bars]", "[cores]", "[fix]", "[replay]",
                            "[quality]"}) {
    EXPECT_TRUE(contains(listing, table)) << table;
  }
}

TEST(ConfigTest, listingMarksOnlyShadowKeysThatDiffer) {
  const Config c = loadConfig(shipped("shadow-example.toml"));
  const std::string listing = describeConfig(c);
  const std::string shadow = listing.substr(listing.find("[shadow_limits] on"));
  EXPECT_TRUE(contains(shadow, "max_order_notional")) << shadow;
  EXPECT_TRUE(contains(shadow, "SHADOW (live 50 USDT)")) << shadow;
  EXPECT_TRUE(contains(shadow, "price_collar_bps")) << shadow;
  EXPECT_FALSE(contains(shadow.substr(0, shadow.find("[kill]")), "max_drawdown")) << shadow;
}

TEST(ConfigTest, readsFixMassCancelFlagDefaultingToTrue) {
  EXPECT_TRUE(parseConfig(limitsText(), "test.toml").fix.mass_cancel);
  const Config c = parseConfig(limitsText() + "\n[fix]\nmass_cancel = false\n", "test.toml");
  EXPECT_FALSE(c.fix.mass_cancel);
  EXPECT_TRUE(contains(describeConfig(c), "mass_cancel = false")) << describeConfig(c);
  EXPECT_TRUE(contains(errorFor(limitsText() + "\n[fix]\nmass_cancel = 1\n"), "mass_cancel"));
}

TEST(ConfigTest, readsFixBeginStringAndRefusesOtherVersions) {
  EXPECT_EQ(parseConfig(limitsText(), "test.toml").fix.begin_string, "FIX.4.4");
  EXPECT_EQ(parseConfig(limitsText() + "\n[fix]\nbegin_string = \"FIX.4.2\"\n", "test.toml").fix.begin_string,
            "FIX.4.2");
  EXPECT_TRUE(contains(errorFor(limitsText() + "\n[fix]\nbegin_string = \"FIX.5.0\"\n"), "begin_string"));
}

}  // namespace
}  // namespace bw
