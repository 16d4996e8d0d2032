// Proves OrderEncoder::encode allocates nothing: this binary links the counting operator
// new (tests/support/AllocationCounter.cpp) and fails on any allocation across encodes of
// both message types, growing sequence numbers and a day change.
#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

#include "AllocationCounter.h"
#include "fix/OrderEncoder.h"

namespace bw::fix {
namespace {

TEST(OrderEncoderAllocationTest, counterSeesAnAllocation) {
  // The counter itself works: otherwise the zero below would prove nothing.
  const std::uint64_t before = test::allocationCount();
  static int* volatile sink = nullptr;  // volatile: the new/delete pair cannot be elided
  sink = new int(7);
  delete sink;
  EXPECT_EQ(test::allocationCount() - before, 1u);
}

TEST(OrderEncoderAllocationTest, encodeAllocatesNothing) {
  const InstrumentTable table = InstrumentTable::withDefaults();
  OrderEncoder encoder("FIX.4.4", "BREAKWATER", "VENUESIM", table);
  OrderRequest r;
  r.symbol = table.find("BTCUSDT");
  r.limit = Price{6'183'763'000'000};
  r.qty = Qty{12'000};
  constexpr std::int64_t kStartNs = 1'723'161'599'000'000'000;  // 2024-08-08 23:59:59 UTC
  std::string_view out;

  const std::uint64_t before = test::allocationCount();
  std::uint64_t bytes = 0;
  for (std::uint64_t seq = 1; seq <= 200'000; ++seq) {
    r.action = seq % 4 == 0   ? OrderRequest::Action::kCancel
               : seq % 4 == 2 ? OrderRequest::Action::kReplace
                              : OrderRequest::Action::kNew;
    r.id = seq;
    r.orig_id = seq - 1;
    r.side = seq % 2 ? Side::kBuy : Side::kSell;
    r.limit.raw += 1'000'000;
    // 10 us apart: crosses midnight, so the cached date is redone on the way.
    if (encoder.encode(r, seq, kStartNs + static_cast<std::int64_t>(seq) * 10'000, out) != OrderEncodeError::kOk) {
      FAIL() << "encode failed at " << seq;
    }
    bytes += out.size();
  }
  EXPECT_EQ(test::allocationCount() - before, 0u);
  EXPECT_GT(bytes, 200'000u * 100u);
}

}  // namespace
}  // namespace bw::fix
