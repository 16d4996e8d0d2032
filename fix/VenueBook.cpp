#include "fix/VenueBook.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "core/Decimal.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

[[nodiscard]] VenueReport echo(const WireOrder& order, VenueReport::Kind kind) noexcept {
  VenueReport r;
  r.kind = kind;
  r.side = order.side;
  copyCut(order.cl_ord_id, r.cl_ord_id, sizeof r.cl_ord_id);
  copyCut(order.symbol, r.symbol_text, sizeof r.symbol_text);
  return r;
}

/// A trade or quote at `px` reaches an order of `side` limited at `limit`.
[[nodiscard]] bool crosses(Side side, Price limit, Price px) noexcept {
  return side == Side::kBuy ? px <= limit : px >= limit;
}

/// `a` is a strictly better price than `b` for an order of `side` (higher for a buy).
[[nodiscard]] bool betterThan(Side side, Price a, Price b) noexcept {
  return side == Side::kBuy ? a > b : a < b;
}

}  // namespace

VenueBook::VenueBook(const InstrumentTable& instruments) : instruments_(instruments) { book_.reserve(kCapacity); }

void VenueBook::onOrder(const WireOrder& order, std::vector<VenueReport>& out) {
  switch (order.msg_type) {
    case 'D': onNew(order, out); break;
    case 'G': onReplace(order, out); break;
    case 'q': onMassCancel(order, out); break;
    case 'H': onStatus(order, out); break;
    default: onCancel(order, out); break;
  }
}

const char* VenueBook::validate(const WireOrder& order, SymbolId& symbol, Side& side, Price& limit,
                                Qty& qty) const noexcept {
  if (order.overlong) return "field too long";
  if (order.cl_ord_id[0] == '\0') return "missing ClOrdID";
  if (order.ord_type != '2') return "only limit orders (OrdType=2)";
  if (order.side == '1') {
    side = Side::kBuy;
  } else if (order.side == '2') {
    side = Side::kSell;
  } else {
    return "bad side";
  }
  if (order.tif != 0 && order.tif != '0' && order.tif != '1' && order.tif != '3') return "unsupported TimeInForce";
  symbol = instruments_.find(std::string_view(order.symbol));
  if (symbol == kNoSymbol) return "unknown symbol";
  if (parseDecimal(std::string_view(order.price), limit.raw) != DecimalError::kOk) return "bad price";
  if (limit.raw <= 0) return "price must be positive";
  if (parseDecimal(std::string_view(order.order_qty), qty.raw) != DecimalError::kOk) return "bad quantity";
  if (qty.raw <= 0) return "quantity must be positive";
  const Instrument& inst = instruments_[symbol];
  if (!inst.validPrice(limit)) return "price not on tick size";
  if (!inst.validQty(qty)) return "quantity not on lot size";
  if (findResting(order.cl_ord_id) != nullptr) return "duplicate ClOrdID";
  return nullptr;
}

void VenueBook::onNew(const WireOrder& order, std::vector<VenueReport>& out) {
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  Price limit{};
  Qty qty{};
  if (const char* reason = validate(order, symbol, side, limit, qty)) {
    VenueReport r = echo(order, VenueReport::Kind::kRejected);
    r.symbol = symbol;
    r.text = reason;
    out.push_back(r);
    return;
  }

  Price take_px{};
  const std::int64_t take = takeable(symbol, side, limit, qty.raw, take_px);
  const bool ioc = order.tif == '3';
  const bool rests = take < qty.raw && !ioc;
  if (rests && book_.size() >= kCapacity) {
    VenueReport r = echo(order, VenueReport::Kind::kRejected);
    r.symbol = symbol;
    r.text = "venue book full";
    out.push_back(r);
    return;
  }

  VenueReport ack = echo(order, VenueReport::Kind::kNew);
  ack.symbol = symbol;
  ack.order_id = next_order_id_++;
  ack.leaves_qty = qty;
  out.push_back(ack);

  if (take > 0) {
    spendTouch(symbol, side, take);
    VenueReport fill = ack;
    fill.kind = take == qty.raw ? VenueReport::Kind::kFill : VenueReport::Kind::kPartialFill;
    fill.last_px = take_px;
    fill.last_qty = Qty{take};
    fill.cum_qty = Qty{take};
    fill.leaves_qty = Qty{qty.raw - take};
    fill.avg_px = take_px;
    out.push_back(fill);
  }
  if (take == qty.raw) return;
  if (ioc) {
    VenueReport cancel = ack;
    cancel.kind = VenueReport::Kind::kCanceled;
    cancel.cum_qty = Qty{take};
    cancel.leaves_qty = Qty{};
    cancel.avg_px = take > 0 ? take_px : Price{};
    cancel.text = take > 0 ? "IOC rest canceled" : "IOC not marketable";
    out.push_back(cancel);
    return;
  }
  Resting r;
  std::memcpy(r.cl_ord_id, order.cl_ord_id, sizeof r.cl_ord_id);
  r.order_id = ack.order_id;
  r.symbol = symbol;
  r.side = side;
  r.limit = limit;
  r.qty = qty;
  r.cum = Qty{take};
  r.notional = static_cast<Int128>(take) * take_px.raw;
  r.queue_ahead = queueOnArrival(symbol, side, limit);
  book_.push_back(r);
}

