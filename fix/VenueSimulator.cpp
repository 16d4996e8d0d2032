#include "fix/VenueSimulator.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/IdleStrategy.h"
#include "core/TscClock.h"
#include "fix/FixAcceptor.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

/// Single-writer counter bump: a plain load and store, no locked read-modify-write.
void bump(std::atomic<std::uint64_t>& c) noexcept {
  c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

/// Binds a TCP socket to 0.0.0.0:port (0: any free port) the way QuickFIX's acceptor
/// does (SO_REUSEADDR), closes it, and returns the port bound, or 0 with errno set.
///
/// Why: QuickFIX 1.15 cannot listen on port 0 and report the port it got, so we ask the
/// kernel for a free one first. And we probe a port before handing it to QuickFIX because
/// SocketAcceptor::onInitialize leaks its SocketServer (and that server's signalling
/// socket pair) when its bind fails: probing keeps the failure on our side in all but the
/// rare race where another process takes the port between our probe and QuickFIX's bind.
/// The wildcard address, not 127.0.0.1, because 0.0.0.0 is what QuickFIX binds.
std::uint16_t probePort(std::uint16_t port) noexcept {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  const int on = 1;
  (void)::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  addr.sin_port = htons(port);
  socklen_t len = sizeof addr;
  std::uint16_t bound = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    bound = ntohs(addr.sin_port);
  }
  const int err = errno;
  ::close(fd);
  errno = err;
  return bound;
}

/// ExecType(150) and OrdStatus(39) of each report kind.
struct KindCodes {
  char exec_type;
  char ord_status;
};
constexpr KindCodes codesOf(VenueReport::Kind k) noexcept {
  switch (k) {
    case VenueReport::Kind::kNew: return {'0', '0'};
    case VenueReport::Kind::kPartialFill: return {'F', '1'};
    case VenueReport::Kind::kFill: return {'F', '2'};
    case VenueReport::Kind::kCanceled: return {'4', '4'};
    case VenueReport::Kind::kRejected: return {'8', '8'};
    case VenueReport::Kind::kCancelRejected: return {0, '8'};  // the order is unknown to us
    case VenueReport::Kind::kReplaced: return {'5', '0'};     // OrdStatus set from cum_qty in publish
    case VenueReport::Kind::kStatus: return {'I', '0'};       // OrdStatus from the report
    case VenueReport::Kind::kMassCancelReport: return {0, 0};  // 35=r: not an ExecutionReport
  }
  return {0, 0};
}

/// FIX 4.2's shape of an ExecutionReport: ExecTransType 0 (new), fills as ExecType 1 / 2,
/// a status answer as ExecTransType 3 with ExecType repeating the OrdStatus.
void to42(VenueReport::Kind kind, WireExec& w) noexcept {
  w.exec_trans_type = '0';
  switch (kind) {
    case VenueReport::Kind::kPartialFill: w.exec_type = '1'; break;
    case VenueReport::Kind::kFill: w.exec_type = '2'; break;
    case VenueReport::Kind::kStatus:
      w.exec_trans_type = '3';
      w.exec_type = w.ord_status;
      break;
    default: break;
  }
}

}  // namespace

/// Acceptor callbacks: copy and enqueue, nothing else (STYLE.md rule 9).
class VenueSimulator::Events final : public AcceptorEvents {
 public:
  explicit Events(VenueSimulator& venue) noexcept : venue_(venue) {}

