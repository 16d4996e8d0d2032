#include "tools/JsonWriter.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace bw::tools {
namespace {

std::string quoted(std::string_view s) {
  std::string out;
  appendJsonString(out, s);
  return out;
}

TEST(JsonWriterTest, escapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(quoted("plain"), "\"plain\"");
  EXPECT_EQ(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(quoted("t\tn\nr\rb\bf\f"), "\"t\\tn\\nr\\rb\\bf\\f\"");
  EXPECT_EQ(quoted(std::string_view("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(quoted(std::string_view("a\0b", 3)), "\"a\\u0000b\"");
}

TEST(JsonWriterTest, keepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(quoted("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  // A two-byte character cut in half (a fixed-size text field), a stray continuation byte,
  // an overlong '/', a UTF-16 surrogate: each bad byte becomes U+FFFD.
  EXPECT_EQ(quoted("ab\xc3"), "\"ab\\ufffd\"");
  EXPECT_EQ(quoted("\x80x"), "\"\\ufffdx\"");
  EXPECT_EQ(quoted("\xc0\xaf"), "\"\\ufffd\\ufffd\"");
  EXPECT_EQ(quoted("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
}

TEST(JsonWriterTest, writesNestedContainersWithCommas) {
  JsonWriter j;
  j.beginObject().field("a", 1).field("b", "x").key("c").beginArray();
  j.value(true).value(false).null().beginObject().endObject().beginArray().endArray();
  j.endArray().field("d", std::int64_t{-5}).field("e", std::uint64_t{18'446'744'073'709'551'615ULL});
  j.key("f").beginObject().field("g", std::string("h")).endObject().endObject();
  EXPECT_EQ(j.str(),
            "{\"a\":1,\"b\":\"x\",\"c\":[true,false,null,{},[]],\"d\":-5,\"e\":18446744073709551615,\"f\":{\"g\":\"h\"}}");
}

TEST(JsonWriterTest, escapesKeys) {
  JsonWriter j;
  j.beginObject().field("we\"ird", 0).endObject();
  EXPECT_EQ(j.str(), "{\"we\\\"ird\":0}");
}

}  // namespace
}  // namespace bw::tools
