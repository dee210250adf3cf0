// SPDX-License-Identifier: Apache-2.0
// The camera pipeline beyond the contract: the ZXing adapter, the decoding passes, the
// latest-frame mailbox, the duplicate window, the camera being on only during a scan, bad
// sources, and a real V4L2 camera where one exists.
#define ZX_USE_UTF8 1
#include "drivers/code_scanner/camera/camera_code_scanner.h"
#include "drivers/code_scanner/camera/latest_frame.h"
#include "qr_image.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <thread>

using namespace std::chrono_literals;

namespace {

drivers::ZxingDecoder qrDecoder()
{
    auto decoder = drivers::ZxingDecoder::create({});
    EXPECT_TRUE(decoder);
    return std::move(*decoder);
}

} // namespace

TEST(ZxingDecoder, DecodesUtf8TextWithFormatName)
{
    const auto frame = test_support::qrFrame("绵阳市涪城区政务服务中心");
    const auto codes = qrDecoder().decode(test_support::grayView(frame));
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].format, "QRCode");
    EXPECT_EQ(codes[0].text, "绵阳市涪城区政务服务中心");
}

TEST(ZxingDecoder, UnknownFormatNameIsRefusedAndEmptyImageYieldsNothing)
{
    drivers::DecoderOptions options;
    options.formats = "QRCode|NoSuchCode";
    auto refused = drivers::ZxingDecoder::create(options);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, base::errc::invalid_argument);
    EXPECT_TRUE(qrDecoder().decode({}).empty());
}

TEST(ZxingDecoder, ReadsAnRoiThatIsNotContinuousInMemory)
{
    cv::Mat wide(480, 1280, CV_8UC1, cv::Scalar(255));
    test_support::qrFrame("ROI").copyTo(wide(cv::Rect(640, 0, 640, 480)));
    const cv::Mat right = wide(cv::Rect(640, 0, 640, 480));
    ASSERT_FALSE(right.isContinuous());
    const auto codes = qrDecoder().decode(test_support::grayView(right));
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "ROI");
}

TEST(FrameDecoder, SmallCodeInALargeFrameIsFoundByTheFullSizeFallback)
{
    // 2-pixel modules in 1920x1080: too fine for the 640-wide reduced copy.
    const auto frame = test_support::qrFrame("ZWFW-RECEIPT:small", 2, {1920, 1080});
    drivers::FrameStrategy reducedOnly;
    reducedOnly.fullFrameFallback = false;
    EXPECT_TRUE(drivers::FrameDecoder(qrDecoder(), reducedOnly)
                    .decode(test_support::grayView(frame))
                    .empty());
    const auto codes = drivers::FrameDecoder(qrDecoder(), {}).decode(test_support::grayView(frame));
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "ZWFW-RECEIPT:small");
}

TEST(LatestFrame, NewerFrameReplacesAnUntakenOne)
{
    drivers::LatestFrame mailbox;
    mailbox.put(drivers::Image{1, 1, 1, {1}});
    mailbox.put(drivers::Image{1, 1, 1, {2}});
    auto taken = mailbox.take(drivers::LatestFrame::Clock::now());
    ASSERT_EQ(taken.status, drivers::LatestFrame::Status::Frame);
    EXPECT_EQ(taken.frame.pixels.at(0), 2);
    EXPECT_EQ(mailbox.dropped(), 1);
    EXPECT_EQ(mailbox.take(drivers::LatestFrame::Clock::now()).status,
              drivers::LatestFrame::Status::Timeout);
}

TEST(DuplicateFilter, SameCodeWithinTheWindowIsSuppressed)
{
    drivers::DuplicateFilter filter(3000ms);
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(filter.admit("A", t0));
    EXPECT_FALSE(filter.admit("A", t0 + 2999ms));
    EXPECT_TRUE(filter.admit("B", t0 + 100ms));
    EXPECT_TRUE(filter.admit("A", t0 + 3000ms));
}

class CameraImageTest : public ::testing::Test {
protected:
    std::string writeImage(const cv::Mat& image, const std::string& name = "frame.png")
    {
        const auto path = dir_.file(name);
        cv::imwrite(path, image);
        return path;
    }
    test_support::TempDir dir_;
};

TEST_F(CameraImageTest, CameraIsOnOnlyDuringAScan)
{
    const auto path = writeImage(cv::Mat(480, 640, CV_8UC1, cv::Scalar(255)));
    drivers::CameraCodeScanner scanner({drivers::CameraSourceKind::Image, path});
    ASSERT_TRUE(scanner.open());
    EXPECT_FALSE(scanner.cameraOn()) << "open() does not switch the camera on";
    bool onDuringScan = false;
    std::thread watcher(
        [&] { onDuringScan = test_support::pollUntil([&] { return scanner.cameraOn(); }, 5s); });
    auto nothing = scanner.scan(1s); // long enough for the watcher to look under load
    watcher.join();
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(*nothing);
    EXPECT_TRUE(onDuringScan);
    EXPECT_FALSE(scanner.cameraOn());
    EXPECT_GT(scanner.lastScanStats().framesDecoded, 1);
}

