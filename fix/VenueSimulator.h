#pragma once
// The built-in venue: a QuickFIX FIX 4.4 acceptor on loopback that matches our orders
// against the market trades and top-of-book quotes we replay (rules in fix/VenueBook.h). A simulator, not the
// hot path, but it keeps to the house rules: the acceptor callback only copies each
// order into a pre-sized queue, matching runs on the venue's own thread, and
// onMarketTrade() and onMarketQuote() are non-blocking, allocation-free pushes.
//
// Threads:
//   control thread  start(), stop(), port(), counters()
//   engine thread   onMarketTrade(), onMarketQuote()  (exactly one: single producer of the
//                   market queue)
//   QuickFIX thread acceptor callbacks (SocketAcceptor serves all connections on one
//                   thread: single producer of the order queue)
//   venue thread    drains both queues, matches, sends ExecutionReports
//
// Every market trade and quote queued by the time an order is taken is applied before that
// order: the engine saw them before it decided, so an order meets the market it was decided
// on, and a replay's fills do not depend on how the venue thread's turns fell
// (pipeline/VenueLockstep.h relies on it). Trades and quotes share one FIFO queue, so they
// are applied in the order the engine saw them; a quote makes no report, so lock-step
// needs no count of quotes: every quote handed before a trade is applied once that trade
// is counted in market_trades, and any later one before the next order or trade is taken.
//
// Caveat: QuickFIX 1.15 has no accept-address setting, so the acceptor listens on
// 0.0.0.0:port; it only logs on the configured CompID pair.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/InstrumentTable.h"
#include "core/SpscQueue.h"
#include "core/Tick.h"
#include "fix/FixBridge.h"
#include "fix/SeenClOrdIds.h"
#include "fix/VenueBook.h"

