// SPDX-License-Identifier: Apache-2.0
// drivers::V4l2Capture: frames from a V4L2 camera through libv4l2, which converts whatever the
// camera sends (MJPEG, YUYV, ...) to the format the driver asks for. Shared by the camera code
// scanner (YUV 4:2:0, whose first plane is the luma the QR decoder reads) and the document
// camera (RGB24 for its preview and stills). Memory-mapped streaming, waits timed by poll().
#pragma once

#include "base/result.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace drivers {

enum class CapturePixels {
    Yuv420, ///< planar Y, U, V (V4L2_PIX_FMT_YUV420): the first height rows are the luma
    Rgb24,  ///< packed 8-bit R, G, B (V4L2_PIX_FMT_RGB24)
};

struct CaptureRequest {
    CapturePixels pixels = CapturePixels::Yuv420;
    int width = 1280; ///< asked; the camera picks its nearest mode (see CaptureFormat)
    int height = 720;
    /// Driver buffers: two keep the camera streaming while one frame is read, and a frame is
    /// at most one frame time old when it is taken.
    int buffers = 2;
};

/// What was agreed with the camera.
struct CaptureFormat {
    CapturePixels pixels = CapturePixels::Yuv420;
    int width = 0;
    int height = 0;
    int bytesPerLine = 0; ///< of the first (or only) plane
    std::string fourcc;   ///< "YU12", "RGB3"
};

/// One open, streaming camera. Errors are values naming the device path: no_device (no such
/// node, or unplugged mid-stream), device_fault (not a V4L2 capture device, busy, format
/// refused, driver errors) and timeout (no frame in time). Not thread-safe: one thread reads.
class V4l2Capture {
public:
    /// Opens `path`, agrees the format and starts streaming.
    [[nodiscard]] static base::Result<std::unique_ptr<V4l2Capture>>
    open(const std::string& path, const CaptureRequest& request);
    ~V4l2Capture(); ///< stops streaming and releases the camera
    V4l2Capture(const V4l2Capture&) = delete;
    V4l2Capture& operator=(const V4l2Capture&) = delete;

    [[nodiscard]] const CaptureFormat& format() const { return format_; }

    /// Waits up to `timeout` for the next frame and hands its bytes to `consume`; they are
    /// valid during the call only (the buffer goes back to the camera after it).
    base::Result<void> read(std::chrono::milliseconds timeout,
                            const std::function<void(std::span<const std::uint8_t>)>& consume);

private:
    struct Mapping {
        void* start = nullptr;
        std::size_t length = 0;
    };
    V4l2Capture(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
    base::Result<void> negotiate(const CaptureRequest& request);
    base::Result<void> startStreaming(int buffers);
    [[nodiscard]] base::Error failure(int error, const std::string& what) const;

    std::string path_;
    int fd_ = -1;
    CaptureFormat format_;
    std::vector<Mapping> buffers_;
    bool streaming_ = false;
};

} // namespace drivers
