// SPDX-License-Identifier: Apache-2.0
// drivers image helpers: JPEG both ways, PNG in, files that are not images, the area reduction
// and the local contrast equalisation the QR pipeline's last pass uses (against OpenCV's).
#include "drivers/code_scanner/camera/frame_decoder.h"
#include "drivers/transport/image_codec.h"
#include "tests/drivers/code_scanner/qr_image.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>

namespace {

TEST(ImageCodec, JpegRoundTripKeepsSizeAndColour)
{
    std::vector<std::uint8_t> rgb(64 * 48 * 3);
    for (std::size_t i = 0; i < rgb.size(); i += 3) {
        rgb[i] = 200;
        rgb[i + 1] = 40;
        rgb[i + 2] = 40;
    }
    auto jpeg = drivers::encodeJpeg(rgb.data(), 64, 48, 64 * 3, 90);
    ASSERT_TRUE(jpeg) << jpeg.error().message;
    auto back = drivers::decodeJpeg(*jpeg, 3);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->width, 64);
    EXPECT_EQ(back->height, 48);
    EXPECT_NEAR(back->pixels[0], 200, 6);
    EXPECT_NEAR(back->pixels[1], 40, 6);
    auto grey = drivers::decodeJpeg(*jpeg, 1);
    ASSERT_TRUE(grey);
    EXPECT_EQ(grey->pixels.size(), 64u * 48u);
}

TEST(ImageCodec, PngAndJpegFilesAreReadByTheirContentNotTheirName)
{
    const test_support::TempDir dir;
    cv::Mat bgr(30, 40, CV_8UC3, cv::Scalar(10, 20, 30)); // B, G, R
    ASSERT_TRUE(cv::imwrite(dir.file("a.png"), bgr));
    std::filesystem::rename(dir.file("a.png"), dir.file("a.jpg"));
    auto png = drivers::readImageFile(dir.file("a.jpg"), 3);
    ASSERT_TRUE(png) << png.error().message;
    EXPECT_EQ(png->width, 40);
    EXPECT_EQ(png->height, 30);
    EXPECT_EQ(png->pixels[0], 30) << "red first";
    EXPECT_EQ(png->pixels[2], 10);
    ASSERT_TRUE(cv::imwrite(dir.file("b.jpg"), bgr));
    auto jpeg = drivers::readImageFile(dir.file("b.jpg"), 1);
    ASSERT_TRUE(jpeg) << jpeg.error().message;
    EXPECT_EQ(jpeg->channels, 1);
    EXPECT_EQ(jpeg->pixels.size(), 40u * 30u);
}

TEST(ImageCodec, NotAnImageIsAParseErrorNamingTheFileNotItsContent)
{
    const test_support::TempDir dir;
    for (const std::string& content : {std::string("ZHANG SAN 11010519491231002X"),
                                       std::string("\xFF\xD8\xFF\xE0 ZHANG SAN", 14),
                                       std::string("\x89PNG\r\n\x1a\n ZHANG SAN")}) {
        std::ofstream(dir.file("x.jpg"), std::ios::binary | std::ios::trunc) << content;
        auto image = drivers::readImageFile(dir.file("x.jpg"), 3);
        ASSERT_FALSE(image);
        EXPECT_EQ(image.error().code, base::errc::parse);
        EXPECT_NE(image.error().message.find("x.jpg"), std::string::npos);
        EXPECT_EQ(image.error().message.find("ZHANG"), std::string::npos);
    }
    auto missing = drivers::readImageFile(dir.file("none.png"), 1);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, base::errc::not_found);
}

TEST(ImageCodec, ReductionAveragesTheCoveredPixels)
{
    // Columns alternate 0 and 200: halved, every pixel is their mean.
    drivers::Image stripes{8, 4, 1, std::vector<std::uint8_t>(32)};
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 8; ++x)
            stripes.pixels[static_cast<std::size_t>(y * 8 + x)] = (x % 2) ? 200 : 0;
    const auto half = drivers::reduceToWidth(drivers::viewOf(stripes), 4);
    EXPECT_EQ(half.width, 4);
    EXPECT_EQ(half.height, 2);
    for (const auto value : half.pixels)
        EXPECT_EQ(value, 100);
    EXPECT_TRUE(drivers::reduceToWidth(drivers::viewOf(stripes), 8).empty()) << "not a reduction";
}

// The QR pipeline's last pass once used OpenCV's CLAHE; its own must do the same: compared
// on a washed-out code (dark modules at 150, light at 190, in a 640x480 frame with a gradient).
TEST(ImageCodec, LocalContrastEqualisationMatchesOpenCvsClahe)
{
    cv::Mat frame = test_support::qrFrame("ZWFW-RECEIPT:washed-out", 5, {640, 480});
    for (int y = 0; y < frame.rows; ++y)
        for (int x = 0; x < frame.cols; ++x) {
            auto& pixel = frame.at<std::uint8_t>(y, x);
            pixel = static_cast<std::uint8_t>((pixel == 0 ? 150 : 190) - x / 40);
        }
    drivers::Image washed{frame.cols, frame.rows, 1,
                          std::vector<std::uint8_t>(frame.datastart, frame.dataend)};
    const auto ours = drivers::equalizeLocalContrast(washed, 2.0, 8);
    cv::Mat reference;
    cv::createCLAHE(2.0, cv::Size(8, 8))->apply(frame, reference);
    ASSERT_EQ(ours.pixels.size(), reference.total());
    int worst = 0;
    for (std::size_t i = 0; i < ours.pixels.size(); ++i)
        worst = std::max(worst, std::abs(int(ours.pixels[i]) - int(reference.data[i])));
    EXPECT_LE(worst, 2) << "largest difference from OpenCV's CLAHE";
}

} // namespace