  void onLogon() noexcept override { venue_.counters_.logged_on.store(true, std::memory_order_relaxed); }
  void onLogout() noexcept override {
    VenueCounters& c = venue_.counters_;
    c.logged_on.store(false, std::memory_order_relaxed);
    // Release: the venue thread acquires it; nothing else to publish, but every order
    // taken before the logout is already in the queue ahead of the cancel it triggers.
    c.logouts.store(c.logouts.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }
  void onOrder(const WireOrder& order) noexcept override {
    VenueCounters& c = venue_.counters_;
    if (const std::uint32_t ms = venue_.stall_ms_.exchange(0, std::memory_order_relaxed); ms != 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));  // a fault: the session goes silent
    }
    if (order.poss_dup) bump(c.poss_dups_received);
    switch (order.msg_type) {
      case 'D': bump(c.orders_received); break;
      case 'G': bump(c.replace_requests); break;
      case 'q': bump(c.mass_cancel_requests); break;
      case 'H': bump(c.status_requests); break;
      default: bump(c.cancel_requests); break;
    }
    if (!venue_.orders_.tryPush(order)) bump(venue_.counters_.order_queue_full);
  }
  void onUnsupported(char msg_type) noexcept override {
    VenueCounters& c = venue_.counters_;
    bump(c.unsupported_messages);
    if (msg_type != 'q') return;
    // A mass cancel this venue does not take is still a request answered: its 35=j goes
    // out next, and the gateway reads it as a refused mass cancel report. Replay's
    // lock-step counts it as a request matched and a report due (VenueLockstep.h).
    c.mass_cancels_unsupported.store(c.mass_cancels_unsupported.load(std::memory_order_relaxed) + 1,
                                     std::memory_order_release);
  }

 private:
  VenueSimulator& venue_;
};

VenueSimulator::VenueSimulator(const VenueConfig& config, const InstrumentTable& instruments)
    : config_(config),
      instruments_(instruments),
      trades_(kTradeQueueCapacity),
      orders_(kOrderQueueCapacity),
      book_(instruments),
      events_(std::make_unique<Events>(*this)) {
  reports_.reserve(VenueBook::kMaxReportsPerCall);
  rejects_left_.store(config_.reject_new_orders, std::memory_order_relaxed);
  duplicates_left_.store(config_.duplicate_reports, std::memory_order_relaxed);
  reorders_left_.store(config_.reorder_report_pairs, std::memory_order_relaxed);
  garbles_left_.store(config_.garble_reports, std::memory_order_relaxed);
}

VenueSimulator::~VenueSimulator() { stop(); }

void VenueSimulator::start() {
  if (acceptor_) throw std::runtime_error("venue simulator: already started");
  if (config_.file_log && !config_.work_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config_.work_dir, ec);
    if (ec) {
      throw std::runtime_error("venue simulator: cannot create work_dir " + config_.work_dir + ": " + ec.message());
    }
  }
  FixEndpoint endpoint;
  endpoint.sender_comp_id = config_.sender_comp_id;
  endpoint.target_comp_id = config_.target_comp_id;
  endpoint.work_dir = config_.work_dir;
  endpoint.file_log = config_.file_log;
  endpoint.mass_cancel = config_.mass_cancel;
  endpoint.begin_string = config_.begin_string;
  if (!config_.store_dir.empty()) {
    endpoint.store = FixEndpoint::Store::kFile;
    endpoint.store_dir = config_.store_dir;
  }
  fix42_ = endpoint.fix42();
  std::string why;
  for (int attempt = 0; attempt < kBindAttempts && !acceptor_; ++attempt) {
    endpoint.port = probePort(config_.port);
    if (endpoint.port == 0) {
      why = std::strerror(errno);
      if (config_.port != 0) break;  // a fixed port that is taken stays taken
      continue;
    }
    auto acceptor = std::make_unique<FixAcceptor>(endpoint, *events_);
    if (acceptor->tryStart()) {
      acceptor_ = std::move(acceptor);
      port_ = endpoint.port;
    } else {
      why = "QuickFIX could not bind it";
      if (config_.port != 0) break;
    }
  }
  if (!acceptor_) {
    throw std::runtime_error(config_.port != 0 ? "venue simulator: cannot listen on port " +
                                                     std::to_string(config_.port) + ": " + why
                                               : "venue simulator: no free port could be bound in " +
                                                     std::to_string(kBindAttempts) + " attempts: " + why);
  }
  stop_.store(false, std::memory_order_relaxed);
  thread_ = std::thread([this] { run(); });
}

void VenueSimulator::stop() noexcept {
  if (thread_.joinable()) {
    stop_.store(true, std::memory_order_release);
    thread_.join();  // first: the venue thread sends through the acceptor
  }
  if (acceptor_) {
    acceptor_->stop(std::chrono::milliseconds(2000));
    acceptor_.reset();
  }
  counters_.logged_on.store(false, std::memory_order_relaxed);
}

void VenueSimulator::onMarketTrade(const Tick& trade) noexcept {
  if (trade.kind != TickKind::kTrade) return;
  if (!trades_.tryPush(trade)) bump(counters_.trade_queue_full);
}

