#include "pipeline/LatencyReport.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bw::pipeline {
namespace {

// Plot area inside a 900 x 480 picture; the legend sits to the right of it.
constexpr double kWidth = 900, kHeight = 480;
constexpr double kLeft = 70, kTop = 40, kPlotWidth = 600, kPlotHeight = 380;
// As many as the replay draws (eight stages and the spin floor), so no two curves share one.
constexpr const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
                                    "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

const char* colour(std::size_t i) { return kColours[i % (sizeof kColours / sizeof kColours[0])]; }

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

/// A log10 axis over [lo, hi] (powers of ten around the data).
struct LogAxis {
  double lo = 1, hi = 10;
  [[nodiscard]] double at(double v, double length) const {
    const double clamped = std::clamp(v, lo, hi);
    return (std::log10(clamped) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) * length;
  }
};

LogAxis nanosecondAxis(std::uint64_t smallest, std::uint64_t largest) {
  LogAxis a;
  a.lo = std::pow(10.0, std::floor(std::log10(static_cast<double>(std::max<std::uint64_t>(smallest, 1)))));
  a.hi = std::pow(10.0, std::ceil(std::log10(static_cast<double>(std::max<std::uint64_t>(largest, 10)))));
  if (a.hi <= a.lo) a.hi = a.lo * 10;
  return a;
}

std::string nsLabel(double ns) {
  std::ostringstream o;
  if (ns >= 1e6) o << ns / 1e6 << " ms";
  else if (ns >= 1e3) o << ns / 1e3 << " us";
  else o << ns << " ns";
  return o.str();
}

void header(std::ostringstream& o, const std::string& title, const std::string& caption) {
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
    << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    << "<text x=\"" << kLeft << "\" y=\"20\" font-size=\"15\">" << escaped(title) << "</text>\n"
    << "<text x=\"" << kLeft << "\" y=\"" << kHeight - 8 << "\" fill=\"#555\">" << escaped(caption) << "</text>\n"
    << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << kPlotWidth << "\" height=\"" << kPlotHeight
    << "\" fill=\"none\" stroke=\"#999\"/>\n";
}

/// Horizontal grid and labels of a latency axis drawn upwards (y).
void latencyGridY(std::ostringstream& o, const LogAxis& y) {
  for (double v = y.lo; v <= y.hi * 1.0001; v *= 10) {
    const double py = kTop + kPlotHeight - y.at(v, kPlotHeight);
    o << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + kPlotWidth << "\" y1=\"" << py << "\" y2=\"" << py
      << "\" stroke=\"#eee\"/>\n<text x=\"" << kLeft - 6 << "\" y=\"" << py + 4 << "\" text-anchor=\"end\">"
      << nsLabel(v) << "</text>\n";
  }
}

void legend(std::ostringstream& o, const std::vector<NamedHistogram>& stages) {
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const double y = kTop + 14 + static_cast<double>(i) * 18;
    o << "<line x1=\"" << kLeft + kPlotWidth + 15 << "\" x2=\"" << kLeft + kPlotWidth + 35 << "\" y1=\"" << y - 4
      << "\" y2=\"" << y - 4 << "\" stroke=\"" << colour(i) << "\" stroke-width=\"2\"/>\n<text x=\""
      << kLeft + kPlotWidth + 40 << "\" y=\"" << y << "\">" << escaped(stages[i].name) << " ("
      << stages[i].histogram->count() << ")</text>\n";
  }
}

}  // namespace

