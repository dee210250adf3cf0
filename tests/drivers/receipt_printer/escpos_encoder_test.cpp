// SPDX-License-Identifier: Apache-2.0
// Golden bytes of the ESC/POS encoder: each expected byte is spelled out with its command, as
// in specs/receipt-printer.md, so a reviewer can check the table and the encoder side by side.
#include "drivers/receipt_printer/escpos_encoder.h"
#include "drivers/receipt_printer/escpos_reader.h"

#include <gtest/gtest.h>

using namespace drivers::receipt_printer;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes encode(std::string_view profileName, const hal::Receipt& receipt)
{
    auto profile = findProfile(profileName);
    EXPECT_TRUE(profile) << profile.error().message;
    auto encoder = EscPosEncoder::create(*profile);
    EXPECT_TRUE(encoder) << encoder.error().message;
    auto bytes = encoder->encode(receipt);
    EXPECT_TRUE(bytes) << bytes.error().message;
    return bytes ? *bytes : Bytes{};
}

Bytes cat(std::initializer_list<Bytes> parts)
{
    Bytes all;
    for (const auto& part : parts)
        all.insert(all.end(), part.begin(), part.end());
    return all;
}

const Bytes kInit{0x1B, 0x40, 0x1C, 0x26};        // ESC @, FS & (Chinese mode on)
const Bytes kChineseOff{0x1C, 0x2E};              // FS .
const Bytes kPartialCut80{0x1D, 0x56, 0x42, 120}; // GS V 66 n: feed 4 lines (120 dots), cut

} // namespace

TEST(EscPosEncoder, TitleIsCentredBoldDoubleSizeInGb18030)
{
    hal::Receipt receipt{{{"办件回执", hal::ReceiptLine::Align::Center, true, 2}}};
    const Bytes expected = cat({kInit,
                                {0x1B, 0x61, 0x01},                                     // centre
                                {0x1B, 0x45, 0x01},                                     // bold on
                                {0x1D, 0x21, 0x11},                                     // 2x2
                                {0xB0, 0xEC, 0xBC, 0xFE, 0xBB, 0xD8, 0xD6, 0xB4, 0x0A}, // text LF
                                {0x1D, 0x21, 0x00},                                     // size 1
                                {0x1B, 0x45, 0x00},                                     // bold off
                                {0x1B, 0x61, 0x00},                                     // left
                                kChineseOff,
                                kPartialCut80});
    EXPECT_EQ(encode("generic-80", receipt), expected);
}

TEST(EscPosEncoder, NativeQrIsModel2WithModuleSizeEccMStoreAndPrint)
{
    const std::string url = "https://zwfw.example.gov.cn/r/A-1";
    hal::Receipt receipt{{hal::ReceiptLine::qr(url)}};
    Bytes store{0x1D, 0x28, 0x6B, static_cast<std::uint8_t>(url.size() + 3),
                0x00, 0x31, 0x50, 0x30};
    store.insert(store.end(), url.begin(), url.end());
    const Bytes expected = cat({kInit,
                                {0x0A},             // quiet zone
                                {0x1B, 0x61, 0x01}, // centre
                                {0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00}, // model 2
                                {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06},       // module 6
                                {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31},       // ECC M
                                store,                                            // store data
                                {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}, // print
                                {0x0A, 0x1B, 0x61, 0x00},
                                kChineseOff,
                                kPartialCut80});
    EXPECT_EQ(encode("generic-80", receipt), expected);
}

TEST(EscPosEncoder, SeparatorFillsThePaperWidthInHalfWidthCells)
{
    hal::Receipt receipt{{hal::ReceiptLine::separator()}};
    Bytes rule80(48, '-');
    rule80.push_back(0x0A);
    Bytes rule58(32, '-');
    rule58.push_back(0x0A);
    EXPECT_EQ(encode("generic-80", receipt), cat({kInit, rule80, kChineseOff, kPartialCut80}));
    EXPECT_EQ(encode("generic-58", receipt), cat({kInit, rule58, kChineseOff, kPartialCut80}));
}

