#pragma once
// Where the order gateway passes its FIX session's events (logon, logout, resend, reset,
// reject, heartbeat trouble: SessionEventKind in fix/FixBridge.h), e.g. to the journal.
//
// Threads: called on the QuickFIX initiator thread (never the order thread). An
// implementation must not block, throw or allocate per call; it copies `text`.

#include <cstddef>
#include <string_view>

#include "fix/FixBridge.h"

namespace bw::fix {

class SessionEventSink {
 public:
  virtual void onSessionEvent(SessionEventKind kind, std::string_view text) noexcept = 0;

 protected:
  ~SessionEventSink() = default;
};

/// Stable lower-case name of a session event, as the journal writes it.
[[nodiscard]] constexpr const char* sessionEventName(SessionEventKind kind) noexcept {
  switch (kind) {
    case SessionEventKind::kLogon: return "logon";
    case SessionEventKind::kLogout: return "logout";
    case SessionEventKind::kDisconnect: return "disconnect";
    case SessionEventKind::kReconnectAttempt: return "logon_attempt";
    case SessionEventKind::kResendRequestSent: return "resend_request_sent";
    case SessionEventKind::kResendRequestReceived: return "resend_request_received";
    case SessionEventKind::kSequenceReset: return "sequence_reset";
    case SessionEventKind::kSessionReject: return "session_reject";
    case SessionEventKind::kTestRequestSent: return "test_request_sent";
    case SessionEventKind::kHeartbeatTimeout: return "heartbeat_timeout";
  }
  return "unknown";
}

}  // namespace bw::fix
