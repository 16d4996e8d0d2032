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

[[nodiscard]] bool crosses(Side side, Price limit, Price trade) noexcept {
  return side == Side::kBuy ? trade <= limit : trade >= limit;
}

}  // namespace

VenueBook::VenueBook(const InstrumentTable& instruments) : instruments_(instruments) { book_.reserve(kCapacity); }

void VenueBook::onOrder(const WireOrder& order, std::vector<VenueReport>& out) {
  if (order.msg_type == 'D') {
    onNew(order, out);
  } else {
    onCancel(order, out);
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

  const Price last = last_trade_[symbol];
  const bool marketable = last.raw > 0 && crosses(side, limit, last);
  const bool ioc = order.tif == '3';
  if (!marketable && !ioc && book_.size() >= kCapacity) {
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

  if (marketable) {
    VenueReport fill = ack;
    fill.kind = VenueReport::Kind::kFill;
    fill.last_px = last;
    fill.last_qty = qty;
    fill.cum_qty = qty;
    fill.leaves_qty = Qty{};
    fill.avg_px = last;
    out.push_back(fill);
  } else if (ioc) {
    VenueReport cancel = ack;
    cancel.kind = VenueReport::Kind::kCanceled;
    cancel.leaves_qty = Qty{};
    cancel.text = "IOC not marketable";
    out.push_back(cancel);
  } else {
    Resting r;
    std::memcpy(r.cl_ord_id, order.cl_ord_id, sizeof r.cl_ord_id);
    r.order_id = ack.order_id;
    r.symbol = symbol;
    r.side = side;
    r.limit = limit;
    r.qty = qty;
    book_.push_back(r);
  }
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
    r.avg_px = found->cum.raw > 0 ? found->limit : Price{};
    book_.erase(book_.begin() + (found - book_.data()));
  } else {
    // We keep no history of finished orders, so "already filled" and "never seen" read
    // the same: CxlRejReason 1, unknown order.
    r.text = "unknown order";
  }
  out.push_back(r);
}

void VenueBook::onTrade(const Tick& trade, std::vector<VenueReport>& out) {
  if (trade.kind != TickKind::kTrade || trade.symbol >= last_trade_.size() || trade.price.raw <= 0) return;
  last_trade_[trade.symbol] = trade.price;
  std::int64_t left = trade.qty.raw;
  for (Resting& r : book_) {
    if (left <= 0) break;
    if (r.symbol != trade.symbol || !crosses(r.side, r.limit, trade.price)) continue;
    const std::int64_t leaves = r.qty.raw - r.cum.raw;
    const std::int64_t filled = std::min(leaves, left);
    left -= filled;
    r.cum.raw += filled;
    VenueReport f;
    f.kind = r.cum == r.qty ? VenueReport::Kind::kFill : VenueReport::Kind::kPartialFill;
    f.side = sideChar(r.side);
    f.symbol = r.symbol;
    f.order_id = r.order_id;
    std::memcpy(f.cl_ord_id, r.cl_ord_id, sizeof f.cl_ord_id);
    copyCut(instruments_[r.symbol].name(), f.symbol_text, sizeof f.symbol_text);
    f.last_px = r.limit;  // resting orders fill at their own limit, never better
    f.last_qty = Qty{filled};
    f.cum_qty = r.cum;
    f.leaves_qty = Qty{r.qty.raw - r.cum.raw};
    f.avg_px = r.limit;
    out.push_back(f);
  }
  // Drop what filled completely, keeping arrival order for the rest.
  book_.erase(std::remove_if(book_.begin(), book_.end(), [](const Resting& r) { return r.cum == r.qty; }),
              book_.end());
}

const VenueBook::Resting* VenueBook::findResting(const char* cl_ord_id) const noexcept {
  for (const Resting& r : book_) {
    if (std::strcmp(r.cl_ord_id, cl_ord_id) == 0) return &r;
  }
  return nullptr;
}

}  // namespace bw::fix
