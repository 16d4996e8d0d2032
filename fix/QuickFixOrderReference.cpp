// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/QuickFixOrderReference.h"

#include <quickfix/Exceptions.h>
#include <quickfix/FixFieldNumbers.h>
#include <quickfix/FixFields.h>
#include <quickfix/Message.h>
#include <quickfix/fix44/NewOrderSingle.h>
#include <quickfix/fix44/OrderCancelReplaceRequest.h>
#include <quickfix/fix44/OrderCancelRequest.h>

#include <exception>
#include <initializer_list>
#include <stdexcept>

namespace bw {
namespace fix {
namespace {

/// QuickFIX 1.15 writes FIX 4.4 SendingTime with milliseconds (its default timestamp
/// precision); TransactTime the same, as FixInitiator.cpp does.
constexpr int kMillisecondPrecision = 3;

FIX::UtcTimeStamp timeOf(const ReferenceOrder& o) {
  if (o.now) return FIX::UtcTimeStamp();
  return FIX::UtcTimeStamp(o.hour, o.minute, o.second, o.millisecond, o.day, o.month, o.year);
}

void setDecimals(FIX::Message& m, const ReferenceOrder& o, ReferenceDecimals decimals, bool with_price) {
  if (decimals == ReferenceDecimals::kText) {
    m.setField(FIX::FIELD::OrderQty, o.qty_text);
    if (with_price) m.setField(FIX::FIELD::Price, o.price_text);
  } else {
    m.setField(FIX::OrderQty(o.qty));
    if (with_price) m.setField(FIX::Price(o.price));
  }
}

void collect(const FIX::FieldMap& map, ReferenceFields& out) {
  for (FIX::FieldMap::const_iterator i = map.begin(); i != map.end(); ++i) {
    out.emplace_back(i->getTag(), i->getString());
  }
}

bool has(const FIX::FieldMap& map, std::initializer_list<int> tags, std::string& missing) {
  for (const int tag : tags) {
    if (!map.isSetField(tag)) {
      missing = "required field " + std::to_string(tag) + " missing";
      return false;
    }
  }
  return true;
}

}  // namespace

namespace {

/// What Session::sendRaw adds before serialising, then the bytes.
std::string finish(FIX::Message& m, const ReferenceOrder& o, const FIX::UtcTimeStamp& stamp) {
  FIX::Header& h = m.getHeader();
  h.setField(FIX::BeginString(o.begin_string));
  h.setField(FIX::SenderCompID(o.sender_comp_id));
  h.setField(FIX::TargetCompID(o.target_comp_id));
  h.setField(FIX::MsgSeqNum(o.msg_seq_num));
  h.setField(FIX::SendingTime(o.now ? FIX::UtcTimeStamp() : stamp, kMillisecondPrecision));
  return m.toString();
}

}  // namespace

std::string buildWithQuickFix(const ReferenceOrder& o, ReferenceDecimals decimals) {
  const FIX::UtcTimeStamp stamp = timeOf(o);
  if (o.msg_type == 'D') {
    FIX44::NewOrderSingle order(FIX::ClOrdID(o.cl_ord_id), FIX::Side(o.side),
                                FIX::TransactTime(stamp, kMillisecondPrecision), FIX::OrdType(FIX::OrdType_LIMIT));
    order.set(FIX::Symbol(o.symbol));
    order.set(FIX::TimeInForce(o.tif));
    setDecimals(order, o, decimals, true);
    return finish(order, o, stamp);
  }
  if (o.msg_type == 'G') {
    FIX44::OrderCancelReplaceRequest replace(FIX::OrigClOrdID(o.orig_cl_ord_id), FIX::ClOrdID(o.cl_ord_id),
                                             FIX::Side(o.side), FIX::TransactTime(stamp, kMillisecondPrecision),
                                             FIX::OrdType(FIX::OrdType_LIMIT));
    replace.set(FIX::Symbol(o.symbol));
    replace.set(FIX::TimeInForce(o.tif));
    setDecimals(replace, o, decimals, true);
    return finish(replace, o, stamp);
  }
  if (o.msg_type == 'F') {
    FIX44::OrderCancelRequest cancel(FIX::OrigClOrdID(o.orig_cl_ord_id), FIX::ClOrdID(o.cl_ord_id),
                                     FIX::Side(o.side), FIX::TransactTime(stamp, kMillisecondPrecision));
    cancel.set(FIX::Symbol(o.symbol));
    setDecimals(cancel, o, decimals, false);
    return finish(cancel, o, stamp);
  }
  throw std::invalid_argument("reference order: msg_type must be 'D', 'G' or 'F'");
}

bool parseWithQuickFix(const std::string& bytes, ReferenceFields& fields, std::string& error) {
  fields.clear();
  try {
    const FIX::Message m(bytes, true);  // validate: BodyLength and CheckSum
    if (!has(m.getHeader(), {FIX::FIELD::BeginString, FIX::FIELD::BodyLength, FIX::FIELD::MsgType,
                             FIX::FIELD::SenderCompID, FIX::FIELD::TargetCompID, FIX::FIELD::MsgSeqNum,
                             FIX::FIELD::SendingTime},
             error) ||
        !has(m.getTrailer(), {FIX::FIELD::CheckSum}, error)) {
      return false;
    }
    const std::string msg_type = m.getHeader().getField(FIX::FIELD::MsgType);
    // FIX 4.4 required fields (Symbol stands for the Instrument component, OrderQty for
    // OrderQtyData, which our orders always carry).
    if (msg_type == "D") {
      if (!has(m, {FIX::FIELD::ClOrdID, FIX::FIELD::Side, FIX::FIELD::TransactTime, FIX::FIELD::OrdType,
                   FIX::FIELD::Symbol, FIX::FIELD::OrderQty, FIX::FIELD::Price},
               error)) {
        return false;
      }
    } else if (msg_type == "G") {
      if (!has(m, {FIX::FIELD::OrigClOrdID, FIX::FIELD::ClOrdID, FIX::FIELD::Side, FIX::FIELD::TransactTime,
                   FIX::FIELD::OrdType, FIX::FIELD::Symbol, FIX::FIELD::OrderQty, FIX::FIELD::Price},
               error)) {
        return false;
      }
    } else if (msg_type == "F") {
      if (!has(m, {FIX::FIELD::OrigClOrdID, FIX::FIELD::ClOrdID, FIX::FIELD::Side, FIX::FIELD::TransactTime,
                   FIX::FIELD::Symbol, FIX::FIELD::OrderQty},
               error)) {
        return false;
      }
    } else {
      error = "unexpected MsgType " + msg_type;
      return false;
    }
    collect(m.getHeader(), fields);
    collect(m, fields);
    collect(m.getTrailer(), fields);
    return true;
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
}

}  // namespace fix
}  // namespace bw
