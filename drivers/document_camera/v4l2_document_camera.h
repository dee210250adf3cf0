// SPDX-License-Identifier: Apache-2.0
// drivers::V4l2DocumentCamera: a document camera on V4L2 (camera:, frames through libv4l2 as
// RGB, drivers/transport/v4l2_capture.h), or a still image standing in for it (image:, a JPEG
// or PNG, for tests and the demo). Stills are encoded with libjpeg.
#pragma once

#include "drivers/document_camera/document_camera_source.h"
#include "drivers/transport/hotplug_monitor.h"
#include "drivers/transport/image_codec.h"
#include "drivers/transport/v4l2_capture.h"
#include "hal/document_camera.h"

#include <chrono>
#include <memory>
#include <mutex>

namespace drivers {

struct DocumentCameraOptions {
    /// Asked of a V4L2 camera; it picks its nearest mode (libv4l2 converts its MJPEG or YUYV
    /// to RGB). The preview is scaled down from these frames, the stills are these frames.
    int captureWidth = 1920;
    int captureHeight = 1080;
    /// Frames skipped after the camera is turned on for a capture alone, while its automatic
    /// exposure and white balance settle.
    int settleFrames = 5;
    int jpegQuality = 90;
    std::chrono::milliseconds hotplugInterval{200};
    /// How long a frame may take before the camera counts as hung.
    std::chrono::milliseconds frameTimeout{2000};
};

class V4l2DocumentCamera final : public hal::DocumentCamera {
public:
    explicit V4l2DocumentCamera(DocumentCameraSource source, DocumentCameraOptions options = {});
    ~V4l2DocumentCamera() override;

    /// True while the V4L2 device is held open (a preview runs or a capture is in progress).
    [[nodiscard]] bool cameraOn() const;

protected:
    base::Result<void> openCameraImpl() override;
    void closeCameraImpl() override;
    base::Result<void> startStreamImpl() override;
    void stopStreamImpl() override;
    base::Result<hal::PreviewFrame> previewFrameImpl() override;
    base::Result<hal::JpegPhoto> captureImpl() override;

private:
    /// The newest full-resolution RGB frame (the image, or a read from the camera).
    /// Call with mutex_ held.
    base::Result<Image> grab();
    base::Result<void> turnOn();
    void turnOff();
    base::Error error(hal::errc code, const std::string& what) const;
    void lost(const std::string& detail);

    const DocumentCameraSource source_;
    const DocumentCameraOptions options_;
    HotplugMonitor monitor_;
    mutable std::mutex mutex_;             ///< guards the fields below
    Image image_;                          ///< image: the picture, read once at open
    std::unique_ptr<V4l2Capture> capture_; ///< camera: open while on
    bool streaming_ = false;               ///< a preview runs (the camera stays on between frames)
};

} // namespace drivers
