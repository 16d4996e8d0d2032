#include "tools/CertReport.h"

#include "tools/JsonWriter.h"

namespace bw::tools {
namespace {

void latencyJson(JsonWriter& w, const char* name, const LatencyStats& s) {
  w.key(name).beginObject();
  w.field("samples", static_cast<std::uint64_t>(s.samples));
  w.field("p50", s.p50_ns).field("p99", s.p99_ns).field("max", s.max_ns);
  w.endObject();
}

std::string micros(std::int64_t ns) {
  std::string out = std::to_string(ns / 1'000);
  out += '.';
  out += std::to_string(ns % 1'000 / 100);
  return out;
}

void latencyRow(std::string& md, const char* name, const LatencyStats& s) {
  md += "| ";
  md += name;
  md += " | ";
  md += std::to_string(s.samples);
  md += " | ";
  md += micros(s.p50_ns);
  md += " | ";
  md += micros(s.p99_ns);
  md += " | ";
  md += micros(s.max_ns);
  md += " |\n";
}

/// A table cell: no line breaks, no column separators.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::size_t passedCount(const CertRun& run) {
  std::size_t n = 0;
  for (const ScenarioResult& r : run.scenarios) n += r.passed ? 1 : 0;
  return n;
}

}  // namespace

std::string certReportJson(const CertRun& run, const CertOptions& o) {
  JsonWriter w;
  const fix::FixEndpoint& e = o.session.endpoint;
  const std::size_t passed = passedCount(run);
  w.beginObject().field("tool", "breakwater cert");
  w.key("target").beginObject();
  w.field("host", e.host).field("port", static_cast<int>(e.port));
  w.field("sender_comp_id", e.sender_comp_id).field("target_comp_id", e.target_comp_id);
  w.field("heartbeat_s", e.heartbeat_s).field("reset_on_logon", o.session.reset_on_logon);
  w.field("use_data_dictionary", o.session.use_data_dictionary);
  w.field("max_msgs_per_second", o.max_msgs_per_second);
  w.endObject();
  w.field("passed", static_cast<std::uint64_t>(passed));
  w.field("failed", static_cast<std::uint64_t>(run.scenarios.size() - passed));
  w.field("result", run.allPassed() ? "pass" : "fail");
  w.key("scenarios").beginArray();
  for (const ScenarioResult& r : run.scenarios) {
    w.beginObject().field("name", r.name).field("result", r.passed ? "pass" : "fail");
    w.field("detail", r.detail).field("duration_ms", r.duration_ms).endObject();
  }
  w.endArray();
  w.key("latency_ns").beginObject();
  latencyJson(w, "new_order_ack", run.new_order_ack);
  latencyJson(w, "cancel_canceled", run.cancel_canceled);
  latencyJson(w, "test_request_heartbeat", run.test_request);
  w.endObject();
  w.field("clock", "rdtsc, calibrated against CLOCK_MONOTONIC");
  w.endObject();
  std::string out = w.str();
  out += '\n';
  return out;
}

std::string certReportMarkdown(const CertRun& run, const CertOptions& o) {
  const fix::FixEndpoint& e = o.session.endpoint;
  std::string md = "# FIX 4.4 certification: ";
  md += e.host;
  md += ':';
  md += std::to_string(e.port);
  md += "\n\n";
  md += e.sender_comp_id;
  md += " -> ";
  md += e.target_comp_id;
  md += ", HeartBtInt ";
  md += std::to_string(e.heartbeat_s);
  md += " s, reset on logon ";
  md += o.session.reset_on_logon ? "on" : "off";
  md += ", data dictionary ";
  md += o.session.use_data_dictionary ? o.session.data_dictionary : std::string("off");
  md += ", throttle ";
  md += std::to_string(o.max_msgs_per_second);
  md += " msg/s.\n\n**";
  md += std::to_string(passedCount(run));
  md += " of ";
  md += std::to_string(run.scenarios.size());
  md += " scenarios passed.**\n\n| scenario | result | ms | detail |\n|---|---|---|---|\n";
  for (const ScenarioResult& r : run.scenarios) {
    md += "| ";
    md += r.name;
    md += r.passed ? " | pass | " : " | **fail** | ";
    md += std::to_string(r.duration_ms);
    md += " | ";
    md += cell(r.detail);
    md += " |\n";
  }
  md += "\n## Round trips (us, rdtsc)\n\n| round trip | samples | p50 | p99 | max |\n|---|---|---|---|---|\n";
  latencyRow(md, "NewOrderSingle -> ack", run.new_order_ack);
  latencyRow(md, "OrderCancelRequest -> canceled", run.cancel_canceled);
  latencyRow(md, "TestRequest -> Heartbeat", run.test_request);
  return md;
}

std::string certReportStem(const std::string& report_arg) {
  for (const char* ext : {".json", ".md"}) {
    const std::string suffix = ext;
    if (report_arg.size() > suffix.size() &&
        report_arg.compare(report_arg.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return report_arg.substr(0, report_arg.size() - suffix.size());
    }
  }
  return report_arg;
}

}  // namespace bw::tools
