#pragma once
// The fast send path's FIX session (issue 6 item 5): QuickFIX's Session keeps the protocol
// (logon, heartbeats, test requests, sequence checks, resends) while this class owns the
// TCP socket, so pre-built order bytes (fix/OrderEncoder) can go straight to write()
// with the session's next MsgSeqNum, on the same thread, with no lock between our sends
// and QuickFIX's.
//
// How: a FIX::Initiator subclass (FastInitiator.cpp) with a transport of our own - a
// non-blocking TCP socket, a FIX::Responder that write()s, and a reader that frames
// complete messages (8= / 9=BodyLength / 10=) and hands each to Session::next. There is
// no thread: whoever owns the FastInitiator calls poll(), which reads what the socket has,
// runs the session's timers and reconnects after a drop (once a second, like
// SocketInitiator). The session's MessageStore is ours: sequence numbers in memory, sent
// messages in a SentMessageStore (FixedSentStore unless one is given), so both our raw
// sends and QuickFIX's own can be resent.
//
// Settings: makeSessionSettings (the same as FixInitiator: reset on logon, logout and
// disconnect), plus PersistMessages=Y so every sent message is kept for a ResendRequest.
// A resend answers a stored application message again with PossDupFlag=Y and
// OrigSendingTime (QuickFIX's Session::resend), and admin or unkept ones with a
// SequenceReset-GapFill.
//
// Known difference from SocketInitiator: QuickFIX does not see our raw sends as traffic
// (its last-sent time is private), so it sends a Heartbeat every HeartBtInt even while
// orders flow. Harmless: one extra small message per interval.
//
// This header is C++14- and C++20-clean and includes no QuickFIX header.
//
// Thread: one owner thread calls everything (start, poll, send*, stop); every
// InitiatorEvents callback fires from poll(), send() or stop() on that thread.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fix/FixBridge.h"
#include "fix/FixEndpoint.h"

namespace bw {
namespace fix {

class SentMessageStore;

/// What the transport and the session did. Owner thread.
struct FastInitiatorStats {
  std::uint64_t connects = 0;        ///< TCP connections made
  std::uint64_t disconnects = 0;     ///< TCP connections closed (either side, any reason)
  std::uint64_t raw_sends = 0;       ///< sendPrebuilt messages written or queued
  std::uint64_t session_sends = 0;   ///< messages QuickFIX's Session wrote (admin, send(), resends)
  std::uint64_t short_writes = 0;    ///< writes the socket took only part of (rest queued)
  std::uint64_t messages_in = 0;     ///< complete messages handed to Session::next
  std::uint64_t framing_errors = 0;  ///< bytes skipped that did not frame as a FIX message
  std::uint64_t invalid_messages = 0;  ///< framed, but QuickFIX refused them (CheckSum, BodyLength...)
  std::uint64_t heartbeats_in = 0;       ///< 35=0 received
  std::uint64_t test_requests_in = 0;    ///< 35=1
  std::uint64_t resend_requests_in = 0;  ///< 35=2: the counterparty saw a gap in our numbers
  std::uint64_t rejects_in = 0;          ///< 35=3: a session-level reject of one of ours
  std::uint64_t sequence_resets_in = 0;  ///< 35=4
};

/// TSC stamps around the latest send() call: the moment our finished bytes were handed to
/// the kernel, and the moment the call returned. The gap is the kernel's (loopback TCP,
/// the wakeup of the reader), kept apart so neither figure hides the other.
struct SocketWriteStamps {
  std::uint64_t handed_tsc = 0;    ///< 0: nothing written yet
  std::uint64_t returned_tsc = 0;
};

class FastInitiator {
 public:
  /// Incoming bytes not yet framed; a message longer than this drops the connection.
  static constexpr std::size_t kReceiveBufferBytes = 64 * 1024;
  /// Outgoing bytes the socket did not take at once, flushed by poll(); when full, the
  /// connection is dropped (the venue stopped reading).
  static constexpr std::size_t kSendQueueBytes = 256 * 1024;
  /// How often poll() runs the session's timers (Session::next(now)): heartbeats and
  /// timeouts are whole seconds, so 20 a second is plenty and keeps an idle poll cheap.
  static constexpr std::int64_t kTimerIntervalNs = 50'000'000;

  /// Cheap: nothing is created until start(). `events` (and `store`, when given) must
  /// outlive this object. `store` null: a FixedSentStore of 4096 messages.
  FastInitiator(const FixEndpoint& endpoint, InitiatorEvents& events, SentMessageStore* store = nullptr);
  ~FastInitiator();
  FastInitiator(const FastInitiator&) = delete;
  FastInitiator& operator=(const FastInitiator&) = delete;

  /// Creates the session and resolves the venue's address; the first poll() connects.
  /// Throws std::runtime_error with the reason. Cold path.
  void start();

  /// Does the session's work: connects (again, at most once a second), flushes queued
  /// bytes, reads and hands every complete message to the session (InitiatorEvents fire
  /// here), runs its timers. Never blocks. Owner thread; one recv() (a system call) per
  /// call while connected; allocates only when a message arrives (QuickFIX parses it).
  void poll() noexcept;

  /// poll() until logged on or `timeout` (sleeping 100 us between polls). Cold path.
  bool pollUntilLoggedOn(std::chrono::milliseconds timeout) noexcept;

  /// True while the session is logged on. Owner thread.
  bool loggedOn() const noexcept;

  /// The MsgSeqNum the next message of this session must carry (0 before start()). Owner
  /// thread; no allocation, no system call.
  std::uint64_t nextSenderSeqNum() const noexcept;

  /// Writes a complete pre-built message whose MsgSeqNum is `seq` (one send() call; what
  /// the socket does not take is queued for poll()), keeps it for resend and advances the
  /// sender sequence number. False, with nothing sent, when not logged on or `seq` is not
  /// nextSenderSeqNum(); false when the write failed or the queue is full (the connection
  /// is dropped at the next poll()). Owner thread; no allocation with a non-allocating
  /// store; one system call.
  bool sendPrebuilt(const char* bytes, std::size_t len, std::uint64_t seq) noexcept;

  /// Sends 35=D/F/G/q/H built by QuickFIX (Session::send): for what the encoder does not
  /// make. False when not logged on or QuickFIX refused or threw. Owner thread; allocates.
  bool send(const WireOrder& order) noexcept;

  /// Sends Logout and polls until the venue answers, at most `logout_wait`, then closes
  /// the connection and destroys the session. Idempotent. Owner thread; cold path.
  void stop(std::chrono::milliseconds logout_wait) noexcept;

  /// Counters so far. Owner thread.
  FastInitiatorStats stats() const noexcept;
  /// Around the latest send() call (ours or QuickFIX's). Owner thread; two loads.
  SocketWriteStamps lastWrite() const noexcept;

 private:
  struct Impl;
  FixEndpoint endpoint_;
  InitiatorEvents& events_;
  SentMessageStore* store_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fix
}  // namespace bw
