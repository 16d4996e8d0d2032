// The venue's set of ClOrdIDs taken (fix/SeenClOrdIds.h), behind its PossDup check.

#include <gtest/gtest.h>

#include <string>

#include "fix/SeenClOrdIds.h"

namespace bw::fix {
namespace {

TEST(SeenClOrdIdsTest, remembersIdsAndSaysWhenOneComesAgain) {
  SeenClOrdIds seen(8);
  EXPECT_FALSE(seen.insert("1"));
  EXPECT_FALSE(seen.insert("2"));
  EXPECT_TRUE(seen.insert("1"));
  EXPECT_TRUE(seen.contains("2"));
  EXPECT_FALSE(seen.contains("3"));
  EXPECT_FALSE(seen.insert(""));  // no id: nothing to compare
  EXPECT_FALSE(seen.insert(""));
}

TEST(SeenClOrdIdsTest, startsOverWhenFullInsteadOfProbingForever) {
  SeenClOrdIds seen(4);  // remembers 4
  for (const char* id : {"a", "b", "c", "d"}) EXPECT_FALSE(seen.insert(id));
  EXPECT_TRUE(seen.contains("a"));
  EXPECT_FALSE(seen.insert("e"));  // a fifth: the old four are forgotten, "e" is kept
  EXPECT_TRUE(seen.contains("e"));
  EXPECT_FALSE(seen.contains("a"));
  for (int i = 0; i < 1000; ++i) (void)seen.insert(std::to_string(i).c_str());
  EXPECT_TRUE(seen.contains("999"));
}

}  // namespace
}  // namespace bw::fix
