// SPDX-License-Identifier: Apache-2.0
// drivers::V4l2Capture's errors as values on nodes every machine has (the frames themselves are
// proven on vivid in the image's boot test, image/test-boot, and below when a camera exists).
#include "drivers/transport/v4l2_capture.h"
#include "hal/errc.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

TEST(V4l2Capture, NoSuchNodeIsNoDevice)
{
    auto capture = drivers::V4l2Capture::open("/dev/video-none", {});
    ASSERT_FALSE(capture);
    EXPECT_EQ(capture.error().code, hal::errc::no_device);
    EXPECT_NE(capture.error().message.find("/dev/video-none"), std::string::npos);
}

TEST(V4l2Capture, ANodeThatIsNoCameraIsADeviceFaultSayingSo)
{
    auto capture = drivers::V4l2Capture::open("/dev/null", {});
    ASSERT_FALSE(capture);
    EXPECT_EQ(capture.error().code, hal::errc::device_fault);
    EXPECT_NE(capture.error().message.find("not a V4L2 device"), std::string::npos)
        << capture.error().message;
}

TEST(V4l2Capture, ARegularFileIsADeviceFault)
{
    const test_support::TempDir dir;
    const auto path = dir.file("video0");
    std::ofstream(path) << "not a camera";
    auto capture = drivers::V4l2Capture::open(path, {});
    ASSERT_FALSE(capture);
    EXPECT_EQ(capture.error().code, hal::errc::device_fault);
}

TEST(V4l2Capture, ARealCameraDeliversFramesInTheAskedFormat)
{
    std::string node;
    for (int i = 0; i < 8 && node.empty(); ++i)
        if (std::filesystem::exists("/dev/video" + std::to_string(i)))
            node = "/dev/video" + std::to_string(i);
    if (node.empty())
        GTEST_SKIP() << "no /dev/video* on this machine: image/test-boot proves the capture on "
                        "vivid (kioskctl camera capture, kioskctl scan)";
    drivers::CaptureRequest request;
    request.pixels = drivers::CapturePixels::Rgb24;
    request.width = 640;
    request.height = 480;
    auto capture = drivers::V4l2Capture::open(node, request);
    ASSERT_TRUE(capture) << capture.error().message;
    EXPECT_EQ((*capture)->format().fourcc, "RGB3");
    std::size_t bytes = 0;
    auto read = (*capture)->read(std::chrono::seconds(3), [&](std::span<const std::uint8_t> frame) {
        bytes = frame.size();
    });
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_GE(bytes, std::size_t((*capture)->format().width) * (*capture)->format().height * 3);
}

} // namespace
