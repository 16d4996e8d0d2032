// An independent check of `breakwater indicators` on the recorded BTCUSDT capture
// (../shared/data): the test reads back the CSV it wrote and recomputes ATR, ADX/+DI/-DI,
// ROC, relative volume, the volume z-score and OBV from the CSV's own OHLCV columns with
// deliberately naive code written here from the published definitions (doubles, a fresh
// loop over each window, nothing from the indicator library), then compares every cell:
// empty exactly while the reference is still warming up, and within tolerance after.
//
// Prices and volumes are read into doubles of 1e-8 units (whole numbers, exact in a double),
// so the reference compares high against previous high exactly as the published rules
// ask; a tie such as up == down must not fall on either side by rounding.
//
// Tolerances. ATR: 1e-9 relative plus N x 1e-8 absolute, because the library keeps the
// ATR in 1e-8 integers and truncates at each of its Wilder steps (the drift stays below
// N units). Everything else: 1e-9 relative plus 1e-9 absolute (doubles on both sides).
//
// VWAP: the CSV has no turnover column (the columns are OHLCV), so a VWAP cannot
// be recomputed from it. What the CSV does pin down is checked: the session VWAP lies
// within the low and high of the traded bars since the session opened, the rolling VWAP
// within those of its window, each ready exactly when its bars traded something.
// imbalance needs the buy/sell split (not in the CSV): checked in [-1, 1] only.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "CsvCells.h"
#include "tools/IndicatorsCommand.h"

namespace bw::indicators {
namespace {

using Cell = std::optional<double>;

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] std::size_t column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("no column " + name);
    return static_cast<std::size_t>(it - header.begin());
  }
  /// A column as doubles, nullopt for an empty cell.
  [[nodiscard]] std::vector<Cell> values(const std::string& name, double scale = 1.0) const {
    const std::size_t c = column(name);
    std::vector<Cell> out;
    for (const auto& row : rows) {
      if (row[c].empty()) {
        out.emplace_back();
      } else {
        out.emplace_back(scale == 1.0 ? std::stod(row[c]) : std::round(std::stod(row[c]) * scale));
      }
    }
    return out;
  }
};

Csv readCsv(const std::string& path) {
  std::ifstream in(path);
  Csv csv;
  std::string line;
  std::getline(in, line);
  csv.header = test::csvCells(line);
  while (std::getline(in, line)) csv.rows.push_back(test::csvCells(line));
  return csv;
}

std::vector<double> filled(const std::vector<Cell>& column) {
  std::vector<double> out;
  for (const Cell& c : column) out.push_back(c.value());
  return out;
}

// ---- the naive reference: index i is the i-th bar (0-based); nullopt while warming up ----

std::vector<double> trueRanges(const std::vector<double>& h, const std::vector<double>& l, const std::vector<double>& c) {
  std::vector<double> tr(h.size());
  for (std::size_t i = 0; i < h.size(); ++i) {
    tr[i] = i == 0 ? h[i] - l[i] : std::max(h[i], c[i - 1]) - std::min(l[i], c[i - 1]);
  }
  return tr;
}

/// Wilder's ATR: the mean of the first N true ranges (the first bar's is high - low), then
/// ATR = (ATR x (N - 1) + TR) / N.
std::vector<Cell> atr(const std::vector<double>& h, const std::vector<double>& l, const std::vector<double>& c,
                      std::size_t n) {
  const std::vector<double> tr = trueRanges(h, l, c);
  std::vector<Cell> out(h.size());
  for (std::size_t i = n - 1; i < h.size(); ++i) {
    if (i == n - 1) {
      double sum = 0;
      for (std::size_t k = 0; k < n; ++k) sum += tr[k];
      out[i] = sum / static_cast<double>(n);
    } else {
      out[i] = (*out[i - 1] * static_cast<double>(n - 1) + tr[i]) / static_cast<double>(n);
    }
  }
  return out;
}

struct AdxReference {
  std::vector<Cell> adx, plus_di, minus_di;
};

