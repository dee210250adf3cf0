// SPDX-License-Identifier: Apache-2.0
// Harnesses of the document camera contract: the fake, and the V4L2 driver on a still image
// (image:) that stands in for the camera. Unplugging the image removes the file (as udev
// removes a device node) and waits until the driver's hot-plug monitor has noticed.
#pragma once

#include "drivers/document_camera/v4l2_document_camera.h"
#include "drivers/fake/fake_document_camera.h"
#include "harness.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

namespace contract {

class DocumentCameraHarness : public Harness<hal::DocumentCamera> {
public:
    /// The size of the stills the camera takes (what its "hardware" sees).
    [[nodiscard]] virtual cv::Size stillSize() const = 0;
    /// True while the camera hardware is on (streaming or capturing).
    [[nodiscard]] virtual bool cameraOn() const = 0;
};

/// The synthetic page of the fake as an OpenCV BGR image: both harnesses show the same page.
inline cv::Mat syntheticPageBgr()
{
    auto rgb = drivers::fake::FakeDocumentCamera::syntheticPage();
    const cv::Mat view(drivers::fake::FakeDocumentCamera::captureHeight,
                       drivers::fake::FakeDocumentCamera::captureWidth, CV_8UC3, rgb.data());
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

inline void waitForDocumentCameraState(hal::Device& device, hal::DeviceState state)
{
    EXPECT_TRUE(test_support::pollUntil([&] { return device.status().state == state; }))
        << "still " << hal::toString(device.status().state) << ", not " << hal::toString(state);
}

class FakeDocumentCameraHarness final : public DocumentCameraHarness {
public:
    hal::DocumentCamera& device() override { return fake_; }
    void unplug() override { fake_.unplug(); }
    void plug() override { fake_.plug(); }
    cv::Size stillSize() const override
    {
        return {drivers::fake::FakeDocumentCamera::captureWidth,
                drivers::fake::FakeDocumentCamera::captureHeight};
    }
    bool cameraOn() const override { return fake_.cameraOn(); }

private:
    drivers::fake::FakeDocumentCamera fake_;
};

/// The V4L2 driver on a PNG of the synthetic page (lossless: the contract compares pixels).
class ImageDocumentCameraHarness final : public DocumentCameraHarness {
public:
    ImageDocumentCameraHarness() : path_(dir_.file("page.png"))
    {
        page_ = syntheticPageBgr();
        cv::imwrite(path_, page_);
        drivers::DocumentCameraOptions options;
        options.hotplugInterval = std::chrono::milliseconds(10);
        camera_ = std::make_unique<drivers::V4l2DocumentCamera>(
            drivers::DocumentCameraSource{drivers::DocumentCameraKind::Image, path_}, options);
    }
    ~ImageDocumentCameraHarness() override { camera_.reset(); }
    hal::DocumentCamera& device() override { return *camera_; }
    void unplug() override
    {
        std::filesystem::rename(path_, path_ + ".unplugged");
        waitForDocumentCameraState(*camera_, hal::DeviceState::Disconnected);
    }
    void plug() override
    {
        std::filesystem::rename(path_ + ".unplugged", path_);
        waitForDocumentCameraState(*camera_, hal::DeviceState::Ready);
    }
    cv::Size stillSize() const override { return page_.size(); }
    bool cameraOn() const override { return camera_->previewing(); }

private:
    test_support::TempDir dir_;
    std::string path_;
    cv::Mat page_;
    std::unique_ptr<drivers::V4l2DocumentCamera> camera_;
};

} // namespace contract
