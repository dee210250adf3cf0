// SPDX-License-Identifier: Apache-2.0
// PinyinInput over Debian's libgooglepinyin dictionary: candidates as letters are typed,
// choices that consume all or part of the letters, backspace, reset, the letter limit, and
// two inputs sharing the library's one decoder.
#include "kiosk/core/pinyin_input.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using kiosk::core::PinyinInput;

void typeAll(PinyinInput& input, std::string_view letters)
{
    for (const char letter : letters)
        ASSERT_TRUE(input.type(letter)) << letter;
}

/// The position of `word` among the first `within` candidates, or `within` when absent.
std::size_t rankOf(PinyinInput& input, const std::string& word, std::size_t within = 12)
{
    const auto list = input.candidates(0, within);
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), word) - list.begin());
}

std::size_t indexOf(PinyinInput& input, const std::string& word)
{
    const auto list = input.candidates(0, input.candidateCount());
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), word) - list.begin());
}

TEST(PinyinInput, TypingShehuiOffersSheHuiFirst)
{
    PinyinInput input;
    ASSERT_TRUE(input.available());
    typeAll(input, "shehui");
    EXPECT_EQ(input.letters(), "shehui");
    EXPECT_EQ(input.syllables(), "she hui");
    EXPECT_GT(input.candidateCount(), 6U);
    EXPECT_EQ(input.candidates(0, 1), std::vector<std::string>{"社会"});
}

TEST(PinyinInput, CandidatesFollowEachLetter)
{
    PinyinInput input;
    typeAll(input, "she");
    EXPECT_LT(rankOf(input, "社"), 6U);
    typeAll(input, "bao");
    EXPECT_EQ(rankOf(input, "社保"), 0U);
}

TEST(PinyinInput, InitialsOfferWords)
{
    PinyinInput input;
    typeAll(input, "sfz");
    EXPECT_LT(rankOf(input, "身份证"), 6U);
}

TEST(PinyinInput, ChoosingTheWholeSentenceConsumesEveryLetter)
{
    PinyinInput input;
    typeAll(input, "shehuibaoxian");
    ASSERT_EQ(input.candidates(0, 1), std::vector<std::string>{"社会保险"});
    EXPECT_EQ(input.choose(0), "社会保险");
    EXPECT_TRUE(input.empty());
    EXPECT_EQ(input.candidateCount(), 0U);
}

TEST(PinyinInput, ChoosingAPartLeavesTheRestWithItsCandidates)
{
    PinyinInput input;
    typeAll(input, "shebaoka");
    const auto she = indexOf(input, "设");
    ASSERT_LT(she, input.candidateCount());
    EXPECT_EQ(input.choose(she), "设");
    EXPECT_EQ(input.letters(), "baoka");
    EXPECT_EQ(input.syllables(), "bao ka");
    EXPECT_LT(rankOf(input, "包"), 12U);
    const auto sentence = input.candidates(0, 1);
    ASSERT_EQ(sentence.size(), 1U);
    EXPECT_EQ(input.choose(0), sentence[0]) << "candidate 0 covers all the rest";
    EXPECT_TRUE(input.empty());
}

TEST(PinyinInput, ChoosingOutOfRangeChangesNothing)
{
    PinyinInput input;
    typeAll(input, "zhang");
    EXPECT_EQ(input.choose(input.candidateCount()), "");
    EXPECT_EQ(input.letters(), "zhang");
}

TEST(PinyinInput, BackspaceRemovesTheLastLetterAndSearchesAgain)
{
    PinyinInput input;
    typeAll(input, "shehuix");
    EXPECT_TRUE(input.backspace());
    EXPECT_EQ(input.letters(), "shehui");
    EXPECT_EQ(input.candidates(0, 1), std::vector<std::string>{"社会"});
    for (int i = 0; i < 6; ++i)
        EXPECT_TRUE(input.backspace());
    EXPECT_TRUE(input.empty());
    EXPECT_EQ(input.candidateCount(), 0U);
    EXPECT_FALSE(input.backspace()) << "nothing left: the keyboard edits its field instead";
}

TEST(PinyinInput, ResetClearsLettersAndCandidates)
{
    PinyinInput input;
    typeAll(input, "zhangsan");
    input.reset();
    EXPECT_TRUE(input.empty());
    EXPECT_EQ(input.candidateCount(), 0U);
    EXPECT_TRUE(input.candidates(0, 6).empty());
    typeAll(input, "li");
    EXPECT_LT(rankOf(input, "李"), 6U);
}

