#include "pipeline/Replay.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "core/IdleStrategy.h"
#include "core/InstrumentTable.h"
#include "core/LatencyHistogram.h"
#include "core/SpscQueue.h"
#include "core/ThreadPinning.h"
#include "core/TscClock.h"
#include "feed/BookBuilder.h"
#include "feed/CaptureFactory.h"
#include "feed/CaptureMerger.h"
#include "feed/DataQuality.h"
#include "feed/LiveFeed.h"
#include "feed/MalformedLog.h"
#include "fix/OrderGateway.h"
#include "fix/VenueSimulator.h"
#include "fix/WireConvert.h"
#include "pipeline/ComplianceExport.h"
#include "pipeline/ControlPlane.h"
#include "pipeline/Engine.h"
#include "pipeline/FeedLoop.h"
#include "pipeline/JournalReader.h"
#include "pipeline/JournalSessionEvents.h"
#include "pipeline/LatencyFloors.h"
#include "pipeline/LatencyReport.h"
#include "pipeline/OrderSender.h"
#include "risk/AutoTriggers.h"
#include "risk/KillSwitch.h"
#include "risk/LiveGate.h"
#include "risk/PositionBook.h"
#include "risk/RiskGate.h"

namespace bw::pipeline {
namespace {

/// The CPU's model name from /proc/cpuinfo, and how many cores are online: the machine
/// every latency figure must be quoted with.
std::string cpuModelName() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  std::string model = "unknown CPU";
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores";
}

StageLatency stageOf(const LatencyHistogram& h) {
  return StageLatency{h.count(),           h.percentile(0.50),   h.percentile(0.99),
                      h.percentile(0.999), h.percentile(0.9999), h.max()};
}

SymbolQuality qualityOf(const feed::QualityParts& p) {
  return SymbolQuality{p.score, p.min_score, p.ticks, p.lag_p50_ns, p.lag_max_ns, p.lag_floor_ns, p.lagged_ticks,
                       p.gaps, p.out_of_order, p.outliers, p.stale_periods, p.missing_fields};
}

/// Runs `body` on a thread pinned to `core`; an exception is kept for the caller.
std::thread pinnedThread(int core, const char* name, int& core_used, std::exception_ptr& error,
                         std::function<void()> body) {
  return std::thread([core, name, &core_used, &error, body = std::move(body)] {
    core_used = pinCurrentThread(core, name);
    try {
      body();
    } catch (...) {
      error = std::current_exception();
    }
  });
}

/// `breakwater run`'s feed: the live endpoints, with the options' stop conditions.
std::unique_ptr<feed::LiveFeed> openLiveFeed(const ReplayOptions& opt, const InstrumentTable& instruments,
                                             feed::MalformedLog& log, const TscClock& clock) {
  std::vector<std::unique_ptr<feed::LiveSource>> sources;
  for (const std::string& endpoint : opt.live) {
    sources.push_back(feed::openLiveSource(endpoint, instruments, log, clock, std::cerr));
  }
  feed::LiveFeedOptions o;
  o.max_ticks = opt.max_ticks;
  o.duration_ns = static_cast<std::int64_t>(opt.duration_s * 1e9);
  o.stop_flag = opt.stop;
  return std::make_unique<feed::LiveFeed>(std::move(sources), o);
}

/// The gateway's refusals by kind (ExecDecodeError, UnreadableReason, SessionRefusal name
/// -> count; kinds never seen left out) and the raw texts its queue could not keep.
void fillBadFixMessages(const fix::OrderGatewayCounters& c, ReplaySummary& s) {
  const auto add = [&s](const char* name, const std::atomic<std::uint64_t>& n) {
    const std::uint64_t v = n.load(std::memory_order_relaxed);
    if (v != 0) s.bad_fix_messages[name] = v;
  };
  for (std::size_t k = 1; k < fix::kExecDecodeErrorCount; ++k) {
    add(fix::execDecodeErrorName(static_cast<fix::ExecDecodeError>(k)), c.malformed_by_kind[k]);
  }
  for (std::size_t r = 0; r < fix::kUnreadableReasonCount; ++r) {
    add(fix::unreadableReasonName(static_cast<fix::UnreadableReason>(r)), c.unreadable_by_reason[r]);
  }
  for (std::size_t r = 0; r < fix::kSessionRefusalCount; ++r) {
    add(fix::sessionRefusalName(static_cast<fix::SessionRefusal>(r)), c.session_refused_by_reason[r]);
  }
  s.bad_fix_raw_dropped = c.bad_raw_dropped.load(std::memory_order_relaxed);
}

}  // namespace

