#include "fix/OrderEncoder.h"

#include <climits>
#include <initializer_list>
#include <cstring>
#include <stdexcept>
#include <string>

#include "fix/FixText.h"
#include "fix/WireConvert.h"

namespace bw::fix {
namespace {

constexpr char kSoh = '\x01';

/// Copies a string literal without its NUL; the size is a compile-time constant, so the
/// copy is a few moves.
template <std::size_t N>
char* put(char* p, const char (&literal)[N]) noexcept {
  std::memcpy(p, literal, N - 1);
  return p + (N - 1);
}

char* put(char* p, const char* text, std::size_t size) noexcept {
  std::memcpy(p, text, size);
  return p + size;
}

void checkFramingSafe(std::string_view what, std::string_view text, std::size_t max_length) {
  if (text.empty() || text.size() > max_length || text.find(kSoh) != std::string_view::npos ||
      text.find('=') != std::string_view::npos) {
    std::string message = "order encoder: ";
    message += what;
    message += " must be 1 to ";
    message += std::to_string(max_length);
    message += " characters without SOH or '='";
    throw std::invalid_argument(message);
  }
}

// Largest body (see kBufferSize): every variable field at its longest.
constexpr std::size_t kLongestBody = 8 + 10                                       // 35=D|34=seq
                                     + 2 * (OrderEncoder::kMaxCompIdLength + 8)  // |49=..|52= and |56=..|11=
                                     + 2 * UtcTimestampWriter::kLength           // SendingTime, TransactTime
                                     + kMaxUnsignedText + 4 + kMaxDecimalText    // ClOrdID |38= qty
                                     + 9 + kMaxDecimalText                       // |40=2|44= price
                                     + 4 + kMaxUnsignedText                      // |41= (a replace's)
                                     + 4 + 1 + 4 + kMaxSymbolLength + 4 + 1      // |54=s|55=sym|59=t
                                     + 4 + 1;                                    // |60= ... |
constexpr std::size_t kLongestTrailer = 7;  // 10=nnn|

}  // namespace

const char* orderEncodeErrorName(OrderEncodeError e) noexcept {
  switch (e) {
    case OrderEncodeError::kOk: return "OK";
    case OrderEncodeError::kUnknownSymbol: return "UNKNOWN_SYMBOL";
    case OrderEncodeError::kBadSeqNum: return "BAD_SEQ_NUM";
    case OrderEncodeError::kBadTime: return "BAD_TIME";
    case OrderEncodeError::kUnsupportedAction: return "UNSUPPORTED_ACTION";
  }
  return "UNKNOWN";
}

OrderEncoder::OrderEncoder(std::string_view begin_string, std::string_view sender_comp_id,
                           std::string_view target_comp_id, const InstrumentTable& instruments)
    : instruments_(instruments) {
  static_assert(kBodyStart + kLongestBody + kLongestTrailer <= kBufferSize, "buffer too small for the longest order");
  static_assert(kLongestBody < 10'000, "BodyLength has at most 4 digits (kPrefixRoom)");
  checkFramingSafe("BeginString", begin_string, kMaxBeginStringLength);
  checkFramingSafe("SenderCompID", sender_comp_id, kMaxCompIdLength);
  checkFramingSafe("TargetCompID", target_comp_id, kMaxCompIdLength);

  auto layout = [](Run& run, std::initializer_list<std::string_view> parts) {
    char* p = run.text.data();
    for (const std::string_view part : parts) p = put(p, part.data(), part.size());
    run.size = static_cast<std::size_t>(p - run.text.data());
  };
  layout(begin_, {"8=", begin_string, "\x01" "9="});
  layout(sender_run_, {"\x01" "49=", sender_comp_id, "\x01" "52="});
  layout(target_run_, {"\x01" "56=", target_comp_id, "\x01" "11="});
}

OrderEncodeError OrderEncoder::encode(const OrderRequest& request, std::uint64_t msg_seq_num, std::int64_t utc_ns,
                                      std::string_view& out) noexcept {
  using Action = OrderRequest::Action;
  if (request.action != Action::kNew && request.action != Action::kCancel && request.action != Action::kReplace) {
    return OrderEncodeError::kUnsupportedAction;
  }
  if (request.symbol >= instruments_.size()) return OrderEncodeError::kUnknownSymbol;
  if (msg_seq_num == 0 || msg_seq_num > static_cast<std::uint64_t>(INT_MAX)) return OrderEncodeError::kBadSeqNum;
  if (utc_ns < 0) return OrderEncodeError::kBadTime;

  // SendingTime and TransactTime carry the same instant: formatted once, copied twice.
  char time_text[UtcTimestampWriter::kLength];
  clock_text_.write(utc_ns, time_text);
  // A replace carries the whole new order (price, type, time in force) and the order it
  // replaces; a cancel only the order it cancels.
  const bool is_cancel = request.action == Action::kCancel;
  const bool is_replace = request.action == Action::kReplace;

  // Header, in QuickFIX's order: 35, 34, 49, 52, 56 (8 and 9 go in front at the end).
  char* const body = buffer_.data() + kBodyStart;
  char* p = put(body, "35=");
  *p++ = is_cancel ? 'F' : (is_replace ? 'G' : 'D');
  p = put(p, "\x01" "34=");
  p = writeUnsigned(msg_seq_num, p);
  p = put(p, sender_run_.text.data(), sender_run_.size);
  p = put(p, time_text, sizeof time_text);
  p = put(p, target_run_.text.data(), target_run_.size);

  // Body, tags ascending as QuickFIX writes them: 11, 38, then D: 40, 44; G: 40, 41, 44;
  // F: 41; then 54, 55, [59 on D and G], 60.
  p = writeUnsigned(request.id, p);
  p = put(p, "\x01" "38=");
  p = writeDecimal(request.qty.raw, p);
  if (!is_cancel) p = put(p, "\x01" "40=2");  // limit: the gate allows no market orders
  if (is_cancel || is_replace) {
    p = put(p, "\x01" "41=");
    p = writeUnsigned(request.orig_id, p);
  }
  if (!is_cancel) {
    p = put(p, "\x01" "44=");
    p = writeDecimal(request.limit.raw, p);
  }
  p = put(p, "\x01" "54=");
  *p++ = sideChar(request.side);
  p = put(p, "\x01" "55=");
  const std::string_view symbol = instruments_[request.symbol].name();
  p = put(p, symbol.data(), symbol.size());
  if (!is_cancel) {
    p = put(p, "\x01" "59=");
    *p++ = tifChar(request.tif);
  }
  p = put(p, "\x01" "60=");
  p = put(p, time_text, sizeof time_text);
  *p++ = kSoh;

  // BodyLength: the bytes after "9=nnn|" up to and including the SOH before "10=".
  char length_text[kMaxUnsignedText];
  char* const length_end = writeUnsigned(static_cast<std::uint64_t>(p - body), length_text);
  const auto length_size = static_cast<std::size_t>(length_end - length_text);
  char* const start = body - (begin_.size + length_size + 1);
  char* q = put(start, begin_.text.data(), begin_.size);
  q = put(q, length_text, length_size);
  *q = kSoh;

  // CheckSum: byte sum of everything before "10=", modulo 256, three digits.
  unsigned sum = 0;
  for (const char* c = start; c < p; ++c) sum += static_cast<unsigned char>(*c);
  sum &= 0xFFU;
  p = put(p, "10=");
  p[0] = static_cast<char>('0' + sum / 100U);
  p[1] = static_cast<char>('0' + sum / 10U % 10U);
  p[2] = static_cast<char>('0' + sum % 10U);
  p[3] = kSoh;
  p += 4;

  out = std::string_view(start, static_cast<std::size_t>(p - start));
  return OrderEncodeError::kOk;
}

}  // namespace bw::fix
