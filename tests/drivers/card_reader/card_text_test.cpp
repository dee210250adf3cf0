// SPDX-License-Identifier: Apache-2.0
// The four card layouts against the golden frames (made from the spec by
// golden/make_golden.py), the nation and sex tables, the number checks and hostile input.
#include "drivers/card_reader/card_checks.h"
#include "drivers/card_reader/card_record.h"
#include "drivers/card_reader/card_text.h"
#include "drivers/card_reader/nation.h"
#include "drivers/card_reader/sam/frame.h"
#include "drivers/card_reader/sam/status.h"
#include "golden.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace drivers::card_reader;

namespace {

nlohmann::json expectedCards()
{
    std::ifstream in(golden::path("expected.json"));
    return nlohmann::json::parse(in);
}

/// The card as kioskctl prints it (fields the layout does not carry are null).
nlohmann::json asJson(const hal::CardData& card)
{
    const bool foreign = card.type == hal::CardType::ForeignPermanent2017 ||
                         card.type == hal::CardType::ForeignPermanent2023;
    auto orNull = [](const std::string& value, bool carried) {
        return carried ? nlohmann::json(value) : nlohmann::json(nullptr);
    };
    return {{"cardType", hal::toString(card.type)},
            {"name", card.name},
            {"nameEn", orNull(card.nameEn, foreign)},
            {"sex", hal::toString(card.sex)},
            {"nation", orNull(card.nation, card.type == hal::CardType::Resident)},
            {"birthDate", card.birthDate},
            {"address", orNull(card.address, !foreign)},
            {"idNumber", card.idNumber},
            {"issuer", card.issuer},
            {"validFrom", card.validFrom},
            {"validUntil", card.validUntil},
            {"idNumberValid", idNumberValid(card)},
            {"expired", expired(card, "2026-11-24")}};
}

class GoldenCard : public testing::TestWithParam<std::string> {};

TEST_P(GoldenCard, DecodesToTheFieldsItWasMadeFrom)
{
    const auto expected = expectedCards().at(GetParam());
    auto card = decodeCardFrame(golden::load(GetParam()));
    ASSERT_TRUE(card) << card.error().message;
    EXPECT_EQ(asJson(*card), expected);
    EXPECT_EQ(card->photo.size(), 1024u) << "the photo stays opaque WLT bytes";
}

INSTANTIATE_TEST_SUITE_P(Layouts, GoldenCard,
                         testing::Values("read_resident.hex", "read_resident_long_term.hex",
                                         "read_resident_expired_bad_number.hex", "read_hmt.hex",
                                         "read_foreign_2017.hex", "read_foreign_2023.hex",
                                         "read_resident_fingerprint.hex"),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return param.param.substr(5, param.param.size() - 9);
                         });

TEST(GoldenStatus, EveryStatusCodeOfTheSpecDecodesWithItsDisposition)
{
    using sam::Disposition;
    const std::vector<std::pair<std::string, Disposition>> table = {
        {"90", Disposition::Ok},          {"9F_find_ok", Disposition::Ok},
        {"10", Disposition::HostError},   {"11", Disposition::HostError},
        {"21", Disposition::HostError},   {"23", Disposition::HostError},
        {"24", Disposition::HostError},   {"31", Disposition::Retry},
        {"32", Disposition::Retry},       {"33", Disposition::CardError},
        {"40", Disposition::CardError},   {"41", Disposition::Retry},
        {"47", Disposition::CardError},   {"60", Disposition::DeviceFault},
        {"66", Disposition::DeviceFault}, {"80", Disposition::NoCard},
        {"81", Disposition::NoCard},      {"91", Disposition::NoContent}};
    for (const auto& [name, disposition] : table) {
        auto response = sam::decode(golden::load("status_" + name + ".hex"));
        ASSERT_TRUE(response) << name;
        EXPECT_EQ(response->sw3, std::stoul(name.substr(0, 2), nullptr, 16));
        EXPECT_EQ(sam::dispositionOf(response->sw3), disposition) << name;
        EXPECT_NE(sam::describe(response->sw3), "unknown SAM status") << name;
    }
}

TEST(GoldenStatus, AStatusFrameIsNotTakenForACard)
{
    auto card = decodeCardFrame(golden::load("status_41.hex"));
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().code, hal::errc::media);
    EXPECT_NE(card.error().message.find("41"), std::string::npos);
}

TEST(CardText, NationTableAndUnknownCodes)
{
    EXPECT_EQ(nationName("01"), "汉");
    EXPECT_EQ(nationName("56"), "基诺");
    EXPECT_EQ(nationName("97"), "其他");
    EXPECT_EQ(nationName("98"), "外国血统中国籍人士");
    EXPECT_EQ(nationName("57"), "其他");
    EXPECT_EQ(nationName("00"), "其他");
    EXPECT_EQ(nationName("x1"), "其他");
    EXPECT_EQ(nationName(""), "其他");
}

