#pragma once
// `breakwater capture convert IN... OUT`: reads captures of any format (openCapture
// chooses by content), merges them by receive time, writes one binary capture
// (feed/BinaryCaptureFormat.h), and prints what it wrote and what it refused, by kind.

#include <ostream>
#include <string>
#include <vector>

namespace bw::tools {

/// Returns 0 when written (refused lines are counted and printed, not fatal), 2 when an
/// input cannot be opened or read or OUT is one of the inputs, 1 when OUT cannot be
/// written. Cold path.
int captureConvertCommand(const std::vector<std::string>& inputs, const std::string& out_path, std::ostream& out,
                          std::ostream& err);

}  // namespace bw::tools