TEST_F(CameraImageTest, DuplicateWindowIsConfigurable)
{
    const auto path = writeImage(test_support::qrFrame("ZWFW-RECEIPT:again"));
    drivers::CameraOptions options;
    options.duplicateWindow = 0ms;
    drivers::CameraCodeScanner scanner({drivers::CameraSourceKind::Image, path}, options);
    ASSERT_TRUE(scanner.open());
    for (int i = 0; i < 2; ++i) {
        auto code = scanner.scan(2s);
        ASSERT_TRUE(code && *code) << "scan " << i;
        EXPECT_EQ((*code)->text, "ZWFW-RECEIPT:again");
    }
}

TEST_F(CameraImageTest, FileThatIsNoImageIsADeviceFaultNotACrash)
{
    const auto path = dir_.file("garbage.png");
    std::ofstream(path) << "\x89PNG\r\n\x1a\n this is not really a png";
    drivers::CameraCodeScanner scanner({drivers::CameraSourceKind::Image, path});
    ASSERT_TRUE(scanner.open());
    auto result = scanner.scan(200ms);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::device_fault);
}

TEST_F(CameraImageTest, MissingSourceIsNoDeviceAtOpen)
{
    drivers::CameraCodeScanner scanner({drivers::CameraSourceKind::Device, "/dev/video-none"});
    auto opened = scanner.open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);
}

TEST(CameraSource, SpecsParse)
{
    EXPECT_EQ(drivers::parseCameraSource("camera:/dev/video0")->kind,
              drivers::CameraSourceKind::Device);
    EXPECT_EQ(drivers::parseCameraSource("image:/tmp/a.png")->path, "/tmp/a.png");
    EXPECT_EQ(drivers::parseCameraSource("video:/tmp/a.avi")->kind,
              drivers::CameraSourceKind::Video);
    EXPECT_FALSE(drivers::parseCameraSource("serial:/dev/ttyACM0"));
    EXPECT_FALSE(drivers::parseCameraSource("image:"));
}

TEST(CameraV4l2, RealCameraOpensAndScansWithoutError)
{
    std::string node;
    for (int i = 0; i < 8 && node.empty(); ++i)
        if (std::filesystem::exists("/dev/video" + std::to_string(i)))
            node = "/dev/video" + std::to_string(i);
    if (node.empty())
        GTEST_SKIP() << "no /dev/video* on this machine: the V4L2 capture path needs a camera "
                        "(run `kioskctl scan --device camera:/dev/video0` on a kiosk)";
    drivers::CameraCodeScanner scanner({drivers::CameraSourceKind::Device, node});
    ASSERT_TRUE(scanner.open());
    auto result = scanner.scan(1s);
    EXPECT_TRUE(result) << result.error().message;
    EXPECT_FALSE(scanner.cameraOn());
}

TEST_F(CameraImageTest, OtherFormatsAreReadWhenConfigured)
{
    // A Data Matrix made by ZXing's own writer: ignored by the QR-only default, read when
    // the configuration names the format.
    const auto bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::DataMatrix)
                          .setMargin(4)
                          .encode(std::string("SC-510703-0042"), 240, 240);
    const auto pixels = ZXing::ToMatrix<std::uint8_t>(bits);
    const cv::Mat code(pixels.height(), pixels.width(), CV_8UC1,
                       const_cast<std::uint8_t*>(pixels.data()));
    cv::Mat frame(480, 640, CV_8UC1, cv::Scalar(255));
    code.copyTo(frame(cv::Rect(200, 120, code.cols, code.rows)));
    const auto path = writeImage(frame);

    drivers::CameraCodeScanner qrOnly({drivers::CameraSourceKind::Image, path});
    ASSERT_TRUE(qrOnly.open());
    auto nothing = qrOnly.scan(200ms);
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(*nothing);

    drivers::CameraOptions options;
    options.decoder.formats = "QRCode|DataMatrix";
    drivers::CameraCodeScanner both({drivers::CameraSourceKind::Image, path}, options);
    ASSERT_TRUE(both.open());
    auto code2 = both.scan(2s);
    ASSERT_TRUE(code2 && *code2);
    EXPECT_EQ((*code2)->format, "DataMatrix");
    EXPECT_EQ((*code2)->text, "SC-510703-0042");
}