namespace bw::fix {

class FixAcceptor;

struct VenueConfig {
  std::uint16_t port = 0;  ///< 0: pick a free port at start (see start())
  std::string sender_comp_id = "VENUESIM";
  std::string target_comp_id = "BREAKWATER";
  std::string work_dir;   ///< where the QuickFIX log goes when file_log is on
  bool file_log = false;  ///< QuickFIX FileLog under work_dir (see FixEndpoint::file_log)
  /// Take OrderMassCancelRequest (35=q). False plays a venue without it: 35=q is answered
  /// with a BusinessMessageReject (35=j).
  bool mass_cancel = true;
  /// BeginString: "FIX.4.4" or "FIX.4.2" (reports then in 4.2's shape: see FixEndpoint).
  std::string begin_string = "FIX.4.4";
  /// Session store (see FixEndpoint::store): empty, a MemoryStore that resets on every
  /// logon; else a MappedMessageStore file here, and the session's numbers carry on across
  /// logons and venue restarts (a gateway on a file store needs this to log on).
  std::string store_dir;
  /// Cancel every working order when the session logs out or its line drops, as a venue
  /// with cancel-on-disconnect does. Each gets a Canceled report (Text "cancel on
  /// disconnect"); with a file store on both ends QuickFIX keeps them and they reach the
  /// gateway by resend when it logs on again. Counted in disconnect_cancels.
  bool cancel_on_disconnect = false;
  /// Fault for tests: hold every NewOrderSingle this long (wall time) before taking it, as
  /// a slow venue would; orders behind it wait their turn (FIFO). 0: none.
  std::int64_t ack_delay_ms = 0;
  // Further faults for tests (issue 6 item 6). Each can also be armed while running:
  // VenueSimulator::injectFault().
  /// Reject the first N NewOrderSingles with reject_text (OrdStatus 8), whatever they are.
  std::uint32_t reject_new_orders = 0;
  std::string reject_text = "venue fault: rejected";
  /// Drop the TCP connection once, right after the Nth order or cancel has been answered
  /// (no Logout: the line goes dead). 0: never.
  std::uint32_t disconnect_after_orders = 0;
  /// Send each of the next N reports (ExecutionReports, cancel rejects) twice, with the
  /// same ExecID (a resend without PossDupFlag, as a faulty venue would).
  std::uint32_t duplicate_reports = 0;
  /// Swap the next N pairs of reports: the first of a pair is held and sent right
  /// after the second, however many orders later that comes.
  std::uint32_t reorder_report_pairs = 0;
  /// Send each of the next N ExecutionReports with OrdStatus 'Z', outside FIX's set: bad
  /// input for the gateway (issue 6 item 8), which refuses and journals each.
  std::uint32_t garble_reports = 0;
};

/// A fault injectFault() arms at run time (see VenueConfig for each).
enum class VenueFault : std::uint8_t {
  kRejectNewOrders = 0,  ///< count: orders to reject
  kDisconnect,           ///< count ignored: drop the connection at the venue thread's next turn
  kDuplicateReports,     ///< count: reports to send twice
  kReorderReportPairs,   ///< count: pairs to swap
  kResendRequest,        ///< count: the BeginSeqNo to ask from (EndSeqNo 0: all since); sent once logged on
  kSessionReject,        ///< count: the RefSeqNum of a session Reject (35=3) to send; sent once logged on
  kStallSession,         ///< count: ms the venue's QuickFIX thread sleeps on the next order
                         ///< (no heartbeat, no answer: the line looks alive but dead)
  kGarbleReports,        ///< count: ExecutionReports to send with OrdStatus 'Z'
};

/// Counters, each written by one thread (grouped per writer on its own cache line) and
/// readable from any thread with relaxed loads; market_trades with acquire, see below.
struct VenueCounters {
  // QuickFIX acceptor thread
  alignas(64) std::atomic<std::uint64_t> orders_received{0};   ///< NewOrderSingle
  std::atomic<std::uint64_t> cancel_requests{0};                ///< OrderCancelRequest
  std::atomic<std::uint64_t> replace_requests{0};               ///< OrderCancelReplaceRequest
  std::atomic<std::uint64_t> mass_cancel_requests{0};           ///< OrderMassCancelRequest (taken)
  std::atomic<std::uint64_t> status_requests{0};                ///< OrderStatusRequest
  std::atomic<std::uint64_t> order_queue_full{0};               ///< dropped: venue thread behind
  std::atomic<std::uint64_t> unsupported_messages{0};           ///< answered with 35=j
  std::atomic<std::uint64_t> mass_cancels_unsupported{0};  ///< QuickFIX thread: 35=q answered 35=j (mass_cancel
                                                          ///< = false), release-stored just before the 35=j goes out
  std::atomic<std::uint64_t> poss_dups_received{0};             ///< orders etc. with PossDupFlag=Y
  std::atomic<std::uint64_t> logouts{0};                        ///< sessions ended (logout or drop)
  std::atomic<bool> logged_on{false};
  // engine thread
  alignas(64) std::atomic<std::uint64_t> trade_queue_full{0};  ///< trades the venue never saw
  std::atomic<std::uint64_t> quote_queue_full{0};               ///< quotes the venue never saw
  // venue thread
  alignas(64) std::atomic<std::uint64_t> market_trades{0};  ///< trades matched (release-stored
                                                            ///< after their reports were sent)
  std::atomic<std::uint64_t> market_quotes{0};  ///< top-of-book quotes applied
  std::atomic<std::uint64_t> orders_matched{0};  ///< orders and cancels taken off the order queue
                                                 ///< (release-stored after their reports were sent)
  std::atomic<std::uint64_t> reports_sent{0};    ///< ExecutionReports and cancel rejects handed to
                                                 ///< QuickFIX (stored before the two counts above)
  std::atomic<std::uint64_t> acks{0};
  std::atomic<std::uint64_t> partial_fills{0};
  std::atomic<std::uint64_t> fills{0};  ///< full fills
  std::atomic<std::uint64_t> cancels{0};
  std::atomic<std::uint64_t> rejects{0};
  std::atomic<std::uint64_t> cancel_rejects{0};  ///< cancel and replace rejects
  std::atomic<std::uint64_t> replaces{0};
  std::atomic<std::uint64_t> status_reports{0};
  std::atomic<std::uint64_t> mass_cancel_reports{0};
  std::atomic<std::uint64_t> send_failures{0};  ///< reports QuickFIX refused (not logged on)
  std::atomic<std::uint64_t> poss_dups_ignored{0};  ///< PossDup resends of ClOrdIDs already taken
  std::atomic<std::uint64_t> disconnect_cancels{0};  ///< orders canceled by cancel_on_disconnect
  // venue thread: faults that fired
  std::atomic<std::uint64_t> fault_rejects{0};
  std::atomic<std::uint64_t> fault_disconnects{0};  ///< connections cut
  std::atomic<std::uint64_t> fault_duplicates{0};
  std::atomic<std::uint64_t> fault_reorders{0};     ///< pairs swapped
  std::atomic<std::uint64_t> fault_resend_requests{0};  ///< ResendRequests sent
  std::atomic<std::uint64_t> fault_session_rejects{0};  ///< session Rejects (35=3) sent
  std::atomic<std::uint64_t> fault_garbles{0};      ///< reports sent with OrdStatus 'Z'
};

class VenueSimulator {
 public:
  /// Market trades and quotes the venue thread may fall behind by (128 B each: 8 MiB).
  static constexpr std::size_t kTradeQueueCapacity = 65'536;
  /// Orders and cancels copied out of the acceptor callback, not yet matched.
  static constexpr std::size_t kOrderQueueCapacity = 4'096;
  /// Attempts at binding a picked port (another process may take it between our probe
  /// and QuickFIX's bind).
  static constexpr int kBindAttempts = 8;