std::int64_t VenueBook::takeable(SymbolId symbol, Side side, Price limit, std::int64_t wanted,
                                 Price& take_px) const noexcept {
  const Quote& q = quotes_[symbol];
  if (q.seen) {
    const Price touch = side == Side::kBuy ? q.ask : q.bid;
    if (touch.raw <= 0 || !crosses(side, limit, touch)) return 0;
    take_px = touch;
    return std::min(wanted, (side == Side::kBuy ? q.ask_qty : q.bid_qty).raw);
  }
  const Price last = last_trade_[symbol];
  if (last.raw <= 0 || !crosses(side, limit, last)) return 0;
  take_px = last;
  return wanted;
}

void VenueBook::spendTouch(SymbolId symbol, Side side, std::int64_t taken) noexcept {
  Quote& q = quotes_[symbol];
  if (q.seen) (side == Side::kBuy ? q.ask_qty : q.bid_qty).raw -= taken;  // until the next quote
}

std::int64_t VenueBook::queueOnArrival(SymbolId symbol, Side side, Price limit) const noexcept {
  const Quote& q = quotes_[symbol];
  const Price best = side == Side::kBuy ? q.bid : q.ask;
  if (!q.seen || best.raw <= 0) return 0;
  if (limit == best) return (side == Side::kBuy ? q.bid_qty : q.ask_qty).raw;
  return betterThan(side, limit, best) ? 0 : kUnknownQueue;
}

void VenueBook::reject(const WireOrder& order, const char* text, std::vector<VenueReport>& out) {
  VenueReport r = echo(order, VenueReport::Kind::kRejected);
  r.symbol = instruments_.find(std::string_view(order.symbol));
  r.text = text;
  out.push_back(r);
}

void VenueBook::onCancel(const WireOrder& order, std::vector<VenueReport>& out) {
  VenueReport r = echo(order, VenueReport::Kind::kCancelRejected);
  copyCut(order.orig_cl_ord_id, r.orig_cl_ord_id, sizeof r.orig_cl_ord_id);
  r.symbol = instruments_.find(std::string_view(order.symbol));
  if (order.overlong) {
    r.text = "field too long";
  } else if (order.cl_ord_id[0] == '\0' || order.orig_cl_ord_id[0] == '\0') {
    r.text = "missing ClOrdID or OrigClOrdID";
  } else if (const Resting* found = findResting(order.orig_cl_ord_id)) {
    r.kind = VenueReport::Kind::kCanceled;
    r.side = sideChar(found->side);
    r.symbol = found->symbol;
    copyCut(instruments_[found->symbol].name(), r.symbol_text, sizeof r.symbol_text);
    r.order_id = found->order_id;
    r.cum_qty = found->cum;
    r.avg_px = found->avgPx();
    book_.erase(book_.begin() + (found - book_.data()));
  } else {
    // We keep no history of finished orders, so "already filled" and "never seen" read
    // the same: CxlRejReason 1, unknown order.
    r.text = "unknown order";
  }
  out.push_back(r);
}

