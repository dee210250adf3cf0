// SPDX-License-Identifier: Apache-2.0
// The SAM frame codec against the spec's literal frames, and the stream decoder against
// noise, split frames, bad checksums and impossible lengths.
#include "drivers/card_reader/sam/frame.h"
#include "drivers/card_reader/sam/sam_id.h"

#include <gtest/gtest.h>

using namespace drivers::card_reader::sam;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes findOk()
{
    return {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00,
            0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97};
}

TEST(SamFrame, CommandFramesAreTheSpecsBytes)
{
    EXPECT_EQ(encode(Command::ResetSam),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x10, 0xFF, 0xEC}));
    EXPECT_EQ(encode(Command::SamStatus),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x11, 0xFF, 0xED}));
    EXPECT_EQ(encode(Command::SamId),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x12, 0xFF, 0xEE}));
    EXPECT_EQ(encode(Command::FindCard),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22}));
    EXPECT_EQ(encode(Command::SelectCard),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x02, 0x21}));
    EXPECT_EQ(encode(Command::ReadTextPhoto),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32}));
    EXPECT_EQ(encode(Command::ReadAppendedAddress),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x03, 0x30}));
    EXPECT_EQ(encode(Command::ReadTextPhotoFingerprint),
              (Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x10, 0x23}));
}

TEST(SamFrame, DecodesTheSpecsFindResponse)
{
    auto response = decode(findOk());
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->sw3, 0x9F);
    EXPECT_EQ(response->data, (Bytes{0, 0, 0, 0}));
}

TEST(SamFrame, RejectsBadChecksumImpossibleLengthAndTruncation)
{
    auto frame = findOk();
    frame.back() ^= 0x01;
    EXPECT_FALSE(decode(frame));
    auto huge = findOk();
    huge[5] = 0x10;
    huge[6] = 0x01; // 4097
    EXPECT_FALSE(decode(huge));
    auto tiny = findOk();
    tiny[6] = 0x02;
    EXPECT_FALSE(decode(tiny));
    const auto whole = findOk();
    EXPECT_FALSE(decode(std::span(whole).first(10)));
    EXPECT_FALSE(decode(Bytes{}));
}

TEST(SamStream, ResynchronisesOnThePreambleAfterGarbage)
{
    StreamDecoder decoder;
    Bytes noise{0x00, 0xAA, 0x13, 0xAA, 0xAA, 0x96, 0xFF, 0x69};
    decoder.feed(noise);
    decoder.feed(findOk());
    auto response = decoder.next();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->sw3, 0x9F);
    EXPECT_FALSE(decoder.next());
}

TEST(SamStream, AssemblesAFrameArrivingByteByByte)
{
    StreamDecoder decoder;
    const auto frame = findOk();
    for (std::size_t i = 0; i + 1 < frame.size(); ++i) {
        decoder.feed(std::span(frame).subspan(i, 1));
        EXPECT_FALSE(decoder.next()) << "complete after " << i + 1 << " bytes?";
    }
    decoder.feed(std::span(frame).last(1));
    EXPECT_TRUE(decoder.next());
}

TEST(SamStream, DropsABadFrameAndFindsTheGoodOneAfterIt)
{
    StreamDecoder decoder;
    auto bad = findOk();
    bad[12] ^= 0x40;
    decoder.feed(bad);
    decoder.feed(findOk());
    auto response = decoder.next();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->data, (Bytes{0, 0, 0, 0}));
    EXPECT_EQ(decoder.rejected(), 1u);
}

TEST(SamStream, AnImpossibleLengthIsSkipped)
{
    StreamDecoder decoder;
    decoder.feed(Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF, 0x00});
    decoder.feed(findOk());
    EXPECT_TRUE(decoder.next());
    EXPECT_GE(decoder.rejected(), 1u);
}

TEST(SamId, FormatsAsVendorsPrintIt)
{
    const Bytes data{0x05, 0x00, 0x01, 0x00, 0x4E, 0x61, 0xBC, 0x00,
                     0x15, 0xCD, 0x5B, 0x07, 0xB1, 0x68, 0xDE, 0x3A};
    auto id = formatSamId(data);
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, "05.01-12345678-0123456789-0987654321");
    EXPECT_FALSE(formatSamId(std::span(data).first(15)));
}

} // namespace
