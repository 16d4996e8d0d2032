// `breakwater`: the operator's one binary. Subcommands map to ARCHITECTURE.md's table;
// this file only parses arguments and hands over to the libraries (the operator commands
// are in tools/OperatorCommands.h, the replay in pipeline/Replay.h).

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/Config.h"
#include "feed/MarketSimulator.h"
#include "pipeline/Replay.h"
#include "tools/CaptureCommand.h"
#include "tools/CertCommand.h"
#include "tools/IndicatorsCommand.h"
#include "tools/OperatorCommands.h"
#include "tools/RunCommand.h"
#include "tools/ServeCommand.h"
#include "tools/StopSignal.h"
#include "tools/VenueCommand.h"
#ifdef BW_OPERATOR_HAVE_JOURNAL
#include "tools/JournalExportCommand.h"
#endif

namespace {

constexpr const char* kTokenEnv = "BREAKWATER_CONFIRM_TOKEN";

struct ReplayArgs {
  std::string config_path;
  std::string json_path;
  std::string speed = "max";
  std::string work_dir = "build/run";
  bool simulated = false;
  bool latency = false;
  std::string latency_report;
  std::string idle;   // empty: the config's [cores] idle keys
  std::string cores;  // empty: the config's [cores] feed, engine, order, helpers
  std::vector<std::string> captures;
  std::string instance;
  std::string state_dir;
  std::string confirm_token;  // never printed
  std::string journal_path;
  std::string compliance_csv;
};

/// "a,b,c" split at the commas.
std::vector<std::string> commaSeparated(const std::string& text) {
  std::vector<std::string> parts(1);
  for (const char c : text) {
    if (c == ',') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

/// --idle MODE (every pipeline thread) or FEED,ENGINE,ORDER. False: not such a list.
bool overrideIdle(const std::string& text, bw::CoresConfig& cores) {
  const std::vector<std::string> words = commaSeparated(text);
  if (words.size() != 1 && words.size() != 3) return false;
  bw::IdleMode modes[3];
  for (std::size_t i = 0; i < 3; ++i) {
    const auto mode = bw::idleModeNamed(words[words.size() == 1 ? 0 : i]);
    if (!mode) return false;
    modes[i] = *mode;
  }
  cores.feed_idle = modes[0];
  cores.engine_idle = modes[1];
  cores.order_idle = modes[2];
  return true;
}

/// --cores FEED,ENGINE,ORDER[,HELPERS]: core numbers, -1 for unpinned. False: not such a list.
bool overrideCores(const std::string& text, bw::CoresConfig& cores) {
  const std::vector<std::string> words = commaSeparated(text);
  if (words.size() != 3 && words.size() != 4) return false;
  int numbers[4] = {cores.feed, cores.engine, cores.order, cores.helpers};
  for (std::size_t i = 0; i < words.size(); ++i) {
    char* end = nullptr;
    const long n = std::strtol(words[i].c_str(), &end, 10);
    if (words[i].empty() || *end != '\0' || n < -1 || n > 1'023) return false;
    numbers[i] = static_cast<int>(n);
  }
  cores.feed = numbers[0];
  cores.engine = numbers[1];
  cores.order = numbers[2];
  cores.helpers = numbers[3];
  return true;
}

int runReplayCommand(const ReplayArgs& args) {
  bw::pipeline::ReplayOptions options;
  options.config = args.config_path.empty() ? bw::Config{} : bw::loadConfig(args.config_path);
  options.captures = args.captures;
  options.work_dir = args.work_dir;
  options.simulated_capture = args.simulated;
  options.latency_floors = args.latency || !args.latency_report.empty();
  options.latency_report_dir = args.latency_report;
  options.instance = args.instance;
  options.state_dir = args.state_dir;
  options.confirm_token = args.confirm_token;
  options.journal_path = args.journal_path;
  options.compliance_csv = args.compliance_csv;
  if (!args.idle.empty() && !overrideIdle(args.idle, options.config.cores)) {
    std::cerr << "breakwater replay: --idle must be one mode or three (feed,engine,order), each spin, yield or "
                 "backoff (got '"
              << args.idle << "')\n";
    return 2;
  }
  if (!args.cores.empty() && !overrideCores(args.cores, options.config.cores)) {
    std::cerr << "breakwater replay: --cores must be feed,engine,order[,helpers], each a core number or -1 (got '"
              << args.cores << "')\n";
    return 2;
  }
  if (args.speed != "max") {
    char* end = nullptr;
    options.speed = std::strtod(args.speed.c_str(), &end);
    if (end == args.speed.c_str() || *end != '\0' || !(options.speed > 0)) {
      std::cerr << "breakwater replay: --speed must be 'max' or a positive number (got '" << args.speed << "')\n";
      return 2;
    }
  }
  const bw::pipeline::ReplaySummary summary = bw::pipeline::runReplay(options);
  std::cout << bw::pipeline::toText(summary);
  if (!args.json_path.empty()) {
    std::ofstream out(args.json_path);
    if (!out) {
      std::cerr << "breakwater replay: cannot write " << args.json_path << "\n";
      return 1;
    }
    out << bw::pipeline::toJson(summary);
    std::cout << "summary written to " << args.json_path << "\n";
  }
  return 0;
}

int runSimulateCommand(const std::string& out_path, std::uint64_t seed, const std::string& symbol, int seconds) {
  bw::feed::SimulatorConfig config;
  config.seed = seed;
  config.symbol = symbol;
  config.seconds = seconds;
  const bw::feed::SimulatorStats stats = bw::feed::writeSimulatedCapture(out_path, config);
  std::cout << "simulated capture " << out_path << " (seed " << seed << ", " << symbol << ", " << seconds << " s, "
            << stats.lines << " lines, " << stats.trades << " trades)\n";
  return 0;
}

/// --instance NAME (required) and --state-dir D on an operator command. Subcommands of
/// `limits` and `gate` fall through to their parent's, so both orders work
/// (`breakwater limits set K V --instance X`, `breakwater limits --instance X set K V`).
void addInstanceOptions(CLI::App* cmd, bw::tools::InstanceArgs& target) {
  cmd->add_option("--instance", target.instance, "Instance name: its control block is <state dir>/NAME.ctl")
      ->required();
  cmd->add_option("--state-dir", target.state_dir,
                  "Control block folder (default: $BREAKWATER_STATE_DIR, else /var/tmp/breakwater)");
}

void addScopeOptions(CLI::App* cmd, bw::tools::ScopeArgs& scope) {
  CLI::Option* symbol = cmd->add_option("--symbol", scope.symbol, "Only this symbol's kill (e.g. BTCUSDT)");
  CLI::Option* strategy = cmd->add_option("--strategy", scope.strategy, "Only this strategy's kill (id 0-15)");
  symbol->excludes(strategy);
}

// The option tables of the commands that live in their own files (tools/*Command.h). They
// are here, not beside those commands, so that this is the one file that includes CLI11:
// its header costs 6 s of compile at -O3 in every file that includes it (machine A), in
// each of the three builds CI makes.
CLI::App* addRunCommand(CLI::App& app, bw::tools::RunArgs& args) {
  CLI::App* run = app.add_subcommand("run", "Live: the pipeline fed from TCP/UDP JSON-line sources");
  run->add_option("--config", args.config_path, "TOML config")->required()->check(CLI::ExistingFile);
  run->add_option("--tcp", args.tcp, "HOST:PORT of a TCP JSON-lines server (repeatable; reconnects)");
  run->add_option("--udp", args.udp, "GROUP:PORT of a multicast JSON-lines feed on loopback (repeatable)");
  run->add_option("--instance", args.instance,
                  "Share the control block <state dir>/NAME.ctl with the CLI (default: a private one)");
  run->add_option("--state-dir", args.state_dir,
                  "Control block folder (default: $BREAKWATER_STATE_DIR, else /var/tmp/breakwater)");
  run->add_option("--work-dir", args.work_dir, "Folder for FIX session files");
  run->add_option("--confirm-token", args.confirm_token,
                  "Live-gate confirm token, compared with [live] confirm_token (never logged)")
      ->envname("BREAKWATER_CONFIRM_TOKEN");
  run->add_option("--journal", args.journal_path, "Audit journal file (default: [journal] path, else <work dir>/journal.tsv)");
  run->add_option("--max-ticks", args.max_ticks, "End after this many ticks (default: no limit)");
  run->add_option("--duration", args.duration_s, "End after this many seconds (default: no limit)")
      ->check(CLI::NonNegativeNumber);
  run->add_option("--json", args.json_path, "Also write the summary as JSON to this file");
  return run;
}

CLI::App* addServeCommand(CLI::App& capture, bw::tools::ServeArgs& args) {
  CLI::App* serve = capture.add_subcommand("serve", "Serve capture lines over TCP or UDP multicast (demos, tests)");
  CLI::Option* tcp = serve->add_option("--tcp", args.tcp_port, "Listen on this TCP port; one client at a time")
                         ->check(CLI::Range(1, 65'535));
  CLI::Option* udp = serve->add_option("--udp", args.udp, "Send to multicast GROUP:PORT on loopback");
  tcp->excludes(udp);
  serve->add_option("--bind", args.bind, "TCP: local address to listen on (default 127.0.0.1)");
  serve->add_option("--speed", args.speed, "'max' (default) or N: paced at N x the capture's receive stamps");
  serve->add_option("captures", args.captures, "Capture files (gzip or plain)")->required()->check(CLI::ExistingFile);
  return serve;
}

CLI::App* addVenueCommand(CLI::App& app, bw::tools::VenueArgs& args) {
  CLI::App* venue = app.add_subcommand(
      "venue", "Run the built-in venue simulator as a FIX 4.4 acceptor until SIGINT/SIGTERM (for `breakwater cert`)");
  venue->add_option("--config", args.config_path, "TOML config whose [fix] comp ids to use (default: built-in)")
      ->check(CLI::ExistingFile);
  venue->add_option("--port", args.port, "Port to listen on; 0 picks a free one (printed)")
      ->required()
      ->check(CLI::Range(0, 65'535));
  return venue;
}

CLI::App* addCertCommand(CLI::App& app, bw::tools::CertArgs& args) {
  CLI::App* cert = app.add_subcommand(
      "cert", "Certification: scripted FIX 4.4 scenarios against an acceptor, a JSON and a Markdown report");
  cert->add_option("--host", args.host, "Acceptor host")->capture_default_str();
  cert->add_option("--port", args.port, "Acceptor port")->required()->check(CLI::Range(1, 65'535));
  cert->add_option("--config", args.config_path, "TOML config: its [fix] table sets the session (default: built-in)")
      ->check(CLI::ExistingFile);
  cert->add_option("--report", args.report, "Report stem: writes STEM.json and STEM.md")->capture_default_str();
  cert->add_option("--symbol", args.symbol, "Symbol the orders use")->capture_default_str();
  cert->add_option("--price", args.price, "Limit price of every order (far from the market: they must rest)")
      ->capture_default_str();
  cert->add_option("--qty", args.qty, "Quantity of every order")->capture_default_str();
  cert->add_option("--orders", args.orders, "Round trips measured for the latency percentiles")
      ->check(CLI::Range(1, 2'000))
      ->capture_default_str();
  cert->add_option("--timeout-ms", args.timeout_ms, "How long to wait for each reply")
      ->check(CLI::Range(50, 60'000))
      ->capture_default_str();
  return cert;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Breakwater: low-latency pre-trade risk core"};
  app.require_subcommand(1);

  // ---- replay ----
  ReplayArgs replay_args;
  CLI::App* replay = app.add_subcommand("replay", "Replay tick captures through the whole pipeline into the venue simulator");
  replay->add_option("--config", replay_args.config_path, "TOML config (default: built-in defaults)")
      ->check(CLI::ExistingFile);
  replay->add_option("--json", replay_args.json_path, "Also write the summary as JSON to this file");
  replay->add_option("--speed", replay_args.speed, "'max' (default) or N: paced at N x real time by receive stamps");
  replay->add_option("--work-dir", replay_args.work_dir, "Folder for FIX session files");
  replay->add_flag("--simulated", replay_args.simulated, "Mark the summary: the capture came from `breakwater simulate`");
  replay->add_flag("--latency", replay_args.latency,
                   "After the run, measure the latency floors (rdtsc, cache-line ping-pong, queue hops, simdjson, "
                   "QuickFIX's NewOrderSingle, 1 us and 5 us spins) on the engine's and order thread's cores: the summary's `floors`");
  replay->add_option("--latency-report", replay_args.latency_report,
                     "Write percentiles.svg and histogram.svg of every stage to this folder (implies --latency)");
  replay->add_option("--idle", replay_args.idle,
                     "How the pipeline threads wait, over [cores]: one of spin, yield (threads sharing a core), "
                     "backoff; or three, for feed,engine,order");
  replay->add_option("--cores", replay_args.cores,
                     "Cores over [cores]: feed,engine,order[,helpers] (helpers: the venue simulator, journal and "
                     "control threads); -1 leaves one unpinned");
  replay->add_option("--instance", replay_args.instance,
                     "Share the control block <state dir>/NAME.ctl with the CLI (default: a private one)");
  replay->add_option("--state-dir", replay_args.state_dir,
                     "Control block folder (default: $BREAKWATER_STATE_DIR, else /var/tmp/breakwater)");
  replay->add_option("--confirm-token", replay_args.confirm_token,
                     "Live-gate confirm token, compared with [live] confirm_token (never logged)")
      ->envname(kTokenEnv);
  replay->add_option("--journal", replay_args.journal_path,
                     "Audit journal file (default: [journal] path, else <work dir>/journal.tsv)");
  replay->add_option("--compliance-csv", replay_args.compliance_csv,
                     "After the run, write one row per order from the journal to this CSV");
  replay->add_option("captures", replay_args.captures,
                     "Capture files: Binance JSON lines (with or without receive-time prefix), tardis CSV, "
                     "Breakwater binary; gzip or plain")
      ->required()
      ->check(CLI::ExistingFile);

  // ---- run (live) and capture serve (a sender for it) ----
  bw::tools::RunArgs run_args;
  CLI::App* run = addRunCommand(app, run_args);
  CLI::App* capture_cmd = app.add_subcommand("capture", "Capture file commands");
  capture_cmd->require_subcommand(1);
  bw::tools::ServeArgs serve_args;
  CLI::App* serve = addServeCommand(*capture_cmd, serve_args);

  // ---- venue (the simulator as a standalone acceptor) ----
  bw::tools::VenueArgs venue_args;
  CLI::App* venue = addVenueCommand(app, venue_args);
  bw::tools::CertArgs cert_args;
  CLI::App* cert = addCertCommand(app, cert_args);

  // ---- config check ----
  CLI::App* config_cmd = app.add_subcommand("config", "Config commands");
  config_cmd->require_subcommand(1);
  std::string check_path;
  CLI::App* check = config_cmd->add_subcommand("check", "Validate a config and print every limit");
  check->add_option("file", check_path, "TOML config")->required();

  // ---- simulate ----
  std::string sim_out;
  std::uint64_t sim_seed = 42;
  std::string sim_symbol = "BTCUSDT";
  int sim_seconds = 600;
  CLI::App* simulate = app.add_subcommand("simulate", "Write a capture from the seeded market simulator");
  simulate->add_option("--out", sim_out, "Output file (.jsonl.gz)")->required();
  simulate->add_option("--seed", sim_seed, "Random seed");
  simulate->add_option("--symbol", sim_symbol, "Symbol (BTCUSDT or ETHUSDT)");
  simulate->add_option("--seconds", sim_seconds, "Length of market time")->check(CLI::Range(1, 86'400));

  // ---- capture convert ----
  std::vector<std::string> convert_files;
  CLI::App* convert = capture_cmd->add_subcommand("convert", "Merge captures (any format) by receive time into one binary capture");
  convert->add_option("files", convert_files, "IN... OUT: input captures, then the binary file to write")
      ->required()
      ->expected(2, -1);

  // ---- indicators: one CSV row per bar with every bar indicator ----
  bw::tools::IndicatorsArgs indicators_args;
  CLI::App* indicators_cmd = app.add_subcommand(
      "indicators", "Write one CSV row per time bar of one symbol: ts (bar open, epoch ms), OHLCV, every bar indicator");
  indicators_cmd->add_option("--bar", indicators_args.bar, "Bar interval: 500ms, 1s, 5m, 1h ([bars] syntax)")
      ->capture_default_str();
  indicators_cmd->add_option("--csv", indicators_args.csv_path, "Output CSV")->required();
  indicators_cmd->add_option("--config", indicators_args.config_path,
                             "Config whose [signals] lengths to use (default: the built-in ones)");
  indicators_cmd->add_option("--symbol", indicators_args.symbol,
                             "The symbol to write (required when the captures trade more than one)");
  indicators_cmd->add_option("captures", indicators_args.captures, "Capture files, any format (as replay)")
      ->required();

  // ---- operator commands on a running instance's control block ----
  // One set of argument variables: exactly one subcommand runs.
  bw::tools::InstanceArgs target;
  bw::tools::ScopeArgs scope;
  bool json = false;
  std::string reason;
  std::string by;
  std::string token;  // never printed

  CLI::App* status = app.add_subcommand("status", "Mode, gates, kill switches, limits, counters and usage of an instance");
  addInstanceOptions(status, target);
  status->add_flag("--json", json, "One JSON object");

  CLI::App* kill = app.add_subcommand("kill", "Trip the kill switch (global, one symbol's or one strategy's)");
  addInstanceOptions(kill, target);
  kill->add_option("--reason", reason, "Why (journaled)")->required();
  kill->add_option("--by", by, "Who (default: $USER)");
  addScopeOptions(kill, scope);

  CLI::App* reset = app.add_subcommand("reset", "Clear latched kills (all, and the forced DRY_RUN, or one scope)");
  addInstanceOptions(reset, target);
  reset->add_option("--confirm-token", token, "The instance's confirm token")->required();
  addScopeOptions(reset, scope);

  CLI::App* limits = app.add_subcommand("limits", "Show or change limits");
  limits->require_subcommand(1);
  addInstanceOptions(limits, target);
  CLI::App* limits_show = limits->add_subcommand("show", "Every live limit with unit and bounds, and the shadow set");
  limits_show->fallthrough();
  limits_show->add_flag("--json", json, "One JSON object");
  std::string limit_key;
  std::string limit_value;
  bool limit_shadow = false;
  CLI::App* limits_set = limits->add_subcommand("set", "Set one limit: tightening at once, loosening with the token");
  limits_set->fallthrough();
  limits_set->add_option("key", limit_key, "Limit name (see `breakwater limits show`)")->required();
  limits_set->add_option("value", limit_value, "New value in the limit's unit")->required();
  limits_set->add_option("--confirm-token", token, "Needed to loosen a live limit");
  limits_set->add_flag("--shadow", limit_shadow, "Set the shadow set's value instead (never blocks orders)");
  CLI::App* promote = limits->add_subcommand("promote-shadow", "Make the shadow limits live (token if any loosens)");
  promote->fallthrough();
  promote->add_option("--confirm-token", token, "Needed if any limit loosens");

  CLI::App* gate = app.add_subcommand("gate", "Each live-gate layer and its reason; `gate intent` sets the operator's");
  gate->require_subcommand(0, 1);
  addInstanceOptions(gate, target);
  gate->add_flag("--json", json, "One JSON object");
  std::string intent_mode;
  CLI::App* intent = gate->add_subcommand("intent", "Set the operator intent (layer 2): live needs the token");
  intent->fallthrough();
  intent->add_option("mode", intent_mode, "live or dry_run")->required();
  intent->add_option("--reason", reason, "Why (journaled)")->required();
  intent->add_option("--by", by, "Who (default: $USER)");
  intent->add_option("--confirm-token", token, "Needed for live");

  std::string state_name;
  CLI::App* state = app.add_subcommand("state", "Set the trading state: toward HALTED at once, back with the token");
  addInstanceOptions(state, target);
  state->add_option("state", state_name, "ACTIVE, REDUCING or HALTED")->required();
  state->add_option("--confirm-token", token, "Needed to move toward ACTIVE");

#ifdef BW_OPERATOR_HAVE_JOURNAL
  CLI::App* journal = app.add_subcommand("journal", "Audit journal commands");
  journal->require_subcommand(1);
  std::string export_csv;
  std::string export_journal;
  CLI::App* journal_export = journal->add_subcommand("export", "Write the compliance CSV (one row per order)");
  journal_export->add_option("--csv", export_csv, "Output CSV")->required();
  journal_export->add_option("journal", export_journal, "Journal file")->required();
#endif

  CLI11_PARSE(app, argc, argv);
  const bw::tools::Io io{std::cout, std::cerr};
  try {
    if (*replay) return runReplayCommand(replay_args);
    if (*run) return bw::tools::runCommand(run_args, io);
    if (*serve) return bw::tools::serveCommand(serve_args, io);
    if (*venue) return bw::tools::venueCommand(venue_args, bw::tools::installStopSignals(), io);
    if (*cert) return bw::tools::certCommand(cert_args, io);
    if (*check) return bw::tools::configCheckCommand(check_path, io);
    if (*simulate) return runSimulateCommand(sim_out, sim_seed, sim_symbol, sim_seconds);
    if (*convert) {
      const std::string out_path = convert_files.back();
      convert_files.pop_back();
      return bw::tools::captureConvertCommand(convert_files, out_path, std::cout, std::cerr);
    }
    if (*indicators_cmd) return bw::tools::indicatorsCommand(indicators_args, std::cout, std::cerr);
    if (*status) return bw::tools::statusCommand(target, json, io);
    if (*kill) return bw::tools::killCommand(target, scope, reason, by, io);
    if (*reset) return bw::tools::resetCommand(target, scope, token, io);
    if (*limits_show) return bw::tools::limitsShowCommand(target, json, io);
    if (*limits_set) return bw::tools::limitsSetCommand(target, limit_key, limit_value, token, limit_shadow, io);
    if (*promote) return bw::tools::limitsPromoteShadowCommand(target, token, io);
    if (*intent) return bw::tools::gateIntentCommand(target, intent_mode, reason, by, token, io);
    if (*gate) return bw::tools::gateShowCommand(target, json, io);
    if (*state) return bw::tools::stateCommand(target, state_name, token, io);
#ifdef BW_OPERATOR_HAVE_JOURNAL
    if (*journal_export) return bw::tools::journalExportCommand(export_journal, export_csv, io);
#endif
  } catch (const bw::ConfigError& e) {
    std::cerr << "breakwater: config error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "breakwater: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
