#include "tools/RunCommand.h"

#include <csignal>

#include <atomic>
#include <fstream>
#include <stdexcept>

#include "core/Config.h"
#include "pipeline/Replay.h"
#include "tools/JsonWriter.h"

namespace bw::tools {
namespace {

// Set by SIGINT/SIGTERM; the live feed reads it on every poll. A lock-free atomic store is
// async-signal-safe.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void onStopSignal(int) { g_stop.store(true, std::memory_order_relaxed); }

void installStopHandlers() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = static_cast<int>(SA_RESETHAND);  // a second Ctrl-C ends the process outright
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string liveSourcesText(const std::vector<feed::LiveSourceStats>& sources) {
  std::string text = "live sources:\n";
  for (const feed::LiveSourceStats& s : sources) {
    text += "  ";
    text += s.name;
    text += ": lines " + std::to_string(s.feed.lines);
    text += ", ticks " + std::to_string(s.feed.ticks);
    text += ", malformed " + std::to_string(s.feed.malformed);
    text += ", unknown symbol " + std::to_string(s.feed.unknown_symbol);
    text += ", bytes " + std::to_string(s.bytes);
    if (s.name.starts_with("tcp")) {
      text += ", connects " + std::to_string(s.connects);
      text += ", reconnects " + std::to_string(s.reconnects);
      text += ", connect failures " + std::to_string(s.connect_failures);
      text += ", disconnects " + std::to_string(s.disconnects);
    } else {
      text += ", datagrams " + std::to_string(s.reads);
      text += ", kernel drops " + std::to_string(s.kernel_drops);
    }
    text += '\n';
  }
  return text;
}

/// The replay summary's JSON object with a "live_sources" array added as its last key.
std::string withLiveSources(std::string summary_json, const std::vector<feed::LiveSourceStats>& sources) {
  JsonWriter w;
  w.beginArray();
  for (const feed::LiveSourceStats& s : sources) {
    w.beginObject()
        .field("name", s.name)
        .field("lines", s.feed.lines)
        .field("ticks", s.feed.ticks)
        .field("malformed", s.feed.malformed)
        .field("unknown_symbol", s.feed.unknown_symbol)
        .field("bytes", s.bytes)
        .field("reads", s.reads)
        .field("connects", s.connects)
        .field("reconnects", s.reconnects)
        .field("connect_failures", s.connect_failures)
        .field("disconnects", s.disconnects)
        .field("kernel_drops", s.kernel_drops)
        .endObject();
  }
  w.endArray();
  const std::size_t close = summary_json.rfind('}');
  if (close == std::string::npos) throw std::logic_error("replay summary JSON is not an object");
  std::string tail = ",\n  \"live_sources\": ";
  tail += w.str();
  tail += "\n";
  summary_json.insert(close, tail);
  return summary_json;
}

}  // namespace

int runCommand(const RunArgs& args, const Io& io) {
  if (args.tcp.empty() && args.udp.empty()) {
    io.err << "breakwater run: give at least one --tcp HOST:PORT or --udp GROUP:PORT\n";
    return 2;
  }
  pipeline::ReplayOptions options;
  options.config = loadConfig(args.config_path);
  for (const std::string& t : args.tcp) options.live.push_back("tcp://" + t);
  for (const std::string& u : args.udp) options.live.push_back("udp://" + u);
  options.work_dir = args.work_dir;
  options.instance = args.instance;
  options.state_dir = args.state_dir;
  options.confirm_token = args.confirm_token;
  options.journal_path = args.journal_path;
  options.max_ticks = args.max_ticks;
  options.duration_s = args.duration_s;
  options.stop = &g_stop;
  std::vector<feed::LiveSourceStats> sources;
  options.live_stats = &sources;
  installStopHandlers();

  const pipeline::ReplaySummary summary = pipeline::runReplay(options);
  io.out << pipeline::toText(summary) << liveSourcesText(sources);
  if (!args.json_path.empty()) {
    std::ofstream out(args.json_path);
    if (!out) {
      io.err << "breakwater run: cannot write " << args.json_path << "\n";
      return 1;
    }
    out << withLiveSources(pipeline::toJson(summary), sources);
    io.out << "summary written to " << args.json_path << "\n";
  }
  return 0;
}

}  // namespace bw::tools
