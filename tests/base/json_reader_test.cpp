// SPDX-License-Identifier: Apache-2.0
// Tests of base/json_reader: wrong shapes and types are errors naming the path, never the
// value, and nothing throws.
#include "base/json_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using base::json::Reader;

base::json::Json parsed(std::string_view text)
{
    auto document = base::json::parse(text);
    EXPECT_TRUE(document) << document.error().describe();
    return document ? *document : base::json::Json();
}

} // namespace

TEST(JsonReader, ParseRefusesInvalidTooLongAndTooDeep)
{
    EXPECT_FALSE(base::json::parse("{\"a\":"));
    EXPECT_FALSE(base::json::parse(""));
    EXPECT_FALSE(base::json::parse("[1]", {.maxBytes = 2, .maxDepth = 64}));
    const std::string deep = std::string(65, '[') + std::string(65, ']');
    const auto refused = base::json::parse(deep);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, base::errc::parse);
    EXPECT_NE(refused.error().message.find("nested deeper"), std::string::npos);
    const std::string fine = std::string(64, '[') + std::string(64, ']');
    EXPECT_TRUE(base::json::parse(fine));
    // A very deep document is refused without a stack overflow.
    EXPECT_FALSE(base::json::parse(std::string(1'000'000, '[')));
}

TEST(JsonReader, ParseObjectNamesTheTypeFound)
{
    const auto refused = base::json::parseObject("[1,2]");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "expected an object, got array");
    EXPECT_TRUE(base::json::parseObject("{}"));
}

TEST(JsonReader, ReadsMembersOfTheRightType)
{
    const auto document =
        parsed(R"({"id":"c1","n":42,"ok":true,"args":{"x":1},"list":["a","b"],"none":null})");
    const Reader reader(document);
    EXPECT_EQ(*reader.string("id"), "c1");
    EXPECT_EQ(*reader.token("id"), "c1");
    EXPECT_EQ(*reader.integer("n"), 42);
    EXPECT_TRUE(*reader.boolean("ok"));
    EXPECT_EQ(*reader.object("args")->integer("x"), 1);
    const auto list = reader.array("list");
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[1].path(), "list[1]");
    EXPECT_EQ(*(*list)[1].asString(), "b");
    EXPECT_EQ(*reader.optionalString("none"), std::nullopt);
    EXPECT_EQ(*reader.optionalString("absent"), std::nullopt);
    EXPECT_EQ(**reader.optionalString("id"), "c1");
    EXPECT_FALSE(reader.optionalObject("absent")->has_value());
}

TEST(JsonReader, ErrorsNameThePathAndTypeNeverTheValue)
{
    const auto document = parsed(R"({"commands":[{"id":"c1","type":42},"51070319900101123X"]})");
    const auto commands = Reader(document).array("commands");
    ASSERT_TRUE(commands);
    const auto type = (*commands)[0].string("type");
    ASSERT_FALSE(type);
    EXPECT_EQ(type.error().code, base::errc::parse);
    EXPECT_EQ(type.error().message, "commands[0].type: expected a string, got number");
    const auto notObject = (*commands)[1].string("id");
    ASSERT_FALSE(notObject);
    EXPECT_EQ(notObject.error().message, "commands[1]: expected an object, got string");
    EXPECT_EQ(notObject.error().message.find("51070319900101123X"), std::string::npos);
    const auto missing = (*commands)[0].string("args");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "commands[0].args: missing");
}

TEST(JsonReader, WrongTypesAreErrorsForEveryAccessor)
{
    const auto document =
        parsed(R"({"s":"text","n":1.5,"big":18446744073709551615,"a":[],"o":{}})");
    const Reader reader(document);
    EXPECT_EQ(reader.integer("s").error().message, "s: expected an integer, got string");
    EXPECT_EQ(reader.integer("n").error().message, "n: expected an integer, got number");
    EXPECT_EQ(reader.integer("big").error().message, "big: out of range");
    EXPECT_EQ(reader.boolean("s").error().message, "s: expected a boolean, got string");
    EXPECT_EQ(reader.object("a").error().message, "a: expected an object, got array");
    EXPECT_EQ(reader.array("o").error().message, "o: expected an array, got object");
    EXPECT_EQ(reader.string("o").error().message, "o: expected a string, got object");
    EXPECT_EQ(reader.optionalString("a").error().message, "a: expected a string, got array");
    EXPECT_EQ(reader.optionalObject("s").error().message, "s: expected an object, got string");
    EXPECT_EQ(reader.optionalToken("n").error().message, "n: expected a string, got number");
    const Reader root(document["a"]);
    EXPECT_EQ(root.string("x").error().message, "(root): expected an object, got array");
}

TEST(JsonReader, LengthAndTokenLimits)
{
    const std::string longId(100 * 1024, 'x');
    const auto document =
        parsed(R"({"id":")" + longId +
               R"(","space":"a b","ctl":"a\u001b[2J","empty":"","ok":"510703-1"})");
    const Reader reader(document);
    EXPECT_EQ(reader.token("id").error().message, "id: longer than 128 bytes");
    EXPECT_EQ(reader.string("id").error().message, "id: longer than 65536 bytes");
    EXPECT_TRUE(reader.string("id", longId.size()));
    EXPECT_EQ(reader.string("id", 10).error().message, "id: longer than 10 bytes");
    EXPECT_FALSE(reader.token("space"));
    EXPECT_FALSE(reader.token("ctl"));
    EXPECT_FALSE(reader.token("empty"));
    EXPECT_FALSE(reader.optionalToken("ctl"));
    EXPECT_EQ(*reader.token("ok"), "510703-1");
}

TEST(JsonReader, DumpRefusesInvalidUtf8WithoutThrowing)
{
    EXPECT_EQ(*base::json::dump(base::json::Json{{"a", 1}}), R"({"a":1})");
    const auto refused = base::json::dump(base::json::Json{{"a", std::string("\xff\xfe")}});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, base::errc::invalid_argument);
}
