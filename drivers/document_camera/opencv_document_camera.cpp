// SPDX-License-Identifier: Apache-2.0
// drivers::OpenCvDocumentCamera: frames through cv::VideoCapture or one cv::imread, preview
// scaled down and converted to RGB on the camera's thread, stills encoded with cv::imencode.
#include "drivers/document_camera/opencv_document_camera.h"

#include "base/log.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <sys/stat.h>

namespace drivers {

namespace {

constexpr std::string_view logCategory = "drivers/document_camera";

bool pathPresent(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

/// Overwrites a frame's pixels: they show a citizen's document. (A Mat that shares its
/// buffer with the capture is overwritten by the next frame anyway.)
void wipe(cv::Mat& frame)
{
    if (!frame.empty())
        frame.setTo(cv::Scalar::all(0));
    frame.release();
}

hal::PreviewFrame toPreview(const cv::Mat& bgr)
{
    cv::Mat small;
    if (bgr.cols > hal::previewMaxWidth) {
        const double scale = static_cast<double>(hal::previewMaxWidth) / bgr.cols;
        cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
    } else {
        small = bgr;
    }
    hal::PreviewFrame frame;
    frame.width = small.cols;
    frame.height = small.rows;
    frame.stride = small.cols * 3;
    frame.rgb.resize(static_cast<std::size_t>(frame.stride) * frame.height);
    // Converts straight into the frame's buffer: one pass, no copy.
    cv::Mat rgb(frame.height, frame.width, CV_8UC3, frame.rgb.data(),
                static_cast<std::size_t>(frame.stride));
    cv::cvtColor(small, rgb, cv::COLOR_BGR2RGB);
    if (small.data != bgr.data)
        wipe(small);
    return frame;
}

} // namespace

OpenCvDocumentCamera::OpenCvDocumentCamera(DocumentCameraSource source,
                                           DocumentCameraOptions options)
    : hal::DocumentCamera(source.kind == DocumentCameraKind::Image ? "image" : "camera",
                          "document camera at " + source.path),
      source_(std::move(source)), options_(options)
{
}

OpenCvDocumentCamera::~OpenCvDocumentCamera()
{
    shutDownPreview();
    monitor_.stop();
    std::lock_guard lock(mutex_);
    capture_.release();
    image_.release();
}

bool OpenCvDocumentCamera::cameraOn() const
{
    std::lock_guard lock(mutex_);
    return capture_.isOpened();
}

base::Error OpenCvDocumentCamera::error(hal::errc code, const std::string& what) const
{
    return base::Error{make_error_code(code), "document camera " + source_.path + ": " + what};
}

void OpenCvDocumentCamera::lost(const std::string& detail)
{
    monitor_.markLost();
    reportDisconnected(detail);
}

base::Result<void> OpenCvDocumentCamera::openCameraImpl()
{
    if (!pathPresent(source_.path))
        return base::fail(error(hal::errc::no_device, "not found"));
    if (source_.kind == DocumentCameraKind::Image) {
        cv::Mat image;
        try {
            image = cv::imread(source_.path, cv::IMREAD_COLOR);
        } catch (const cv::Exception&) {
            image.release(); // OpenCV's message may quote the file; the path says enough
        }
        if (image.empty())
            return base::fail(error(hal::errc::device_fault, "not an image OpenCV can read"));
        std::lock_guard lock(mutex_);
        image_ = std::move(image);
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

void OpenCvDocumentCamera::closeCameraImpl()
{
    monitor_.stop();
    std::lock_guard lock(mutex_);
    turnOff();
    image_.release();
}

base::Result<void> OpenCvDocumentCamera::turnOn()
{
    if (source_.kind == DocumentCameraKind::Image || capture_.isOpened())
        return {};
    try {
        capture_.open(source_.path, cv::CAP_V4L2);
        if (capture_.isOpened()) {
            capture_.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
            capture_.set(cv::CAP_PROP_FRAME_WIDTH, options_.captureWidth);
            capture_.set(cv::CAP_PROP_FRAME_HEIGHT, options_.captureHeight);
            capture_.set(cv::CAP_PROP_BUFFERSIZE, 1); // no stale frames queued in the driver
        }
    } catch (const cv::Exception& e) {
        capture_.release();
        return base::fail(error(hal::errc::device_fault, e.what()));
    }
    if (capture_.isOpened())
        return {};
    if (!pathPresent(source_.path))
        return base::fail(error(hal::errc::no_device, "not found"));
    return base::fail(error(hal::errc::device_fault, "cannot open the camera (in use by another "
                                                     "program, or not a capture device)"));
}

void OpenCvDocumentCamera::turnOff()
{
    if (capture_.isOpened())
        capture_.release();
}

base::Result<void> OpenCvDocumentCamera::startStreamImpl()
{
    std::lock_guard lock(mutex_);
    if (auto on = turnOn(); !on)
        return on;
    streaming_ = true;
    return {};
}

void OpenCvDocumentCamera::stopStreamImpl()
{
    std::lock_guard lock(mutex_);
    streaming_ = false;
    turnOff();
}

base::Result<cv::Mat> OpenCvDocumentCamera::grab()
{
    if (source_.kind == DocumentCameraKind::Image) {
        if (!pathPresent(source_.path))
            return base::fail(error(hal::errc::no_device, "gone"));
        return image_; // shared, never written: callers only read it
    }
    try {
        cv::Mat frame;
        if (capture_.read(frame) && !frame.empty()) {
            if (frame.channels() == 3)
                return frame;
            cv::Mat bgr;
            cv::cvtColor(frame, bgr,
                         frame.channels() == 4 ? cv::COLOR_BGRA2BGR : cv::COLOR_GRAY2BGR);
            wipe(frame);
            return bgr;
        }
    } catch (const cv::Exception& e) {
        return base::fail(error(hal::errc::device_fault, e.what()));
    }
    if (!pathPresent(source_.path))
        return base::fail(error(hal::errc::no_device, "camera gone"));
    return base::fail(error(hal::errc::device_fault, "capture stopped delivering frames"));
}

base::Result<hal::PreviewFrame> OpenCvDocumentCamera::previewFrameImpl()
{
    std::lock_guard lock(mutex_);
    auto frame = grab();
    if (!frame) {
        if (frame.error().code == hal::errc::no_device)
            monitor_.markLost();
        return base::fail(frame.error());
    }
    try {
        auto small = toPreview(*frame);
        if (source_.kind == DocumentCameraKind::Device)
            wipe(*frame);
        return small;
    } catch (const cv::Exception& e) {
        return base::fail(error(hal::errc::device_fault, e.what()));
    }
}

base::Result<hal::JpegPhoto> OpenCvDocumentCamera::captureImpl()
{
    std::unique_lock lock(mutex_);
    const bool alone = !streaming_;
    if (auto on = turnOn(); !on)
        return base::fail(on.error());
    auto frame = grab();
    // A camera turned on for this still alone needs a few frames to set its exposure.
    for (int i = 0;
         alone && frame && source_.kind == DocumentCameraKind::Device && i < options_.settleFrames;
         ++i)
        frame = grab();
    if (alone)
        turnOff();
    if (!frame) {
        lock.unlock();
        if (frame.error().code == hal::errc::no_device)
            lost(frame.error().message);
        return base::fail(frame.error());
    }
    std::vector<std::uint8_t> jpeg;
    try {
        cv::imencode(".jpg", *frame, jpeg, {cv::IMWRITE_JPEG_QUALITY, options_.jpegQuality});
    } catch (const cv::Exception& e) {
        return base::fail(error(hal::errc::device_fault, e.what()));
    }
    hal::JpegPhoto photo(std::move(jpeg), frame->cols, frame->rows);
    if (source_.kind == DocumentCameraKind::Device)
        wipe(*frame);
    base::log::info(logCategory, "document camera " + source_.path + ": still " +
                                     std::to_string(photo.width()) + "x" +
                                     std::to_string(photo.height()));
    return photo;
}

} // namespace drivers
