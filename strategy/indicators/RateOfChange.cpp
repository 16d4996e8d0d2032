#include "strategy/indicators/RateOfChange.h"

namespace bw::indicators {

RateOfChange::RateOfChange(std::uint32_t length) : name_("roc", length), closes_(length) {}

}  // namespace bw::indicators
