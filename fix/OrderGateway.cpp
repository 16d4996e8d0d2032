#include "fix/OrderGateway.h"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "core/TscClock.h"
#include "fix/FixBridge.h"
#include "fix/FixInitiator.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

/// Single-writer counter bump: a plain load and store, no locked read-modify-write.
void bump(std::atomic<std::uint64_t>& c) noexcept {
  c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

}  // namespace

/// The initiator callbacks: copy into an ExecEvent and push, nothing else (STYLE.md rule
/// 9). All calls come from the one QuickFIX initiator thread.
class OrderGateway::Events final : public InitiatorEvents {
 public:
  explicit Events(OrderGateway& gateway) noexcept : gateway_(gateway) {}

  // Release: a send() that sees logged_on also sees the session QuickFIX set up before.
  void onLogon() noexcept override { gateway_.counters_.logged_on.store(true, std::memory_order_release); }
  void onLogout() noexcept override { gateway_.counters_.logged_on.store(false, std::memory_order_release); }

  void onExec(const WireExec& wire) noexcept override {
    const std::uint64_t recv_tsc = TscClock::now();  // first thing: the latency stamp
    OrderGatewayCounters& c = gateway_.counters_;
    bump(c.exec_received);
    ExecEvent event;
    if (decodeExec(wire, gateway_.instruments_, event) != ExecDecodeError::kOk) {
      bump(c.exec_malformed);
      return;
    }
    event.recv_tsc = recv_tsc;
    if (!gateway_.execs_.tryPush(event)) bump(c.exec_dropped);
  }

  void onUnreadable() noexcept override { bump(gateway_.counters_.unreadable); }

 private:
  OrderGateway& gateway_;
};

OrderGateway::OrderGateway(const FixEndpoint& endpoint, const InstrumentTable& instruments,
                           std::size_t exec_queue_capacity)
    : instruments_(instruments),
      execs_(exec_queue_capacity),
      events_(std::make_unique<Events>(*this)),
      initiator_(std::make_unique<FixInitiator>(endpoint, *events_)) {
  if (endpoint.file_log && !endpoint.work_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(endpoint.work_dir, ec);
    if (ec) {
      throw std::runtime_error("order gateway: cannot create work_dir " + endpoint.work_dir + ": " + ec.message());
    }
  }
}

OrderGateway::~OrderGateway() { stop(); }

void OrderGateway::start() { initiator_->start(); }

bool OrderGateway::waitLoggedOn(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!loggedOn()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

void OrderGateway::stop() noexcept {
  initiator_->stop(kLogoutWait);
  counters_.logged_on.store(false, std::memory_order_release);
}

bool OrderGateway::send(const OrderRequest& request) noexcept {
  WireOrder wire;
  if (!loggedOn() || !encodeOrder(request, instruments_, wire) || !initiator_->send(wire)) {
    bump(counters_.send_failures);
    return false;
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

}  // namespace bw::fix
