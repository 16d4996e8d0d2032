// C++14 translation unit (QuickFIX headers), like fix/'s adapters.
#include "VenueSessionProbe.h"

#include <quickfix/FixFields.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionID.h>

namespace bw {
namespace fix {
namespace testing {
namespace {

FIX::Session* venueSession() {
  return FIX::Session::lookupSession(FIX::SessionID("FIX.4.4", "VENUESIM", "BREAKWATER"));
}

}  // namespace

int venueExpectedSeqNum() {
  FIX::Session* s = venueSession();
  return s == nullptr ? -1 : s->getExpectedTargetNum();
}

bool venueRequestResend(int begin, int end) {
  FIX::Session* s = venueSession();
  if (s == nullptr) return false;
  FIX::Message m;
  m.getHeader().setField(FIX::MsgType("2"));
  m.setField(FIX::BeginSeqNo(begin));
  m.setField(FIX::EndSeqNo(end));
  return s->send(m);  // Session::send locks the session: safe beside its own thread
}

}  // namespace testing
}  // namespace fix
}  // namespace bw
