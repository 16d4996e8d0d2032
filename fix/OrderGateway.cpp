#include "fix/OrderGateway.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <time.h>

#include "core/TscClock.h"
#include "fix/FastOrderSender.h"
#include "fix/MappedSentStore.h"
#include "fix/FixBridge.h"
#include "fix/FixInitiator.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

/// CLOCK_REALTIME in ns (the journal's wall clock; vDSO, no system call).
std::int64_t wallNowNs() noexcept {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

/// For a call that comes without the raw text (the plain onExec / onUnreadable).
struct NoRawText final : RawFixText {
  std::size_t copyTo(char* dst, std::size_t capacity) const noexcept override {
    if (capacity > 0) dst[0] = '\0';
    return 0;
  }
};
const NoRawText kNoRawText{};

/// Single-writer counter bump: a plain load and store, no locked read-modify-write.
void bump(std::atomic<std::uint64_t>& c) noexcept {
  c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

/// SendingTime / TransactTime of a prebuilt message: CLOCK_REALTIME through the vDSO (no
/// system call on Linux x86-64).
std::int64_t utcNowNs() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

/// The initiator callbacks: copy into an ExecEvent and push, nothing else (STYLE.md rule
/// 9). All calls come from the one session thread: QuickFIX's initiator thread, or on the
/// fast path the order thread inside pollSession().
class OrderGateway::Events final : public InitiatorEvents {
 public:
  explicit Events(OrderGateway& gateway) noexcept : gateway_(gateway) {}

  // Release: a send() that sees logged_on also sees the session QuickFIX set up before.
  void onLogon() noexcept override { gateway_.counters_.logged_on.store(true, std::memory_order_release); }
  void onLogout() noexcept override { gateway_.counters_.logged_on.store(false, std::memory_order_release); }

  void onExec(const WireExec& wire) noexcept override { onExecWithRaw(wire, kNoRawText); }

  void onExecWithRaw(const WireExec& wire, const RawFixText& raw) noexcept override {
    const std::uint64_t recv_tsc = TscClock::now();  // first thing: the latency stamp
    OrderGatewayCounters& c = gateway_.counters_;
    bump(c.exec_received);
    ExecEvent event;
    const ExecDecodeError error = decodeExec(wire, gateway_.instruments_, event);
    if (error != ExecDecodeError::kOk) {
      bump(c.exec_malformed);
      bump(c.malformed_by_kind[static_cast<std::size_t>(error)]);
      keepRaw(badFixCode(error), raw);
      return;
    }
    event.recv_tsc = recv_tsc;
    // The open-order update goes first: once the order thread has seen an order replaced
    // or ended, its next mass-cancel fallback must already know it.
    if (gateway_.cancel_per_order_) noteOrderEnd(event);
    if (!gateway_.execs_.tryPush(event)) bump(c.exec_dropped);
  }

  void onUnreadable() noexcept override { onUnreadableWithRaw(UnreadableReason::kOther, kNoRawText); }

  void onSessionRefused(SessionRefusal refusal, const RawFixText& raw) noexcept override {
    bump(gateway_.counters_.session_refused_by_reason[static_cast<std::size_t>(refusal)]);
    keepRaw(badFixCode(refusal), raw);
  }

  void onUnreadableWithRaw(UnreadableReason reason, const RawFixText& raw) noexcept override {
    OrderGatewayCounters& c = gateway_.counters_;
    bump(c.unreadable);
    bump(c.unreadable_by_reason[static_cast<std::size_t>(reason)]);
    keepRaw(badFixCode(reason), raw);
  }

  void onSessionEvent(SessionEventKind kind, const char* text) noexcept override {
    const auto index = static_cast<std::size_t>(kind);
    if (index < kSessionEventKindCount) bump(gateway_.counters_.session_events[index]);
    if (gateway_.session_sink_ != nullptr) gateway_.session_sink_->onSessionEvent(kind, text);
  }

 private:
  /// Queues a refused message's raw text for the journal. Cold path: only refused messages
  /// get here, and the adapter's copyTo may allocate (QuickFIX serialises the message).
  void keepRaw(std::uint8_t code, const RawFixText& raw) noexcept {
    BadFixMessage m;
    m.wall_ns = wallNowNs();
    m.code = code;
    const std::size_t length = raw.copyTo(m.text, sizeof m.text);
    m.length = length > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(length);
    OrderGatewayCounters& c = gateway_.counters_;
    bump(gateway_.bad_messages_.tryPush(m) ? c.bad_raw_kept : c.bad_raw_dropped);
  }

  /// Tells the order thread's OpenOrders which orders the venue ended or renamed.
  void noteOrderEnd(const ExecEvent& e) noexcept {
    OpenOrderUpdate u;
    u.id = e.id;
    switch (e.kind) {
      case ExecEvent::Kind::kFill:
      case ExecEvent::Kind::kCanceled:
      case ExecEvent::Kind::kRejected: break;
      case ExecEvent::Kind::kReplaced:
        if (e.new_id == 0) return;  // not one of our ids: keep the old, a cancel of it is refused at worst
        u.new_id = e.new_id;
        u.qty = e.order_qty;
        break;
      default: return;
    }
    if (!gateway_.open_updates_.tryPush(u)) bump(gateway_.counters_.open_updates_dropped);
  }

  OrderGateway& gateway_;
};

OrderGateway::OrderGateway(const FixEndpoint& endpoint, const InstrumentTable& instruments,
                           std::size_t exec_queue_capacity)
    : instruments_(instruments),
      cancel_per_order_(!endpoint.massCancelOnWire()),
      execs_(exec_queue_capacity),
      bad_messages_(kBadMessageQueueCapacity),
      open_(cancel_per_order_ ? std::make_unique<OpenOrders>() : nullptr),
      // Twice the table: updates are applied only when a mass cancel goes out.
      open_updates_(cancel_per_order_ ? 2 * OpenOrders::kCapacity : 2),
      events_(std::make_unique<Events>(*this)) {
  if (endpoint.fast_send_path) {
    if (endpoint.store == FixEndpoint::Store::kFile) {
      fast_store_ = std::make_unique<MappedSentStore>(endpoint.store_dir, endpoint.begin_string,
                                                      endpoint.sender_comp_id, endpoint.target_comp_id);
    }
    fast_ = std::make_unique<FastOrderSender>(endpoint, instruments, *events_, fast_store_.get());
  } else {
    initiator_ = std::make_unique<FixInitiator>(endpoint, *events_);
  }
  if (endpoint.file_log && !endpoint.work_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(endpoint.work_dir, ec);
    if (ec) {
      throw std::runtime_error("order gateway: cannot create work_dir " + endpoint.work_dir + ": " + ec.message());
    }
  }
}

OrderGateway::~OrderGateway() { stop(); }

void OrderGateway::start() {
  if (fast_) {
    fast_->start();
  } else {
    initiator_->start();
  }
}

bool OrderGateway::waitLoggedOn(std::chrono::milliseconds timeout) {
  if (fast_) return fast_->initiator().pollUntilLoggedOn(timeout);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!loggedOn()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

void OrderGateway::pollSession() noexcept {
  if (fast_) fast_->poll();
}

void OrderGateway::warmSendPath() noexcept {
  if (fast_) fast_->warm(utcNowNs());
}

void OrderGateway::stop() noexcept {
  if (fast_) {
    fast_->stop(kLogoutWait);
  } else {
    initiator_->stop(kLogoutWait);
  }
  counters_.logged_on.store(false, std::memory_order_release);
}

bool OrderGateway::sendToSession(const OrderRequest& request) noexcept {
  if (fast_) {
    const FastSendResult r = fast_->send(request, utcNowNs());
    return r == FastSendResult::kSentPrebuilt || r == FastSendResult::kSentQuickFix;
  }
  WireOrder wire;
  return encodeOrder(request, instruments_, wire) && initiator_->send(wire);
}

SocketWriteStamps OrderGateway::lastWrite() noexcept {
  return fast_ ? fast_->initiator().lastWrite() : SocketWriteStamps{};
}

bool OrderGateway::sendWire(const WireOrder& wire) noexcept {
  return fast_ ? fast_->initiator().send(wire) : initiator_->send(wire);
}

bool OrderGateway::send(const OrderRequest& request) noexcept {
  if (cancel_per_order_) {
    if (request.action == OrderRequest::Action::kMassCancel) return sendMassCancelAsCancels(request);
    // Apply the venue's news first so the table keeps room for live orders.
    OpenOrderUpdate u;
    while (open_updates_.tryPop(u)) open_->apply(u);
  }
  if (!loggedOn() || !sendToSession(request)) {
    bump(counters_.send_failures);
    return false;
  }
  if (cancel_per_order_) {
    open_->onSent(request);
    counters_.open_untracked.store(open_->untracked(), std::memory_order_relaxed);
  }
  switch (request.action) {
    case OrderRequest::Action::kNew: bump(counters_.sent_new); break;
    case OrderRequest::Action::kCancel: bump(counters_.sent_cancel); break;
    case OrderRequest::Action::kReplace: bump(counters_.sent_replace); break;
    case OrderRequest::Action::kMassCancel: bump(counters_.sent_mass_cancel); break;
    case OrderRequest::Action::kStatus: bump(counters_.sent_status); break;
  }
  return true;
}

bool OrderGateway::sendMassCancelAsCancels(const OrderRequest& request) noexcept {
  OpenOrderUpdate u;
  while (open_updates_.tryPop(u)) open_->apply(u);
  if (!loggedOn() || (request.symbol != kNoSymbol && request.symbol >= instruments_.size())) {
    bump(counters_.send_failures);
    return false;
  }
  bool all_sent = true;
  std::uint32_t n = 0;
  open_->forEachOpen(request.symbol, [&](OpenOrders::Entry& order) {
    if (order.cancel_sent) return;
    OrderRequest cancel;
    cancel.action = OrderRequest::Action::kCancel;
    cancel.id = request.id;
    cancel.orig_id = order.id;
    cancel.symbol = order.symbol;
    cancel.side = order.side;
    cancel.qty = order.qty;
    WireOrder wire;
    bool ok = encodeOrder(cancel, instruments_, wire);
    if (ok) {
      // "<request id>-<n>": unique per cancel, and a cancel's answers are keyed by the
      // order's OrigClOrdID, so our numeric ids need not cover it.
      const std::size_t len = std::strlen(wire.cl_ord_id);
      const std::size_t room = sizeof wire.cl_ord_id - len;
      const int written = std::snprintf(wire.cl_ord_id + len, room, "-%u", ++n);
      ok = written > 0 && static_cast<std::size_t>(written) < room;
    }
    if (ok && sendWire(wire)) {
      order.cancel_sent = true;
      bump(counters_.sent_cancel);
      bump(counters_.fallback_cancels);
    } else {
      all_sent = false;
      bump(counters_.send_failures);
    }
  });
  bump(counters_.mass_cancel_fallbacks);
  return all_sent;
}

}  // namespace bw::fix