ReplaySummary runReplay(const ReplayOptions& opt) {
  if (opt.captures.empty() && opt.live.empty()) throw std::runtime_error("replay needs at least one capture file");
  const auto wall_start = std::chrono::steady_clock::now();
  const Config& config = opt.config;
  const InstrumentTable instruments = InstrumentTable::withDefaults();
  const TscClock clock = TscClock::calibrate();

  // Feed: every capture, merged by receive time; or, for a live run, the sockets.
  feed::MalformedLog malformed_log(std::cerr);
  std::vector<std::unique_ptr<feed::TickSource>> sources;
  std::unique_ptr<feed::TickStream> stream;
  feed::LiveFeed* live_feed = nullptr;
  if (opt.live.empty()) {
    for (const std::string& path : opt.captures) sources.push_back(feed::openCapture(path, instruments, malformed_log, clock));
    stream = std::make_unique<feed::CaptureMerger>(sources);
  } else {
    std::unique_ptr<feed::LiveFeed> live = openLiveFeed(opt, instruments, malformed_log, clock);
    live_feed = live.get();
    stream = std::move(live);
  }
  feed::BookBuilder books(instruments, std::cerr);  // the feed thread's book stage; gaps reported beside bad lines
  feed::DataQuality quality(config.quality);        // the feed thread's score, after the book stage

  // Control plane: the block (shared with `breakwater` when --instance is given), loaded
  // from the config; promotion judged on the paper trades already in the journal.
  std::filesystem::create_directories(opt.work_dir);
  std::string journal_path = opt.journal_path;
  if (journal_path.empty()) journal_path = config.journal.path.empty() ? opt.work_dir + "/journal.tsv" : config.journal.path;
  std::string token = opt.confirm_token;
  if (token.empty()) {
    if (const char* env = std::getenv("BREAKWATER_CONFIRM_TOKEN"); env != nullptr) token = env;
  }
  ControlBlock control = openControlBlock(opt.instance, opt.state_dir);
  applyConfig(control, config, token, promotionFromJournal(journal_path, config.live));
  // The journal, control, venue and QuickFIX threads start from here: on the helpers'
  // core when [cores] helpers names one, so they never take the pipeline's cores.
  const ScopedCoreAffinity helpers_core(config.cores.helpers);
  Journal journal(journal_path, config.journal.queue_capacity, instruments);
  const std::uint64_t first_seq = journal.nextSeq();
  journal.start();
  (void)journal.record(JournalEvent::session(wallClockNs(), "replay start"));

  // Risk: one caller (the engine thread), so reservations need no locked instructions.
  // The replay's venue is the built-in simulator, never a live one.
  risk::PositionBook positions;
  risk::RiskGate gate(instruments, control, positions,
                      risk::gateOptionsFrom(config.limits, instruments, risk::Callers::kSingle, false));
  risk::AutoTriggers triggers(control, config.kill);
  ControlThread control_thread(control, gate, instruments, &journal);
  control_thread.start();

  // FIX: the built-in venue simulator and our initiator, on loopback.
  fix::VenueConfig venue_config;
  venue_config.sender_comp_id = config.fix.target_comp_id;
  venue_config.target_comp_id = config.fix.sender_comp_id;
  venue_config.work_dir = opt.work_dir + "/venue";
  venue_config.mass_cancel = config.fix.mass_cancel && !opt.venue_faults.refuse_mass_cancel;
  venue_config.begin_string = config.fix.begin_string;
  venue_config.ack_delay_ms = opt.venue_faults.ack_delay_ms;
  venue_config.reject_new_orders = opt.venue_faults.reject_new_orders;
  venue_config.duplicate_reports = opt.venue_faults.duplicate_reports;
  venue_config.garble_reports = opt.venue_faults.garble_reports;
  venue_config.reorder_report_pairs = opt.venue_faults.reorder_report_pairs;
  venue_config.disconnect_after_orders = opt.venue_faults.disconnect_after_orders;
  venue_config.cancel_on_disconnect = config.fix.cancel_on_disconnect;
  // [fix] store = "file": both ends keep their numbers in store_dir (file names differ by
  // CompID order), so the next run's Logon carries on where this one stopped.
  const bool file_store = config.fix.store == "file";
  if (file_store) venue_config.store_dir = config.fix.store_dir;
  fix::VenueSimulator venue(venue_config, instruments);
  venue.start();
  fix::FixEndpoint endpoint;
  endpoint.port = venue.port();
  endpoint.sender_comp_id = config.fix.sender_comp_id;
  endpoint.target_comp_id = config.fix.target_comp_id;
  endpoint.work_dir = opt.work_dir + "/initiator";
  endpoint.mass_cancel = config.fix.mass_cancel;
  endpoint.begin_string = config.fix.begin_string;
  endpoint.fast_send_path = config.fix.send_path == "fast";
  if (file_store) {
    endpoint.store = fix::FixEndpoint::Store::kFile;
    endpoint.store_dir = config.fix.store_dir;
  }
  JournalSessionEvents session_events(journal);  // before the gateway: outlives its session
  fix::OrderGateway gateway(endpoint, instruments);
  gateway.setSessionEventSink(&session_events);
  gateway.start();
  if (!gateway.waitLoggedOn(std::chrono::milliseconds(config.fix.logon_timeout_ms))) {
    throw std::runtime_error("FIX session to the venue simulator on port " + std::to_string(venue.port()) +
                             " did not log on within " + std::to_string(config.fix.logon_timeout_ms) + " ms");
  }

  // Queues, pre-sized: nothing allocates once the threads run.
  SpscQueue<Tick> ticks(config.replay.queue_capacity);
  SpscQueue<OrderRequest> orders(risk::WorkingOrders::kCapacity);
  SpscQueue<OrderId> refused(risk::WorkingOrders::kCapacity);
  Engine engine(config, instruments, clock, gate, EngineQueues{ticks, orders, refused}, gateway, &venue,
                EngineControl{control, triggers, &journal});
  OrderSender sender(orders, refused, gateway, control, clock, &journal);
  sender.throttleTo(config.fix.max_msgs_per_second);
  // Captures replay deterministically: lock-step with the venue in market time. A live
  // feed does not wait for the venue: its reports arrive when they arrive.
  VenueLockstep lockstep(venue, gateway, config.fix.drain_timeout_ms * 1'000'000);
  if (opt.live.empty()) {
    engine.lockStepWith(&lockstep);
    sender.lockStepWith(&lockstep);
  }

  std::atomic<bool> feed_done{false};
  std::atomic<bool> engine_done{false};
  std::uint64_t feed_queue_full = 0;
  const auto book_stage = std::make_unique<LatencyHistogram>();  // the feed thread's until it is joined
  int feed_core = -1, engine_core = -1, order_core = -1;
  std::exception_ptr feed_error, engine_error, order_error;

  std::thread order_thread = pinnedThread(config.cores.order, "bw-order", order_core, order_error,
                                          [&] {
                                            journal.attachThread("order");
                                            sender.run(engine_done, config.cores.order_idle);
                                          });
  std::thread engine_thread = pinnedThread(config.cores.engine, "bw-engine", engine_core, engine_error, [&] {
    journal.attachThread("engine");
    engine.run(feed_done);
    engine_done.store(true, std::memory_order_release);  // after the engine's last push
  });
  std::thread feed_thread = pinnedThread(config.cores.feed, "bw-feed", feed_core, feed_error, [&] {
    const FeedLoopOptions feed_options{config.cores.feed_idle, config.replay.max_inflight_ticks, opt.speed, config.bars};
    feed_queue_full = runFeedLoop(*stream, books, quality, ticks, *book_stage, clock, feed_options);
    quality.noteRefusedLines(feed::DataQuality::missingFieldLines(stream->stats()));
    feed_done.store(true, std::memory_order_release);  // after the feed's last push
  });
  feed_thread.join();
  if (feed_error) feed_done.store(true, std::memory_order_release);
  engine_thread.join();
  if (engine_error) engine_done.store(true, std::memory_order_release);
  order_thread.join();
  gateway.stop();
  engine.journalBadFixMessages();  // what came after the engine's last poll (both threads stopped)
  venue.stop();
  control_thread.stop();
  (void)journal.record(JournalEvent::session(wallClockNs(), "replay end"));
  journal.stop();
  for (const std::exception_ptr& e : {feed_error, engine_error, order_error}) {
    if (e) std::rethrow_exception(e);
  }

  ReplaySummary s;
  s.captures = opt.live.empty() ? opt.captures : opt.live;
  if (live_feed != nullptr && opt.live_stats != nullptr) *opt.live_stats = live_feed->sourceStats();
  s.simulated_capture = opt.simulated_capture;
  const feed::FeedStats fs = stream->stats();
  s.lines = fs.lines;
  s.ticks = fs.ticks;
  s.trades = fs.trades;
  s.malformed = fs.malformed;
  s.unknown_symbol = fs.unknown_symbol;
  s.non_monotonic = fs.non_monotonic;
  const feed::BookCounters bc = books.totals();
  s.book_gaps = bc.gaps;
  s.book_resyncs = bc.resyncs;
  s.book_stale_dropped = bc.stale_dropped;
  for (std::size_t k = 1; k < feed::kParseErrorCount; ++k) {
    if (fs.by_kind[k] != 0) s.feed_errors[feed::parseErrorName(static_cast<feed::ParseError>(k))] = fs.by_kind[k];
  }
  const EngineCounters& ec = engine.counters();
  s.bars = ec.bars;
  s.clock_ticks = ec.clock_ticks;
  const feed::BarSet& bars = engine.bars();
  for (std::size_t i = 0; i < bars.seriesCount(); ++i) {
    s.bars_by_series.emplace_back(bars.seriesName(i), bars.closed(i));
    s.flat_bars += bars.flatEmitted(i);
    s.flat_bars_skipped += bars.flatSkipped(i);
  }
  s.entries = ec.entries;
  s.exits = ec.exits;
  s.cancels = ec.cancels;
  s.decisions = ec.entries + ec.exits + ec.cancels;
  const strategy::DecisionCounters& dc = engine.decisions().counters();
  for (std::size_t r = 0; r < dc.by_reason.size(); ++r) {
    if (dc.by_reason[r] != 0) {
      s.entry_policy[strategy::decision::decisionReasonName(static_cast<strategy::decision::DecisionReason>(r))] =
          dc.by_reason[r];
    }
  }
  if (dc.too_small != 0) s.entry_policy["TOO_SMALL"] = dc.too_small;
  for (std::size_t t = 0; t < kTemplateCount; ++t) {
    s.entries_by_template[templateName(static_cast<TemplateKind>(t))] = dc.entries_by_template[t];
  }
  s.gate_accepted = gate.accepted();
  const OrderSenderCounters& oc = sender.counters();
  s.orders_sent = oc.sent_new;
  s.cancels_sent = oc.sent_cancel;
  s.replaces_sent = oc.sent_replace;
  s.mass_cancels_sent = oc.sent_mass_cancel;
  s.send_failures = oc.send_failures;
  s.acks = ec.acks;
  s.fills = ec.fills;
  s.partial_fills = ec.partial_fills;
  s.canceled = ec.canceled;
  s.venue_rejects = ec.venue_rejects;
  s.cancel_rejects = ec.cancel_rejects;
  s.unknown_execs = gate.unknownExecs();
  fillBadFixMessages(gateway.counters(), s);
  s.bad_fix_journaled = ec.bad_fix_journaled;
  s.working_at_end = gate.workingOrders();
  s.feed_queue_full = feed_queue_full;
  s.lockstep = opt.live.empty();
  s.lockstep_timeouts = ec.lockstep_timeouts;
  const risk::Reconciler& reconciler = engine.reconciler();
  for (std::size_t k = 1; k < risk::kDesyncKindCount; ++k) {
    const auto kind = static_cast<risk::DesyncKind>(k);
    if (reconciler.desyncs(kind) != 0) s.desyncs[risk::desyncKindName(kind)] = reconciler.desyncs(kind);
  }
  for (std::size_t t = 1; t < risk::kTransitionErrorCount; ++t) {
    s.lifecycle_errors += reconciler.transitionErrors(static_cast<risk::TransitionError>(t));
  }
  for (std::size_t c = 1; c < risk::kRejectCodeCount; ++c) {
    const auto code = static_cast<risk::RejectCode>(c);
    if (gate.rejects(code) != 0) s.rejects[risk::rejectCodeName(code)] = gate.rejects(code);
  }
  if (ec.venue_rejects != 0) s.rejects["VENUE_REJECTED"] = ec.venue_rejects;
  if (oc.stopped_by_kill != 0) s.rejects["KILL_SWITCH_AT_SEND"] = oc.stopped_by_kill;
  s.shadow_enabled = control.shadowEnabled();
  for (std::size_t c = 1; c < risk::kRejectCodeCount; ++c) {
    const auto code = static_cast<risk::RejectCode>(c);
    if (gate.shadowRejects(code) != 0) s.shadow_rejects[risk::rejectCodeName(code)] = gate.shadowRejects(code);
  }
  s.instance = opt.instance;
  s.mode = executionModeName(risk::effectiveMode(control));
  const auto describe_kill = [&](KillScope scope, std::size_t index, const std::string& what) {
    const KillView k = control.readKill(scope, index);
    if (!k.tripped) return;
    std::string line = what;
    line += " ";
    line += risk::killReasonName(static_cast<risk::KillReason>(k.reason));
    line += " by ";
    line += k.who;
    line += ": ";
    line += k.why;
    s.kills.push_back(line);
  };
  describe_kill(KillScope::kGlobal, 0, "GLOBAL");
  for (std::size_t i = 0; i < kMaxStrategies; ++i) describe_kill(KillScope::kStrategy, i, "STRATEGY " + std::to_string(i));
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    describe_kill(KillScope::kSymbol, i, "SYMBOL " + std::string(instruments[static_cast<SymbolId>(i)].name()));
  }
  s.auto_kills = ec.auto_kills;
  s.kill_cancels = ec.kill_cancels;
  s.kill_mass_cancels = ec.kill_mass_cancels;
  s.mass_cancels_refused = ec.mass_cancels_refused;
  s.replaces_refused = ec.replaces_refused;
  s.flatten_orders = ec.flatten_orders;
  s.stopped_by_kill = oc.stopped_by_kill;
  s.throttled = oc.throttled;
  s.send_path_warm_ups = oc.warm_ups;
  s.decision_path_warm_ups = ec.decision_path_warm_ups;
  s.journal_path = journal_path;
  s.journal_events = journal.written();
  s.journal_dropped = journal.dropped();
  if (!opt.compliance_csv.empty()) {
    // This run's lines only: the journal is append-only across runs (order ids restart).
    JournalReadResult read = readJournal(journal_path);
    std::erase_if(read.records, [first_seq](const JournalRecord& r) { return r.seq < first_seq; });
    std::ofstream csv(opt.compliance_csv);
    if (!csv) throw std::runtime_error("cannot write compliance CSV " + opt.compliance_csv);
    s.compliance_rows = writeComplianceCsv(read.records, csv);
    s.compliance_csv = opt.compliance_csv;
  }
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    const auto id = static_cast<SymbolId>(i);
    s.symbols.push_back(SymbolSummary{std::string(instruments[id].name()), positions.position(id).raw,
                                      positions.realizedPnl(id).raw, positions.unrealizedPnl(id).raw,
                                      positions.markPrice(id).raw, engine.decisions().position(id).raw,
                                      qualityOf(quality.parts(id))});
  }
  s.realized_pnl = positions.totalRealized().raw;
  s.unrealized_pnl = positions.totalUnrealized().raw;
  s.latency_ns["parse"] = stageOf(stream->parseLatency());
  s.latency_ns["book"] = stageOf(*book_stage);
  s.latency_ns["tick_to_decision"] = stageOf(engine.tickToDecision());
  s.latency_ns["decision_to_verdict"] = stageOf(engine.decisionToVerdict());
  s.latency_ns["verdict_to_send"] = stageOf(sender.verdictToSend());
  if (sender.killToCancel().count() != 0) s.latency_ns["kill_to_cancel"] = stageOf(sender.killToCancel());
  s.latency_ns["tick_to_send"] = stageOf(sender.tickToSend());
  s.latency_ns["tick_to_verdict"] = stageOf(engine.tickToVerdict());
  s.latency_ns["tick_to_engine"] = stageOf(engine.tickToEngine());
  s.latency_ns["engine_to_bars"] = stageOf(engine.engineToBars());
  s.latency_ns["bars_to_decision"] = stageOf(engine.barsToDecision());
  s.latency_ns["tick_to_send_return"] = stageOf(sender.tickToSendReturn());
  s.latency_ns["socket_send"] = stageOf(sender.socketSend());
  if (sender.throttleWait().count() != 0) s.latency_ns["throttle_wait"] = stageOf(sender.throttleWait());
  s.cores = {{"feed", feed_core}, {"engine", engine_core}, {"order", order_core}, {"helpers", helpers_core.core()}};
  s.idle = {{"feed", idleModeName(config.cores.feed_idle)},
            {"engine", idleModeName(config.cores.engine_idle)},
            {"order", idleModeName(config.cores.order_idle)}};
  s.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const auto spin_1us = std::make_unique<LatencyHistogram>();  // the report draws it beside the stages
  if (opt.latency_floors) {
    // After the pipeline has stopped, on the engine's and the order thread's cores.
    FloorOptions floors;
    floors.spin_1us_histogram = spin_1us.get();
    floors.core_a = config.cores.engine;
    floors.core_b = config.cores.order != config.cores.engine ? config.cores.order : config.cores.engine + 1;
    floors.capture = opt.captures.empty() ? std::string() : opt.captures.front();
    floors.rounds = opt.latency_floor_rounds;
    s.floors = measureLatencyFloors(floors, clock);
  }
  if (!opt.latency_report_dir.empty()) {
    const auto parse = std::make_unique<LatencyHistogram>(stream->parseLatency());  // merged over captures
    std::vector<NamedHistogram> stages = {{"parse", parse.get()},
                                          {"book", book_stage.get()},
                                          {"tick_to_decision", &engine.tickToDecision()},
                                          {"decision_to_verdict", &engine.decisionToVerdict()},
                                          {"tick_to_verdict", &engine.tickToVerdict()},
                                          {"verdict_to_send", &sender.verdictToSend()},
                                          {"tick_to_send", &sender.tickToSend()},
                                          {"socket_send", &sender.socketSend()}};
    // The floor of a 1 us stage's tail on this core: where its curve bends up, the
    // machine's interruptions begin, whatever our code does.
    if (spin_1us->count() != 0) stages.push_back({"spin_1us (floor)", spin_1us.get()});
    std::vector<FloorLine> floor_lines;
    for (const char* name : {"cache_line_ping_pong", "queue_hop_reader_writer_queue"}) {
      if (const auto f = s.floors.find(name); f != s.floors.end()) floor_lines.push_back({name, f->second.p50});
    }
    std::string caption = std::filesystem::path(opt.captures.empty() ? "" : opt.captures.front()).filename().string();
    if (opt.captures.size() > 1) caption += " +" + std::to_string(opt.captures.size() - 1);
    caption += " | " + cpuModelName() + " | feed@" + std::to_string(feed_core) + " engine@" +
               std::to_string(engine_core) + " order@" + std::to_string(order_core) + " (" +
               idleModeName(config.cores.feed_idle) + "/" + idleModeName(config.cores.engine_idle) + "/" +
               idleModeName(config.cores.order_idle) + ")";
    writeLatencyReport(opt.latency_report_dir, stages, floor_lines, caption);
  }
  return s;
}

}  // namespace bw::pipeline