void VenueSimulator::onMarketQuote(const Tick& quote) noexcept {
  const bool top = quote.kind == TickKind::kQuote ||
                   (quote.kind != TickKind::kTrade && (quote.flags & kTickBookSynced) != 0);
  if (!top) return;  // an unsynced depth update's levels are not the top of book
  if (!trades_.tryPush(quote)) bump(counters_.quote_queue_full);
}

void VenueSimulator::injectFault(VenueFault fault, std::uint32_t count) noexcept {
  // relaxed throughout: a fault is a count with nothing else to publish.
  switch (fault) {
    case VenueFault::kRejectNewOrders: rejects_left_.fetch_add(count, std::memory_order_relaxed); break;
    case VenueFault::kDisconnect: disconnect_now_.store(true, std::memory_order_relaxed); break;
    case VenueFault::kDuplicateReports: duplicates_left_.fetch_add(count, std::memory_order_relaxed); break;
    case VenueFault::kReorderReportPairs: reorders_left_.fetch_add(count, std::memory_order_relaxed); break;
    case VenueFault::kResendRequest:
      resend_from_.store(static_cast<int>(count == 0 ? 1 : count), std::memory_order_relaxed);
      break;
    case VenueFault::kSessionReject:
      reject_ref_seq_.store(static_cast<int>(count == 0 ? 1 : count), std::memory_order_relaxed);
      break;
    case VenueFault::kStallSession: stall_ms_.store(count, std::memory_order_relaxed); break;
    case VenueFault::kGarbleReports: garbles_left_.fetch_add(count, std::memory_order_relaxed); break;
  }
}

bool VenueSimulator::takeFault(std::atomic<std::uint32_t>& left) noexcept {
  std::uint32_t n = left.load(std::memory_order_relaxed);
  while (n > 0 && !left.compare_exchange_weak(n, n - 1, std::memory_order_relaxed)) {
  }
  return n > 0;
}

bool VenueSimulator::matchQueuedTrades() noexcept {
  bool any = false;
  Tick trade;
  while (trades_.tryPop(trade)) {
    any = true;
    if (trade.kind != TickKind::kTrade) {
      book_.onQuote(trade);
      bump(counters_.market_quotes);
      continue;
    }
    reports_.clear();
    try {
      book_.onTrade(trade, reports_);
    } catch (...) {  // cannot happen with the reserve; never let it kill the thread
    }
    publish();
    // Last, and release: a reader that acquires the new count sees every counter this
    // trade moved, and its reports are already handed to QuickFIX.
    counters_.market_trades.store(counters_.market_trades.load(std::memory_order_relaxed) + 1,
                                  std::memory_order_release);
  }
  return any;
}

void VenueSimulator::run() noexcept {
  IdleStrategy idle(IdleMode::kBackoff);  // a simulator: never worth a whole core
  WireOrder order;
  while (!stop_.load(std::memory_order_acquire)) {
    bool worked = matchQueuedTrades();
    if (nextOrder(order)) {
      worked = true;
      takeOrder(order);
    }
    if (disconnect_now_.exchange(false, std::memory_order_relaxed)) {
      bump(counters_.fault_disconnects);
      (void)acceptor_->dropConnections();
    }
    // The session faults stay armed until our side of the session is logged on: the
    // counterparty sees our Logon answer before QuickFIX calls our onLogon, so a fault
    // armed right after its logon could otherwise be taken, refused and lost.
    if (acceptor_->loggedOn()) {
      const int resend_from = resend_from_.exchange(0, std::memory_order_relaxed);
      if (resend_from > 0 && acceptor_->requestResend(resend_from, 0)) bump(counters_.fault_resend_requests);
      const int reject_ref = reject_ref_seq_.exchange(0, std::memory_order_relaxed);
      if (reject_ref > 0 && acceptor_->sendSessionReject(reject_ref, "venue fault: session reject")) {
        bump(counters_.fault_session_rejects);
      }
    }
    const std::uint64_t logouts = counters_.logouts.load(std::memory_order_acquire);
    if (logouts != logouts_seen_) {
      logouts_seen_ = logouts;
      if (config_.cancel_on_disconnect) {
        // The orders QuickFIX took before the session ended (held by ack_delay_ms or still
        // queued) are taken first, so none of them is left working after the cancel.
        if (holding_) {
          holding_ = false;
          takeOrder(held_);
        }
        while (orders_.tryPop(order)) takeOrder(order);
        cancelAllOnDisconnect();
      }
      worked = true;
    }
    if (worked) {
      idle.reset();
    } else {
      idle.idle();
    }
  }
}