/// Whether the decoder's spelling buffer still holds `letters` anywhere.
bool decoderHolds(const std::string& letters)
{
    return PinyinInput::decoderSpellingBuffer().find(letters) != std::string::npos;
}

TEST(PinyinInput, NoLettersRemainInTheDecoderAfterResetChoiceOrBackspace)
{
    PinyinInput input;
    typeAll(input, "zhangsanfeng");
    ASSERT_TRUE(decoderHolds("zhangsanfeng")) << "the test sees the buffer";
    input.reset();
    EXPECT_FALSE(decoderHolds("zhang"));
    EXPECT_FALSE(decoderHolds("feng"));

    typeAll(input, "lisi");
    EXPECT_EQ(input.choose(indexOf(input, "李")), "李");
    EXPECT_EQ(input.letters(), "si");
    EXPECT_FALSE(decoderHolds("lisi")) << "the chosen part's letters are gone";
    EXPECT_EQ(input.choose(0).empty(), false);
    EXPECT_FALSE(decoderHolds("si"));

    typeAll(input, "wangwu");
    for (int i = 0; i < 6; ++i)
        ASSERT_TRUE(input.backspace());
    EXPECT_FALSE(decoderHolds("wang"));
    EXPECT_FALSE(decoderHolds("wu"));
}

TEST(PinyinInput, OnlyLettersAreTypedAndCapitalsAreFolded)
{
    PinyinInput input;
    EXPECT_TRUE(input.type('Y'));
    EXPECT_FALSE(input.type('1'));
    EXPECT_FALSE(input.type(' '));
    EXPECT_FALSE(input.type('\''));
    EXPECT_TRUE(input.type('I'));
    EXPECT_EQ(input.letters(), "yi");
}

TEST(PinyinInput, LettersTheDecoderCannotReadStayTypedWithoutCandidates)
{
    PinyinInput input;
    typeAll(input, "vv");
    EXPECT_EQ(input.letters(), "vv");
    EXPECT_EQ(input.candidateCount(), 0U);
    EXPECT_EQ(input.choose(0), "");
}

// 20 initials make libgooglepinyin 0.1.2 abort (an assertion in extend_dmi); the input
// stops at 16 letters, so this spelling is cut before it reaches the library.
TEST(PinyinInput, KeepsAtMostSixteenLettersSoNoSpellingAbortsTheLibrary)
{
    PinyinInput input;
    const std::string spelling = "ghszzzsnzzshsssszhns";
    std::size_t accepted = 0;
    for (const char letter : spelling)
        accepted += input.type(letter) ? 1 : 0;
    EXPECT_EQ(accepted, PinyinInput::maxLetters);
    EXPECT_EQ(input.letters(), spelling.substr(0, PinyinInput::maxLetters));
    EXPECT_GT(input.candidateCount(), 0U);
}

TEST(PinyinInput, TwoInputsShareTheOneDecoderEachWithItsOwnLetters)
{
    PinyinInput name;
    PinyinInput address;
    typeAll(name, "zhang");
    typeAll(address, "chengdu");
    EXPECT_EQ(rankOf(name, "张"), 0U);
    EXPECT_LT(rankOf(address, "成都"), 6U);
    EXPECT_EQ(name.choose(0), "张");
    EXPECT_EQ(address.choose(indexOf(address, "成都")), "成都");
}

TEST(PinyinInput, AnInputOutlivingAnotherKeepsWorking)
{
    PinyinInput input;
    typeAll(input, "yi");
    {
        PinyinInput other;
        typeAll(other, "bao");
    }
    typeAll(input, "bao");
    EXPECT_EQ(rankOf(input, "医保"), 0U);
}

TEST(PinyinInput, AMissingDictionaryMakesTheInputUnavailable)
{
    PinyinInput input("/nonexistent/dict_pinyin.dat");
    EXPECT_FALSE(input.available());
    EXPECT_FALSE(input.type('a'));
    EXPECT_TRUE(input.empty());
    PinyinInput working;
    EXPECT_TRUE(working.type('a')) << "the system dictionary still opens";
}

} // namespace
