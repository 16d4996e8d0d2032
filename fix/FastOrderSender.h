#pragma once
// The order thread's fast send path: a gate-approved OrderRequest -> MsgSeqNum ->
// pre-built bytes (fix/OrderEncoder) -> FastInitiator::sendPrebuilt, one write() and no
// message built field by field (new orders, replaces and cancels). Requests the encoder
// does not make (mass cancel 35=q, status 35=H; every request on a FIX 4.2 session, whose 35=D needs
// HandlInst) go the QuickFIX way, FastInitiator::send(WireOrder), on the same session and
// the same thread, so one FastOrderSender can carry a whole session.
//
// Thread: the order thread owns it and calls everything, poll() included (see
// FastInitiator.h); InitiatorEvents fire from poll()/send()/stop() on that thread.

#include <chrono>
#include <cstdint>

#include "core/InstrumentTable.h"
#include "core/Order.h"
#include "fix/FastInitiator.h"
#include "fix/FixEndpoint.h"
#include "fix/OrderEncoder.h"

namespace bw::fix {

class SentMessageStore;

/// How send() sent a request, or why it did not.
enum class FastSendResult : std::uint8_t {
  kSentPrebuilt = 0,  ///< encoder bytes written through sendPrebuilt
  kSentQuickFix,      ///< built and sent by QuickFIX's Session (q/H, FIX 4.2)
  kNotSent,           ///< not logged on, the write failed, or QuickFIX refused
  kUnencodable,       ///< the request cannot become FIX text (unknown symbol, bad time)
};

[[nodiscard]] const char* fastSendResultName(FastSendResult r) noexcept;

class FastOrderSender {
 public:
  /// Lays out the encoder (throws std::invalid_argument on comp ids it cannot frame).
  /// `instruments`, `events` and `store` (when given) must outlive this object. Cold path.
  FastOrderSender(const FixEndpoint& endpoint, const InstrumentTable& instruments, InitiatorEvents& events,
                  SentMessageStore* store = nullptr);

  /// See FastInitiator::start / poll / stop / loggedOn.
  void start() { initiator_.start(); }
  void poll() noexcept { initiator_.poll(); }
  void stop(std::chrono::milliseconds logout_wait) noexcept { initiator_.stop(logout_wait); }
  [[nodiscard]] bool loggedOn() const noexcept { return initiator_.loggedOn(); }

  /// Sends `request` with SendingTime = TransactTime = `utc_ns` on the prebuilt path
  /// (kNew, kCancel) or QuickFIX's (the rest). Order thread; the prebuilt path allocates
  /// nothing with a non-allocating store and makes one system call (the write).
  [[nodiscard]] FastSendResult send(const OrderRequest& request, std::int64_t utc_ns) noexcept;

  [[nodiscard]] FastInitiator& initiator() noexcept { return initiator_; }

  /// Runs the prebuilt path up to the bytes and throws them away: a dummy NewOrderSingle
  /// encoded with the session's next MsgSeqNum (read, not taken), nothing stored, nothing
  /// written. The order thread calls it while idle on a core of its own, so the encoder's
  /// code and data are in that core's caches when a real order comes (issue 7: the path
  /// runs a few times a minute and ran cold). No allocation, no system call.
  void warm(std::int64_t utc_ns) noexcept;

 private:
  FastSendResult sendWithQuickFix(const OrderRequest& request) noexcept;

  const InstrumentTable& instruments_;
  bool prebuilt_;  // false on FIX 4.2: the encoder writes 4.4's NewOrderSingle (no HandlInst)
  OrderEncoder encoder_;
  FastInitiator initiator_;
};

}  // namespace bw::fix
