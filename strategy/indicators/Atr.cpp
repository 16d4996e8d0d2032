#include "strategy/indicators/Atr.h"

#include <stdexcept>

namespace bw::indicators {

Atr::Atr(std::uint32_t length) : name_("atr", length), length_(length), by_length_(length == 0 ? 1 : length) {
  if (length == 0) throw std::invalid_argument("ATR length must be at least 1");
}

}  // namespace bw::indicators
