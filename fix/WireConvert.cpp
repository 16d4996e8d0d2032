#include "fix/WireConvert.h"

#include <charconv>
#include <cstring>
#include <string>

#include "core/Decimal.h"

namespace bw::fix {
namespace {

/// Parses a decimal field; an absent field is 0 unless `required`.
[[nodiscard]] bool decimalField(const char* text, bool required, std::int64_t& out) noexcept {
  if (text[0] == '\0') {
    out = 0;
    return !required;
  }
  return parseDecimal(std::string_view(text), out) == DecimalError::kOk;
}

}  // namespace

const char* execDecodeErrorName(ExecDecodeError e) noexcept {
  switch (e) {
    case ExecDecodeError::kOk: return "OK";
    case ExecDecodeError::kOverlong: return "OVERLONG_FIELD";
    case ExecDecodeError::kUnknownMsgType: return "UNKNOWN_MSG_TYPE";
    case ExecDecodeError::kUnsupportedExecType: return "UNSUPPORTED_EXEC_TYPE";
    case ExecDecodeError::kBadOrdStatus: return "BAD_ORD_STATUS";
    case ExecDecodeError::kBadOrderId: return "BAD_ORDER_ID";
    case ExecDecodeError::kBadSide: return "BAD_SIDE";
    case ExecDecodeError::kBadDecimal: return "BAD_DECIMAL";
  }
  return "UNKNOWN";
}

ExecDecodeError decodeExec(const WireExec& in, const InstrumentTable& instruments, ExecEvent& out) noexcept {
  if (in.overlong) return ExecDecodeError::kOverlong;
  ExecEvent e;
  const char* id_text = in.cl_ord_id;
  if (in.msg_type == '9') {
    e.kind = ExecEvent::Kind::kCancelRejected;
    id_text = in.orig_cl_ord_id;  // the order that stays working, not the cancel request
  } else if (in.msg_type == '8') {
    switch (in.exec_type) {
      case '0': e.kind = ExecEvent::Kind::kNew; break;
      case 'F':
        if (in.ord_status == '1') {
          e.kind = ExecEvent::Kind::kPartialFill;
        } else if (in.ord_status == '2') {
          e.kind = ExecEvent::Kind::kFill;
        } else {
          return ExecDecodeError::kBadOrdStatus;
        }
        break;
      // Expired (C) ends the order with nothing more filled, as a cancel does.
      case '4':
      case 'C':
        e.kind = ExecEvent::Kind::kCanceled;
        if (in.orig_cl_ord_id[0] != '\0') id_text = in.orig_cl_ord_id;
        break;
      case '8': e.kind = ExecEvent::Kind::kRejected; break;
      default: return ExecDecodeError::kUnsupportedExecType;
    }
    if (in.side == '1') {
      e.side = Side::kBuy;
    } else if (in.side == '2') {
      e.side = Side::kSell;
    } else {
      return ExecDecodeError::kBadSide;
    }
  } else {
    return ExecDecodeError::kUnknownMsgType;
  }
  if (!parseOrderId(id_text, e.id)) return ExecDecodeError::kBadOrderId;
  if (in.msg_type == '9' && (in.side == '1' || in.side == '2')) e.side = in.side == '1' ? Side::kBuy : Side::kSell;

  const bool fill = e.kind == ExecEvent::Kind::kPartialFill || e.kind == ExecEvent::Kind::kFill;
  if (!decimalField(in.last_px, fill, e.last_px.raw) || !decimalField(in.last_qty, fill, e.last_qty.raw) ||
      !decimalField(in.cum_qty, false, e.cum_qty.raw) || !decimalField(in.leaves_qty, false, e.leaves_qty.raw)) {
    return ExecDecodeError::kBadDecimal;
  }
  if (fill && (e.last_px.raw <= 0 || e.last_qty.raw <= 0)) return ExecDecodeError::kBadDecimal;

  e.symbol = instruments.find(std::string_view(in.symbol));
  copyCut(std::string_view(in.text), e.text, sizeof e.text);
  out = e;
  return ExecDecodeError::kOk;
}

bool encodeOrder(const OrderRequest& in, const InstrumentTable& instruments, WireOrder& out) noexcept {
  if (in.symbol >= instruments.size()) return false;
  WireOrder w;
  const std::string_view symbol = instruments[in.symbol].name();
  if (symbol.size() >= sizeof w.symbol) return false;
  std::memcpy(w.symbol, symbol.data(), symbol.size());
  w.side = sideChar(in.side);
  formatOrderId(in.id, w.cl_ord_id, sizeof w.cl_ord_id);
  if (!formatDecimalTo(in.qty.raw, w.order_qty, sizeof w.order_qty)) return false;
  if (in.action == OrderRequest::Action::kNew) {
    w.msg_type = 'D';
    w.ord_type = '2';  // limit: the gate allows no market entries
    w.tif = tifChar(in.tif);
    if (!formatDecimalTo(in.limit.raw, w.price, sizeof w.price)) return false;
  } else {
    w.msg_type = 'F';
    formatOrderId(in.orig_id, w.orig_cl_ord_id, sizeof w.orig_cl_ord_id);
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
