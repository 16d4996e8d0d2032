#pragma once
// The QuickFIX Application of our initiators (FixInitiator: SocketInitiator's thread;
// FastInitiator: its owner's thread): copies ExecutionReport / OrderCancelReject /
// OrderMassCancelReport / BusinessMessageReject field text into a WireExec and hands it to
// the events sink, and counts the admin messages the counterparty sent. No other logic.
// C++14 only: includes QuickFIX headers, so never include it from C++20 files.

#include <quickfix/Application.h>
#include <quickfix/Message.h>
#include <quickfix/SessionID.h>

#include <atomic>
#include <cstdint>

#include "fix/FixBridge.h"

namespace bw {
namespace fix {

/// Admin messages received (FastInitiator's tests read them to show a session without a
/// gap or a reject). Written by the thread that runs the session; read by that thread.
struct AdminCounts {
  std::uint64_t heartbeats = 0;        ///< 35=0
  std::uint64_t test_requests = 0;     ///< 35=1
  std::uint64_t resend_requests = 0;   ///< 35=2: the counterparty saw a gap in our numbers
  std::uint64_t rejects = 0;           ///< 35=3: a session-level reject of one of ours
  std::uint64_t sequence_resets = 0;   ///< 35=4
  std::uint64_t logouts = 0;           ///< 35=5
};

/// Overrides are noexcept (allowed: stricter than the base's dynamic exception
/// specification) so no QuickFIX exception escapes into the session.
class InitiatorApp final : public FIX::Application {
 public:
  explicit InitiatorApp(InitiatorEvents& events) : events_(events) {}

  void onCreate(const FIX::SessionID&) noexcept override {}
  void onLogon(const FIX::SessionID&) noexcept override;
  void onLogout(const FIX::SessionID&) noexcept override;
  void toAdmin(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void toApp(FIX::Message&, const FIX::SessionID&) noexcept override {}
  void fromAdmin(const FIX::Message& message, const FIX::SessionID&) noexcept override;
  void fromApp(const FIX::Message& message, const FIX::SessionID&) noexcept override;

  /// Our own copy of the logon state: Session::isLoggedOn() reads plain members that the
  /// session's thread writes, so other threads ask this instead.
  bool loggedOn() const noexcept { return logged_on_.load(std::memory_order_acquire); }
  const AdminCounts& adminCounts() const noexcept { return admin_; }

 private:
  InitiatorEvents& events_;
  std::atomic<bool> logged_on_{false};
  AdminCounts admin_;
};

}  // namespace fix
}  // namespace bw
