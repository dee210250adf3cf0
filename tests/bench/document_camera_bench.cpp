// SPDX-License-Identifier: Apache-2.0
// The document camera: what one preview frame costs the camera's thread (scaling a still to
// 640 wide and converting to RGB; budget: well under the 100 ms between frames), what it costs
// the GUI thread (one copy of the small frame, what a queued Qt slot does; budget < 1 ms), and a
// still (JPEG encoding of a 1600x1200 page). Baseline in the same run: one copy of the
// full-resolution picture, which any pipeline pays at least once per frame.
#include "drivers/document_camera/v4l2_document_camera.h"
#include "drivers/fake/fake_document_camera.h"
#include "tests/support/temp_dir.h"

#include <benchmark/benchmark.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <condition_variable>
#include <cstring>
#include <mutex>

namespace {

using Fake = drivers::fake::FakeDocumentCamera;

void BM_Baseline_CopyFullFrame(benchmark::State& state)
{
    const auto page = Fake::syntheticPage();
    std::vector<std::uint8_t> copy(page.size());
    for (auto _ : state) {
        std::memcpy(copy.data(), page.data(), page.size());
        benchmark::DoNotOptimize(copy.data());
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_Baseline_CopyFullFrame)->Unit(benchmark::kMicrosecond);

/// The V4L2 driver on a still image of the fake's page; each iteration is one frame of a
/// preview run as fast as it can (interval 1 ms, mostly spent producing the frame).
void BM_PreviewFrameOnTheCameraThread(benchmark::State& state)
{
    const test_support::TempDir dir;
    const std::string path = dir.file("page.png");
    auto rgb = Fake::syntheticPage();
    cv::Mat bgr;
    cv::cvtColor(cv::Mat(Fake::captureHeight, Fake::captureWidth, CV_8UC3, rgb.data()), bgr,
                 cv::COLOR_RGB2BGR);
    cv::imwrite(path, bgr);
    drivers::V4l2DocumentCamera camera({drivers::DocumentCameraKind::Image, path});
    if (!camera.open()) {
        state.SkipWithError("cannot open the image camera");
        return;
    }
    std::mutex mutex;
    std::condition_variable arrived;
    std::uint64_t frames = 0;
    auto connection = camera.preview.connect([&](const hal::PreviewFrame&) {
        std::lock_guard lock(mutex);
        ++frames;
        arrived.notify_all();
    });
    (void)camera.startPreview(std::chrono::milliseconds(1));
    for (auto _ : state) {
        std::unique_lock lock(mutex);
        const auto seen = frames;
        arrived.wait(lock, [&] { return frames > seen; });
    }
    camera.stopPreview();
}
BENCHMARK(BM_PreviewFrameOnTheCameraThread)->Unit(benchmark::kMicrosecond)->UseRealTime();

/// What the GUI thread does with a frame: copy it out of the signal (then QImage wraps it).
void BM_PreviewFrameOnTheGuiThread(benchmark::State& state)
{
    hal::PreviewFrame frame;
    frame.width = 640;
    frame.height = 480;
    frame.stride = 640 * 3;
    frame.rgb.assign(static_cast<std::size_t>(frame.stride) * frame.height, 128);
    for (auto _ : state) {
        hal::PreviewFrame copy = frame;
        benchmark::DoNotOptimize(copy.rgb.data());
    }
}
BENCHMARK(BM_PreviewFrameOnTheGuiThread)->Unit(benchmark::kMicrosecond);

/// One still from the fake: libjpeg encoding of the 1600x1200 page.
void BM_CaptureStill(benchmark::State& state)
{
    Fake camera;
    (void)camera.open();
    for (auto _ : state) {
        auto photo = camera.capture();
        benchmark::DoNotOptimize(photo);
    }
}
BENCHMARK(BM_CaptureStill)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
