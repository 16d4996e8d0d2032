// libFuzzer target: any bytes as one capture line into TickParser::parse. The parser must
// return a code for every input: no crash, no read past the padding, no UB (built with
// ASan+UBSan by tools/fuzz). A parsed tick must hold what the parser promises.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/InstrumentTable.h"
#include "feed/TickParser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bw::InstrumentTable instruments = bw::InstrumentTable::withDefaults();
  static bw::feed::TickParser parser(instruments);
  // An exact-size buffer plus the promised padding, so ASan catches a read beyond it.
  std::vector<char> buffer(size + bw::feed::TickParser::kPadding, '\0');
  if (size != 0) std::memcpy(buffer.data(), data, size);
  bw::Tick tick;
  const bw::feed::ParseResult r = parser.parse(std::string_view(buffer.data(), size), tick);
  if (r.ok()) {
    const bool priced = tick.kind != bw::TickKind::kTrade || (tick.price.raw > 0 && tick.qty.raw > 0);
    const bool symbol_known = tick.kind == bw::TickKind::kSnapshot || tick.symbol < instruments.size();
    if (!priced || !symbol_known) std::abort();
  }
  return 0;
}
