// SPDX-License-Identifier: Apache-2.0
// drivers::V4l2DocumentCamera: RGB frames from V4l2Capture or one image file, the preview
// reduced on the camera's thread, stills encoded with libjpeg. Frames show a citizen's
// document: they are wiped once used and never logged.
#include "drivers/document_camera/v4l2_document_camera.h"

#include "base/log.h"
#include "drivers/transport/hotplug_monitor.h"

#include <cstring>

namespace drivers {

namespace {

constexpr std::string_view v4l2DocumentCameraLog = "drivers/document_camera";

hal::PreviewFrame toPreview(const Image& rgb)
{
    Image reduced;
    if (rgb.width > hal::previewMaxWidth)
        reduced = reduceToWidth(viewOf(rgb), hal::previewMaxWidth);
    const Image& small = reduced.empty() ? rgb : reduced;
    hal::PreviewFrame frame;
    frame.width = small.width;
    frame.height = small.height;
    frame.stride = small.stride();
    frame.rgb = small.pixels;
    reduced.wipe();
    return frame;
}

} // namespace

V4l2DocumentCamera::V4l2DocumentCamera(DocumentCameraSource source, DocumentCameraOptions options)
    : hal::DocumentCamera(source.kind == DocumentCameraKind::Image ? "image" : "camera",
                          "document camera at " + source.path),
      source_(std::move(source)), options_(options)
{
}

V4l2DocumentCamera::~V4l2DocumentCamera()
{
    shutDownPreview();
    monitor_.stop();
    std::lock_guard lock(mutex_);
    capture_.reset();
    image_.wipe();
}

bool V4l2DocumentCamera::cameraOn() const
{
    std::lock_guard lock(mutex_);
    return capture_ != nullptr;
}

base::Error V4l2DocumentCamera::error(hal::errc code, const std::string& what) const
{
    return base::Error{make_error_code(code), "document camera " + source_.path + ": " + what};
}

void V4l2DocumentCamera::lost(const std::string& detail)
{
    monitor_.markLost();
    reportDisconnected(detail);
}

base::Result<void> V4l2DocumentCamera::openCameraImpl()
{
    if (!pathPresent(source_.path))
        return base::fail(error(hal::errc::no_device, "not found"));
    if (source_.kind == DocumentCameraKind::Image) {
        // The reader's message names the file only, never its content.
        auto image = readImageFile(source_.path, 3);
        if (!image)
            return base::fail(error(hal::errc::device_fault, "not a JPEG or PNG image"));
        std::lock_guard lock(mutex_);
        image_ = std::move(*image);
    }
    // The camera stays off until a screen asks for a preview or a still; here we only check
    // it is there, so a missing camera shows at start and in kioskctl status.
    monitor_.start(source_.path, options_.hotplugInterval,
                   {[this] { reportDisconnected("document camera " + source_.path + " is gone"); },
                    [this] {
                        reportReconnected();
                        return true;
                    }});
    return {};
}

void V4l2DocumentCamera::closeCameraImpl()
{
    monitor_.stop();
    std::lock_guard lock(mutex_);
    turnOff();
    image_.wipe();
}

base::Result<void> V4l2DocumentCamera::turnOn()
{
    if (source_.kind == DocumentCameraKind::Image || capture_ != nullptr)
        return {};
    CaptureRequest request;
    request.pixels = CapturePixels::Rgb24;
    request.width = options_.captureWidth;
    request.height = options_.captureHeight;
    auto capture = V4l2Capture::open(source_.path, request);
    if (!capture)
        return base::fail(base::Error{capture.error().code, "document " + capture.error().message});
    capture_ = std::move(*capture);
    const auto& format = capture_->format();
    base::log::info(v4l2DocumentCameraLog, "document camera " + source_.path + ": on, " +
                                               std::to_string(format.width) + "x" +
                                               std::to_string(format.height) + " " + format.fourcc);
    return {};
}

void V4l2DocumentCamera::turnOff()
{
    capture_.reset();
}

base::Result<void> V4l2DocumentCamera::startStreamImpl()
{
    std::lock_guard lock(mutex_);
    if (auto on = turnOn(); !on)
        return on;
    streaming_ = true;
    return {};
}

void V4l2DocumentCamera::stopStreamImpl()
{
    std::lock_guard lock(mutex_);
    streaming_ = false;
    turnOff();
}

base::Result<Image> V4l2DocumentCamera::grab()
{
    if (source_.kind == DocumentCameraKind::Image) {
        if (!pathPresent(source_.path))
            return base::fail(error(hal::errc::no_device, "gone"));
        return image_; // a copy: the caller wipes what it gets
    }
    if (capture_ == nullptr)
        return base::fail(error(hal::errc::device_fault, "the camera is off"));
    const auto& format = capture_->format();
    Image rgb;
    auto read = capture_->read(options_.frameTimeout, [&](std::span<const std::uint8_t> bytes) {
        const auto row = static_cast<std::size_t>(format.width) * 3;
        const auto need = static_cast<std::size_t>(format.bytesPerLine) * (format.height - 1) + row;
        if (bytes.size() < need)
            return; // a short frame (cut off by the driver)
        rgb.width = format.width;
        rgb.height = format.height;
        rgb.channels = 3;
        rgb.pixels.resize(row * static_cast<std::size_t>(format.height));
        for (int y = 0; y < format.height; ++y)
            std::memcpy(rgb.pixels.data() + row * static_cast<std::size_t>(y),
                        bytes.data() + static_cast<std::size_t>(format.bytesPerLine) * y, row);
    });
    if (!read) {
        if (read.error().code == hal::errc::timeout)
            return base::fail(error(hal::errc::device_fault, "capture stopped delivering frames"));
        return base::fail(base::Error{read.error().code, "document " + read.error().message});
    }
    if (rgb.empty())
        return base::fail(error(hal::errc::device_fault, "the camera sent a short frame"));
    return rgb;
}

base::Result<hal::PreviewFrame> V4l2DocumentCamera::previewFrameImpl()
{
    std::lock_guard lock(mutex_);
    auto frame = grab();
    if (!frame) {
        if (frame.error().code == hal::errc::no_device)
            monitor_.markLost();
        return base::fail(frame.error());
    }
    auto small = toPreview(*frame);
    frame->wipe();
    return small;
}

base::Result<hal::JpegPhoto> V4l2DocumentCamera::captureImpl()
{
    std::unique_lock lock(mutex_);
    const bool alone = !streaming_;
    if (auto on = turnOn(); !on)
        return base::fail(on.error());
    auto frame = grab();
    // A camera turned on for this still alone needs a few frames to set its exposure.
    for (int i = 0;
         alone && frame && source_.kind == DocumentCameraKind::Device && i < options_.settleFrames;
         ++i) {
        frame->wipe();
        frame = grab();
    }
    if (alone)
        turnOff();
    if (!frame) {
        lock.unlock();
        if (frame.error().code == hal::errc::no_device)
            lost(frame.error().message);
        return base::fail(frame.error());
    }
    auto jpeg = encodeJpeg(frame->pixels.data(), frame->width, frame->height, frame->stride(),
                           options_.jpegQuality);
    const int width = frame->width;
    const int height = frame->height;
    frame->wipe();
    if (!jpeg)
        return base::fail(error(hal::errc::device_fault, jpeg.error().message));
    hal::JpegPhoto photo(std::move(*jpeg), width, height);
    base::log::info(v4l2DocumentCameraLog, "document camera " + source_.path + ": still " +
                                               std::to_string(photo.width()) + "x" +
                                               std::to_string(photo.height()));
    return photo;
}

} // namespace drivers
