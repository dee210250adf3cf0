// SPDX-License-Identifier: Apache-2.0
// Tests of hal value types and helpers.
#include "base/secure_buffer.h"
#include "hal/card_reader.h"
#include "hal/id_number.h"

#include <gtest/gtest.h>

TEST(IdNumber, CheckCharacterFollowsMod112)
{
    // Example from GB 11643-1999: 11010519491231002X.
    EXPECT_EQ(hal::idNumberCheckCharacter("11010519491231002"), 'X');
    EXPECT_TRUE(hal::hasValidIdNumberChecksum("11010519491231002X"));
    EXPECT_TRUE(hal::hasValidIdNumberChecksum("11010519491231002x"));
    EXPECT_FALSE(hal::hasValidIdNumberChecksum("110105194912310021"));
}

TEST(IdNumber, MalformedInputIsRejectedNotRead)
{
    EXPECT_FALSE(hal::idNumberCheckCharacter("1101051949123100"));
    EXPECT_FALSE(hal::idNumberCheckCharacter("1101051949123100A"));
    EXPECT_FALSE(hal::hasValidIdNumberChecksum(""));
    EXPECT_FALSE(hal::hasValidIdNumberChecksum("11010519491231002XX"));
}

TEST(CardData, WipeClearsEveryPersonalField)
{
    hal::CardData card;
    card.name = "李秀英";
    card.idNumber = "11010519491231002X";
    card.address = "四川省绵阳市";
    card.photo = {1, 2, 3};
    card.wipe();
    EXPECT_TRUE(card.name.empty());
    EXPECT_TRUE(card.idNumber.empty());
    EXPECT_TRUE(card.address.empty());
    EXPECT_TRUE(card.photo.empty());
}

TEST(SecureZero, OverwritesTheBytes)
{
    std::string secret = "51070319520308002X";
    char* data = secret.data();
    const auto size = secret.size();
    base::secureZero(data, size);
    for (std::size_t i = 0; i < size; ++i)
        EXPECT_EQ(data[i], '\0');
}

TEST(IdNumber, AcceptsEveryCardEditionsForm)
{
    EXPECT_TRUE(hal::isForeignPermanent2017Number("DEU510079062100"));
    EXPECT_FALSE(hal::isForeignPermanent2017Number("DE5510079062100"));
    EXPECT_FALSE(hal::isForeignPermanent2017Number("DEU51007906210"));
    EXPECT_TRUE(hal::isWellFormedIdNumber("DEU510079062100"));
    EXPECT_FALSE(hal::isWellFormedIdNumber("510703195203080020"));
}
