#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "core/Instrument.h"

namespace bw {

/// Symbol -> id, tick size and lot size. Filled at start (add may throw), then read-only
/// from every thread: lookups are lock-free, allocation-free and noexcept.
class InstrumentTable {
 public:
  static constexpr std::size_t kCapacity = 64;

  /// Adds an instrument and returns its id; returns the existing id if the symbol is
  /// known with the same sizes. Throws std::invalid_argument on a bad symbol or size, a
  /// conflicting redefinition, or a full table. Cold path (start-up).
  SymbolId add(std::string_view symbol, Price tick_size, Qty lot_size);

  /// Id of a symbol (case-sensitive, upper case), or kNoSymbol. Linear scan over a
  /// handful of entries: faster than hashing at this size. Any thread; no allocation.
  [[nodiscard]] SymbolId find(std::string_view symbol) const noexcept;

  [[nodiscard]] const Instrument& operator[](SymbolId id) const noexcept { return instruments_[id]; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// Table with the venues' published sizes for the symbols in ../shared/data
  /// (BTCUSDT, ETHUSDT: tick 0.01, lot 0.00001 / 0.0001).
  static InstrumentTable withDefaults();

 private:
  std::array<Instrument, kCapacity> instruments_{};
  std::size_t size_ = 0;
};

}  // namespace bw
