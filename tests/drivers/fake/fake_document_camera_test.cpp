// SPDX-License-Identifier: Apache-2.0
// The fake document camera beyond the contract: the preview's pace follows the clock (the
// hal's preview thread), and its page is the same in every run (tests and screenshots).
#include "drivers/fake/fake_document_camera.h"
#include "tests/support/manual_time.h"

#include <gtest/gtest.h>

#include <mutex>
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
