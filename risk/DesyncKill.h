#pragma once
// The Reconciler's desyncs onto the kill switch: any desync trips the global kill with
// KillReason::kPositionDesync and the desync's text as the why (ARCHITECTURE.md: "position
// desync with the venue" is an automatic kill trigger).
//
// Thread: the engine thread, after Reconciler::onReport or comparePosition returned a
// desync. No allocation (ControlBlock::tripKill copies the text into the block).

#include <cstdint>
#include <string_view>

#include "core/ControlBlock.h"
#include "risk/Desync.h"
#include "risk/KillSwitch.h"

namespace bw::risk {

/// Trips the global kill for `desync`. Returns true if this call tripped it (false: no
/// desync, or the kill was already tripped, whose first reason and text stay).
inline bool tripKillOnDesync(ControlBlock& control, const Desync& desync) noexcept {
  if (desync.kind == DesyncKind::kNone) return false;
  return control.tripKill(KillScope::kGlobal, 0, static_cast<std::uint8_t>(KillReason::kPositionDesync),
                          "breakwater (reconciler)", std::string_view(desync.text));
}

}  // namespace bw::risk
