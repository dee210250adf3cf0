// SPDX-License-Identifier: Apache-2.0
// hal::DocumentCamera: the preview thread and the lifecycle around the drivers' hooks.
#include "hal/document_camera.h"

#include "base/log.h"
#include "base/secure_buffer.h"

#include <algorithm>
#include <utility>

namespace hal {

namespace {
constexpr std::string_view documentCameraLog = "hal/document_camera";

/// Niced: scaling a frame takes a few milliseconds per frame, and on a two-core kiosk the GUI
/// thread must never wait for a time slice behind it (a late frame is not noticed).
base::Worker::Options previewWorkerOptions()
{
    base::Worker::Options options;
    options.name = "hal/document_camera";
    options.nice = 5;
    return options;
}
} // namespace

JpegPhoto::JpegPhoto(std::vector<std::uint8_t> bytes, int width, int height)
    : bytes_(std::move(bytes)), width_(width), height_(height)
{
}

JpegPhoto::JpegPhoto(JpegPhoto&& other) noexcept
    : bytes_(std::move(other.bytes_)), width_(std::exchange(other.width_, 0)),
      height_(std::exchange(other.height_, 0))
{
    other.bytes_.clear(); // a moved-from vector is empty in practice; make it so
}

JpegPhoto& JpegPhoto::operator=(JpegPhoto&& other) noexcept
{
    if (this != &other) {
        wipe();
        bytes_ = std::move(other.bytes_);
        other.bytes_.clear();
        width_ = std::exchange(other.width_, 0);
        height_ = std::exchange(other.height_, 0);
    }
    return *this;
}

void JpegPhoto::wipe()
{
    base::secureZero(bytes_);
    bytes_.shrink_to_fit();
    width_ = 0;
    height_ = 0;
}

std::vector<std::uint8_t> JpegPhoto::takeBytes()
{
    auto bytes = std::exchange(bytes_, {});
    width_ = 0;
    height_ = 0;
    return bytes;
}

DocumentCamera::DocumentCamera(std::string backend, std::string model, const base::Clock& clock)
    : Device(DeviceClass::DocumentCamera, std::move(backend), std::move(model)), clock_(clock),
      previewWorker_(previewWorkerOptions(), clock)
{
}

DocumentCamera::~DocumentCamera()
{
    previewWorker_.stop();
}

base::Result<void> DocumentCamera::openImpl()
{
    return openCameraImpl();
}

void DocumentCamera::closeImpl()
{
    stopPreview();
    closeCameraImpl();
}

void DocumentCamera::shutDownPreview()
{
    stopPreview();
}

base::Result<void> DocumentCamera::startPreview(std::chrono::milliseconds interval)
{
    // Only the state is checked here: turning a V4L2 camera on takes a few hundred
    // milliseconds, which the preview thread spends, not the caller (the GUI thread).
    auto started = runOperation([&]() -> base::Result<bool> {
        std::lock_guard lock(previewMutex_);
        if (previewing_)
            return false;
        previewing_ = true;
        interval_ = std::max(interval, std::chrono::milliseconds(1));
        sequence_ = 0;
        return true;
    });
    if (!started)
        return base::fail(started.error());
    if (*started)
        previewWorker_.start([this](std::stop_token) { return previewStep(); });
    return {};
}

void DocumentCamera::stopPreview()
{
    {
        std::lock_guard lock(previewMutex_);
        previewing_ = false;
    }
    previewWorker_.stop();
    bool wasOn = false;
    {
        std::lock_guard lock(previewMutex_);
        wasOn = std::exchange(streamOn_, false);
    }
    if (wasOn)
        stopStreamImpl();
}

bool DocumentCamera::previewing() const
{
    std::lock_guard lock(previewMutex_);
    return previewing_;
}

base::Result<JpegPhoto> DocumentCamera::capture()
{
    return runOperation([&] { return captureImpl(); });
}

std::chrono::milliseconds DocumentCamera::endPreview(const base::Error& error)
{
    // The driver's message names the device, never what it saw.
    base::log::warning(documentCameraLog, "preview ended: " + error.message);
    bool wasOn = false;
    {
        std::lock_guard lock(previewMutex_);
        previewing_ = false;
        wasOn = std::exchange(streamOn_, false);
    }
    if (wasOn)
        stopStreamImpl();
    if (error.code == errc::no_device)
        reportDisconnected(error.message);
    previewFailed.publish(error);
    return base::Worker::idle;
}

std::chrono::milliseconds DocumentCamera::previewStep()
{
    bool on = false;
    {
        std::lock_guard lock(previewMutex_);
        if (!previewing_)
            return base::Worker::idle;
        on = streamOn_;
    }
    if (!on) {
        if (auto started = startStreamImpl(); !started)
            return endPreview(started.error());
        std::lock_guard lock(previewMutex_);
        streamOn_ = true;
    }
    const auto began = clock_.steadyNow();
    auto frame = previewFrameImpl();
    if (!frame)
        return endPreview(frame.error());
    std::chrono::milliseconds interval{};
    {
        std::lock_guard lock(previewMutex_);
        frame->sequence = ++sequence_;
        interval = interval_;
    }
    preview.publish(*frame);
    base::secureZero(frame->rgb);
    const auto spent =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock_.steadyNow() - began);
    return std::max(interval - spent, std::chrono::milliseconds(0));
}

} // namespace hal
