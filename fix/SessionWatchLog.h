#pragma once
// A QuickFIX Log that watches the session layer for messages it refuses before the
// application sees them (bad CheckSum or BodyLength, a garbled message, a missing header
// field answered with a session Reject) and reports each, with its raw text, to
// InitiatorEvents::onSessionRefused. Everything is also passed on to an inner log (the
// FileLog) when there is one. C++14 (QuickFIX headers): built with the adapters.
//
// How it sees them: Session::next(const std::string&) hands the raw message to the log's
// onIncoming before parsing it, then reports a refusal with onEvent: "Invalid message: ..."
// (dropped), "Message <n> Rejected: ..." (Reject sent), or, where QuickFIX gives up on the
// connection over a missing header field, "Field not found" (QuickFIX 1.15, Session.cpp
// and SocketInitiator). The last of these comes after the message's string is gone, so
// onIncoming copies the head of each message into a fixed buffer (no allocation) rather
// than keeping a pointer; onEvent reports that copy as the refused message's text.
//
// Threads: onIncoming and the refusal events come from the QuickFIX thread; onOutgoing
// from whichever thread sends; QuickFIX calls every method under its SessionState mutex.
// Cost on the good path: per message received one virtual call and a memcpy of at most
// kKeptBytes; per message sent one virtual call (plus the mutex QuickFIX takes around any
// log, which it skips when there is none).

#include <quickfix/Log.h>

#include <cstddef>
#include <string>

#include "fix/FixBridge.h"

namespace bw {
namespace fix {

class SessionWatchLog final : public FIX::Log {
 public:
  /// `inner` (may be null) is owned by `inner_factory`, which destroys it in our destructor.
  SessionWatchLog(InitiatorEvents& events, FIX::LogFactory* inner_factory, FIX::Log* inner) noexcept
      : events_(events), inner_factory_(inner_factory), inner_(inner) {}
  ~SessionWatchLog() override;

  void clear() override;
  void backup() override;
  void onIncoming(const std::string& message) override;
  void onOutgoing(const std::string& message) override;
  void onEvent(const std::string& text) override;

 private:
  InitiatorEvents& events_;
  FIX::LogFactory* inner_factory_;
  FIX::Log* inner_;
  void report(SessionRefusal refusal) noexcept;

  /// Bytes of each received message kept: BadFixMessage's bound (fix/BadFixMessage.h).
  static constexpr std::size_t kKeptBytes = 319;
  char last_incoming_[kKeptBytes] = {};  // QuickFIX thread
  std::size_t last_size_ = 0;            // full size of that message; 0: none since the last report
};

/// Makes a SessionWatchLog for the session (the global log is the inner factory's, or none).
class SessionWatchLogFactory final : public FIX::LogFactory {
 public:
  /// `inner` may be null (no FileLog); it must outlive this factory.
  SessionWatchLogFactory(InitiatorEvents& events, FIX::LogFactory* inner) noexcept : events_(events), inner_(inner) {}

  FIX::Log* create() override;
  FIX::Log* create(const FIX::SessionID& id) override;
  void destroy(FIX::Log* log) override;

 private:
  InitiatorEvents& events_;
  FIX::LogFactory* inner_;
};

}  // namespace fix
}  // namespace bw
