// SPDX-License-Identifier: Apache-2.0
// The contract of hal::DocumentCamera over every backend with a harness: the fake and the
// V4L2 driver on a still image (image:). The V4L2 path is in document_camera/.
#include "document_camera_harnesses.h"
#include "lifecycle_contract.h"
#include "tests/support/poll_until.h"

#include <opencv2/core.hpp>

#include <atomic>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;

namespace {

using contract::DocumentCameraHarness;

class DocumentCameraContract
    : public testing::TestWithParam<contract::Backend<DocumentCameraHarness>> {
protected:
    void SetUp() override { harness_ = GetParam().create(); }
    hal::DocumentCamera& camera() { return harness_->device(); }

    /// Collects the preview frames the camera publishes (on its own thread).
    struct Frames {
        std::mutex mutex;
        std::vector<hal::PreviewFrame> seen;
        std::size_t count()
        {
            std::lock_guard lock(mutex);
            return seen.size();
        }
    };
    base::Connection collect(Frames& frames)
    {
        return camera().preview.connect([&frames](const hal::PreviewFrame& frame) {
            std::lock_guard lock(frames.mutex);
            frames.seen.push_back(frame);
        });
    }

    std::unique_ptr<DocumentCameraHarness> harness_;
};

auto captureOne = [](hal::DocumentCamera& camera) {
    return camera.capture();
};

/// The still decoded back to pixels (BGR), or an empty Mat when it is no JPEG.
cv::Mat decode(const hal::JpegPhoto& photo)
{
    const cv::Mat bytes(1, static_cast<int>(photo.bytes().size()), CV_8UC1,
                        const_cast<std::uint8_t*>(photo.bytes().data()));
    return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

TEST_P(DocumentCameraContract, CaptureBeforeOpenFailsNotOpen)
{
    contract::expectOperationBeforeOpenFailsNotOpen(*harness_, captureOne);
    auto preview = camera().startPreview();
    ASSERT_FALSE(preview);
    EXPECT_EQ(preview.error().code, hal::errc::not_open);
}

TEST_P(DocumentCameraContract, OpenMakesReadyAndCloseCloses)
{
    contract::expectOpenMakesReadyAndCloseCloses(*harness_);
}

TEST_P(DocumentCameraContract, UnplugGivesNoDeviceAndReplugRecovers)
{
    contract::expectUnplugGivesNoDeviceAndReplugRecovers(*harness_, captureOne);
}

TEST_P(DocumentCameraContract, CaptureReturnsADecodableJpegOfTheStillSize)
{
    ASSERT_TRUE(camera().open());
    auto photo = camera().capture();
    ASSERT_TRUE(photo) << photo.error().message;
    ASSERT_GE(photo->bytes().size(), 2u);
    EXPECT_EQ(photo->bytes()[0], 0xFF); // SOI
    EXPECT_EQ(photo->bytes()[1], 0xD8);
    const cv::Mat pixels = decode(*photo);
    ASSERT_FALSE(pixels.empty()) << "not a JPEG OpenCV can decode";
    EXPECT_EQ(pixels.size(), harness_->stillSize());
    EXPECT_EQ(photo->width(), harness_->stillSize().width);
    EXPECT_EQ(photo->height(), harness_->stillSize().height);
    EXPECT_FALSE(harness_->cameraOn()) << "a capture alone turns the camera off again";
    EXPECT_EQ(camera().status().counters.operations, 1u);
}

TEST_P(DocumentCameraContract, PreviewFramesArriveSmallRgbAndNumbered)
{
    ASSERT_TRUE(camera().open());
    Frames frames;
    auto connection = collect(frames);
    ASSERT_TRUE(camera().startPreview(5ms));
    EXPECT_TRUE(camera().previewing());
    ASSERT_TRUE(test_support::pollUntil([&] { return frames.count() >= 3; }));
    EXPECT_TRUE(harness_->cameraOn());
    camera().stopPreview();
    EXPECT_FALSE(camera().previewing());
    EXPECT_FALSE(harness_->cameraOn());
    EXPECT_EQ(camera().status().state, hal::DeviceState::Ready) << "a preview is not Busy";

    std::lock_guard lock(frames.mutex);
    for (std::size_t i = 0; i < frames.seen.size(); ++i) {
        const auto& frame = frames.seen[i];
        EXPECT_EQ(frame.sequence, i + 1);
        EXPECT_GT(frame.width, 0);
        EXPECT_LE(frame.width, hal::previewMaxWidth);
        EXPECT_GE(frame.stride, 3 * frame.width);
        EXPECT_EQ(frame.rgb.size(), static_cast<std::size_t>(frame.stride) * frame.height);
        // The page's aspect ratio, within a row of rounding.
        const auto still = harness_->stillSize();
        EXPECT_NEAR(frame.height, frame.width * still.height / still.width, 1);
    }
}

// The preview shows what the still shows, in RGB order (a BGR mix-up would swap the seal's
// red and the desk's blue-grey).
TEST_P(DocumentCameraContract, PreviewShowsTheStillInRgbOrder)
{
    ASSERT_TRUE(camera().open());
    Frames frames;
    auto connection = collect(frames);
    ASSERT_TRUE(camera().startPreview(5ms));
    ASSERT_TRUE(test_support::pollUntil([&] { return frames.count() >= 1; }));
    camera().stopPreview();
    auto photo = camera().capture();
    ASSERT_TRUE(photo);
    const cv::Mat still = decode(*photo);
    ASSERT_FALSE(still.empty());

    std::lock_guard lock(frames.mutex);
    auto& frame = frames.seen.front();
    const cv::Mat preview(frame.height, frame.width, CV_8UC3, frame.rgb.data(),
                          static_cast<std::size_t>(frame.stride));
    cv::Mat small;
    cv::resize(still, small, preview.size(), 0, 0, cv::INTER_AREA);
    cv::Mat rgb;
    cv::Mat bgr;
    cv::cvtColor(small, rgb, cv::COLOR_BGR2RGB);
    small.copyTo(bgr);
    const double sameOrder = cv::norm(preview, rgb, cv::NORM_L1) / preview.total();
    const double swapped = cv::norm(preview, bgr, cv::NORM_L1) / preview.total();
    EXPECT_LT(sameOrder * 2, swapped) << "mean difference " << sameOrder << " vs " << swapped;
}

TEST_P(DocumentCameraContract, CaptureWhilePreviewingKeepsThePreviewForARetake)
{
    ASSERT_TRUE(camera().open());
    Frames frames;
    auto connection = collect(frames);
    ASSERT_TRUE(camera().startPreview(5ms));
    ASSERT_TRUE(camera().startPreview(5ms)) << "starting a running preview does nothing";
    auto first = camera().capture();
    ASSERT_TRUE(first) << first.error().message;
    const auto before = frames.count();
    EXPECT_TRUE(camera().previewing());
    ASSERT_TRUE(test_support::pollUntil([&] { return frames.count() > before; }));
    auto retake = camera().capture();
    ASSERT_TRUE(retake) << retake.error().message;
    EXPECT_EQ(decode(*retake).size(), harness_->stillSize());
    camera().stopPreview();
}

TEST_P(DocumentCameraContract, UnplugEndsThePreviewAndItStartsAgainAfterReplug)
{
    ASSERT_TRUE(camera().open());
    Frames frames;
    auto connection = collect(frames);
    std::mutex failedMutex;
    std::vector<std::error_code> failures;
    auto failed = camera().previewFailed.connect([&](const base::Error& error) {
        std::lock_guard lock(failedMutex);
        failures.push_back(error.code);
    });
    ASSERT_TRUE(camera().startPreview(5ms));
    ASSERT_TRUE(test_support::pollUntil([&] { return frames.count() >= 1; }));
    harness_->unplug();
    EXPECT_TRUE(test_support::pollUntil([&] { return !camera().previewing(); }));
    EXPECT_FALSE(harness_->cameraOn());
    {
        std::lock_guard lock(failedMutex);
        EXPECT_EQ(failures, std::vector<std::error_code>{make_error_code(hal::errc::no_device)});
    }
    auto whileGone = camera().startPreview(5ms);
    ASSERT_FALSE(whileGone);
    EXPECT_EQ(whileGone.error().code, hal::errc::no_device);

    harness_->plug();
    const auto before = frames.count();
    ASSERT_TRUE(camera().startPreview(5ms));
    EXPECT_TRUE(test_support::pollUntil([&] { return frames.count() > before; }));
    camera().close();
    EXPECT_FALSE(camera().previewing()) << "close() stops the preview";
    EXPECT_FALSE(harness_->cameraOn());
}

INSTANTIATE_TEST_SUITE_P(
    Backends, DocumentCameraContract,
    testing::Values(
        contract::Backend<DocumentCameraHarness>{
            "fake",
            [] {
                return std::make_unique<contract::FakeDocumentCameraHarness>();
            }},
        contract::Backend<DocumentCameraHarness>{
            "image",
            [] {
                return std::make_unique<contract::ImageDocumentCameraHarness>();
            }}),
    contract::backendName<DocumentCameraHarness>);

} // namespace
