#pragma once
// Helpers shared by the two QuickFIX adapters (FixInitiator.cpp, FixAcceptor.cpp).
// C++14 only: includes QuickFIX headers, so never include it from C++20 files.

#include <quickfix/FieldMap.h>
#include <quickfix/Message.h>
#include <quickfix/SessionID.h>
#include <quickfix/SessionSettings.h>

#include <quickfix/Session.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <thread>

#include "fix/FixBridge.h"
#include "fix/FixEndpoint.h"

namespace bw {
namespace fix {

enum class SessionRole { kInitiator, kAcceptor };

/// The FIX 4.4 session id of `endpoint` (SenderCompID -> TargetCompID).
FIX::SessionID makeSessionId(const FixEndpoint& endpoint);

/// Settings for exactly one session: 24-hour session window, no data dictionary (Debian
/// ships no FIX44.xml), sequence numbers reset on logon/logout/disconnect (MemoryStore),
/// TCP_NODELAY, a FileLog path only when endpoint.file_log is set. Throws FIX::ConfigError.
FIX::SessionSettings makeSessionSettings(const FixEndpoint& endpoint, SessionRole role);

/// Holds a session id for this process while a QuickFIX session with that id exists.
/// QuickFIX 1.15 keeps sessions in a process-wide table keyed by SessionID and does not
/// refuse a duplicate: the second session's destructor erases the first one's entry and
/// the first one's thread then dereferences a null Session* (seen as a SIGSEGV in
/// Initiator::connect). So we refuse the duplicate ourselves, before QuickFIX sees it.
class SessionClaim {
 public:
  /// Throws std::runtime_error when `id` is already claimed. Cold path (takes a mutex).
  explicit SessionClaim(const FIX::SessionID& id);
  ~SessionClaim();
  SessionClaim(const SessionClaim&) = delete;
  SessionClaim& operator=(const SessionClaim&) = delete;

 private:
  std::string key_;
};

/// Sends Logout with `reason` if `logged_on()` and waits on a 1 ms grain, at most
/// `wait`, for the counterparty's answer. The adapters' stop() calls it before forcing
/// their QuickFIX engine to stop: QuickFIX's own graceful stop polls isLoggedOn() in
/// whole seconds for up to 10 s. Control thread; cold path; may throw QuickFIX's errors.
template <typename LoggedOn>
void logoutAndWait(FIX::Session& session, const LoggedOn& logged_on, const char* reason,
                   std::chrono::milliseconds wait) {
  if (!logged_on()) return;
  session.logout(reason);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (logged_on() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

/// Copies field `tag` into dst (capacity bytes, NUL-terminated). An absent field leaves
/// an empty string. Returns false only when the value did not fit and was cut.
bool copyField(const FIX::FieldMap& map, int tag, char* dst, std::size_t capacity);

/// First character of field `tag`, or 0 when absent or empty.
char fieldChar(const FIX::FieldMap& map, int tag);

/// Sets field `tag` to the NUL-terminated text unless it is empty.
void setTextField(FIX::FieldMap& map, int tag, const char* text);

/// Sets a one-character field unless c is 0.
void setCharField(FIX::FieldMap& map, int tag, char c);

/// Builds the QuickFIX message for `order` (35=D, F, G, q or H; TransactTime of now on
/// all but H), ready for Session::send. False for another type. `fix42`: HandlInst on
/// D and G. Allocates; may throw QuickFIX's exceptions. Shared by both initiators.
bool buildOrderMessage(const WireOrder& order, bool fix42, FIX::Message& m);

}  // namespace fix
}  // namespace bw
