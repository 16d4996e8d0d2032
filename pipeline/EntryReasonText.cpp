#include "pipeline/EntryReasonText.h"

#include <charconv>
#include <string_view>

namespace bw::pipeline {
namespace {

/// Appends "<label><value>" with `decimals` fixed decimals; stops quietly at the end.
void append(char*& at, char* end, std::string_view label, double value, int decimals) noexcept {
  for (const char c : label) {
    if (at == end) return;
    *at++ = c;
  }
  const std::to_chars_result r = std::to_chars(at, end, value, std::chars_format::fixed, decimals);
  if (r.ec == std::errc{}) at = r.ptr;
}

}  // namespace

void writeEntryReason(const strategy::EntryReason& why, JournalEvent& event) noexcept {
  char buffer[JournalEvent::kTextCapacity] = {};
  char* at = buffer;
  char* const end = buffer + sizeof(buffer) - 1;
  const std::string_view name = templateName(why.kind);
  for (const char c : name) *at++ = c;  // at most 14 characters
  append(at, end, " b=", why.belief, 2);
  append(at, end, " u=", why.uncertainty, 2);
  append(at, end, " edge=", why.edge_bps, 1);
  append(at, end, " cost=", why.cost_bps, 1);
  append(at, end, " eu=", why.expected_utility_bps, 1);
  event.setText(std::string_view(buffer, static_cast<std::size_t>(at - buffer)));
}

}  // namespace bw::pipeline
