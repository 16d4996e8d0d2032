#pragma once
// One FIX session end (4.4 or 4.2), as the order gateway (initiator) and the venue simulator
// (acceptor) both describe it. Kept C++14-clean on purpose: the QuickFIX adapter files
// (built as C++14, see fix/CMakeLists.txt) include it too.

#include <cstdint>
#include <string>

namespace bw {
namespace fix {

struct FixEndpoint {
  std::string host = "127.0.0.1";  ///< initiator: where to connect (the acceptor ignores it)
  std::uint16_t port = 0;          ///< initiator: venue port; acceptor: port to listen on
  std::string sender_comp_id = "BREAKWATER";
  std::string target_comp_id = "VENUESIM";
  /// Where QuickFIX's log files go (file_log only).
  std::string work_dir;
  /// Where sequence numbers and sent messages live.
  ///   kMemory: a MemoryStore; both ends reset to 1 on every logon, logout and disconnect,
  ///            and nothing is kept for resend (the venue's ResendRequest is gap-filled).
  ///   kFile:   a MappedMessageStore file under store_dir (fix/MappedMessageStore.h): no
  ///            reset on logon, logout or disconnect, so a restarted process carries on
  ///            where it left off, and sent orders are resent (PossDupFlag=Y) on request.
  enum class Store { kMemory, kFile };
  Store store = Store::kMemory;
  std::string store_dir;  ///< kFile: one file per session here (created if missing)
  /// QuickFIX FileLog (messages and events) under work_dir, created if missing. Off by
  /// default: FileLog ends every line with std::endl, one write() per message on the
  /// thread that sends or receives it, the order thread included. For debugging.
  bool file_log = false;
  int heartbeat_s = 30;
  /// Does the venue take OrderMassCancelRequest (35=q)? Initiator: when false, a mass
  /// cancel leaves as one OrderCancelRequest per working order. Acceptor: when false,
  /// 35=q is answered with a BusinessMessageReject (35=j), as a venue without it would.
  bool mass_cancel = true;
  /// BeginString(8): "FIX.4.4" (default) or "FIX.4.2". 4.2 differs where it matters to us:
  /// HandlInst(21) on orders, ExecTransType(20) on execution reports, fills as ExecType
  /// 1 / 2 (not F), a status answer as ExecTransType 3 (no ExecType I), no 35=q / 35=r.
  std::string begin_string = "FIX.4.4";
  /// Initiator (OrderGateway): new orders and cancels as fix/OrderEncoder bytes through
  /// fix/FastInitiator, whose socket the order thread polls (OrderGateway::pollSession);
  /// false: QuickFIX's SocketInitiator and its own thread (fix/FixInitiator). True by
  /// default, as [fix] send_path = "fast" is.
  bool fast_send_path = true;

  bool fix42() const { return begin_string == "FIX.4.2"; }
  bool persistent() const { return store == Store::kFile; }
  /// 35=q goes on the wire: the venue takes it and the version has it.
  bool massCancelOnWire() const { return mass_cancel && !fix42(); }
};

}  // namespace fix
}  // namespace bw
