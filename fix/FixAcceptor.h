#pragma once
// QuickFIX FIX 4.4 acceptor adapter (the venue simulator's session) behind a pimpl. This
// header is C++14- and C++20-clean; FixAcceptor.cpp is the C++14 file that includes
// QuickFIX. It copies field text between QuickFIX messages and the bridge structs and
// does nothing else.
//
// Threads: tryStart/stop from the owning thread; send from one sending thread (the venue
// thread); every AcceptorEvents callback from the single QuickFIX SocketAcceptor thread.

#include <chrono>
#include <memory>

#include "fix/FixBridge.h"
#include "fix/FixEndpoint.h"

namespace bw {
namespace fix {

class FixAcceptor {
 public:
  /// Cheap: nothing is created until tryStart(). `events` must outlive this object.
  FixAcceptor(const FixEndpoint& endpoint, AcceptorEvents& events);
  ~FixAcceptor();
  FixAcceptor(const FixAcceptor&) = delete;
  FixAcceptor& operator=(const FixAcceptor&) = delete;

  /// Listens on endpoint.port and starts the acceptor thread. Returns false when the port
  /// could not be bound (QuickFIX 1.15 binds 0.0.0.0:port; the caller may retry with
  /// another port on a new FixAcceptor). Throws std::runtime_error on any other failure.
  /// Cold path.
  bool tryStart();

  /// Sends an ExecutionReport ('8'), OrderCancelReject ('9') or OrderMassCancelReport ('r')
  /// built from the field text.
  /// False when not started, not logged on, or QuickFIX threw. The sending thread only;
  /// allocates; never throws.
  bool send(const WireExec& exec) noexcept;

  /// Fault for tests: cuts every accepted TCP connection on our port (shutdown(2) on the
  /// socket, as a dropped line would look), without a Logout. The QuickFIX thread then
  /// sees the connection end and disconnects the session on its own thread, so nothing of
  /// QuickFIX's is touched from this one. Returns how many connections were cut. Any
  /// thread; cold path (scans /proc/self/fd).
  int dropConnections() noexcept;

  /// Fault for tests: sends a ResendRequest (35=2, 7=begin_seq, 16=end_seq; 0: "all
  /// since") out of the blue, as a venue that lost messages would. The counterparty's
  /// answer below our expected numbers is dropped by QuickFIX (PossDup, too low). False
  /// when not logged on or QuickFIX threw. The sending thread only; cold path.
  bool requestResend(int begin_seq, int end_seq) noexcept;

  /// Fault for tests: sends a session-level Reject (35=3, 45=ref_seq_num, 373=99 Other,
  /// Text) as a venue refusing a malformed message would. Same rules as requestResend.
  bool sendSessionReject(int ref_seq_num, const char* text) noexcept;

  /// True while the counterparty is logged on. Any thread.
  bool loggedOn() const noexcept;

  /// Logs the counterparty out (waits up to `logout_wait` for its answer), stops the
  /// thread and closes the port. Idempotent. Must not race send(). Cold path.
  void stop(std::chrono::milliseconds logout_wait) noexcept;

 private:
  struct Impl;
  FixEndpoint endpoint_;
  AcceptorEvents& events_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fix
}  // namespace bw