  /// Allocates the queues and the book. `instruments` must outlive this object. Cold path.
  VenueSimulator(const VenueConfig& config, const InstrumentTable& instruments);
  ~VenueSimulator();
  VenueSimulator(const VenueSimulator&) = delete;
  VenueSimulator& operator=(const VenueSimulator&) = delete;

  /// Listens (on config.port, or on a free port it picks by binding port 0 and reading
  /// the port back, retried up to kBindAttempts times) and starts the venue thread.
  /// Throws std::runtime_error naming the port on failure. Cold path.
  void start();

  /// The port actually listened on (0 before start).
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }

  /// Logs the counterparty out, stops the venue thread and closes the port. Idempotent;
  /// the destructor calls it. Cold path.
  void stop() noexcept;

  /// One replayed market trade (other tick kinds are ignored). Engine thread only (single
  /// producer); non-blocking, allocation-free; a full queue is counted in
  /// trade_queue_full, never silent.
  void onMarketTrade(const Tick& trade) noexcept;

  /// One replayed top of book: a quote, or a depth/snapshot tick with kTickBookSynced
  /// (other ticks are ignored). Same thread, queue and rules as onMarketTrade; a full
  /// queue is counted in quote_queue_full.
  void onMarketQuote(const Tick& quote) noexcept;

  /// Arms a fault (adds `count` to what is left of it; kDisconnect: drops the connection
  /// at the venue thread's next turn). Control thread (any thread but the venue's); no
  /// allocation, no lock.
  void injectFault(VenueFault fault, std::uint32_t count = 1) noexcept;

  [[nodiscard]] const VenueCounters& counters() const noexcept { return counters_; }

 private:
  class Events;
  void run() noexcept;
  /// Applies every trade and quote in the market queue; true if there was one. Venue thread.
  bool matchQueuedTrades() noexcept;
  /// The next order to take: a held one whose delay ran out, else the queue's head (held
  /// instead when it is a new order and config.ack_delay_ms is set). Venue thread.
  bool nextOrder(WireOrder& order) noexcept;
  /// Matches the trades seen before `order`, then the order, and sends the reports.
  void takeOrder(const WireOrder& order) noexcept;
  void publish() noexcept;
  /// A PossDup resend of a ClOrdID this venue already took: true (and counted) when it is
  /// one, so the caller drops it. Records every other order's ClOrdID. Venue thread.
  bool ignoreRepeat(const WireOrder& order) noexcept;
  /// cancel_on_disconnect: cancels every working order, reports sent (or kept by a file
  /// store) with Text "cancel on disconnect". Venue thread.
  void cancelAllOnDisconnect() noexcept;
  /// Hands one report to QuickFIX, applying the duplicate, reorder and garble faults.
  void sendReport(const WireExec& w) noexcept;
  /// Hands `w` to QuickFIX and counts it.
  void sendOnce(const WireExec& w) noexcept;
  /// Takes one unit of an armed fault; false when none is left. Venue thread.
  static bool takeFault(std::atomic<std::uint32_t>& left) noexcept;

  VenueConfig config_;
  const InstrumentTable& instruments_;
  VenueCounters counters_;
  SpscQueue<Tick> trades_;       // engine thread -> venue thread: trades and quotes, in order
  SpscQueue<WireOrder> orders_;  // QuickFIX thread -> venue thread
  VenueBook book_;                     // venue thread only
  std::vector<VenueReport> reports_;   // venue thread only; reserved once
  std::uint64_t next_exec_id_ = 1;     // venue thread only
  WireOrder held_{};                   // venue thread only: the order config.ack_delay_ms holds
  bool holding_ = false;
  std::int64_t held_until_ns_ = 0;
  // Faults armed and left (control thread adds, venue thread takes; RMW on both sides).
  std::atomic<std::uint32_t> rejects_left_{0};
  std::atomic<std::uint32_t> duplicates_left_{0};
  std::atomic<std::uint32_t> reorders_left_{0};
  std::atomic<std::uint32_t> garbles_left_{0};
  std::atomic<bool> disconnect_now_{false};
  std::atomic<int> resend_from_{0};        // kResendRequest armed: BeginSeqNo (0: none)
  std::atomic<int> reject_ref_seq_{0};     // kSessionReject armed: RefSeqNum (0: none)
  std::atomic<std::uint32_t> stall_ms_{0};  // kStallSession armed (QuickFIX thread takes it)
  std::uint64_t logouts_seen_ = 0;          // venue thread: counters_.logouts acted on
  SeenClOrdIds seen_;                           // venue thread
  std::uint64_t orders_taken_ = 0;  // venue thread: for disconnect_after_orders
  WireExec reordered_{};            // venue thread: the first report of a pair being swapped
  bool reordering_ = false;
  std::unique_ptr<Events> events_;
  std::unique_ptr<FixAcceptor> acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::uint16_t port_ = 0;
  bool fix42_ = false;  // reports in FIX 4.2's shape
};

}  // namespace bw::fix