VenueReport VenueBook::reportOf(const Resting& r, VenueReport::Kind kind) const noexcept {
  VenueReport f;
  f.kind = kind;
  f.side = sideChar(r.side);
  f.symbol = r.symbol;
  f.order_id = r.order_id;
  std::memcpy(f.cl_ord_id, r.cl_ord_id, sizeof f.cl_ord_id);
  copyCut(instruments_[r.symbol].name(), f.symbol_text, sizeof f.symbol_text);
  f.cum_qty = r.cum;
  f.leaves_qty = Qty{r.qty.raw - r.cum.raw};
  f.avg_px = r.avgPx();
  f.price = r.limit;
  return f;
}

void VenueBook::onReplace(const WireOrder& order, std::vector<VenueReport>& out) {
  VenueReport reject = echo(order, VenueReport::Kind::kCancelRejected);
  copyCut(order.orig_cl_ord_id, reject.orig_cl_ord_id, sizeof reject.orig_cl_ord_id);
  reject.cxl_rej_response_to = '2';
  SymbolId symbol = kNoSymbol;
  Side side = Side::kBuy;
  Price limit{};
  Qty qty{};
  const Resting* found = order.orig_cl_ord_id[0] != '\0' ? findResting(order.orig_cl_ord_id) : nullptr;
  const char* reason = validate(order, symbol, side, limit, qty);
  if (reason == nullptr && found == nullptr) reason = "unknown order";
  if (reason == nullptr && (found->symbol != symbol || found->side != side)) reason = "symbol or side changed";
  if (reason == nullptr && qty <= found->cum) reason = "quantity not above the filled quantity";
  if (reason != nullptr) {
    reject.symbol = symbol;
    reject.text = reason;
    out.push_back(reject);
    return;
  }
  Resting r = *found;
  const auto index = found - book_.data();
  book_.erase(book_.begin() + index);
  // Priority survives only a smaller quantity at the same price (as on most venues);
  // anything else is a new arrival: back of our orders, queue from the quote now.
  const bool keeps_place = limit == r.limit && qty < r.qty;
  std::memcpy(r.cl_ord_id, order.cl_ord_id, sizeof r.cl_ord_id);
  r.limit = limit;
  r.qty = qty;
  VenueReport replaced = reportOf(r, VenueReport::Kind::kReplaced);
  copyCut(order.orig_cl_ord_id, replaced.orig_cl_ord_id, sizeof replaced.orig_cl_ord_id);
  out.push_back(replaced);
  if (keeps_place) {
    book_.insert(book_.begin() + index, r);
    return;
  }
  Price take_px{};
  const std::int64_t take = takeable(symbol, side, limit, r.qty.raw - r.cum.raw, take_px);
  if (take > 0) {
    spendTouch(symbol, side, take);
    r.cum.raw += take;
    r.notional += static_cast<Int128>(take) * take_px.raw;
    VenueReport fill = reportOf(r, r.cum == r.qty ? VenueReport::Kind::kFill : VenueReport::Kind::kPartialFill);
    fill.last_px = take_px;
    fill.last_qty = Qty{take};
    out.push_back(fill);
  }
  if (r.cum == r.qty) return;
  r.queue_ahead = queueOnArrival(symbol, side, limit);
  book_.push_back(r);  // room: it was just taken out
}

void VenueBook::onMassCancel(const WireOrder& order, std::vector<VenueReport>& out) {
  VenueReport report = echo(order, VenueReport::Kind::kMassCancelReport);
  report.mass_cancel_type = order.mass_cancel_type;
  SymbolId only = kNoSymbol;
  if (order.overlong) {
    report.text = "field too long";
  } else if (order.cl_ord_id[0] == '\0') {
    report.text = "missing ClOrdID";
  } else if (order.mass_cancel_type == '1') {
    only = instruments_.find(std::string_view(order.symbol));
    if (only == kNoSymbol) report.text = "unknown symbol";
  } else if (order.mass_cancel_type != '7') {
    report.text = "unsupported MassCancelRequestType";
  }
  report.symbol = only;
  if (report.text[0] != '\0') {  // refused: MassCancelResponse 0, nothing canceled
    out.push_back(report);
    return;
  }
  for (const Resting& r : book_) {
    if (only != kNoSymbol && r.symbol != only) continue;
    VenueReport c = reportOf(r, VenueReport::Kind::kCanceled);
    std::memcpy(c.orig_cl_ord_id, r.cl_ord_id, sizeof c.orig_cl_ord_id);  // the gateway keys cancels by it
    c.leaves_qty = Qty{};
    c.text = "mass cancel";
    out.push_back(c);
    ++report.affected;
  }
  book_.erase(std::remove_if(book_.begin(), book_.end(),
                             [only](const Resting& r) { return only == kNoSymbol || r.symbol == only; }),
              book_.end());
  out.push_back(report);
}

