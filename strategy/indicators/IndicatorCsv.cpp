#include "strategy/indicators/IndicatorCsv.h"

#include <array>
#include <charconv>

#include "core/Decimal.h"

namespace bw::indicators {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

/// Calls visit(name, ready, value) for every indicator column, in column order: the one
/// list both the header and the rows are written from, so they cannot disagree.
template <typename Visit>
void forEachIndicator(const BarIndicatorSet& s, Visit&& visit) {
  visit(s.session_vwap.name(), s.session_vwap.ready(), s.session_vwap.value());
  visit(s.rolling_vwap.name(), s.rolling_vwap.ready(), s.rolling_vwap.value());
  visit(s.atr.name(), s.atr.ready(), s.atr.value());
  for (const RateOfChange& r : s.roc) visit(r.name(), r.ready(), r.value());
  visit(s.relative_volume.name(), s.relative_volume.ready(), s.relative_volume.value());
  visit(s.volume_zscore.name(), s.volume_zscore.ready(), s.volume_zscore.value());
  visit(s.imbalance.name(), s.imbalance.ready(), s.imbalance.value());
  visit(s.obv.name(), s.obv.ready(), s.obv.value());
  visit(s.adx.name(), s.adx.ready(), s.adx.value());
  visit(s.adx.plusDiName(), s.adx.diReady(), s.adx.plusDi());
  visit(s.adx.minusDiName(), s.adx.diReady(), s.adx.minusDi());
  visit(s.vol_regime.name(), s.vol_regime.ready(), s.vol_regime.value());
}

void appendCell(std::string& line, Price p) { line += formatDecimal(p.raw); }
void appendCell(std::string& line, Qty q) { line += formatDecimal(q.raw); }
void appendCell(std::string& line, VolRegime r) { line += volRegimeName(r); }

void appendCell(std::string& line, double x) {
  std::array<char, 32> text{};  // the shortest round-trip form of a double is at most 24 characters
  const auto result = std::to_chars(text.data(), text.data() + text.size(), x);
  line.append(text.data(), result.ptr);
}

void appendCell(std::string& line, std::int64_t x) {
  std::array<char, 24> text{};
  const auto result = std::to_chars(text.data(), text.data() + text.size(), x);
  line.append(text.data(), result.ptr);
}

}  // namespace

IndicatorCsv::IndicatorCsv(std::ostream& out, const BarIndicatorLengths& lengths) : out_(out), indicators_(lengths) {
  line_ = "ts,open,high,low,close,volume";
  forEachIndicator(indicators_, [this](std::string_view name, bool, const auto&) {
    line_ += ',';
    line_ += name;
  });
  line_ += '\n';
  out_ << line_;
}

void IndicatorCsv::onBar(const feed::Bar& bar) {
  indicators_.onBar(bar);
  line_.clear();
  appendCell(line_, bar.start_ns / kNsPerMs);  // exact: time bars start on whole milliseconds
  for (const Price p : {bar.open, bar.high, bar.low, bar.close}) {
    line_ += ',';
    appendCell(line_, p);
  }
  line_ += ',';
  appendCell(line_, bar.volume);
  forEachIndicator(indicators_, [this](std::string_view, bool ready, const auto& value) {
    line_ += ',';
    if (ready) appendCell(line_, value);
  });
  line_ += '\n';
  out_ << line_;
  ++rows_;
}

}  // namespace bw::indicators
