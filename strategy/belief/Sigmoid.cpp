#include "strategy/belief/Sigmoid.h"

#include <cmath>

namespace bw::strategy::belief {

double exactSigmoid(double x) noexcept { return 1.0 / (1.0 + std::exp(-x)); }

const std::array<double, kSigmoidPoints> kSigmoidTable = [] {
  std::array<double, kSigmoidPoints> table{};
  for (std::size_t k = 0; k < kSigmoidPoints; ++k) {
    table[k] = exactSigmoid(-kSigmoidRange + static_cast<double>(k) / kSigmoidStepsPerUnit);
  }
  return table;
}();

}  // namespace bw::strategy::belief
