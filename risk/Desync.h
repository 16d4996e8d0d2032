#pragma once
// A disagreement between our books and the venue's reports: each one trips the kill
// switch (KillReason::kPositionDesync, risk/DesyncKill.h). Every kind has a stable
// UPPER_SNAKE name; the text says which order or symbol and which numbers disagree.

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/Instrument.h"
#include "core/Order.h"

namespace bw::risk {

enum class DesyncKind : std::uint8_t {
  kNone = 0,          ///< books agree
  kUnknownOrder,      ///< a report for a ClOrdID we never sent (or a replacement not yet confirmed)
  kOverfill,          ///< the order's cum went past its quantity
  kFillAfterDone,     ///< a fill for an order already filled, canceled, replaced, rejected or expired
  kQuantityMismatch,  ///< the report's cum/leaves disagree with ours (cum backwards, cum + leaves != qty)
  kStateMismatch,     ///< a status report gives another state than ours
  kPositionMismatch,  ///< a venue position differs from ours
  kCount
};
inline constexpr std::size_t kDesyncKindCount = static_cast<std::size_t>(DesyncKind::kCount);

[[nodiscard]] constexpr const char* desyncKindName(DesyncKind k) noexcept {
  constexpr std::array<const char*, kDesyncKindCount> kNames{
      "NONE", "UNKNOWN_ORDER", "OVERFILL", "FILL_AFTER_DONE", "QUANTITY_MISMATCH", "STATE_MISMATCH", "POSITION_MISMATCH"};
  const auto i = static_cast<std::size_t>(k);
  return i < kNames.size() ? kNames[i] : "UNKNOWN";
}

/// One desync, formatted when found (into this fixed buffer: no allocation).
struct Desync {
  DesyncKind kind = DesyncKind::kNone;
  OrderId id = 0;               ///< the order (0 for a position mismatch)
  SymbolId symbol = kNoSymbol;
  std::int64_t ours = 0;        ///< our figure, 1e-8 units (cum, quantity or position)
  std::int64_t theirs = 0;      ///< the venue's
  char text[192] = {};          ///< e.g. "OVERFILL order 42: cum 1.5 past qty 1"
};

}  // namespace bw::risk