TEST(CardText, DatesAndLongTerm)
{
    EXPECT_EQ(cardDate("20350601"), "2035-06-01");
    EXPECT_EQ(cardDate("长期", true), "long-term");
    EXPECT_EQ(cardDate("长期"), "") << "only an expiry may be long-term";
    EXPECT_EQ(cardDate("20351301"), "");
    EXPECT_EQ(cardDate("2035060"), "");
}

TEST(CardText, Utf16DecodingNeverFailsAndTrims)
{
    const std::uint8_t loneSurrogate[] = {0x3D, 0xD8, 0x41, 0x00, 0x20, 0x00, 0x00, 0x00, 0x7F};
    EXPECT_EQ(utf16leToUtf8(loneSurrogate), "\xEF\xBF\xBD"
                                            "A");
    EXPECT_EQ(utf16leToUtf8({}), "");
}

TEST(CardText, ShortOrMalformedRecordsAreRefusedWithoutReadingPastThem)
{
    std::vector<std::uint8_t> tiny(100, 0x20);
    EXPECT_FALSE(parseCardText(tiny));
    // Lengths that claim more than the frame holds.
    std::vector<std::uint8_t> lying = {0x01, 0x00, 0x04, 0x00, 0x20, 0x00};
    auto record = decodeCardRecord(lying);
    ASSERT_FALSE(record);
    EXPECT_EQ(record.error().code, hal::errc::protocol);
    // A text block shorter than 256 that still adds up.
    std::vector<std::uint8_t> shortText = {0x00, 0x02, 0x00, 0x00, 0x20, 0x00};
    EXPECT_FALSE(decodeCardRecord(shortText));
}

TEST(CardText, UnknownTypeCharacterAndSexCodesDegradeGracefully)
{
    auto frame = golden::load("read_resident.hex");
    // Text starts at frame offset 14: the type character at 248, sex at 30.
    frame[14 + 248] = 'Q';
    frame[14 + 30] = '7';
    std::uint8_t chk = 0;
    for (std::size_t i = 5; i + 1 < frame.size(); ++i)
        chk ^= frame[i];
    frame.back() = chk;
    auto card = decodeCardFrame(frame);
    ASSERT_TRUE(card) << card.error().message;
    EXPECT_EQ(card->type, hal::CardType::Resident);
    EXPECT_EQ(card->sex, hal::Sex::Unknown);
    EXPECT_TRUE(idNumberValid(*card)) << "an unknown sex contradicts nothing";
}

TEST(CardChecks, NumberCrossChecksBirthDateAndSex)
{
    hal::CardData card;
    card.type = hal::CardType::Resident;
    card.idNumber = "11010519491231002X";
    card.birthDate = "1949-12-31";
    card.sex = hal::Sex::Female; // sequence 002: even
    EXPECT_TRUE(idNumberValid(card));
    card.sex = hal::Sex::Male;
    EXPECT_FALSE(idNumberValid(card));
    card.sex = hal::Sex::Unstated;
    EXPECT_TRUE(idNumberValid(card)) << "nothing to contradict";
    card.sex = hal::Sex::Female;
    card.birthDate = "1949-12-30";
    EXPECT_FALSE(idNumberValid(card));

    card.idNumber = "440524188001010014";
    card.birthDate = "1880-01-01";
    card.sex = hal::Sex::Male;
    EXPECT_TRUE(idNumberValid(card));
    card.type = hal::CardType::HmtResidence;
    EXPECT_FALSE(idNumberValid(card)) << "HMT numbers start 810000, 820000 or 830000";
    card.type = hal::CardType::ForeignPermanent2023;
    EXPECT_FALSE(idNumberValid(card)) << "2023 foreigner numbers start with 9";
}

TEST(CardChecks, ExpiryIsInclusiveAndLongTermNeverExpires)
{
    hal::CardData card;
    card.validUntil = "2026-11-24";
    EXPECT_FALSE(expired(card, "2026-11-24"));
    EXPECT_TRUE(expired(card, "2026-11-25"));
    card.validUntil = "long-term";
    EXPECT_FALSE(expired(card, "2999-01-01"));
    card.validUntil = "";
    EXPECT_FALSE(expired(card, "2999-01-01"));
    EXPECT_EQ(localDateToday().size(), 10u);
}

TEST(Golden, AppendedAddressAndSamId)
{
    auto address = sam::decode(golden::load("appended_address.hex"));
    ASSERT_TRUE(address);
    EXPECT_EQ(parseAppendedAddress(address->data), "北京市海淀区中关村大街1号");
    auto id = sam::decode(golden::load("sam_id.hex"));
    ASSERT_TRUE(id);
    EXPECT_EQ(id->data.size(), 16u);
}

} // namespace
