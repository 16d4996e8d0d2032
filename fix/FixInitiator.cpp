// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/FixInitiator.h"

#include <quickfix/Application.h>
#include <quickfix/FileLog.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/Message.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SocketInitiator.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

#include "fix/InitiatorApp.h"
#include "fix/QuickFixSupport.h"
#include "fix/SessionWatchLog.h"

namespace bw {
namespace fix {
struct FixInitiator::Impl {
  Impl(const FixEndpoint& endpoint, InitiatorEvents& events) : claim(makeSessionId(endpoint)), app(events) {}
  SessionClaim claim;  // first member: released only after the QuickFIX objects are gone
  InitiatorApp app;
  std::unique_ptr<FIX::MessageStoreFactory> store;
  std::unique_ptr<FIX::FileLogFactory> log;
  std::unique_ptr<SessionWatchLogFactory> watch;  // always: sees the session layer's refusals
  std::unique_ptr<FIX::SocketInitiator> initiator;
  FIX::Session* session = nullptr;  // owned by `initiator`; cached to skip the global lookup
};

FixInitiator::FixInitiator(const FixEndpoint& endpoint, InitiatorEvents& events)
    : endpoint_(endpoint), events_(events) {}

FixInitiator::~FixInitiator() { stop(std::chrono::milliseconds(2000)); }

void FixInitiator::start() {
  if (impl_) throw std::runtime_error("FIX initiator: already started");
  try {
    std::unique_ptr<Impl> impl(new Impl(endpoint_, events_));
    impl->store = makeStoreFactory(endpoint_);
    const FIX::SessionSettings settings = makeSessionSettings(endpoint_, SessionRole::kInitiator);
    if (endpoint_.file_log) impl->log.reset(new FIX::FileLogFactory(settings));
    impl->watch.reset(new SessionWatchLogFactory(events_, impl->log.get()));
    impl->initiator.reset(new FIX::SocketInitiator(impl->app, *impl->store, settings, *impl->watch));
    impl->session = impl->initiator->getSession(makeSessionId(endpoint_));
    if (impl->session == nullptr) throw std::runtime_error("session was not created");
    impl->initiator->start();
    impl_ = std::move(impl);
  } catch (const std::exception& e) {
    throw std::runtime_error("FIX initiator " + endpoint_.sender_comp_id + "->" + endpoint_.target_comp_id +
                             " to " + endpoint_.host + ":" + std::to_string(endpoint_.port) +
                             " failed to start: " + e.what());
  }
}

bool FixInitiator::loggedOn() const noexcept { return impl_ && impl_->app.loggedOn(); }

bool FixInitiator::send(const WireOrder& order) noexcept {
  if (!impl_) return false;
  try {
    FIX::Message m;
    if (!buildOrderMessage(order, endpoint_.fix42(), m)) return false;
    // Session::send runs toApp() and serialises on this (the order) thread, under the
    // session's mutex; the socket connection queues the bytes under its own mutex and
    // writes what it can at once, so sending from outside the QuickFIX thread is safe.
    return impl_->session->send(m);
  } catch (...) {
    return false;
  }
}

void FixInitiator::stop(std::chrono::milliseconds logout_wait) noexcept {
  if (!impl_) return;
  try {
    // QuickFIX 1.15 sends the Logout from its once-a-second timer and its thread sees the
    // stop at its next one-second poll, so a clean stop takes about 2 s (measured).
    Impl& impl = *impl_;
    logoutAndWait(*impl.session, [&impl] { return impl.app.loggedOn(); }, "Breakwater gateway stopping",
                  logout_wait);
    impl_->initiator->stop(true);
  } catch (...) {
    // Nothing sensible to do while shutting down; the destructor below still runs.
  }
  impl_.reset();
}

}  // namespace fix
}  // namespace bw