bool VenueSimulator::nextOrder(WireOrder& order) noexcept {
  if (holding_) {
    if (TscClock::monotonicNs() < held_until_ns_) return false;
    holding_ = false;
    order = held_;
    return true;
  }
  if (!orders_.tryPop(order)) return false;
  if (config_.ack_delay_ms <= 0 || order.msg_type != 'D') return true;
  held_ = order;
  holding_ = true;
  held_until_ns_ = TscClock::monotonicNs() + config_.ack_delay_ms * 1'000'000;
  return false;
}

bool VenueSimulator::ignoreRepeat(const WireOrder& order) noexcept {
  // A mass cancel or a status request is harmless to repeat, but one ClOrdID is still one
  // request: the same rule for every type.
  const bool seen = seen_.insert(order.cl_ord_id);
  if (!seen || !order.poss_dup) return false;
  bump(counters_.poss_dups_ignored);
  return true;
}

void VenueSimulator::cancelAllOnDisconnect() noexcept {
  WireOrder all;
  all.msg_type = 'q';
  all.mass_cancel_type = '7';
  std::memcpy(all.cl_ord_id, "CANCEL-ON-DISCONNECT", sizeof "CANCEL-ON-DISCONNECT");
  reports_.clear();
  try {
    book_.onOrder(all, reports_);
  } catch (...) {
  }
  // No 35=r: nobody asked. The gateway hears of each order by its own Canceled.
  std::size_t kept = 0;
  for (VenueReport& r : reports_) {
    if (r.kind != VenueReport::Kind::kCanceled) continue;
    r.text = "cancel on disconnect";
    reports_[kept++] = r;
    bump(counters_.disconnect_cancels);
  }
  reports_.resize(kept);
  publish();
}

void VenueSimulator::takeOrder(const WireOrder& order) noexcept {
  // Trades first, again, now that the order is seen: every trade the engine handed over
  // before it sent this order is visible from here (the order left the engine after the
  // trade's push), though it may have come after the drain above. Matching them first
  // applies trades and orders in the order the engine saw them, whatever the turns of
  // this thread. Matching a trade is cheap (one pass over the resting orders), so a
  // burst of trades holds an order back only briefly.
  (void)matchQueuedTrades();
  if (!ignoreRepeat(order)) {
    reports_.clear();
    try {
      if (order.msg_type == 'D' && takeFault(rejects_left_)) {
        bump(counters_.fault_rejects);
        book_.reject(order, config_.reject_text.c_str(), reports_);
      } else {
        book_.onOrder(order, reports_);
      }
    } catch (...) {
    }
    publish();
    if (config_.disconnect_after_orders != 0 && ++orders_taken_ == config_.disconnect_after_orders) {
      disconnect_now_.store(true, std::memory_order_relaxed);  // after this order's reports
    }
  }
  // release, as market_trades: its reports are counted in reports_sent and handed over.
  counters_.orders_matched.store(counters_.orders_matched.load(std::memory_order_relaxed) + 1,
                                 std::memory_order_release);
}

