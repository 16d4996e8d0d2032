#pragma once
// A limit's value as people read it: the decimal or integer in its unit. One place, so
// `config check`, `limits show` and `status` print a limit the same way. Cold path.

#include <cstdint>
#include <string>

#include "core/LimitSet.h"

namespace bw {

/// "USDT", "base", "count", "bps", "%", "ms".
[[nodiscard]] const char* limitUnitName(LimitUnit unit) noexcept;
/// The value alone: a decimal for money and quantity ("0.5"), else the integer.
[[nodiscard]] std::string limitNumber(LimitKey key, std::int64_t raw);
/// The value with its unit ("0.5 base").
[[nodiscard]] std::string limitText(LimitKey key, std::int64_t raw);

}  // namespace bw
