#include "tools/CertCommand.h"

#include <fstream>

#include "core/Config.h"
#include "tools/CertReport.h"
#include "tools/CertScenarios.h"

namespace bw::tools {
namespace {

bool writeFile(const std::string& path, const std::string& text, const Io& io) {
  std::ofstream out(path);
  out << text;
  if (!out) {
    io.err << "breakwater cert: cannot write " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

int certCommand(const CertArgs& args, const Io& io) {
  const Config config = args.config_path.empty() ? Config{} : loadConfig(args.config_path);
  CertOptions o;
  o.session.endpoint.host = args.host;
  o.session.endpoint.port = static_cast<std::uint16_t>(args.port);
  o.session.endpoint.sender_comp_id = config.fix.sender_comp_id;
  o.session.endpoint.target_comp_id = config.fix.target_comp_id;
  o.session.endpoint.heartbeat_s = config.fix.heartbeat_s;
  o.session.reset_on_logon = config.fix.reset_on_logon;
  o.session.use_data_dictionary = config.fix.use_data_dictionary;
  o.session.data_dictionary = config.fix.data_dictionary;
  o.logon_timeout = std::chrono::milliseconds(config.fix.logon_timeout_ms);
  o.reply_timeout = std::chrono::milliseconds(args.timeout_ms);
  o.max_msgs_per_second = config.fix.max_msgs_per_second;
  o.symbol = args.symbol;
  o.price = args.price;
  o.qty = args.qty;
  o.latency_orders = args.orders;

  const CertRun run = runCertification(o);
  for (const ScenarioResult& r : run.scenarios) {
    io.out << (r.passed ? "PASS " : "FAIL ") << r.name << ": " << r.detail << "\n";
  }
  const auto us = [](std::int64_t ns) { return std::to_string(ns / 1'000); };
  io.out << "NewOrderSingle -> ack: p50 " << us(run.new_order_ack.p50_ns) << " us, p99 " << us(run.new_order_ack.p99_ns)
         << " us, max " << us(run.new_order_ack.max_ns) << " us (" << run.new_order_ack.samples << ")\n"
         << "cancel -> canceled:    p50 " << us(run.cancel_canceled.p50_ns) << " us, p99 "
         << us(run.cancel_canceled.p99_ns) << " us, max " << us(run.cancel_canceled.max_ns) << " us ("
         << run.cancel_canceled.samples << ")\n";
  const std::string stem = certReportStem(args.report);
  const bool written = writeFile(stem + ".json", certReportJson(run, o), io) &&
                       writeFile(stem + ".md", certReportMarkdown(run, o), io);
  if (written) io.out << "report written to " << stem << ".json and " << stem << ".md\n";
  return run.allPassed() && written ? 0 : 1;
}

}  // namespace bw::tools
