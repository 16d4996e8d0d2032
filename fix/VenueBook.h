#pragma once
// The venue simulator's matching rules, free of any FIX session so they can be tested on
// their own. Owned and called by the venue thread only.
//
// Rules: a NewOrderSingle must be a limit order for a known symbol with a positive price
// and quantity on the instrument's tick and lot sizes, else it is rejected with a reason.
// An accepted order is acknowledged (New). A buy whose limit is >= the last market trade
// price (a sell: <=) fills at once, in full, at that last trade price. Otherwise it rests
// (IOC orders are canceled instead); each later market trade at a price that reaches the
// limit fills min(leaves, what is left of the print) at the limit price. One print is
// shared by the resting orders in arrival order: a 1-lot print never fills 4096 lots.

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
  const char* text = "";  ///< static reason on rejects and IOC cancels
};

class VenueBook {
 public:
  /// Resting orders at most; a new order that would rest beyond this is rejected.
  static constexpr std::size_t kCapacity = 4096;
  /// Reports one call can append: a trade yields at most one per resting order.
  static constexpr std::size_t kMaxReportsPerCall = kCapacity + 2;

  /// Reserves the book once. Cold path.
  explicit VenueBook(const InstrumentTable& instruments);

  /// Handles a NewOrderSingle ('D') or OrderCancelRequest ('F'); appends 1-2 reports.
  /// `out` should have kMaxReportsPerCall reserved so that nothing allocates.
  void onOrder(const WireOrder& order, std::vector<VenueReport>& out);

  /// Handles one market trade (other tick kinds are ignored); appends a fill per resting
  /// order it reaches. `out` should have kMaxReportsPerCall reserved.
  void onTrade(const Tick& trade, std::vector<VenueReport>& out);

  [[nodiscard]] std::size_t resting() const noexcept { return book_.size(); }
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
  };

  void onNew(const WireOrder& order, std::vector<VenueReport>& out);
  void onCancel(const WireOrder& order, std::vector<VenueReport>& out);
  /// The reason a NewOrderSingle is refused, or nullptr. Fills symbol/side/limit/qty.
  const char* validate(const WireOrder& order, SymbolId& symbol, Side& side, Price& limit, Qty& qty) const noexcept;
  [[nodiscard]] const Resting* findResting(const char* cl_ord_id) const noexcept;

  const InstrumentTable& instruments_;
  std::vector<Resting> book_;  // arrival order is time priority; reserved to kCapacity
  std::array<Price, InstrumentTable::kCapacity> last_trade_{};
  std::uint64_t next_order_id_ = 1;
};

}  // namespace bw::fix
