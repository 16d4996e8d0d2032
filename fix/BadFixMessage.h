#pragma once
// One FIX message the gateway refused, with its raw text: what OrderGateway keeps for the
// journal (issue 6 item 8: "logged with the raw message"). A plain, trivially copyable
// struct so it travels through a pre-sized SpscQueue (the QuickFIX thread writes, the
// engine thread drains): no allocation once the queue is built.
//
// One code space for the three ways a message is refused, so the journal writes one
// number (and one name): ExecDecodeError values as they are, UnreadableReason values from
// kUnreadableCodeBase, SessionRefusal values from kSessionRefusalCodeBase.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "fix/FixBridge.h"
#include "fix/WireConvert.h"

namespace bw::fix {

inline constexpr std::uint8_t kUnreadableCodeBase = 64;
inline constexpr std::uint8_t kSessionRefusalCodeBase = 96;
static_assert(kExecDecodeErrorCount <= kUnreadableCodeBase, "decode errors and unreadable reasons share a byte");
static_assert(kUnreadableCodeBase + kUnreadableReasonCount <= kSessionRefusalCodeBase);

[[nodiscard]] constexpr std::uint8_t badFixCode(ExecDecodeError e) noexcept { return static_cast<std::uint8_t>(e); }
[[nodiscard]] constexpr std::uint8_t badFixCode(UnreadableReason r) noexcept {
  return static_cast<std::uint8_t>(kUnreadableCodeBase + static_cast<std::uint8_t>(r));
}

[[nodiscard]] constexpr std::uint8_t badFixCode(SessionRefusal r) noexcept {
  return static_cast<std::uint8_t>(kSessionRefusalCodeBase + static_cast<std::uint8_t>(r));
}

/// The name of a bad-message code (execDecodeErrorName / unreadableReasonName), nullptr
/// for a number that is neither. Any thread; no allocation.
[[nodiscard]] constexpr const char* badFixCodeName(std::uint8_t code) noexcept {
  if (code > 0 && code < kExecDecodeErrorCount) return execDecodeErrorName(static_cast<ExecDecodeError>(code));
  if (code >= kUnreadableCodeBase && static_cast<std::size_t>(code - kUnreadableCodeBase) < kUnreadableReasonCount) {
    return unreadableReasonName(static_cast<UnreadableReason>(code - kUnreadableCodeBase));
  }
  if (code >= kSessionRefusalCodeBase && static_cast<std::size_t>(code - kSessionRefusalCodeBase) < kSessionRefusalCount) {
    return sessionRefusalName(static_cast<SessionRefusal>(code - kSessionRefusalCodeBase));
  }
  return nullptr;
}

struct BadFixMessage {
  /// Raw text kept per message, NUL included: a typical ExecutionReport is 150-250 bytes.
  static constexpr std::size_t kTextCapacity = 320;

  std::int64_t wall_ns = 0;   ///< CLOCK_REALTIME when the gateway refused it
  std::uint32_t length = 0;   ///< the raw message's full length (text holds at most kTextCapacity - 1)
  std::uint8_t code = 0;      ///< badFixCode(...)
  /// Raw FIX, SOH shown as '|', NUL-terminated, cut at the bound: as received for a session
  /// refusal; for a message the application refused, as QuickFIX re-serialises it (same
  /// values, body fields in tag order).
  char text[kTextCapacity] = {};

  [[nodiscard]] constexpr std::string_view textView() const noexcept {
    std::size_t n = 0;
    while (n < kTextCapacity && text[n] != '\0') ++n;
    return std::string_view(text, n);
  }
};

static_assert(std::is_trivially_copyable_v<BadFixMessage>, "copied by value through the SpscQueue");

}  // namespace bw::fix
