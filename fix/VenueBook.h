#pragma once
// The venue simulator's matching rules, free of any FIX session so they can be tested on
// their own. Owned and called by the venue thread only.
//
// Validation: a NewOrderSingle must be a limit order for a known symbol with a positive
// price and quantity on the instrument's tick and lot sizes, else it is rejected with a
// reason. An accepted order is acknowledged (New).
//
// Marketability, against the quote. The venue sees the replayed top of book (onQuote:
// bookTicker quotes, and depth/snapshot ticks once the book builder has synced them).
// A buy whose limit is >= the best ask (a sell: <= the best bid) takes the displayed size
// at once, at the ask (the taker gets the better price), up to that size; what the size
// did not cover rests at the limit (IOC: is canceled). The size taken is gone from our copy
// of the quote until the next quote, so two orders cannot take the same liquidity. Before
// any quote of the symbol the old rule stands: a buy with limit >= the last trade (a sell:
// <=) fills at once, in full, at that last trade price. Before either, everything rests.
//
// Queue position. A resting order carries `queue_ahead`, the market's volume in front of
// it at its price, set on arrival from the quote of its side:
//   - limit equal to the best on its side (a buy at the bid): behind the displayed size;
//   - limit better than the best (inside the spread, or through it): none ahead;
//   - limit worse than the best: unknown (kUnknownQueue) until a quote shows its level;
//   - no quote seen yet: none ahead (the old rule).
// A later quote of the symbol cuts the queue: the level at the order's price shown
// smaller than queue_ahead means orders ahead were canceled (ahead = the new size); the
// best on the order's side moved to a worse price than the order's means its level
// emptied, so nothing is ahead any more. A quote never fills: fills come from trades.
// A trade at the order's price first works through queue_ahead and only then fills it,
// min(leaves, what is left of the print); a trade through the price (strictly better for
// the order) fills it whatever the queue. Fills are at the order's own limit. One print
// is shared by our resting orders in arrival order (the market volume it spent on a
// queue ahead is not available to the orders behind): a 1-lot print never fills 4096
// lots. Our own orders are not in the replayed quote, so an order's queue_ahead does not
// count our earlier orders at the same price; sharing the print covers that in part.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/FixedPoint.h"
#include "core/InstrumentTable.h"
#include "core/Tick.h"
#include "fix/FixBridge.h"

namespace bw::fix {

/// One outcome of matching, in integers. VenueSimulator turns it into FIX text.
struct VenueReport {
  enum class Kind : std::uint8_t {
    kNew = 0,
    kPartialFill,
    kFill,
    kCanceled,
    kRejected,
    kCancelRejected,
    kReplaced,          ///< 35=G done: cl_ord_id the new id, orig_cl_ord_id the old
    kStatus,            ///< answer to 35=H (ExecType I); kRejected-like when unknown
    kMassCancelReport,  ///< 35=r: affected orders in `affected`, 0 and text when refused
  };
  Kind kind = Kind::kNew;
  char side = 0;                  ///< Side(54) as received ('1'/'2'; echoed on rejects)
  SymbolId symbol = kNoSymbol;
  std::uint64_t order_id = 0;     ///< venue OrderID; 0: none (reject, unknown order)
  char cl_ord_id[kWireIdLength] = {};       ///< the order's, or the cancel request's
  char orig_cl_ord_id[kWireIdLength] = {};  ///< cancels and cancel rejects: the order's
  char symbol_text[kWireSymbolLength] = {};  ///< Symbol(55) as received
  Price last_px{};
  Qty last_qty{};
  Qty cum_qty{};
  Qty leaves_qty{};
  Price avg_px{};
  Price price{};          ///< the order's limit (kReplaced: the new one); 0 where none
  const char* text = "";  ///< static reason on rejects and IOC cancels
  char cxl_rej_response_to = '1';  ///< kCancelRejected: '1' cancel request, '2' replace
  char ord_status = 0;             ///< kStatus: the order's OrdStatus ('0','1'; '8' unknown)
  char mass_cancel_type = 0;       ///< kMassCancelReport: the request's type ('1','7')
  std::uint32_t affected = 0;      ///< kMassCancelReport: orders canceled
};

class VenueBook {
 public:
  /// Resting orders at most; a new order that would rest beyond this is rejected.
  static constexpr std::size_t kCapacity = 4096;
  /// Reports one call can append: a trade yields at most one per resting order.
  static constexpr std::size_t kMaxReportsPerCall = kCapacity + 2;

  /// Reserves the book once. Cold path.
  explicit VenueBook(const InstrumentTable& instruments);

