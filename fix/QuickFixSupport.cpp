// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/QuickFixSupport.h"

#include <quickfix/Dictionary.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/FixFields.h>
#include <quickfix/Values.h>

#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

namespace bw {
namespace fix {

FIX::SessionID makeSessionId(const FixEndpoint& endpoint) {
  if (endpoint.begin_string != FIX::BeginString_FIX44 && endpoint.begin_string != FIX::BeginString_FIX42) {
    throw std::runtime_error("unsupported BeginString \"" + endpoint.begin_string + "\" (FIX.4.4 or FIX.4.2)");
  }
  return FIX::SessionID(endpoint.begin_string, endpoint.sender_comp_id, endpoint.target_comp_id);
}

FIX::SessionSettings makeSessionSettings(const FixEndpoint& endpoint, SessionRole role) {
  const bool initiator = role == SessionRole::kInitiator;
  const FIX::SessionID id = makeSessionId(endpoint);

  // SocketInitiator reads SocketNodelay and ReconnectInterval from the [DEFAULT] section
  // only, the acceptor reads its keys per session: set both to be safe.
  FIX::Dictionary d;
  d.setString(FIX::CONNECTION_TYPE, initiator ? "initiator" : "acceptor");
  d.setString(FIX::BEGINSTRING, id.getBeginString().getString());
  d.setString(FIX::SENDERCOMPID, id.getSenderCompID().getString());
  d.setString(FIX::TARGETCOMPID, id.getTargetCompID().getString());
  // Equal start and end times make a 24-hour session (QuickFIX 1.15 has no NonStopSession).
  d.setString(FIX::START_TIME, "00:00:00");
  d.setString(FIX::END_TIME, "00:00:00");
  d.setInt(FIX::HEARTBTINT, endpoint.heartbeat_s);
  d.setBool(FIX::USE_DATA_DICTIONARY, false);
  // MemoryStore only: both ends restart at sequence number 1 on every logon, and we never
  // replay old orders after a reconnect (a resent NewOrderSingle would be a new order).
  d.setBool(FIX::RESET_ON_LOGON, true);
  d.setBool(FIX::RESET_ON_LOGOUT, true);
  d.setBool(FIX::RESET_ON_DISCONNECT, true);
  d.setBool(FIX::PERSIST_MESSAGES, false);
  d.setBool(FIX::SOCKET_NODELAY, true);
  d.setInt(FIX::LOGON_TIMEOUT, 5);
  d.setInt(FIX::LOGOUT_TIMEOUT, 2);
  if (initiator) {
    d.setString(FIX::SOCKET_CONNECT_HOST, endpoint.host);
    d.setInt(FIX::SOCKET_CONNECT_PORT, endpoint.port);
    // Default is 30 s: a gateway started a moment before its venue would sit idle that long.
    d.setInt(FIX::RECONNECT_INTERVAL, 1);
  } else {
    d.setInt(FIX::SOCKET_ACCEPT_PORT, endpoint.port);
    d.setBool(FIX::SOCKET_REUSE_ADDRESS, true);
  }
  if (endpoint.file_log) d.setString(FIX::FILE_LOG_PATH, endpoint.work_dir.empty() ? "." : endpoint.work_dir);

  FIX::SessionSettings settings;
  settings.set(d);
  settings.set(id, d);
  return settings;
}

namespace {

std::mutex& claimsMutex() {
  static std::mutex m;
  return m;
}

std::set<std::string>& claims() {
  static std::set<std::string> s;
  return s;
}

}  // namespace

SessionClaim::SessionClaim(const FIX::SessionID& id) : key_(id.toString()) {
  std::lock_guard<std::mutex> lock(claimsMutex());
  if (!claims().insert(key_).second) {
    throw std::runtime_error("FIX session " + key_ + " is already active in this process");
  }
}

SessionClaim::~SessionClaim() {
  std::lock_guard<std::mutex> lock(claimsMutex());
  claims().erase(key_);
}

bool copyField(const FIX::FieldMap& map, int tag, char* dst, std::size_t capacity) {
  dst[0] = '\0';
  if (!map.isSetField(tag)) return true;
  const std::string& value = map.getField(tag);
  const std::size_t n = value.size() < capacity - 1 ? value.size() : capacity - 1;
  std::memcpy(dst, value.data(), n);
  dst[n] = '\0';
  return n == value.size();
}

char fieldChar(const FIX::FieldMap& map, int tag) {
  if (!map.isSetField(tag)) return 0;
  const std::string& value = map.getField(tag);
  return value.empty() ? '\0' : value[0];
}

void setTextField(FIX::FieldMap& map, int tag, const char* text) {
  if (text[0] != '\0') map.setField(tag, std::string(text));
}

void setCharField(FIX::FieldMap& map, int tag, char c) {
  if (c != '\0') map.setField(tag, std::string(1, c));
}

bool buildOrderMessage(const WireOrder& order, bool fix42, FIX::Message& m) {
  const char type[2] = {order.msg_type, '\0'};
  switch (order.msg_type) {
    case 'D':
    case 'G':  // a replace carries the whole new order, plus the one it replaces
      m.getHeader().setField(FIX::FIELD::MsgType, type);
      setTextField(m, FIX::FIELD::OrigClOrdID, order.orig_cl_ord_id);
      setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
      setTextField(m, FIX::FIELD::Symbol, order.symbol);
      setCharField(m, FIX::FIELD::Side, order.side);
      setCharField(m, FIX::FIELD::OrdType, order.ord_type);
      // Price and quantity go in as the decimal text we were given: never through the
      // double-typed FIX::Price / FIX::OrderQty fields.
      setTextField(m, FIX::FIELD::Price, order.price);
      setTextField(m, FIX::FIELD::OrderQty, order.order_qty);
      setCharField(m, FIX::FIELD::TimeInForce, order.tif);
      // Required in 4.2 (automated execution, no broker intervention); gone in 4.4's.
      if (fix42) setCharField(m, FIX::FIELD::HandlInst, '1');
      break;
    case 'F':
      m.getHeader().setField(FIX::FIELD::MsgType, "F");
      setTextField(m, FIX::FIELD::OrigClOrdID, order.orig_cl_ord_id);
      setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
      setTextField(m, FIX::FIELD::Symbol, order.symbol);
      setCharField(m, FIX::FIELD::Side, order.side);
      setTextField(m, FIX::FIELD::OrderQty, order.order_qty);
      break;
    case 'q':
      m.getHeader().setField(FIX::FIELD::MsgType, "q");
      setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
      setCharField(m, FIX::FIELD::MassCancelRequestType, order.mass_cancel_type);
      setTextField(m, FIX::FIELD::Symbol, order.symbol);
      break;
    case 'H':
      m.getHeader().setField(FIX::FIELD::MsgType, "H");
      setTextField(m, FIX::FIELD::ClOrdID, order.cl_ord_id);
      setTextField(m, FIX::FIELD::Symbol, order.symbol);
      setCharField(m, FIX::FIELD::Side, order.side);
      break;
    default: return false;
  }
  if (order.msg_type != 'H') m.setField(FIX::UtcTimeStampField(FIX::FIELD::TransactTime, 3));  // 35=H has none
  return true;
}

}  // namespace fix
}  // namespace bw
