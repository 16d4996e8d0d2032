#pragma once
// Test-only reach into the venue simulator's QuickFIX session (the acceptor side of
// VENUESIM->BREAKWATER), through QuickFIX's process-wide session table: what the venue
// expects next from us, and a ResendRequest sent by the venue as a counterparty who
// missed our messages would. C++14/C++20-clean header; VenueSessionProbe.cpp is C++14.

namespace bw {
namespace fix {
namespace testing {

/// The MsgSeqNum the venue expects next from us, or -1 when it has no session.
int venueExpectedSeqNum();

/// The venue asks us to resend [begin, end] (end 0: everything since begin). False when
/// it has no session or QuickFIX refused.
bool venueRequestResend(int begin, int end);

}  // namespace testing
}  // namespace fix
}  // namespace bw
