// SPDX-License-Identifier: Apache-2.0
// The fake document camera beyond the contract: the preview's pace follows the clock (the
// hal's preview thread), and its page is the same in every run (tests and screenshots), unless
// a mark makes it a test's own.
#include "drivers/fake/fake_document_camera.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

TEST(FakeDocumentCamera, PreviewDeliversOneFramePerIntervalOfTheClock)
{
    base::ManualClock clock;
    drivers::fake::FakeDocumentCamera camera(clock);
    ASSERT_TRUE(camera.open());
    std::mutex mutex;
    std::vector<std::uint64_t> sequences;
    auto connection = camera.preview.connect([&](const hal::PreviewFrame& frame) {
        std::lock_guard lock(mutex);
        sequences.push_back(frame.sequence);
    });
    auto count = [&] {
        std::lock_guard lock(mutex);
        return sequences.size();
    };

    ASSERT_TRUE(
        test_support::startAndSettle(clock, [&] { ASSERT_TRUE(camera.startPreview(100ms)); }));
    EXPECT_EQ(count(), 1u) << "the first frame comes at once";
    for (std::size_t second = 2; second <= 4; ++second) {
        ASSERT_TRUE(test_support::advanceAndSettle(clock, 100ms));
        EXPECT_EQ(count(), second);
    }
    camera.stopPreview();
    std::lock_guard lock(mutex);
    EXPECT_EQ(sequences, (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

// Turning the camera on happens on the preview thread (a V4L2 open takes a few hundred ms,
// which the GUI thread must not wait for): a camera that cannot start ends the preview
// through previewFailed, and the device stays Ready for another try.
TEST(FakeDocumentCamera, ACameraThatCannotStartEndsThePreviewThroughPreviewFailed)
{
    drivers::fake::FakeDocumentCamera camera;
    ASSERT_TRUE(camera.open());
    std::mutex mutex;
    std::vector<std::string> failures;
    auto connection = camera.previewFailed.connect([&](const base::Error& error) {
        std::lock_guard lock(mutex);
        failures.push_back(error.message);
    });
    camera.failNext({make_error_code(hal::errc::device_fault), "in use by another program"});
    ASSERT_TRUE(camera.startPreview(5ms)) << "returns before the camera is on";
    ASSERT_TRUE(test_support::pollUntil([&] { return !camera.previewing(); }));
    {
        std::lock_guard lock(mutex);
        EXPECT_EQ(failures, std::vector<std::string>{"in use by another program"});
    }
    EXPECT_FALSE(camera.cameraOn());
    EXPECT_EQ(camera.status().state, hal::DeviceState::Ready);
    ASSERT_TRUE(camera.startPreview(5ms));
    EXPECT_TRUE(test_support::pollUntil([&] { return camera.cameraOn(); }));
    camera.stopPreview();
    EXPECT_FALSE(camera.cameraOn());
}

TEST(FakeDocumentCamera, ItsStillsAreTheSameInEveryRun)
{
    drivers::fake::FakeDocumentCamera first;
    drivers::fake::FakeDocumentCamera second;
    ASSERT_TRUE(first.open());
    ASSERT_TRUE(second.open());
    auto a = first.capture();
    auto b = second.capture();
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->bytes(), b->bytes());
}

// A marked camera's stills end differently from an unmarked one's and from another mark's, so
// a memory search for the end of a test's photo finds that test's photo only.
TEST(FakeDocumentCamera, AMarkChangesTheEndOfItsStills)
{
    const auto tail = [](std::uint32_t mark) {
        drivers::fake::FakeDocumentCamera camera(base::systemClock(), mark);
        EXPECT_TRUE(camera.open());
        auto photo = camera.capture();
        EXPECT_TRUE(photo);
        if (!photo)
            return std::vector<std::uint8_t>{};
        const auto& bytes = photo->bytes();
        return std::vector<std::uint8_t>(bytes.end() - 48, bytes.end());
    };
    const auto unmarked = tail(0);
    const auto first = tail(0x11223344u);
    const auto second = tail(0x44332211u);
    EXPECT_NE(unmarked, first);
    EXPECT_NE(first, second);
    EXPECT_EQ(first, tail(0x11223344u)) << "the same mark, the same photo";
}

TEST(FakeDocumentCamera, AnInjectedFailureFailsTheNextCaptureOnly)
{
    drivers::fake::FakeDocumentCamera camera;
    ASSERT_TRUE(camera.open());
    camera.failNext({make_error_code(hal::errc::device_fault), "lamp failed"});
    auto failed = camera.capture();
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, hal::errc::device_fault);
    EXPECT_TRUE(camera.capture());
    EXPECT_EQ(camera.status().counters.failures, 1u);
    EXPECT_EQ(camera.status().counters.operations, 1u);
}

} // namespace
