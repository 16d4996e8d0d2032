#include "strategy/indicators/Adx.h"

#include <stdexcept>

#include "strategy/indicators/Atr.h"

namespace bw::indicators {

Adx::Adx(std::uint32_t length)
    : name_("adx", length),
      plus_name_("plus_di", length),
      minus_name_("minus_di", length),
      length_(length),
      n_(static_cast<double>(length)) {
  if (length == 0) throw std::invalid_argument("ADX length must be at least 1");
}

void Adx::onBar(const feed::Bar& bar) noexcept {
  ++bars_;
  const std::int64_t up = bar.high.raw - previous_high_.raw;
  const std::int64_t down = previous_low_.raw - bar.low.raw;
  const std::int64_t true_range = trueRange(bar, previous_close_);
  previous_high_ = bar.high;
  previous_low_ = bar.low;
  previous_close_ = bar.close;
  if (bars_ == 1) return;  // directional movement needs a previous bar

  const auto plus_dm = static_cast<double>(up > down && up > 0 ? up : 0);
  const auto minus_dm = static_cast<double>(down > up && down > 0 ? down : 0);
  const auto tr = static_cast<double>(true_range);

  const std::int64_t movements = bars_ - 1;  // bars 2.. carry one each
  if (movements < length_) {
    tr_ += tr;
    plus_dm_ += plus_dm;
    minus_dm_ += minus_dm;
    return;
  }
  if (movements == length_) {  // seed: the means of the first N
    tr_ = (tr_ + tr) / n_;
    plus_dm_ = (plus_dm_ + plus_dm) / n_;
    minus_dm_ = (minus_dm_ + minus_dm) / n_;
  } else {
    tr_ = (tr_ * (n_ - 1.0) + tr) / n_;
    plus_dm_ = (plus_dm_ * (n_ - 1.0) + plus_dm) / n_;
    minus_dm_ = (minus_dm_ * (n_ - 1.0) + minus_dm) / n_;
  }
  plus_di_ = tr_ > 0.0 ? 100.0 * plus_dm_ / tr_ : 0.0;
  minus_di_ = tr_ > 0.0 ? 100.0 * minus_dm_ / tr_ : 0.0;
  const double di_sum = plus_di_ + minus_di_;
  const double di_gap = plus_di_ > minus_di_ ? plus_di_ - minus_di_ : minus_di_ - plus_di_;
  dx_ = di_sum > 0.0 ? 100.0 * di_gap / di_sum : 0.0;

  ++dx_count_;
  if (dx_count_ < length_) {
    adx_ += dx_;
  } else if (dx_count_ == length_) {
    adx_ = (adx_ + dx_) / n_;
  } else {
    adx_ = (adx_ * (n_ - 1.0) + dx_) / n_;
  }
}

}  // namespace bw::indicators
