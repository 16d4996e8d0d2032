#pragma once
// QuickFIX FIX 4.4 initiator adapter behind a pimpl. This header is C++14- and
// C++20-clean and includes no QuickFIX header; FixInitiator.cpp is the C++14 file that
// does. It moves field text between QuickFIX messages and the bridge structs
// (FixBridge.h) and does nothing else: no business logic, no locks of ours.
//
// Threads: start/stop from the owning (control) thread; send from one sending thread;
// every InitiatorEvents callback from the single QuickFIX SocketInitiator thread.

#include <chrono>
#include <memory>

#include "fix/FixBridge.h"
#include "fix/FixEndpoint.h"

namespace bw {
namespace fix {

class FixInitiator {
 public:
  /// Cheap: nothing is created until start(). `events` must outlive this object.
  FixInitiator(const FixEndpoint& endpoint, InitiatorEvents& events);
  ~FixInitiator();
  FixInitiator(const FixInitiator&) = delete;
  FixInitiator& operator=(const FixInitiator&) = delete;

  /// Creates the session and its thread, which connects and logs on in the background
  /// (reconnecting every second until the acceptor answers). Throws std::runtime_error
  /// with QuickFIX's reason on a configuration or thread error. Cold path.
  void start();

  /// Sends a NewOrderSingle ('D'), OrderCancelRequest ('F'), OrderCancelReplaceRequest
  /// ('G'), OrderMassCancelRequest ('q') or OrderStatusRequest ('H') built from the field text.
  /// False when not started, not logged on, or QuickFIX threw. The sending thread only;
  /// allocates (QuickFIX builds a std::string message); never throws.
  bool send(const WireOrder& order) noexcept;

  /// True while the session is logged on. Any thread.
  bool loggedOn() const noexcept;

  /// Sends Logout, waits up to `logout_wait` for the acceptor's answer, then stops the
  /// thread and destroys the session. Idempotent. Must not race send(). Cold path.
  void stop(std::chrono::milliseconds logout_wait) noexcept;

 private:
  struct Impl;
  FixEndpoint endpoint_;
  InitiatorEvents& events_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fix
}  // namespace bw
