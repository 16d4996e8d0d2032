#pragma once
// A FIX 4.4 initiator for `breakwater cert` with the control a certification script needs
// and the order gateway must never offer: any message type sent (admin ones too: a
// TestRequest, a ResendRequest), the outgoing sequence number moved by hand to open a gap,
// logout and logon again, and every message received (admin and application, raw from
// QuickFIX's Log, so even those the session consumes itself) kept for the script to take.
// No FileLog: the Log slot is taken; the cert report is the record. A tool, not the hot path: sends allocate, received messages wait in a
// mutex-guarded list, and take() blocks on a condition variable.
//
// This header is C++14- and C++20-clean and includes no QuickFIX header; CertSession.cpp
// is the C++14 file that does (see fix/CMakeLists.txt).
//
// Threads: start/stop/logon/logout/setNextSenderSeqNum from the script's thread; send
// from that same thread; the QuickFIX initiator thread only appends received messages.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fix/FixEndpoint.h"

namespace bw {
namespace fix {

/// The session as [fix] configures it, plus where the acceptor is.
struct CertSettings {
  FixEndpoint endpoint;              ///< host, port, comp ids, heartbeat_s
  bool reset_on_logon = true;        ///< ResetSeqNumFlag(141)=Y on our Logon (and reset on logout)
  bool use_data_dictionary = false;  ///< QuickFIX validates both directions against data_dictionary
  std::string data_dictionary;       ///< FIX44.xml path
};

/// One field as it travelled: tag and text.
struct CertField {
  int tag;
  std::string value;
};

/// One message received: every field in wire order, header to trailer (a repeating
/// group's fields appear flat, in order).
struct CertMessage {
  std::string msg_type;
  std::vector<CertField> fields;
  std::uint64_t received_tsc = 0;  ///< rdtsc in the QuickFIX callback (bw::TscClock's counter)

  /// The field's text, or null when absent.
  const std::string* field(int tag) const;
  /// The field's text, or "" when absent.
  std::string text(int tag) const;
};

class CertSession {
 public:
  explicit CertSession(const CertSettings& settings);
  ~CertSession();
  CertSession(const CertSession&) = delete;
  CertSession& operator=(const CertSession&) = delete;

  /// Creates the session and its thread, which connects and logs on in the background
  /// (retrying every second). Throws std::runtime_error with QuickFIX's reason. Cold path.
  void start();

  /// True while logged on. Any thread.
  bool loggedOn() const noexcept;
  /// Waits (1 ms grain) until loggedOn() is `state`, at most `timeout`; true if it was.
  bool waitLoggedOn(bool state, std::chrono::milliseconds timeout) const;

  /// Sends `msg_type` with `body` fields (QuickFIX fills the header and the trailer,
  /// admin types included). Returns rdtsc read just before the message is handed to
  /// QuickFIX (which writes it on this thread when the socket takes it), or 0 when not
  /// logged on or QuickFIX refused or threw. Never throws.
  std::uint64_t send(const std::string& msg_type, const std::vector<CertField>& body) noexcept;

  /// Removes and returns (in `out`) the oldest message received for which `match` is
  /// true, waiting up to `timeout` for one to arrive. False on timeout.
  bool take(const std::function<bool(const CertMessage&)>& match, std::chrono::milliseconds timeout,
            CertMessage& out);
  /// Drops every message received so far.
  void clearReceived();
  /// QuickFIX's last few session events ("Connection failed", "Received logout request"),
  /// "; "-separated: the detail of a failed logon.
  std::string recentEvents() const;

  /// MsgSeqNum(34) our next message will carry / we expect next from the acceptor.
  int nextSenderSeqNum() const;
  int nextTargetSeqNum() const;
  /// Moves our outgoing sequence number (to open a gap). False when QuickFIX refused.
  bool setNextSenderSeqNum(int seq) noexcept;

  /// Sends Logout and stops reconnecting; logon() lets the initiator connect again (its
  /// reconnect timer: within a second). Neither waits: see waitLoggedOn.
  void logout(const std::string& reason) noexcept;
  void logon() noexcept;

  /// Logs out (waits up to `logout_wait`), stops the thread and destroys the session.
  /// Idempotent; the destructor calls it. Cold path.
  void stop(std::chrono::milliseconds logout_wait) noexcept;

 private:
  struct Impl;
  CertSettings settings_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fix
}  // namespace bw