TEST(EscPosEncoder, PrinterWithoutCutterOnlyFeedsAndGbkProfileReplacesWhatGbkLacks)
{
    hal::Receipt receipt{{{"测试€𠀀"}}};
    const Bytes expected = cat({kInit,
                                {0x1B, 0x61, 0x00},
                                {0xB2, 0xE2, 0xCA, 0xD4, 0x80, '?', 0x0A}, // GBK: € = 80, 𠀀 = ?
                                kChineseOff,
                                {0x1B, 0x64, 0x05}}); // ESC d 5: feed, no cut
    EXPECT_EQ(encode("generic-58-nocut", receipt), expected);
    // GB18030 has both (4-byte form for U+20000).
    const auto gb = encode("generic-80", receipt);
    const Bytes text{0xB2, 0xE2, 0xCA, 0xD4, 0xA2, 0xE3, 0x95, 0x32, 0x82, 0x36, 0x0A};
    EXPECT_NE(std::search(gb.begin(), gb.end(), text.begin(), text.end()), gb.end());
}

TEST(EscPosEncoder, RasterProfileSendsTheQrAsFullWidthBandsOfGsV0)
{
    hal::Receipt receipt{{hal::ReceiptLine::qr("https://zwfw.example.gov.cn/r/A-1")}};
    const auto bytes = encode("generic-80-raster", receipt);
    auto document = readEscPos(bytes);
    ASSERT_TRUE(document) << document.error().message;
    int rows = 0;
    for (const auto& block : document->blocks) {
        EXPECT_NE(block.kind, PrintedBlock::Kind::Qr) << "no native QR for this profile";
        if (block.kind == PrintedBlock::Kind::Raster) {
            EXPECT_EQ(block.rasterWidthBytes, 72); // 576 dots
            EXPECT_LE(block.rasterRows, 64);       // the profile's band
            rows += block.rasterRows;
        }
    }
    EXPECT_EQ(rows % 6, 0) << "whole modules of 6 dots";
    EXPECT_GE(rows, 21 * 6);
    EXPECT_EQ(bytes[bytes.size() - 4], 0x1D) << "full cut on this profile";
    EXPECT_EQ(bytes[bytes.size() - 2], 0x41);
}

TEST(EscPosEncoder, LongTextWrapsAtTheCellWidthAndReadsBack)
{
    const std::string line(20, 'A');
    const std::string chinese = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
    hal::Receipt receipt{{{line + chinese}}};
    auto document = readEscPos(encode("generic-58", receipt)); // 384 dots: 32 half cells
    ASSERT_TRUE(document);
    const auto lines = document->textLines();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], line + "一二三四五六");              // 20*12 + 6*24 = 384
    EXPECT_EQ(lines[1], "七八九十一二三四五六七八九十一二"); // 16*24 = 384
    EXPECT_EQ(lines[2], "三四五六七八九十");
}

TEST(EscPosEncoder, WrapsDoubleSizeTextAtHalfTheCharacters)
{
    EXPECT_EQ(wrapText("一二三四五六七八九十一二三", 576, 2).size(), 2u); // 12 per line
    EXPECT_EQ(wrapText("a\nb", 576, 1), (std::vector<std::string>{"a", "b"}));
}

TEST(EscPosEncoder, QrTooLongForAnySymbolIsAnError)
{
    hal::Receipt receipt{{hal::ReceiptLine::qr(std::string(4000, 'x'))}};
    auto encoder = EscPosEncoder::create(*findProfile("generic-80"));
    ASSERT_TRUE(encoder);
    auto bytes = encoder->encode(receipt);
    ASSERT_FALSE(bytes);
    EXPECT_EQ(bytes.error().code, base::errc::invalid_argument);
}

TEST(PrinterProfile, BuiltinProfilesAreFoundByNameAndUnknownOnesListTheKnown)
{
    EXPECT_EQ(findProfile("generic-58")->paperDots, 384);
    EXPECT_EQ(findProfile("generic-80")->paperDots, 576);
    EXPECT_FALSE(findProfile("generic-80-raster")->nativeQr);
    auto unknown = findProfile("epson-tm-t88");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("generic-80"), std::string::npos);
}