void VenueSimulator::publish() noexcept {
  for (const VenueReport& r : reports_) {
    switch (r.kind) {
      case VenueReport::Kind::kNew: bump(counters_.acks); break;
      case VenueReport::Kind::kPartialFill: bump(counters_.partial_fills); break;
      case VenueReport::Kind::kFill: bump(counters_.fills); break;
      case VenueReport::Kind::kCanceled: bump(counters_.cancels); break;
      case VenueReport::Kind::kRejected: bump(counters_.rejects); break;
      case VenueReport::Kind::kCancelRejected: bump(counters_.cancel_rejects); break;
      case VenueReport::Kind::kReplaced: bump(counters_.replaces); break;
      case VenueReport::Kind::kStatus: bump(counters_.status_reports); break;
      case VenueReport::Kind::kMassCancelReport: bump(counters_.mass_cancel_reports); break;
    }
    WireExec w;
    const KindCodes codes = codesOf(r.kind);
    w.msg_type = r.kind == VenueReport::Kind::kCancelRejected ? '9' : '8';
    w.exec_type = codes.exec_type;
    w.ord_status = codes.ord_status;
    w.side = r.side;
    w.cxl_rej_response_to = r.kind == VenueReport::Kind::kCancelRejected ? r.cxl_rej_response_to : '\0';
    if (r.kind == VenueReport::Kind::kReplaced) w.ord_status = r.cum_qty.raw > 0 ? '1' : '0';
    if (r.kind == VenueReport::Kind::kStatus) w.ord_status = r.ord_status;
    if (fix42_ && w.msg_type == '8') to42(r.kind, w);
    if (r.kind == VenueReport::Kind::kMassCancelReport) {
      w.msg_type = 'r';
      w.ord_status = 0;
      w.mass_cancel_request_type = r.mass_cancel_type;
      // MassCancelResponse: 0 refused (the book gave a reason), else the type carried out.
      w.mass_cancel_response = r.text[0] != '\0' ? '0' : r.mass_cancel_type;
      formatOrderId(r.affected, w.total_affected, sizeof w.total_affected);
    }
    copyCut(r.cl_ord_id, w.cl_ord_id, sizeof w.cl_ord_id);
    copyCut(r.orig_cl_ord_id, w.orig_cl_ord_id, sizeof w.orig_cl_ord_id);
    copyCut(r.symbol_text, w.symbol, sizeof w.symbol);
    copyCut(r.text, w.text, sizeof w.text);
    if (r.order_id != 0) {
      formatOrderId(r.order_id, w.order_id, sizeof w.order_id);
    } else {
      copyCut("NONE", w.order_id, sizeof w.order_id);  // OrderID is required even when unknown
    }
    if (w.msg_type == '8') {
      formatOrderId(next_exec_id_++, w.exec_id, sizeof w.exec_id);
      const bool fill = r.kind == VenueReport::Kind::kPartialFill || r.kind == VenueReport::Kind::kFill;
      bool ok = true;
      if (fill) {
        ok &= formatDecimalTo(r.last_px.raw, w.last_px, sizeof w.last_px);
        ok &= formatDecimalTo(r.last_qty.raw, w.last_qty, sizeof w.last_qty);
      }
      ok &= formatDecimalTo(r.cum_qty.raw, w.cum_qty, sizeof w.cum_qty);
      ok &= formatDecimalTo(r.leaves_qty.raw, w.leaves_qty, sizeof w.leaves_qty);
      ok &= formatDecimalTo(r.avg_px.raw, w.avg_px, sizeof w.avg_px);
      if (r.kind == VenueReport::Kind::kReplaced) {  // the order as it now stands
        ok &= formatDecimalTo(r.cum_qty.raw + r.leaves_qty.raw, w.order_qty, sizeof w.order_qty);
        if (r.price.raw > 0) ok &= formatDecimalTo(r.price.raw, w.price, sizeof w.price);
      }
      if (!ok) {
        bump(counters_.send_failures);
        continue;
      }
    }
    sendReport(w);
  }
}

void VenueSimulator::sendReport(const WireExec& report) noexcept {
  WireExec w = report;
  if (w.msg_type == '8' && takeFault(garbles_left_)) {
    w.ord_status = 'Z';
    bump(counters_.fault_garbles);
  }
  if (reordering_) {  // the second of a swapped pair: it goes first
    sendOnce(w);
    sendOnce(reordered_);
    reordering_ = false;
    bump(counters_.fault_reorders);
    return;
  }
  if (takeFault(reorders_left_)) {
    reordered_ = w;
    reordering_ = true;
    return;
  }
  sendOnce(w);
  if (takeFault(duplicates_left_)) {
    bump(counters_.fault_duplicates);
    sendOnce(w);
  }
}

void VenueSimulator::sendOnce(const WireExec& w) noexcept {
  if (acceptor_->send(w)) {
    bump(counters_.reports_sent);
  } else {
    bump(counters_.send_failures);
  }
}

}  // namespace bw::fix
