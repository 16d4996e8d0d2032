#pragma once
// A DECISION journal line's reasons, written into the event's text on the engine thread:
//   "<template> b=<belief> u=<uncertainty> edge=<bps> cost=<bps> eu=<bps>"
// e.g. "mean_reversion b=-0.62 u=0.18 edge=12.4 cost=4.0 eu=6.2". The uncertainty penalty
// is edge - cost - eu. Fixed-format std::to_chars into a stack buffer: no allocation, no
// locale. Only entries pay for it (a few per minute), not the bar closes without one.

#include "pipeline/JournalEvent.h"
#include "strategy/Decision.h"

namespace bw::pipeline {

void writeEntryReason(const strategy::EntryReason& why, JournalEvent& event) noexcept;

}  // namespace bw::pipeline
