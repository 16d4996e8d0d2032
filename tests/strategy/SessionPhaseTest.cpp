// Session phase from a tick's UTC time of day.
#include "strategy/indicators/SessionPhase.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "IndicatorFixtures.h"

namespace bw::indicators {
namespace {

using test::kDayStartNs;
constexpr std::int64_t kMinuteNs = 60'000'000'000;

std::int64_t at(std::int64_t hour, std::int64_t minute) { return kDayStartNs + (hour * 60 + minute) * kMinuteNs; }

TEST(SessionPhaseTest, defaultPhasesByUtcTimeOfDay) {
  const SessionPhase p;
  EXPECT_EQ(p.phaseName(p.phaseAt(at(1, 0))), "asia");
  EXPECT_EQ(p.phaseName(p.phaseAt(at(6, 59))), "asia");
  EXPECT_EQ(p.phaseName(p.phaseAt(at(7, 0))), "europe");
  EXPECT_EQ(p.phaseName(p.phaseAt(at(13, 29))), "europe");
  EXPECT_EQ(p.phaseName(p.phaseAt(at(13, 30))), "us");
  EXPECT_EQ(p.phaseAt(at(22, 0)), SessionPhase::kNoPhase);
  EXPECT_EQ(p.phaseName(SessionPhase::kNoPhase), "");
  EXPECT_EQ(p.phaseName(p.phaseAt(at(24 + 1, 0))), "asia") << "the next day";
}

TEST(SessionPhaseTest, rangesMayWrapMidnightAndTheFirstListedWinsAnOverlap) {
  const SessionPhase p({{"europe_us", 13 * 60, 16 * 60}, {"late", 23 * 60, 60}, {"europe", 7 * 60, 16 * 60}});
  EXPECT_EQ(p.phaseName(p.phaseAt(at(23, 30))), "late");
  EXPECT_EQ(p.phaseName(p.phaseAt(at(0, 30))), "late");
  EXPECT_EQ(p.phaseAt(at(1, 0)), SessionPhase::kNoPhase) << "end is exclusive";
  EXPECT_EQ(p.phaseName(p.phaseAt(at(12, 59))), "europe");
  EXPECT_EQ(p.phaseName(p.phaseAt(at(13, 0))), "europe_us");
}

TEST(SessionPhaseTest, tickUsesExchangeTimeElseReceiveTime) {
  SessionPhase p;
  EXPECT_FALSE(p.ready());
  Tick t;
  t.recv_ns = at(8, 0);
  p.onTick(t);
  ASSERT_TRUE(p.ready());
  EXPECT_EQ(p.phaseName(p.value()), "europe");
  t.exch_ns = at(14, 0);
  p.onTick(t);
  EXPECT_EQ(p.phaseName(p.value()), "us");
}

TEST(SessionPhaseTest, minutesPastTheDayAreRefused) {
  EXPECT_THROW(SessionPhase({{"bad", 0, 1'440}}), std::invalid_argument);
}

}  // namespace
}  // namespace bw::indicators
