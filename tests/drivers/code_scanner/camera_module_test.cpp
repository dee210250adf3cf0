// SPDX-License-Identifier: Apache-2.0
// The camera code scanner as a loadable module: the programs do not link OpenCV, and the
// registry loads libkiosk-camera-scanner.so for a camera spec (camera_module.h).
#include "drivers/code_scanner/camera/camera_module_loader.h"
#include "drivers/registry.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

namespace {

constexpr auto cleanFrame = "640x480_clean_0.png"; // tests/drivers/code_scanner/make_corpus.py
constexpr auto cleanFrameText = "ZWFW-RECEIPT:0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";

TEST(CameraModule, ItIsFoundBesideTheProgramsInTheBuildTree)
{
    EXPECT_EQ(drivers::cameraModulePath().filename(), "libkiosk-camera-scanner.so");
    EXPECT_TRUE(std::filesystem::exists(drivers::cameraModulePath()))
        << drivers::cameraModulePath();
}

// The whole path: registry -> dlopen -> the module's CameraCodeScanner -> a decoded code.
TEST(CameraModule, TheRegistryMakesAWorkingCameraScannerFromTheModule)
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

// In a fresh process (the module is loaded once per process): without the module a camera
// spec is an error that names the file, and nothing else breaks.
TEST(CameraModuleDeathTest, AMissingModuleIsAnErrorNamingTheFile)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    const test_support::TempDir empty;
    EXPECT_EXIT(
        {
            ::setenv("KIOSK_DRIVER_DIR", empty.path().c_str(), 1);
            const auto scanner = drivers::createCodeScanner("camera:/dev/video0");
            if (scanner)
                std::_Exit(1);
            std::cerr << scanner.error().message << std::endl;
            std::_Exit(drivers::createCodeScanner("fake") ? 0 : 2);
        },
        ::testing::ExitedWithCode(0), "cannot load the camera module .*libkiosk-camera-scanner.so");
}

} // namespace
