// SPDX-License-Identifier: Apache-2.0
#include "drivers/review_tablet/line_splitter.h"

#include <gtest/gtest.h>

namespace drivers::review_tablet {
namespace {

struct Split {
    std::vector<std::string> lines;
    int tooLong = 0;
};

Split feed(LineSplitter& splitter, std::initializer_list<std::string_view> pieces)
{
    Split out;
    for (auto piece : pieces)
        splitter.feed(
            piece, [&](std::string_view line) { out.lines.emplace_back(line); },
            [&] { ++out.tooLong; });
    return out;
}

TEST(LineSplitter, LinesEndAtNewlineAcrossPieces)
{
    LineSplitter splitter;
    auto out = feed(splitter, {"{\"a\":", "1}\n{\"b\"", ":2}\r\n\n"});
    EXPECT_EQ(out.lines, (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"}));
    EXPECT_EQ(out.tooLong, 0);
}

TEST(LineSplitter, ALineOfExactlyTheBoundPasses)
{
    LineSplitter splitter(8);
    auto out = feed(splitter, {"12345678\n"});
    EXPECT_EQ(out.lines, std::vector<std::string>{"12345678"});
}

TEST(LineSplitter, OverLongLineIsDroppedOnceAndTheNextOnePasses)
{
    LineSplitter splitter(8);
    auto out = feed(splitter, {"12345", "6789", "abcdefgh", "ij\nok\n"});
    EXPECT_EQ(out.tooLong, 1);
    EXPECT_EQ(out.lines, std::vector<std::string>{"ok"});
}

TEST(LineSplitter, ResetForgetsAPartialLine)
{
    LineSplitter splitter;
    (void)feed(splitter, {"{\"half"});
    splitter.reset();
    auto out = feed(splitter, {"{}\n"});
    EXPECT_EQ(out.lines, std::vector<std::string>{"{}"});
}

} // namespace
} // namespace drivers::review_tablet
