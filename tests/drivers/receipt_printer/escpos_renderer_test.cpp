// SPDX-License-Identifier: Apache-2.0
// Receipts as pictures: the encoder's bytes rendered like the paper would show them, compared
// with golden PNGs, and the QR in the picture decoded back with ZXing-cpp.
// Regenerate the goldens (after checking the new pictures by eye) with
//   KIOSK_UPDATE_GOLDEN=1 build/bin/receipt_printer_test --gtest_filter='ReceiptPicture*'
#define ZX_USE_UTF8 1 // ZXing 1.4: text() as UTF-8 std::string
#include "drivers/receipt_printer/escpos_encoder.h"
#include "drivers/receipt_printer/escpos_renderer.h"
#include "sample_receipts.h"

#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>

#include <cstdlib>

using namespace drivers::receipt_printer;

namespace {

std::string goldenPath(const std::string& name)
{
    return std::string(RECEIPT_GOLDEN_DIR) + "/" + name;
}

GrayImage render(const hal::Receipt& receipt, std::string_view profileName)
{
    auto profile = findProfile(profileName);
    auto encoder = EscPosEncoder::create(*profile);
    auto bytes = encoder->encode(receipt);
    EXPECT_TRUE(bytes) << bytes.error().message;
    auto renderer = EscPosRenderer::create({profile->paperDots, 16, {}});
    EXPECT_TRUE(renderer) << renderer.error().message;
    auto image = renderer->render(*bytes);
    EXPECT_TRUE(image) << image.error().message;
    return image ? *image : GrayImage{};
}

std::vector<std::string> decodeQrs(const GrayImage& image)
{
    ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    std::vector<std::string> texts;
    for (const auto& result : ZXing::ReadBarcodes(view, hints))
        texts.push_back(result.text());
    return texts;
}

/// Pixels that differ from the golden picture. The renderer is deterministic for one font
/// file and FreeType (both pinned by Debian 12 packages); a few pixels of slack absorb a
/// FreeType point release's hinting change without hiding a moved or missing line.
void expectMatchesGolden(const GrayImage& image, const std::string& name)
{
    const auto path = goldenPath(name);
    if (std::getenv("KIOSK_UPDATE_GOLDEN") != nullptr) {
        ASSERT_TRUE(writePng(image, path));
        GTEST_SKIP() << "wrote " << path;
    }
    auto golden = readPng(path);
    ASSERT_TRUE(golden) << golden.error().message;
    ASSERT_EQ(image.width, golden->width) << name;
    ASSERT_EQ(image.height, golden->height) << name;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
        differing += (image.pixels[i] < 128) != (golden->pixels[i] < 128);
    EXPECT_LE(differing, image.pixels.size() / 2000)
        << name << ": " << differing << " pixels differ from the golden";
}

} // namespace

TEST(ReceiptPicture, ResidentApplicant)
{
    const auto receipt = sample_receipts::resident();
    const auto image = render(receipt, "generic-80");
    EXPECT_EQ(image.width, 576 + 32);
    EXPECT_EQ(decodeQrs(image), std::vector<std::string>{receipt.qrCode()});
    expectMatchesGolden(image, "resident-80.png");
}

TEST(ReceiptPicture, QueuedOfflineReceipt)
{
    const auto receipt = sample_receipts::queuedOffline();
    const auto image = render(receipt, "generic-80");
    EXPECT_EQ(decodeQrs(image),
              std::vector<std::string>{
                  "https://zwfw.example.gov.cn/r/6f1c2a4e-8d7b-4c3a-9e21-0b5d4f6a7c88"});
    expectMatchesGolden(image, "queued-offline-80.png");
}

TEST(ReceiptPicture, ForeignersCard)
{
    const auto receipt = sample_receipts::foreigner();
    const auto image = render(receipt, "generic-80");
    EXPECT_EQ(decodeQrs(image), std::vector<std::string>{receipt.qrCode()});
    expectMatchesGolden(image, "foreigner-80.png");
}

TEST(ReceiptPicture, EightyMillimetresBesideFiftyEight)
{
    const auto receipt = sample_receipts::resident();
    const auto wide = render(receipt, "generic-80");
    const auto narrow = render(receipt, "generic-58");
    EXPECT_EQ(narrow.width, 384 + 32);
    EXPECT_LT(narrow.height, wide.height) << "smaller QR modules (5 dots) on 58 mm";
    EXPECT_EQ(decodeQrs(narrow), std::vector<std::string>{receipt.qrCode()});
    expectMatchesGolden(sideBySide(wide, narrow), "widths-80-58.png");
}

TEST(ReceiptPicture, RasterQrProfileDrawsTheSameSymbol)
{
    const auto receipt = sample_receipts::resident();
    const auto native = render(receipt, "generic-80");
    const auto raster = render(receipt, "generic-80-raster");
    EXPECT_EQ(decodeQrs(raster), std::vector<std::string>{receipt.qrCode()});
    ASSERT_EQ(native.width, raster.width);
    // Same text, same QR dot for dot: only the cut line (partial vs full is not drawn) may move.
    ASSERT_EQ(native.height, raster.height);
    EXPECT_EQ(native.pixels, raster.pixels);
}

TEST(ReceiptPicture, TextReadsBackFromTheBytes)
{
    auto encoder = EscPosEncoder::create(*findProfile("generic-80"));
    const auto receipt = sample_receipts::queuedOffline();
    auto document = readEscPos(*encoder->encode(receipt));
    ASSERT_TRUE(document);
    auto lines = document->textLines();
    std::erase(lines, std::string(48, '-')); // the separators
    EXPECT_EQ(lines, receipt.texts()) << "every line fits 80 mm unwrapped";
}

TEST(ReceiptPicture, UnknownCommandIsAnErrorNamingTheOffset)
{
    auto renderer = EscPosRenderer::create();
    ASSERT_TRUE(renderer);
    const std::vector<std::uint8_t> job{'A', 0x0A, 0x1B, 0x7E, 0x00};
    auto image = renderer->render(job);
    ASSERT_FALSE(image);
    EXPECT_NE(image.error().describe().find("at byte 2"), std::string::npos)
        << image.error().describe();
}
