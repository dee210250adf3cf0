// SPDX-License-Identifier: Apache-2.0
// drivers::OpenCvDocumentCamera: a document camera on V4L2 through OpenCV (camera:), or a
// still image standing in for it (image:, tests and the demo). Built into the document camera
// module only (document_camera_module.h): the programs never link OpenCV.
#pragma once

#include "drivers/document_camera/document_camera_source.h"
#include "drivers/transport/hotplug_monitor.h"
#include "hal/document_camera.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/videoio.hpp>

#include <chrono>
#include <mutex>

namespace drivers {

struct DocumentCameraOptions {
    /// Asked of a V4L2 camera (MJPG); it picks its nearest mode. The preview is scaled down
    /// from these frames, the stills are these frames.
    int captureWidth = 1920;
    int captureHeight = 1080;
    /// Frames skipped after the camera is turned on for a capture alone, while its automatic
    /// exposure and white balance settle.
    int settleFrames = 5;
    int jpegQuality = 90;
    std::chrono::milliseconds hotplugInterval{200};
};

class OpenCvDocumentCamera final : public hal::DocumentCamera {
public:
    explicit OpenCvDocumentCamera(DocumentCameraSource source, DocumentCameraOptions options = {});
    ~OpenCvDocumentCamera() override;

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
    /// The newest full-resolution BGR frame (the image, or a read from the camera).
    /// Call with mutex_ held.
    base::Result<cv::Mat> grab();
    base::Result<void> turnOn();
    void turnOff();
    base::Error error(hal::errc code, const std::string& what) const;
    void lost(const std::string& detail);

    const DocumentCameraSource source_;
    const DocumentCameraOptions options_;
    HotplugMonitor monitor_;
    mutable std::mutex mutex_; ///< guards the fields below
    cv::Mat image_;            ///< image: the picture, read once at open
    cv::VideoCapture capture_; ///< camera: open while on
    bool streaming_ = false;   ///< a preview runs (the camera stays on between frames)
};

} // namespace drivers
