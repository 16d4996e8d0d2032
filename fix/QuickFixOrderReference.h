#pragma once
// QuickFIX's own way of building and serialising an order, as the reference that the
// pre-built OrderEncoder is tested and benchmarked against (tests/fix/OrderEncoderTest,
// bench/OrderEncodeBench). Not part of the send path: only tests and benchmarks link it
// (bw_fix_reference in fix/CMakeLists.txt).
//
// C++14- and C++20-clean header, no QuickFIX include; QuickFixOrderReference.cpp is the
// C++14 file that includes QuickFIX. Every function allocates and may throw QuickFIX's
// exceptions as std::exception.

#include <string>
#include <utility>
#include <vector>

namespace bw {
namespace fix {

/// One order as plain text and numbers, the way a QuickFIX application holds it.
struct ReferenceOrder {
  char msg_type = 'D';  ///< 'D' NewOrderSingle, 'G' OrderCancelReplaceRequest or 'F' OrderCancelRequest
  const char* begin_string = "FIX.4.4";
  const char* sender_comp_id = "";
  const char* target_comp_id = "";
  int msg_seq_num = 1;
  /// SendingTime and TransactTime (UTC, millisecond precision). When `now` is set both
  /// are QuickFIX's UtcTimeStamp() of the moment instead, as a live session stamps them.
  bool now = false;
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
  const char* cl_ord_id = "";
  const char* orig_cl_ord_id = "";  ///< 'G' and 'F' only
  const char* symbol = "";
  char side = '1';
  char tif = '0';                   ///< 'D' and 'G' only
  /// Price and OrderQty as decimal text (used with ReferenceDecimals::kText)...
  const char* price_text = "";
  const char* qty_text = "";
  /// ...or as doubles, QuickFIX's typed FIX::Price / FIX::OrderQty (kDouble).
  double price = 0;
  double qty = 0;
};

/// How Price(44) and OrderQty(38) are set on the QuickFIX message.
enum class ReferenceDecimals {
  kText,    ///< setField(tag, text): exact, as our gateway does today (FixInitiator.cpp)
  kDouble,  ///< FIX::Price(double), FIX::OrderQty(double): QuickFIX's default typed fields
};

/// FIX44::NewOrderSingle (OrderCancelReplaceRequest, OrderCancelRequest) built field by field, header
/// fields set (BeginString, SenderCompID, TargetCompID, MsgSeqNum, SendingTime), then
/// Message::toString(): the wire bytes QuickFIX's Session would send for it.
std::string buildWithQuickFix(const ReferenceOrder& order, ReferenceDecimals decimals);

/// A parsed message: every field as (tag, value) in wire order, header then body then
/// trailer.
using ReferenceFields = std::vector<std::pair<int, std::string>>;

/// Parses `bytes` with FIX::Message(bytes, validate = true), which checks the framing,
/// BodyLength and CheckSum, then checks that the FIX 4.4 required fields of the message
/// type are present (Debian ships no FIX44.xml, so no data dictionary does it for us).
/// True with `fields` filled, or false with `error` saying why.
bool parseWithQuickFix(const std::string& bytes, ReferenceFields& fields, std::string& error);

}  // namespace fix
}  // namespace bw
