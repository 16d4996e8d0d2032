#include "core/InstrumentTable.h"

#include <cstring>

#include <stdexcept>
#include <string>

namespace bw {

SymbolId InstrumentTable::add(std::string_view symbol, Price tick_size, Qty lot_size) {
  if (symbol.empty() || symbol.size() > kMaxSymbolLength) {
    throw std::invalid_argument("instrument symbol '" + std::string(symbol) + "' must be 1-" +
                                std::to_string(kMaxSymbolLength) + " characters");
  }
  for (char c : symbol) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      throw std::invalid_argument("instrument symbol '" + std::string(symbol) +
                                  "' must be upper-case letters and digits");
    }
  }
  if (tick_size.raw <= 0 || lot_size.raw <= 0) {
    throw std::invalid_argument("instrument '" + std::string(symbol) + "' needs positive tick and lot sizes");
  }
  if (const SymbolId existing = find(symbol); existing != kNoSymbol) {
    const Instrument& known = instruments_[existing];
    if (known.tick_size != tick_size || known.lot_size != lot_size) {
      throw std::invalid_argument("instrument '" + std::string(symbol) + "' redefined with other sizes");
    }
    return existing;
  }
  if (size_ == kCapacity) throw std::invalid_argument("instrument table is full");
  Instrument& slot = instruments_[size_];
  slot.id = static_cast<SymbolId>(size_);
  symbol.copy(slot.symbol.data(), symbol.size());
  slot.symbol[symbol.size()] = '\0';
  slot.tick_size = tick_size;
  slot.lot_size = lot_size;
  ++size_;
  return slot.id;
}

SymbolId InstrumentTable::find(std::string_view symbol) const noexcept {
  // Compared in place (bytes, then the terminator), not through name(): its strlen per
  // instrument was a measurable share of decoding a tick (bench_tick_parser).
  // A stored name is exactly symbol.size() long when its last byte is not the terminator and
  // the next one is (so "BTCUSDT\0" from an escaped JSON string does not find BTCUSDT).
  if (symbol.empty() || symbol.size() > kMaxSymbolLength) return kNoSymbol;
  for (std::size_t i = 0; i < size_; ++i) {
    const auto& stored = instruments_[i].symbol;
    if (stored[symbol.size()] == '\0' && stored[symbol.size() - 1] != '\0' && std::memcmp(stored.data(), symbol.data(), symbol.size()) == 0) {
      return instruments_[i].id;
    }
  }
  return kNoSymbol;
}

InstrumentTable InstrumentTable::withDefaults() {
  InstrumentTable table;
  table.add("BTCUSDT", Price{1'000'000}, Qty{1'000});    // tick 0.01, lot 0.00001
  table.add("ETHUSDT", Price{1'000'000}, Qty{10'000});   // tick 0.01, lot 0.0001
  return table;
}

}  // namespace bw