/// Wilder's DMI/ADX with TA-Lib's warm-up: TR, +DM, -DM from bar 2 on; their smoothed
/// values start as the mean of the first N (bars 2..N+1), so the DIs exist from bar N+1;
/// the ADX starts as the mean of the first N DX, so it exists from bar 2N.
AdxReference adx(const std::vector<double>& h, const std::vector<double>& l, const std::vector<double>& c,
                 std::size_t n) {
  const std::size_t size = h.size();
  const double nn = static_cast<double>(n);
  std::vector<double> tr(size), pdm(size), mdm(size);
  for (std::size_t i = 1; i < size; ++i) {
    tr[i] = std::max(h[i], c[i - 1]) - std::min(l[i], c[i - 1]);
    const double up = h[i] - h[i - 1];
    const double down = l[i - 1] - l[i];
    pdm[i] = (up > down && up > 0) ? up : 0;
    mdm[i] = (down > up && down > 0) ? down : 0;
  }
  AdxReference out{std::vector<Cell>(size), std::vector<Cell>(size), std::vector<Cell>(size)};
  std::vector<double> str(size), spdm(size), smdm(size), dx(size);
  for (std::size_t i = n; i < size; ++i) {
    if (i == n) {
      double a = 0, b = 0, d = 0;
      for (std::size_t k = 1; k <= n; ++k) {
        a += tr[k];
        b += pdm[k];
        d += mdm[k];
      }
      str[i] = a / nn;
      spdm[i] = b / nn;
      smdm[i] = d / nn;
    } else {
      str[i] = (str[i - 1] * (nn - 1) + tr[i]) / nn;
      spdm[i] = (spdm[i - 1] * (nn - 1) + pdm[i]) / nn;
      smdm[i] = (smdm[i - 1] * (nn - 1) + mdm[i]) / nn;
    }
    const double p = str[i] > 0 ? 100 * spdm[i] / str[i] : 0;
    const double m = str[i] > 0 ? 100 * smdm[i] / str[i] : 0;
    out.plus_di[i] = p;
    out.minus_di[i] = m;
    dx[i] = p + m > 0 ? 100 * std::abs(p - m) / (p + m) : 0;
  }
  for (std::size_t i = 2 * n - 1; i < size; ++i) {
    if (i == 2 * n - 1) {
      double sum = 0;
      for (std::size_t k = n; k <= 2 * n - 1; ++k) sum += dx[k];
      out.adx[i] = sum / nn;
    } else {
      out.adx[i] = (*out.adx[i - 1] * (nn - 1) + dx[i]) / nn;
    }
  }
  return out;
}

/// ROC = 100 x (close - close L bars ago) / close L bars ago.
std::vector<Cell> roc(const std::vector<double>& c, std::size_t length) {
  std::vector<Cell> out(c.size());
  for (std::size_t i = length; i < c.size(); ++i) out[i] = 100 * (c[i] - c[i - length]) / c[i - length];
  return out;
}

/// Bar volume / mean volume of the previous N bars (0 when they traded nothing).
std::vector<Cell> relativeVolume(const std::vector<double>& v, std::size_t n) {
  std::vector<Cell> out(v.size());
  for (std::size_t i = n; i < v.size(); ++i) {
    double sum = 0;
    for (std::size_t k = i - n; k < i; ++k) sum += v[k];
    out[i] = sum > 0 ? v[i] / (sum / static_cast<double>(n)) : 0;
  }
  return out;
}

/// (volume - mean) / population deviation over the last N bars, this one included; 0 when
/// the N volumes are all equal.
std::vector<Cell> volumeZScore(const std::vector<double>& v, std::size_t n) {
  std::vector<Cell> out(v.size());
  for (std::size_t i = n - 1; i < v.size(); ++i) {
    double sum = 0;
    bool all_equal = true;
    for (std::size_t k = i + 1 - n; k <= i; ++k) {
      sum += v[k];
      all_equal = all_equal && v[k] == v[i];
    }
    const double mean = sum / static_cast<double>(n);
    double squares = 0;
    for (std::size_t k = i + 1 - n; k <= i; ++k) squares += (v[k] - mean) * (v[k] - mean);
    out[i] = all_equal ? 0 : (v[i] - mean) / std::sqrt(squares / static_cast<double>(n));
  }
  return out;
}

/// Granville: + volume on an up close, - on a down close, from 0 at the first bar.
std::vector<Cell> onBalanceVolume(const std::vector<double>& c, const std::vector<double>& v) {
  std::vector<Cell> out(c.size());
  double obv = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i > 0 && c[i] > c[i - 1]) obv += v[i];
    if (i > 0 && c[i] < c[i - 1]) obv -= v[i];
    out[i] = obv;
  }
  return out;
}

/// Every cell of `column` against the reference: empty exactly where it is, else within
/// relative + absolute. Returns the number of cells compared with a value.
std::size_t expectColumn(const Csv& csv, const std::string& name, const std::vector<Cell>& reference, double relative,
                         double absolute, double scale = 1.0) {
  const std::vector<Cell> got = csv.values(name, scale);
  EXPECT_EQ(got.size(), reference.size());
  std::size_t compared = 0, wrong = 0;
  double worst = 0, worst_absolute = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (got[i].has_value() != reference[i].has_value()) {
      if (++wrong <= 3) ADD_FAILURE() << name << " row " << i << ": filled " << got[i].has_value() << ", reference "
                                      << reference[i].has_value();
      continue;
    }
    if (!got[i]) continue;
    ++compared;
    const double gap = std::abs(*got[i] - *reference[i]);
    worst = std::max(worst, gap / std::max(std::abs(*reference[i]), 1e-300));
    worst_absolute = std::max(worst_absolute, gap);
    if (gap > relative * std::abs(*reference[i]) + absolute && ++wrong <= 3) {
      ADD_FAILURE() << name << " row " << i << ": " << *got[i] << " vs reference " << *reference[i];
    }
  }
  EXPECT_EQ(wrong, 0u) << name;
  std::cout << name << ": " << compared << " cells, worst gap " << worst << " relative, " << worst_absolute
            << (scale == 1.0 ? "" : " x 1e-8") << " absolute\n";
  return compared;
}

class IndicatorCsvRealCaptureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Per process: ctest runs each case as its own process, in parallel.
    const auto dir = std::filesystem::temp_directory_path() / ("bw-indicator-csv-real-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    tools::IndicatorsArgs args;
    args.captures = {std::string(BW_DATA_DIR) + "/binance-spot-btcusdt-20240808.jsonl.gz"};
    args.csv_path = (dir / "btcusdt-1s.csv").string();
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(tools::indicatorsCommand(args, out, err), 0) << err.str();
    csv_ = new Csv(readCsv(args.csv_path));
    std::filesystem::remove_all(dir);
  }
  static void TearDownTestSuite() {
    delete csv_;
    csv_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(csv_, nullptr);
    ASSERT_GT(csv_->rows.size(), 300u) << "about six minutes of 1s bars";
    high_ = filled(csv_->values("high", 1e8));
    low_ = filled(csv_->values("low", 1e8));
    close_ = filled(csv_->values("close", 1e8));
    volume_ = filled(csv_->values("volume", 1e8));
  }

  static Csv* csv_;
  std::vector<double> high_, low_, close_, volume_;  // 1e-8 units
};

Csv* IndicatorCsvRealCaptureTest::csv_ = nullptr;

TEST_F(IndicatorCsvRealCaptureTest, atrMatchesANaiveWilderAtr) {
  EXPECT_GT(expectColumn(*csv_, "atr14", atr(high_, low_, close_, 14), 1e-9, 14, 1e8), 300u);
}

TEST_F(IndicatorCsvRealCaptureTest, adxAndDirectionalIndicatorsMatchANaiveWilderDmi) {
  const AdxReference ref = adx(high_, low_, close_, 14);
  EXPECT_GT(expectColumn(*csv_, "plus_di14", ref.plus_di, 1e-9, 1e-9), 300u);
  EXPECT_GT(expectColumn(*csv_, "minus_di14", ref.minus_di, 1e-9, 1e-9), 300u);
  EXPECT_GT(expectColumn(*csv_, "adx14", ref.adx, 1e-9, 1e-9), 300u);
}

TEST_F(IndicatorCsvRealCaptureTest, rocMatchesTheDefinitionAtEachLength) {
  for (const std::size_t length : {5u, 10u, 20u}) {
    EXPECT_GT(expectColumn(*csv_, "roc" + std::to_string(length), roc(close_, length), 1e-9, 1e-9), 300u);
  }
}

TEST_F(IndicatorCsvRealCaptureTest, volumeIndicatorsMatchTheirDefinitions) {
  EXPECT_GT(expectColumn(*csv_, "rvol20", relativeVolume(volume_, 20), 1e-9, 1e-9), 300u);
  EXPECT_GT(expectColumn(*csv_, "volz20", volumeZScore(volume_, 20), 1e-9, 1e-9), 300u);
  EXPECT_GT(expectColumn(*csv_, "obv", onBalanceVolume(close_, volume_), 1e-12, 0.5, 1e8), 300u);
  for (const Cell& imbalance : csv_->values("imbalance")) {
    ASSERT_TRUE(imbalance.has_value());
    ASSERT_LE(std::abs(*imbalance), 1.0);
  }
}

TEST_F(IndicatorCsvRealCaptureTest, vwapsLieWithinThePricesTradedInTheirWindow) {
  const std::vector<Cell> session = csv_->values("vwap", 1e8);
  const std::vector<Cell> rolling = csv_->values("vwap20", 1e8);
  double session_low = INFINITY, session_high = -INFINITY;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < close_.size(); ++i) {
    if (volume_[i] > 0) {
      session_low = std::min(session_low, low_[i]);
      session_high = std::max(session_high, high_[i]);
    }
    ASSERT_EQ(session[i].has_value(), session_low <= session_high) << "row " << i;
    if (session[i]) {  // - 1: the VWAP is truncated to 1e-8
      ASSERT_GE(*session[i], session_low - 1) << "row " << i;
      ASSERT_LE(*session[i], session_high) << "row " << i;
    }
    double low = INFINITY, high = -INFINITY;
    for (std::size_t k = i + 1 >= 20 ? i + 1 - 20 : 0; k <= i && i + 1 >= 20; ++k) {
      if (volume_[k] > 0) {
        low = std::min(low, low_[k]);
        high = std::max(high, high_[k]);
      }
    }
    ASSERT_EQ(rolling[i].has_value(), low <= high) << "row " << i;
    if (rolling[i]) {
      ++checked;
      ASSERT_GE(*rolling[i], low - 1) << "row " << i;
      ASSERT_LE(*rolling[i], high) << "row " << i;
    }
  }
  EXPECT_GT(checked, 300u);
}

TEST_F(IndicatorCsvRealCaptureTest, tsIsTheBarOpenOneIntervalApart) {
  const std::vector<Cell> ts = csv_->values("ts");
  for (std::size_t i = 1; i < ts.size(); ++i) ASSERT_EQ(*ts[i] - *ts[i - 1], 1'000.0) << "row " << i;
  EXPECT_EQ(std::fmod(*ts[0], 1'000.0), 0.0);
}

}  // namespace
}  // namespace bw::indicators
