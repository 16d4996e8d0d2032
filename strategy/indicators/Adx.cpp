#include "strategy/indicators/Adx.h"

#include <stdexcept>


namespace bw::indicators {

Adx::Adx(std::uint32_t length)
    : name_("adx", length),
      plus_name_("plus_di", length),
      minus_name_("minus_di", length),
      length_(length),
      n_(static_cast<double>(length)),
      one_over_n_(1.0 / static_cast<double>(length == 0 ? 1 : length)) {
  if (length == 0) throw std::invalid_argument("ADX length must be at least 1");
}

}  // namespace bw::indicators