std::string percentileCurvesSvg(const std::vector<NamedHistogram>& stages, const std::vector<FloorLine>& floors,
                                const std::string& caption) {
  constexpr double kNines = 5;  // x runs from p50 (1/(1-p) = 2) to 99.999% (1e5)
  std::uint64_t smallest = UINT64_MAX, largest = 1;
  for (const NamedHistogram& s : stages) {
    if (s.histogram->count() == 0) continue;
    smallest = std::min(smallest, std::max<std::uint64_t>(s.histogram->percentile(0.5), 1));
    largest = std::max(largest, s.histogram->max());
  }
  for (const FloorLine& f : floors) smallest = std::min(smallest, std::max<std::uint64_t>(f.second, 1));
  const LogAxis y = nanosecondAxis(smallest == UINT64_MAX ? 1 : smallest, largest);
  const LogAxis x{2, std::pow(10.0, kNines)};
  std::ostringstream o;
  header(o, "Latency by percentile (every sample, no sampling)", caption);
  latencyGridY(o, y);
  const std::pair<double, const char*> ticks[] = {{2, "50%"}, {10, "90%"}, {100, "99%"}, {1e3, "99.9%"},
                                                  {1e4, "99.99%"}, {1e5, "99.999%"}};
  for (const auto& [at, label] : ticks) {
    const double px = kLeft + x.at(at, kPlotWidth);
    o << "<line x1=\"" << px << "\" x2=\"" << px << "\" y1=\"" << kTop << "\" y2=\"" << kTop + kPlotHeight
      << "\" stroke=\"#eee\"/>\n<text x=\"" << px << "\" y=\"" << kTop + kPlotHeight + 16
      << "\" text-anchor=\"middle\">" << label << "</text>\n";
  }
  for (const FloorLine& f : floors) {
    const double py = kTop + kPlotHeight - y.at(static_cast<double>(f.second), kPlotHeight);
    o << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + kPlotWidth << "\" y1=\"" << py << "\" y2=\"" << py
      << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n<text x=\"" << kLeft + 4 << "\" y=\"" << py - 3
      << "\" fill=\"#666\" font-size=\"10\">floor: " << escaped(f.first) << " p50</text>\n";
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const LatencyHistogram& h = *stages[i].histogram;
    if (h.count() == 0) continue;
    o << "<polyline fill=\"none\" stroke=\"" << colour(i) << "\" stroke-width=\"2\" points=\"";
    // 1/(1-p) from 2 to 1e5 in 60 log steps, stopping where the samples run out.
    for (int k = 0; k <= 60; ++k) {
      const double inverse = 2 * std::pow(10.0, (kNines - std::log10(2.0)) * k / 60);
      const double p = 1 - 1 / inverse;
      if (k > 0 && 1 / (1 - p) > static_cast<double>(h.count())) break;
      const double px = kLeft + x.at(inverse, kPlotWidth);
      const double py = kTop + kPlotHeight - y.at(static_cast<double>(h.percentile(p)), kPlotHeight);
      o << px << "," << py << " ";
    }
    o << "\"/>\n";
  }
  legend(o, stages);
  o << "</svg>\n";
  return o.str();
}

std::string histogramSvg(const std::vector<NamedHistogram>& stages, const std::string& caption) {
  std::uint64_t largest = 10;
  for (const NamedHistogram& s : stages) largest = std::max(largest, s.histogram->max());
  const LogAxis x = nanosecondAxis(10, largest);
  // Bands of a quarter octave: buckets above the linear range come 32 to an octave.
  constexpr std::size_t kPerBand = 8;
  std::vector<std::vector<std::pair<double, double>>> lines(stages.size());
  double top = 0;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const LatencyHistogram& h = *stages[i].histogram;
    if (h.count() == 0) continue;
    std::uint64_t band = 0;
    for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) {
      band += h.bucketCount(b);
      const bool band_end = b < LatencyHistogram::kLinearLimit ? (b + 1) % kPerBand == 0
                                                               : (b - LatencyHistogram::kLinearLimit + 1) % kPerBand == 0;
      if (!band_end) continue;
      const double share = 100.0 * static_cast<double>(band) / static_cast<double>(h.count());
      const double upper = static_cast<double>(LatencyHistogram::upperBoundOf(b));
      if (upper >= x.lo) lines[i].push_back({upper, share});
      top = std::max(top, share);
      band = 0;
      if (upper > static_cast<double>(h.max())) break;
    }
  }
  top = top <= 0 ? 1 : std::ceil(top / 10) * 10;
  std::ostringstream o;
  header(o, "Latency histogram (share of samples per quarter-octave band)", caption);
  for (double v = x.lo; v <= x.hi * 1.0001; v *= 10) {
    const double px = kLeft + x.at(v, kPlotWidth);
    o << "<line x1=\"" << px << "\" x2=\"" << px << "\" y1=\"" << kTop << "\" y2=\"" << kTop + kPlotHeight
      << "\" stroke=\"#eee\"/>\n<text x=\"" << px << "\" y=\"" << kTop + kPlotHeight + 16
      << "\" text-anchor=\"middle\">" << nsLabel(v) << "</text>\n";
  }
  for (int k = 0; k <= 4; ++k) {
    const double py = kTop + kPlotHeight - kPlotHeight * k / 4;
    o << "<text x=\"" << kLeft - 6 << "\" y=\"" << py + 4 << "\" text-anchor=\"end\">" << top * k / 4 << "%</text>\n";
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (lines[i].empty()) continue;
    o << "<polyline fill=\"none\" stroke=\"" << colour(i) << "\" stroke-width=\"2\" points=\"";
    for (const auto& [upper, share] : lines[i]) {
      o << kLeft + x.at(upper, kPlotWidth) << "," << kTop + kPlotHeight - kPlotHeight * share / top << " ";
    }
    o << "\"/>\n";
  }
  legend(o, stages);
  o << "</svg>\n";
  return o.str();
}

void writeLatencyReport(const std::string& dir, const std::vector<NamedHistogram>& stages,
                        const std::vector<FloorLine>& floors, const std::string& caption) {
  std::filesystem::create_directories(dir);
  const auto write = [&dir](const char* name, const std::string& svg) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    std::ofstream out(path);
    out << svg;
    if (!out) throw std::runtime_error("cannot write latency report " + path);
  };
  write("percentiles.svg", percentileCurvesSvg(stages, floors, caption));
  write("histogram.svg", histogramSvg(stages, caption));
}

}  // namespace bw::pipeline
