// SPDX-License-Identifier: Apache-2.0
// Manual entry: the ID number checked as it is typed (digits, birth date, MOD 11-2), the name
// checked, and the result as card data like a card read's.
#include "kiosk/core/manual_identity.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

namespace {

const std::string valid = "11010519491231002X";

TEST(ManualIdentity, EveryPrefixOfAValidNumberIsPartialAndTheWholeIsComplete)
{
    EXPECT_EQ(checkIdNumberInput("").state, IdNumberInput::Empty);
    for (std::size_t length = 1; length < valid.size(); ++length)
        EXPECT_EQ(checkIdNumberInput(valid.substr(0, length)).state, IdNumberInput::Partial)
            << length;
    const auto complete = checkIdNumberInput(valid);
    EXPECT_EQ(complete.state, IdNumberInput::Complete);
    EXPECT_TRUE(complete.message.empty());
    EXPECT_EQ(checkIdNumberInput("11010519491231002x").state, IdNumberInput::Complete);
}

TEST(ManualIdentity, AMistakeIsSeenAsSoonAsItIsTypedWithItsReason)
{
    const std::pair<std::string, std::string> wrong[] = {
        {"1101a", "前17位只能是数字"},
        {"11010519491231X", "前17位只能是数字"},
        {"11010519491231002Y", "最后一位只能是数字或X"},
        {"11010519491331", "出生日期不正确"}, // month 13
        {"11010518000101", "出生日期不正确"}, // before 1900
        {"11010520230229", "出生日期不正确"}, // not a leap year
        {"110105194912310021", "校验不正确"},
        {"11010519491231002X1", "18位"},
    };
    for (const auto& [typed, reason] : wrong) {
        const auto check = checkIdNumberInput(typed);
        EXPECT_EQ(check.state, IdNumberInput::Invalid) << typed;
        EXPECT_NE(std::string(check.message).find(reason), std::string::npos)
            << typed << ": " << check.message;
    }
    EXPECT_EQ(checkIdNumberInput("11010520240229").state, IdNumberInput::Partial) << "leap day";
}

TEST(ManualIdentity, NamesOfChineseLettersAndTheMiddleDotAreAccepted)
{
    for (const char* name : {"李秀英", "买买提·艾力", "John Smith", "O'Brien", "José", "𠮷野"})
        EXPECT_TRUE(checkNameInput(name).empty()) << name;
    for (const char* name : {"张三1", "李\n四", "<script>", "\xff\xfe", "王\xe2\x80\xae五"})
        EXPECT_FALSE(checkNameInput(name).empty()) << name;
    EXPECT_FALSE(checkNameInput(std::string(31 * 3, 'a')).empty());
    EXPECT_TRUE(checkNameInput("").empty()) << "nothing typed yet is not a mistake";
}

TEST(ManualIdentity, ACompleteEntryIsCardDataWithTypeBirthDateAndSex)
{
    auto card = manualIdentity("李秀英", "11010519491231002x");
    ASSERT_TRUE(card) << card.error().message;
    EXPECT_EQ(card->type, hal::CardType::Resident);
    EXPECT_EQ(card->name, "李秀英");
    EXPECT_EQ(card->idNumber, valid) << "x is stored as X";
    EXPECT_EQ(card->birthDate, "1949-12-31");
    EXPECT_EQ(card->sex, hal::Sex::Female);
    EXPECT_TRUE(card->photo.empty());

    EXPECT_EQ(manualIdentity("陈大文", "810000199408230021")->type, hal::CardType::HmtResidence);
    EXPECT_EQ(manualIdentity("S", "932682198501010017")->type, hal::CardType::ForeignPermanent2023);
}

TEST(ManualIdentity, AnIncompleteEntryIsRefusedInTheCitizensWordsWithoutTheValues)
{
    for (const auto& [name, number] :
         std::vector<std::pair<std::string, std::string>>{{"李秀英", "1101051949"},
                                                          {"李秀英", "110105194912310021"},
                                                          {"", valid},
                                                          {"   ", valid},
                                                          {"李秀英2", valid}}) {
        auto card = manualIdentity(name, number);
        ASSERT_FALSE(card) << name << " " << number;
        EXPECT_EQ(card.error().code, base::errc::invalid_argument);
        EXPECT_EQ(card.error().message.find("1101051949"), std::string::npos);
        EXPECT_EQ(card.error().message.find("李秀英"), std::string::npos);
        EXPECT_FALSE(card.error().message.empty());
    }
}

} // namespace
