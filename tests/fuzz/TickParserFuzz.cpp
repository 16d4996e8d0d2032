// libFuzzer target: any bytes as one capture line into TickParser::parse. The parser must
// return a code for every input: no crash, no read past the padding, no UB (built with
// ASan+UBSan by tools/fuzz). A parsed tick must hold what the parser promises, and the
// parser as the replay runs it (known shapes read in one pass first) must give the same
// verdict, tick and levels as the simdjson-only walk: a line the one-pass reader accepts
// wrongly or reads differently aborts.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/BookLevels.h"
#include "core/InstrumentTable.h"
#include "feed/TickParser.h"

namespace {

bool sameLevels(const bw::BookLevels& a, const bw::BookLevels& b) {
  if (a.bid_count != b.bid_count || a.ask_count != b.ask_count) return false;
  for (std::uint32_t i = 0; i < a.bid_count; ++i) {
    if (a.bids[i].price != b.bids[i].price || a.bids[i].qty != b.bids[i].qty) return false;
  }
  for (std::uint32_t i = 0; i < a.ask_count; ++i) {
    if (a.asks[i].price != b.asks[i].price || a.asks[i].qty != b.asks[i].qty) return false;
  }
  return true;
}

bool sameTick(const bw::Tick& a, const bw::Tick& b) {
  return a.recv_ns == b.recv_ns && a.exch_ns == b.exch_ns && a.price == b.price && a.qty == b.qty &&
         a.bid == b.bid && a.ask == b.ask && a.bid_qty == b.bid_qty && a.ask_qty == b.ask_qty && a.seq == b.seq &&
         a.first_seq == b.first_seq && a.symbol == b.symbol && a.kind == b.kind && a.aggressor == b.aggressor &&
         a.flags == b.flags && (a.levels == nullptr) == (b.levels == nullptr);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bw::InstrumentTable instruments = bw::InstrumentTable::withDefaults();
  static bw::feed::TickParser parser(instruments);
  static bw::feed::TickParser reference(instruments, bw::feed::TickParser::KnownShapes::kSimdjsonOnly);
  // An exact-size buffer plus the promised padding, so ASan catches a read beyond it.
  std::vector<char> buffer(size + bw::feed::TickParser::kPadding, '\0');
  if (size != 0) std::memcpy(buffer.data(), data, size);
  bw::Tick tick;
  const bw::feed::ParseResult r = parser.parse(std::string_view(buffer.data(), size), tick);
  bw::Tick reference_tick;
  const bw::feed::ParseResult rr = reference.parse(std::string_view(buffer.data(), size), reference_tick);
  if (r.error != rr.error || std::string_view(r.field) != std::string_view(rr.field) || r.decimal != rr.decimal) {
    std::abort();
  }
  if (r.ok() && (!sameTick(tick, reference_tick) || !sameLevels(parser.levels(), reference.levels()))) std::abort();
  if (r.ok()) {
    const bool priced = tick.kind != bw::TickKind::kTrade || (tick.price.raw > 0 && tick.qty.raw > 0);
    const bool symbol_known = tick.kind == bw::TickKind::kSnapshot || tick.symbol < instruments.size();
    if (!priced || !symbol_known) std::abort();
  }
  return 0;
}
