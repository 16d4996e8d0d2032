#pragma once
// A stable column name for an indicator, such as "atr14" or "vwap": a prefix and, where the
// indicator has one, its length. Formatted once at construction into a fixed buffer, so
// reading it never allocates (the CSV writer of issue 5 names its columns with it).

#include <array>
#include <cstdint>
#include <string_view>

namespace bw::indicators {

class IndicatorName {
 public:
  static constexpr std::size_t kCapacity = 31;

  /// prefix + decimal length ("atr", 14 -> "atr14"); length 0 means no suffix ("vwap").
  /// A prefix longer than the buffer is cut; names are short literals, never user text.
  constexpr explicit IndicatorName(std::string_view prefix, std::uint32_t length = 0) noexcept {
    for (char c : prefix) {
      if (size_ == kCapacity) return;
      text_[size_++] = c;
    }
    if (length == 0) return;
    std::array<char, 10> digits{};
    std::size_t n = 0;
    for (; length > 0; length /= 10) digits[n++] = static_cast<char>('0' + length % 10);
    while (n > 0 && size_ < kCapacity) text_[size_++] = digits[--n];
  }

  [[nodiscard]] constexpr std::string_view view() const noexcept { return {text_.data(), size_}; }

 private:
  std::array<char, kCapacity> text_{};
  std::size_t size_ = 0;
};

}  // namespace bw::indicators
