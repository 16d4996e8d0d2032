#include "fix/WireConvert.h"

#include <charconv>
#include <cstring>
#include <string>

#include "core/Decimal.h"

namespace bw::fix {
namespace {

/// Parses a decimal field; an absent field is 0.
[[nodiscard]] bool decimalField(const char* text, std::int64_t& out) noexcept {
  if (text[0] == '\0') {
    out = 0;
    return true;
  }
  return parseDecimal(std::string_view(text), out) == DecimalError::kOk;
}

}  // namespace

namespace {

[[nodiscard]] bool sideOf(char c, Side& out) noexcept {
  if (c == '1') {
    out = Side::kBuy;
  } else if (c == '2') {
    out = Side::kSell;
  } else {
    return false;
  }
  return true;
}

// The FIX 4.2 and 4.4 value sets (union): a value outside is garbage, a value inside that
// we do not take is "unsupported" / "bad", so the two read apart in the counters.
[[nodiscard]] constexpr bool isDigitOrLetterUpTo(char c, char first_digit, char last_letter) noexcept {
  return (c >= first_digit && c <= '9') || (c >= 'A' && c <= last_letter);
}
[[nodiscard]] constexpr bool isFixExecType(char c) noexcept { return isDigitOrLetterUpTo(c, '0', 'I'); }
[[nodiscard]] constexpr bool isFixOrdStatus(char c) noexcept { return isDigitOrLetterUpTo(c, '0', 'E'); }
[[nodiscard]] constexpr bool isFixSide(char c) noexcept { return isDigitOrLetterUpTo(c, '1', 'G'); }

/// ExecType, OrdStatus and Side of a 35=8: present and inside FIX's sets.
[[nodiscard]] ExecDecodeError checkExecCodes(const WireExec& in) noexcept {
  if (in.exec_type == 0 || in.ord_status == 0 || in.side == 0) return ExecDecodeError::kMissingField;
  if (!isFixExecType(in.exec_type)) return ExecDecodeError::kExecTypeOutOfRange;
  if (!isFixOrdStatus(in.ord_status)) return ExecDecodeError::kOrdStatusOutOfRange;
  if (!isFixSide(in.side)) return ExecDecodeError::kSideOutOfRange;
  return ExecDecodeError::kOk;
}

/// LastPx, LastQty, CumQty, LeavesQty, OrderQty: absent reads 0; text that is not an exact
/// decimal is BAD_DECIMAL, a negative value NEGATIVE_VALUE.
[[nodiscard]] ExecDecodeError readQuantities(const WireExec& in, ExecEvent& e) noexcept {
  const struct {
    const char* text;
    std::int64_t& value;
  } fields[] = {{in.last_px, e.last_px.raw},
                {in.last_qty, e.last_qty.raw},
                {in.cum_qty, e.cum_qty.raw},
                {in.leaves_qty, e.leaves_qty.raw},
                {in.order_qty, e.order_qty.raw}};
  for (const auto& f : fields) {
    if (!decimalField(f.text, f.value)) return ExecDecodeError::kBadDecimal;
  }
  for (const auto& f : fields) {
    if (f.value < 0) return ExecDecodeError::kNegativeValue;
  }
  return ExecDecodeError::kOk;
}

/// An optional ClOrdID of ours: 0 when absent or not one of our numeric ids.
[[nodiscard]] OrderId optionalId(const char* text) noexcept {
  OrderId id = 0;
  return parseOrderId(text, id) ? id : 0;
}

/// ExecType (and 4.2's ExecTransType) of a 35=8 onto a kind; picks the id text.
[[nodiscard]] ExecDecodeError execKindOf(const WireExec& in, ExecEvent& e, const char*& id_text) noexcept {
  using K = ExecEvent::Kind;
  const bool has_orig = in.orig_cl_ord_id[0] != '\0';
  if (in.exec_trans_type == '3') {  // FIX 4.2 status answer: ExecType repeats the status
    e.kind = K::kStatus;
    return ExecDecodeError::kOk;
  }
  if (in.exec_trans_type != 0 && in.exec_trans_type != '0') return ExecDecodeError::kUnsupportedExecType;
  switch (in.exec_type) {
    case '0': e.kind = K::kNew; break;
    case 'F':  // FIX 4.4 trade: OrdStatus says how much is left
      if (in.ord_status == '1') {
        e.kind = K::kPartialFill;
      } else if (in.ord_status == '2') {
        e.kind = K::kFill;
      } else {
        return ExecDecodeError::kBadOrdStatus;
      }
      break;
    case '1': e.kind = K::kPartialFill; break;  // FIX 4.2 partial fill
    case '2': e.kind = K::kFill; break;         // FIX 4.2 fill
    // Expired (C) ends the order with nothing more filled, as a cancel does.
    case '4':
    case 'C':
      e.kind = K::kCanceled;
      if (has_orig) id_text = in.orig_cl_ord_id;
      break;
    case '5':
    case 'E':
      e.kind = in.exec_type == '5' ? K::kReplaced : K::kPendingReplace;
      if (!has_orig) return ExecDecodeError::kMissingField;  // which order was replaced?
      id_text = in.orig_cl_ord_id;
      e.new_id = optionalId(in.cl_ord_id);
      break;
    case '6':
      e.kind = K::kPendingCancel;
      if (has_orig) id_text = in.orig_cl_ord_id;
      break;
    case '8': e.kind = K::kRejected; break;
    case 'I': e.kind = K::kStatus; break;
    default: return ExecDecodeError::kUnsupportedExecType;
  }
  return ExecDecodeError::kOk;
}

}  // namespace

ExecDecodeError decodeExec(const WireExec& in, const InstrumentTable& instruments, ExecEvent& out) noexcept {
  if (in.overlong) return ExecDecodeError::kOverlong;
  ExecEvent e;
  const char* id_text = in.cl_ord_id;
  switch (in.msg_type) {
    case '9': {
      // The order that stays working, not the cancel/replace request.
      id_text = in.orig_cl_ord_id;
      // OrdStatus is required on 35=9 but the order's state is not taken from it here:
      // checked for range only. Side is optional.
      if (in.ord_status != 0 && !isFixOrdStatus(in.ord_status)) return ExecDecodeError::kOrdStatusOutOfRange;
      if (in.side != 0 && !isFixSide(in.side)) return ExecDecodeError::kSideOutOfRange;
      if (in.cxl_rej_response_to == '2') {
        e.kind = ExecEvent::Kind::kReplaceRejected;
        e.new_id = optionalId(in.cl_ord_id);
      } else {
        e.kind = ExecEvent::Kind::kCancelRejected;
      }
      if (!sideOf(in.side, e.side)) e.side = Side::kBuy;
      break;
    }
    case '8': {
      const ExecDecodeError codes = checkExecCodes(in);
      if (codes != ExecDecodeError::kOk) return codes;
      const ExecDecodeError k = execKindOf(in, e, id_text);
      if (k != ExecDecodeError::kOk) return k;
      if (!sideOf(in.side, e.side)) return ExecDecodeError::kBadSide;
      break;
    }
    case 'r':  // OrderMassCancelReport: about our request, not one order
      e.kind = ExecEvent::Kind::kMassCancelReport;
      e.mass_response = in.mass_cancel_response;
      if (in.total_affected[0] != '\0') {
        std::uint32_t n = 0;
        const char* end = in.total_affected + std::strlen(in.total_affected);
        const auto [ptr, ec] = std::from_chars(in.total_affected, end, n);
        if (ec != std::errc() || ptr != end) return ExecDecodeError::kBadDecimal;
        e.affected = n;
      }
      break;
    case 'j':  // BusinessMessageReject: we read only the venue refusing our 35=q
      if (in.ref_msg_type != 'q') return ExecDecodeError::kBusinessReject;
      e.kind = ExecEvent::Kind::kMassCancelReport;
      e.mass_response = '0';
      break;
    default: return ExecDecodeError::kUnknownMsgType;
  }
  if (id_text[0] == '\0') return ExecDecodeError::kMissingField;
  if (!parseOrderId(id_text, e.id)) return ExecDecodeError::kBadOrderId;
  e.ord_status = in.ord_status;

  const bool fill = e.kind == ExecEvent::Kind::kPartialFill || e.kind == ExecEvent::Kind::kFill;
  if (fill && (in.last_px[0] == '\0' || in.last_qty[0] == '\0')) return ExecDecodeError::kMissingField;
  const ExecDecodeError numbers = readQuantities(in, e);
  if (numbers != ExecDecodeError::kOk) return numbers;
  if (fill && e.last_qty.raw == 0) return ExecDecodeError::kZeroFillQty;
  if (fill && e.last_px.raw == 0) return ExecDecodeError::kZeroFillPrice;
  // An absent OrderQty reads 0: nothing to compare with then.
  if (e.order_qty.raw > 0 && e.cum_qty.raw > e.order_qty.raw) return ExecDecodeError::kCumQtyAboveOrderQty;

  e.symbol = instruments.find(std::string_view(in.symbol));
  copyCut(std::string_view(in.text), e.text, sizeof e.text);
  out = e;
  return ExecDecodeError::kOk;
}

bool encodeOrder(const OrderRequest& in, const InstrumentTable& instruments, WireOrder& out) noexcept {
  using A = OrderRequest::Action;
  WireOrder w;
  formatOrderId(in.id, w.cl_ord_id, sizeof w.cl_ord_id);
  const bool all_symbols = in.action == A::kMassCancel && in.symbol == kNoSymbol;
  if (!all_symbols) {
    if (in.symbol >= instruments.size()) return false;
    const std::string_view symbol = instruments[in.symbol].name();
    if (symbol.size() >= sizeof w.symbol) return false;
    std::memcpy(w.symbol, symbol.data(), symbol.size());
  }
  switch (in.action) {
    case A::kMassCancel:
      w.msg_type = 'q';
      w.mass_cancel_type = all_symbols ? '7' : '1';
      out = w;
      return true;
    case A::kStatus: w.msg_type = 'H'; break;
    case A::kNew: w.msg_type = 'D'; break;
    case A::kCancel: w.msg_type = 'F'; break;
    case A::kReplace: w.msg_type = 'G'; break;
  }
  w.side = sideChar(in.side);
  if (in.action != A::kStatus && !formatDecimalTo(in.qty.raw, w.order_qty, sizeof w.order_qty)) return false;
  if (in.action == A::kCancel || in.action == A::kReplace) {
    formatOrderId(in.orig_id, w.orig_cl_ord_id, sizeof w.orig_cl_ord_id);
  }
  if (in.action == A::kNew || in.action == A::kReplace) {
    w.ord_type = '2';  // limit: the gate allows no market entries
    w.tif = tifChar(in.tif);
    if (!formatDecimalTo(in.limit.raw, w.price, sizeof w.price)) return false;
  }
  out = w;
  return true;
}

bool parseOrderId(std::string_view text, OrderId& out) noexcept {
  if (text.empty() || text.front() < '0' || text.front() > '9') return false;  // no sign, no space
  OrderId v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return false;
  out = v;
  return true;
}

void formatOrderId(OrderId id, char* dst, std::size_t capacity) noexcept {
  const auto [ptr, ec] = std::to_chars(dst, dst + capacity - 1, id);
  if (ec != std::errc()) {
    dst[0] = '\0';
    return;
  }
  *ptr = '\0';
}

bool formatDecimalTo(std::int64_t raw, char* dst, std::size_t capacity) noexcept {
  dst[0] = '\0';
  try {
    const std::string text = formatDecimal(raw);
    if (text.size() >= capacity) return false;
    std::memcpy(dst, text.data(), text.size());
    dst[text.size()] = '\0';
    return true;
  } catch (...) {  // std::bad_alloc: refuse the order rather than terminate the order thread
    return false;
  }
}

void copyCut(std::string_view src, char* dst, std::size_t capacity) noexcept {
  std::size_t n = src.size();
  if (n >= capacity) {
    n = capacity - 1;
    // Step back over UTF-8 continuation bytes (10xxxxxx) so a character is never split.
    while (n > 0 && (static_cast<unsigned char>(src[n]) & 0xC0U) == 0x80U) --n;
  }
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}

}  // namespace bw::fix