void VenueBook::onStatus(const WireOrder& order, std::vector<VenueReport>& out) {
  if (const Resting* found = findResting(order.cl_ord_id)) {
    VenueReport s = reportOf(*found, VenueReport::Kind::kStatus);
    s.ord_status = found->cum.raw > 0 ? '1' : '0';
    out.push_back(s);
    return;
  }
  // No history of finished orders (see onCancel): unknown and done read the same.
  VenueReport s = echo(order, VenueReport::Kind::kStatus);
  s.symbol = instruments_.find(std::string_view(order.symbol));
  s.ord_status = '8';
  s.text = "unknown order";
  out.push_back(s);
}

void VenueBook::onTrade(const Tick& trade, std::vector<VenueReport>& out) {
  if (trade.kind != TickKind::kTrade || trade.symbol >= last_trade_.size() || trade.price.raw <= 0) return;
  last_trade_[trade.symbol] = trade.price;
  const std::int64_t print = trade.qty.raw;
  std::int64_t taken = 0;  // of this print, by our orders before the current one
  for (Resting& r : book_) {
    if (r.symbol != trade.symbol || !crosses(r.side, r.limit, trade.price)) continue;
    std::int64_t available = print - taken;
    if (trade.price == r.limit && r.queue_ahead > 0) {
      // At its price: the market volume in front of it trades first. Every order of ours
      // at this price sees the whole print work through its own queue ahead.
      const std::int64_t ahead_traded = std::min(r.queue_ahead, print);
      if (r.queue_ahead != kUnknownQueue) r.queue_ahead -= ahead_traded;
      available -= ahead_traded;
    }
    if (available <= 0) continue;
    const std::int64_t leaves = r.qty.raw - r.cum.raw;
    const std::int64_t filled = std::min(leaves, available);
    taken += filled;
    r.cum.raw += filled;
    r.notional += static_cast<Int128>(filled) * r.limit.raw;  // its own limit, never better
    VenueReport f = reportOf(r, r.cum == r.qty ? VenueReport::Kind::kFill : VenueReport::Kind::kPartialFill);
    f.last_px = r.limit;
    f.last_qty = Qty{filled};
    out.push_back(f);
  }
  // Drop what filled completely, keeping arrival order for the rest.
  book_.erase(std::remove_if(book_.begin(), book_.end(), [](const Resting& r) { return r.cum == r.qty; }),
              book_.end());
}

void VenueBook::onQuote(const Tick& quote) noexcept {
  const bool top = quote.kind == TickKind::kQuote ||
                   ((quote.kind == TickKind::kDepth || quote.kind == TickKind::kSnapshot) &&
                    (quote.flags & kTickBookSynced) != 0);
  if (!top || quote.symbol >= quotes_.size() || (quote.bid.raw <= 0 && quote.ask.raw <= 0)) return;
  Quote& q = quotes_[quote.symbol];
  q.bid = quote.bid;
  q.ask = quote.ask;
  q.bid_qty = quote.bid_qty;
  q.ask_qty = quote.ask_qty;
  q.seen = true;
  for (Resting& r : book_) {
    if (r.symbol != quote.symbol || r.queue_ahead == 0) continue;
    const Price best = r.side == Side::kBuy ? q.bid : q.ask;
    if (best.raw <= 0) continue;
    if (best == r.limit) {
      // The level shows less than was ahead of us: orders ahead were canceled.
      r.queue_ahead = std::min(r.queue_ahead, (r.side == Side::kBuy ? q.bid_qty : q.ask_qty).raw);
    } else if (betterThan(r.side, r.limit, best)) {
      r.queue_ahead = 0;  // the best is now worse than our price: our level emptied ahead of us
    }
  }
}

const VenueBook::Resting* VenueBook::findResting(const char* cl_ord_id) const noexcept {
  for (const Resting& r : book_) {
    if (std::strcmp(r.cl_ord_id, cl_ord_id) == 0) return &r;
  }
  return nullptr;
}

}  // namespace bw::fix
