// SPDX-License-Identifier: Apache-2.0
// The V4L2 document camera beyond the contract: bad image files, the registry that makes it,
// the registry's specs, and a real V4L2 camera when the machine has one.
#include "drivers/document_camera/document_camera_source.h"
#include "drivers/document_camera/v4l2_document_camera.h"
#include "drivers/registry.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace {

drivers::V4l2DocumentCamera imageCamera(const std::string& path)
{
    return drivers::V4l2DocumentCamera({drivers::DocumentCameraKind::Image, path});
}

TEST(DocumentCameraSource, ParsesCameraAndImageSpecsOnly)
{
    const auto camera = drivers::parseDocumentCameraSource("camera:/dev/video1");
    ASSERT_TRUE(camera);
    EXPECT_EQ(camera->kind, drivers::DocumentCameraKind::Device);
    EXPECT_EQ(camera->path, "/dev/video1");
    const auto image = drivers::parseDocumentCameraSource("image:/srv/page.jpg");
    ASSERT_TRUE(image);
    EXPECT_EQ(image->kind, drivers::DocumentCameraKind::Image);
    EXPECT_EQ(image->path, "/srv/page.jpg");
    EXPECT_FALSE(drivers::parseDocumentCameraSource("camera:"));
    EXPECT_FALSE(drivers::parseDocumentCameraSource("video:/srv/a.avi"));
    EXPECT_FALSE(drivers::parseDocumentCameraSource("fake"));
}

TEST(V4l2DocumentCamera, AMissingImageIsNotConnectedNamingThePath)
{
    const test_support::TempDir dir;
    const std::string path = dir.file("absent.jpg");
    auto camera = imageCamera(path);
    auto opened = camera.open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);
    EXPECT_NE(opened.error().message.find(path), std::string::npos) << opened.error().message;
    EXPECT_EQ(camera.status().state, hal::DeviceState::Disconnected);
    auto photo = camera.capture();
    ASSERT_FALSE(photo);
    EXPECT_EQ(photo.error().code, hal::errc::no_device);
}

// A file that is no image (here: text that could be a citizen's data) is a fault that names
// the file, never its content; nothing crashes.
TEST(V4l2DocumentCamera, ACorruptImageIsAFaultNamingThePathNotTheContent)
{
    const test_support::TempDir dir;
    for (const std::string& content :
         {std::string("ZHANG SAN 11010519491231002X"),
          std::string("\xFF\xD8\xFF\xE0 truncated ZHANG SAN 11010519491231002X", 40),
          std::string()}) {
        const std::string path = dir.file("page.jpg");
        std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
        auto camera = imageCamera(path);
        auto opened = camera.open();
        ASSERT_FALSE(opened);
        EXPECT_EQ(opened.error().code, hal::errc::device_fault);
        EXPECT_NE(opened.error().message.find(path), std::string::npos) << opened.error().message;
        EXPECT_EQ(opened.error().message.find("ZHANG"), std::string::npos);
        EXPECT_EQ(opened.error().message.find("11010519491231002X"), std::string::npos);
        EXPECT_EQ(camera.status().state, hal::DeviceState::Fault);
        EXPECT_EQ(camera.status().detail.find("ZHANG"), std::string::npos);
    }
}

TEST(V4l2DocumentCamera, AJpegImageIsServedAtItsOwnSize)
{
    const test_support::TempDir dir;
    const std::string path = dir.file("page.jpg");
    ASSERT_TRUE(cv::imwrite(path, cv::Mat(900, 1200, CV_8UC3, cv::Scalar(240, 240, 240))));
    auto camera = imageCamera(path);
    ASSERT_TRUE(camera.open());
    auto photo = camera.capture();
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_EQ(photo->width(), 1200);
    EXPECT_EQ(photo->height(), 900);
    camera.close();
}

// The whole path: registry -> V4l2DocumentCamera -> PNG read with libpng -> a JPEG still.
TEST(DocumentCameraRegistry, TheRegistryMakesAWorkingImageCamera)
{
    const test_support::TempDir dir;
    const std::string path = dir.file("page.png");
    ASSERT_TRUE(cv::imwrite(path, cv::Mat(600, 800, CV_8UC3, cv::Scalar(250, 250, 250))));
    auto camera = drivers::createDocumentCamera("image:" + path);
    ASSERT_TRUE(camera) << camera.error().message;
    ASSERT_TRUE(*camera);
    EXPECT_EQ((*camera)->status().backend, "image");
    EXPECT_EQ((*camera)->status().deviceClass, hal::DeviceClass::DocumentCamera);
    ASSERT_TRUE((*camera)->open());
    auto photo = (*camera)->capture();
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_EQ(photo->width(), 800);
    ASSERT_GE(photo->bytes().size(), 4u);
    EXPECT_EQ(photo->bytes()[0], 0xFF) << "a JPEG starts with SOI";
    EXPECT_EQ(photo->bytes()[1], 0xD8);
    (*camera)->close();
}

// A camera spec naming a node that is not there: not connected, naming the path.
TEST(DocumentCameraRegistry, AMissingCameraIsNotConnected)
{
    auto camera = drivers::createDocumentCamera("camera:/dev/video-none");
    ASSERT_TRUE(camera) << camera.error().message;
    auto opened = (*camera)->open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);
    EXPECT_NE(opened.error().message.find("/dev/video-none"), std::string::npos);
}

TEST(DocumentCameraRegistry, NoSpecIsNoCameraAndAnUnknownOneIsAnErrorForThatClassOnly)
{
    auto none = drivers::createDocumentCamera("");
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, nullptr);

    hal::DeviceSpecs specs;
    EXPECT_EQ(drivers::createDevices(specs).devices.documentCamera, nullptr);
    specs.documentCamera = "fake";
    auto withFake = drivers::createDevices(specs);
    EXPECT_TRUE(withFake.complete());
    ASSERT_NE(withFake.devices.documentCamera, nullptr);
    EXPECT_EQ(withFake.devices.documentCamera->status().backend, "fake");

    specs.documentCamera = "usb:0c45:6366";
    auto unknown = drivers::createDevices(specs);
    ASSERT_EQ(unknown.errors.size(), 1u);
    EXPECT_NE(unknown.errors[0].message.find("document_camera"), std::string::npos);
    EXPECT_NE(unknown.devices.cardReader, nullptr) << "the other classes are still made";
}

TEST(V4l2DocumentCamera, V4l2CameraTakesAStill)
{
    std::string node;
    for (int i = 0; i < 8 && node.empty(); ++i)
        if (std::filesystem::exists("/dev/video" + std::to_string(i)))
            node = "/dev/video" + std::to_string(i);
    if (node.empty())
        GTEST_SKIP() << "no /dev/video* on this machine: the V4L2 document camera needs a USB "
                        "document camera (run `kioskctl camera capture --device camera:/dev/video1 "
                        "--out page.jpg` on a kiosk)";
    drivers::V4l2DocumentCamera camera({drivers::DocumentCameraKind::Device, node});
    ASSERT_TRUE(camera.open());
    auto photo = camera.capture();
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_GT(photo->width(), 0);
    EXPECT_FALSE(camera.cameraOn()) << "a capture alone releases the camera";
    camera.close();
}

} // namespace