  /// Handles a NewOrderSingle ('D'), OrderCancelRequest ('F'), OrderCancelReplaceRequest
  /// ('G': new price and/or quantity; keeps its queue position only when the quantity goes
  /// down at the same price, else goes to the back as a new arrival would; Replaced, then
  /// a fill if the new price takes at once), OrderMassCancelRequest ('q': a Canceled per
  /// order, then the 35=r report) or OrderStatusRequest ('H': one ExecType I report).
  /// `out` should have kMaxReportsPerCall reserved so that nothing allocates.
  void onOrder(const WireOrder& order, std::vector<VenueReport>& out);

  /// Handles one market trade (other tick kinds are ignored); appends a fill per resting
  /// order it reaches. `out` should have kMaxReportsPerCall reserved.
  void onTrade(const Tick& trade, std::vector<VenueReport>& out);

  /// Takes the top of book of a quote, or of a depth/snapshot tick the book builder synced
  /// (kTickBookSynced); other ticks are ignored. Cuts the queues ahead of resting orders
  /// (see the header comment); never fills, never allocates.
  void onQuote(const Tick& quote) noexcept;

  /// Appends a Rejected report for `order` with a static `text` (a venue fault). Nothing
  /// else happens to the order; it never rests.
  void reject(const WireOrder& order, const char* text, std::vector<VenueReport>& out);

  /// queue_ahead of an order whose level has not been shown by a quote since it arrived.
  static constexpr std::int64_t kUnknownQueue = INT64_MAX;

  [[nodiscard]] std::size_t resting() const noexcept { return book_.size(); }
  /// Market volume ahead of a resting order (kUnknownQueue: not known yet); -1 when no
  /// order with that ClOrdID rests. For tests and diagnostics.
  [[nodiscard]] std::int64_t queueAhead(const char* cl_ord_id) const noexcept {
    const Resting* r = findResting(cl_ord_id);
    return r != nullptr ? r->queue_ahead : -1;
  }
  /// Last market trade price of a symbol; 0 before the first trade.
  [[nodiscard]] Price lastTrade(SymbolId symbol) const noexcept {
    return symbol < last_trade_.size() ? last_trade_[symbol] : Price{};
  }

 private:
  struct Resting {
    char cl_ord_id[kWireIdLength] = {};
    std::uint64_t order_id = 0;
    SymbolId symbol = kNoSymbol;
    Side side = Side::kBuy;
    Price limit{};
    Qty qty{};
    Qty cum{};
    std::int64_t queue_ahead = 0;  // market volume (Qty raw) in front of it at its price
    Int128 notional = 0;         // sum of fill price x qty, raw units, for the average price
    [[nodiscard]] Price avgPx() const noexcept {
      return cum.raw > 0 ? Price{static_cast<std::int64_t>(notional / cum.raw)} : Price{};
    }
  };
  /// Top of book of one symbol as the last quote showed it, less what our orders took.
  struct Quote {
    Price bid{};
    Price ask{};
    Qty bid_qty{};
    Qty ask_qty{};
    bool seen = false;
  };

  void onNew(const WireOrder& order, std::vector<VenueReport>& out);
  void onCancel(const WireOrder& order, std::vector<VenueReport>& out);
  void onReplace(const WireOrder& order, std::vector<VenueReport>& out);
  void onMassCancel(const WireOrder& order, std::vector<VenueReport>& out);
  void onStatus(const WireOrder& order, std::vector<VenueReport>& out);
  /// The report of resting order `r` of `kind`, its quantities filled in.
  [[nodiscard]] VenueReport reportOf(const Resting& r, VenueReport::Kind kind) const noexcept;
  /// The reason a NewOrderSingle is refused, or nullptr. Fills symbol/side/limit/qty.
  const char* validate(const WireOrder& order, SymbolId& symbol, Side& side, Price& limit, Qty& qty) const noexcept;
  [[nodiscard]] const Resting* findResting(const char* cl_ord_id) const noexcept;
  /// What an order of `side` at `limit` takes at once, at most `wanted`, and the price
  /// (the quote's touch, else the last trade); 0 when not marketable.
  [[nodiscard]] std::int64_t takeable(SymbolId symbol, Side side, Price limit, std::int64_t wanted,
                                      Price& take_px) const noexcept;
  /// Removes what an order took from our copy of the touch.
  void spendTouch(SymbolId symbol, Side side, std::int64_t taken) noexcept;
  /// Market volume ahead of a new order resting at `limit` (see the header comment).
  [[nodiscard]] std::int64_t queueOnArrival(SymbolId symbol, Side side, Price limit) const noexcept;

  const InstrumentTable& instruments_;
  std::vector<Resting> book_;  // arrival order is time priority; reserved to kCapacity
  std::array<Price, InstrumentTable::kCapacity> last_trade_{};
  std::array<Quote, InstrumentTable::kCapacity> quotes_{};
  std::uint64_t next_order_id_ = 1;
};

}  // namespace bw::fix
