// What watching QuickFIX's session layer for refused messages (fix/SessionWatchLog.h) adds
// per message received: QuickFIX takes its SessionState mutex and calls the log's
// onIncoming, which copies the message's head. Before, with no log, QuickFIX skipped both.
// Next to it, in the same run, QuickFIX's own parse of the same ExecutionReport: the work
// every incoming message costs anyway. C++14 (QuickFIX headers), like the adapters.

#include <benchmark/benchmark.h>
#include <quickfix/Message.h>
#include <quickfix/Mutex.h>

#include <string>

#include "fix/SessionWatchLog.h"

namespace {

/// A 35=8 as the simulator sends it (209 bytes), SOH-separated, with a valid checksum.
std::string execReport() {
  FIX::Message m;
  m.getHeader().setField(FIX::FIELD::BeginString, "FIX.4.4");
  m.getHeader().setField(FIX::FIELD::MsgType, "8");
  m.getHeader().setField(FIX::FIELD::MsgSeqNum, "1234");
  m.getHeader().setField(FIX::FIELD::SenderCompID, "VENUESIM");
  m.getHeader().setField(FIX::FIELD::TargetCompID, "BREAKWATER");
  m.getHeader().setField(FIX::FIELD::SendingTime, "20261123-22:09:24.637");
  m.setField(37, "1");
  m.setField(11, "42");
  m.setField(17, "77");
  m.setField(150, "F");
  m.setField(39, "1");
  m.setField(55, "BTCUSDT");
  m.setField(54, "1");
  m.setField(31, "61000.5");
  m.setField(32, "0.0007");
  m.setField(14, "0.0007");
  m.setField(151, "0.0003");
  m.setField(6, "61000.5");
  m.setField(60, "20261123-22:09:24.637");
  return m.toString();
}

class NoEvents final : public bw::fix::InitiatorEvents {
 public:
  void onLogon() noexcept override {}
  void onLogout() noexcept override {}
  void onExec(const bw::fix::WireExec&) noexcept override {}
  void onUnreadable() noexcept override {}
};

void BM_QuickFixParseOfAnExecReport(benchmark::State& state) {
  const std::string raw = execReport();
  for (auto _ : state) {
    FIX::Message m(raw, false);
    benchmark::DoNotOptimize(m);
  }
  state.SetLabel(std::to_string(raw.size()) + " bytes");
}
BENCHMARK(BM_QuickFixParseOfAnExecReport);

/// SessionState's call into our log, as QuickFIX makes it: its mutex, then the virtual
/// call. onIncoming (QuickFIX thread, every message received) copies the message's head;
/// onOutgoing (the sending thread) does nothing without a FileLog.
void BM_WatchLog(benchmark::State& state, void (FIX::Log::*call)(const std::string&)) {
  const std::string raw = execReport();
  NoEvents events;
  bw::fix::SessionWatchLog watch(events, nullptr, nullptr);
  FIX::Log* log = &watch;
  FIX::Mutex mutex;
  for (auto _ : state) {
    FIX::Locker lock(mutex);
    (log->*call)(raw);
    benchmark::ClobberMemory();
  }
}
BENCHMARK_CAPTURE(BM_WatchLog, OnIncoming, &FIX::Log::onIncoming);
BENCHMARK_CAPTURE(BM_WatchLog, OnOutgoing, &FIX::Log::onOutgoing);

}  // namespace

BENCHMARK_MAIN();
