#pragma once
// The latency report's pictures (issue 7): plain SVG, written by `breakwater replay
// --latency-report DIR`, readable in any browser and in the README.
//
//   percentiles.svg  one percentile curve per stage: x is the percentile on the usual
//                    HDR scale (50%, 90%, 99%, 99.9%, 99.99%: equal steps of 1/(1-p)), y the
//                    latency on a log scale; the floors' p50 as dashed lines
//   histogram.svg    one line per stage: the share of its samples per latency band (four
//                    bands per power of two), latency on a log scale
//
// Cold path: builds strings, allocates.

#include <string>
#include <utility>
#include <vector>

#include "core/LatencyHistogram.h"

namespace bw::pipeline {

struct NamedHistogram {
  std::string name;
  const LatencyHistogram* histogram = nullptr;
};

/// A horizontal reference line: a floor's name and its p50 (ns).
using FloorLine = std::pair<std::string, std::uint64_t>;

[[nodiscard]] std::string percentileCurvesSvg(const std::vector<NamedHistogram>& stages,
                                              const std::vector<FloorLine>& floors, const std::string& caption);
[[nodiscard]] std::string histogramSvg(const std::vector<NamedHistogram>& stages, const std::string& caption);

/// Writes DIR/percentiles.svg and DIR/histogram.svg (creates DIR). Throws
/// std::runtime_error naming the file it could not write.
void writeLatencyReport(const std::string& dir, const std::vector<NamedHistogram>& stages,
                        const std::vector<FloorLine>& floors, const std::string& caption);

}  // namespace bw::pipeline
