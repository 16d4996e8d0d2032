// libFuzzer target: any bytes as one tardis CSV row into CsvTickParser::parse. With a
// newline in the input, the part before it is the header first (so header handling is
// fuzzed too); otherwise the tardis header. Every input must return a code, never crash
// or read out of bounds (ASan+UBSan via tools/fuzz); a parsed trade must be well-formed.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/InstrumentTable.h"
#include "feed/CsvTickParser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bw::InstrumentTable instruments = bw::InstrumentTable::withDefaults();
  bw::feed::CsvTickParser parser(instruments);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view row = input;
  if (const std::size_t eol = input.find('\n'); eol != std::string_view::npos) {
    if (!parser.setHeader(input.substr(0, eol)).empty()) return 0;  // refused header: fine
    row = input.substr(eol + 1);
  } else if (!parser.setHeader("exchange,symbol,timestamp,local_timestamp,id,side,price,amount").empty()) {
    std::abort();
  }
  bw::Tick tick;
  const bw::feed::ParseResult r = parser.parse(row, tick);
  if (r.ok()) {
    const bool sane = tick.kind == bw::TickKind::kTrade && tick.price.raw > 0 && tick.qty.raw > 0 &&
                      tick.symbol < instruments.size() && tick.recv_ns >= 0 && tick.exch_ns >= 0 &&
                      (tick.aggressor == bw::Side::kBuy || tick.aggressor == bw::Side::kSell);
    if (!sane) std::abort();
  }
  return 0;
}
