// SPDX-License-Identifier: Apache-2.0
// The camera code scanner as the programs make it: the registry builds it for a camera spec,
// linked into the program (no module to load since the capture needs no OpenCV).
#include "drivers/registry.h"

#include <gtest/gtest.h>

namespace {

constexpr auto cleanFrame = "640x480_clean_0.png"; // tests/drivers/code_scanner/make_corpus.py
constexpr auto cleanFrameText = "ZWFW-RECEIPT:0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";

// The whole path: registry -> CameraCodeScanner -> PNG read with libpng -> a decoded code.
TEST(CameraRegistry, TheRegistryMakesAWorkingCameraScanner)
{
    // Built with append: gcc 12 warns falsely (-Warray-bounds) on an operator+ chain of
    // literals, depending on the build folder's path length.
    std::string spec = "image:";
    spec.append(KIOSK_QR_CORPUS).append("/").append(cleanFrame);
    auto scanner = drivers::createCodeScanner(spec);
    ASSERT_TRUE(scanner) << scanner.error().message;
    EXPECT_EQ((*scanner)->status().backend, "camera");
    ASSERT_TRUE((*scanner)->open());
    const auto code = (*scanner)->scan(std::chrono::seconds(5));
    ASSERT_TRUE(code) << code.error().message;
    ASSERT_TRUE(code->has_value());
    EXPECT_EQ((*code)->text, cleanFrameText);
    (*scanner)->close();
}

// A camera spec naming a node that is not there: the scanner is made (so the device manager
// retries it) and its open() says no_device.
TEST(CameraRegistry, AMissingCameraIsMadeAndNotConnected)
{
    auto scanner = drivers::createCodeScanner("camera:/dev/video-none");
    ASSERT_TRUE(scanner) << scanner.error().message;
    auto opened = (*scanner)->open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);
}

} // namespace
