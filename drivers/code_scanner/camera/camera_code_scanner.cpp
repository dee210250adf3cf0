// SPDX-License-Identifier: Apache-2.0
// drivers::CameraCodeScanner: capture thread + latest-frame mailbox + FrameDecoder.
#include "drivers/code_scanner/camera/camera_code_scanner.h"

#include "base/worker.h"
#include "drivers/code_scanner/camera/latest_frame.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <functional>
#include <sys/stat.h>
#include <thread>

namespace drivers {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view logCategory = "drivers/camera";

bool pathPresent(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

base::Error cameraError(hal::errc code, const std::string& path, const std::string& what)
{
    return base::Error{make_error_code(code), "camera " + path + ": " + what};
}

} // namespace

/// Where frames come from while the camera is on. next() blocks for about one frame time
/// and yields an 8-bit grey frame, an empty Mat at the end of a video, or an error.
class FrameSource {
public:
    virtual ~FrameSource() = default;
    virtual base::Result<cv::Mat> next() = 0;
};

namespace {

/// A still picture held in front of the camera: the same frame at a steady rate.
class StillImageSource final : public FrameSource {
public:
    StillImageSource(cv::Mat gray, double fps)
        : gray_(std::move(gray)), interval_(std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(1.0 / fps)))
    {
    }
    base::Result<cv::Mat> next() override
    {
        if (!first_)
            std::this_thread::sleep_for(interval_);
        first_ = false;
        return gray_; // shared, never written: the decoder only reads it
    }

private:
    cv::Mat gray_;
    Clock::duration interval_;
    bool first_ = true;
};

/// A V4L2 camera or a video file, through cv::VideoCapture.
class CaptureSource final : public FrameSource {
public:
    CaptureSource(std::string path, bool isFile) : path_(std::move(path)), isFile_(isFile) {}

    base::Result<void> start(const CameraOptions& options)
    {
        try {
            if (isFile_) {
                capture_.open(path_, cv::CAP_ANY);
            } else {
                capture_.open(path_, cv::CAP_V4L2);
                capture_.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
                capture_.set(cv::CAP_PROP_FRAME_WIDTH, options.captureWidth);
                capture_.set(cv::CAP_PROP_FRAME_HEIGHT, options.captureHeight);
                capture_.set(cv::CAP_PROP_BUFFERSIZE, 1); // no stale frames queued in the driver
            }
            if (!capture_.isOpened())
                return base::fail(openFailure());
            const double fps = isFile_ ? capture_.get(cv::CAP_PROP_FPS) : 0.0;
            if (fps > 0.0 && fps < 1000.0)
                frameTime_ = std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>(1.0 / fps));
        } catch (const cv::Exception& e) {
            return base::fail(cameraError(hal::errc::device_fault, path_, e.what()));
        }
        nextFrameAt_ = Clock::now();
        return {};
    }

    base::Result<cv::Mat> next() override
    {
        // A file plays at its own frame rate, as a camera would deliver it.
        if (frameTime_ != Clock::duration::zero()) {
            std::this_thread::sleep_until(nextFrameAt_);
            nextFrameAt_ += frameTime_;
        }
        try {
            cv::Mat frame;
            if (!capture_.read(frame) || frame.empty()) {
                if (isFile_)
                    return cv::Mat(); // end of the video
                return base::fail(pathPresent(path_)
                                      ? cameraError(hal::errc::device_fault, path_,
                                                    "capture stopped delivering frames")
                                      : cameraError(hal::errc::no_device, path_, "camera gone"));
            }
            if (frame.channels() == 1)
                return frame;
            cv::Mat gray;
            cv::cvtColor(frame, gray,
                         frame.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
            return gray;
        } catch (const cv::Exception& e) {
            return base::fail(cameraError(hal::errc::device_fault, path_, e.what()));
        }
    }

private:
    base::Error openFailure() const
    {
        if (!pathPresent(path_))
            return cameraError(hal::errc::no_device, path_, "not found");
        return cameraError(hal::errc::device_fault, path_,
                           isFile_ ? "cannot read this video file"
                                   : "cannot open the camera (in use by another program, or not "
                                     "a capture device)");
    }

    std::string path_;
    bool isFile_;
    cv::VideoCapture capture_;
    Clock::duration frameTime_{};
    Clock::time_point nextFrameAt_;
};

base::Result<std::unique_ptr<FrameSource>> openSource(const CameraSource& source,
                                                      const CameraOptions& options)
{
    if (source.kind == CameraSourceKind::Image) {
        cv::Mat gray;
        try {
            gray = cv::imread(source.path, cv::IMREAD_GRAYSCALE);
        } catch (const cv::Exception& e) {
            return base::fail(cameraError(hal::errc::device_fault, source.path, e.what()));
        }
        if (gray.empty())
            return base::fail(pathPresent(source.path)
                                  ? cameraError(hal::errc::device_fault, source.path,
                                                "not an image OpenCV can read")
                                  : cameraError(hal::errc::no_device, source.path, "not found"));
        return std::make_unique<StillImageSource>(std::move(gray), options.stillImageFps);
    }
    auto capture =
        std::make_unique<CaptureSource>(source.path, source.kind == CameraSourceKind::Video);
    if (auto started = capture->start(options); !started)
        return base::fail(started.error());
    return capture;
}

} // namespace

bool DuplicateFilter::admit(std::string_view text, std::chrono::steady_clock::time_point now)
{
    std::erase_if(seen_, [&](const auto& entry) { return now - entry.second >= window_; });
    const auto [it, inserted] = seen_.try_emplace(std::hash<std::string_view>{}(text), now);
    return inserted;
}

CameraCodeScanner::CameraCodeScanner(CameraSource source, CameraOptions options)
    : hal::CodeScanner("camera", "camera at " + source.path), source_(std::move(source)),
      options_(std::move(options)), duplicates_(options_.duplicateWindow)
{
}

CameraCodeScanner::~CameraCodeScanner()
{
    monitor_.stop();
}

CameraCodeScanner::ScanStats CameraCodeScanner::lastScanStats() const
{
    std::lock_guard lock(mutex_);
    return stats_;
}

bool CameraCodeScanner::cameraOn() const
{
    std::lock_guard lock(mutex_);
    return cameraOn_;
}

base::Result<void> CameraCodeScanner::openImpl()
{
    auto decoder = ZxingDecoder::create(options_.decoder);
    if (!decoder)
        return base::fail(decoder.error());
    decoder_.emplace(std::move(*decoder), options_.strategy);
    // The camera itself stays off until a screen asks for a scan; here we only check that
    // it is there, so a missing camera shows at start and in kioskctl status.
    if (!pathPresent(source_.path))
        return base::fail(cameraError(hal::errc::no_device, source_.path, "not found"));
    monitor_.start(source_.path, options_.hotplugInterval,
                   {[this] { reportDisconnected("camera " + source_.path + " is gone"); },
                    [this] {
                        reportReconnected();
                        return true;
                    }});
    return {};
}

void CameraCodeScanner::closeImpl()
{
    monitor_.stop();
}

void CameraCodeScanner::deviceLost(const std::string& detail)
{
    monitor_.markLost();
    reportDisconnected(detail);
}

base::Result<std::optional<hal::ScannedCode>>
CameraCodeScanner::scanImpl(std::chrono::milliseconds timeout)
{
    auto frames = openSource(source_, options_);
    if (!frames) {
        if (frames.error().code == hal::errc::no_device)
            deviceLost(frames.error().message);
        return base::fail(frames.error());
    }
    auto found = decodeUntil(**frames, timeout);
    frames->reset(); // releases the camera
    {
        std::lock_guard lock(mutex_);
        cameraOn_ = false;
    }
    if (!found && found.error().code == hal::errc::no_device)
        deviceLost(found.error().message);
    return found;
}

base::Result<std::optional<hal::ScannedCode>>
CameraCodeScanner::decodeUntil(FrameSource& frames, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    LatestFrame mailbox;
    {
        std::lock_guard lock(mutex_);
        cameraOn_ = true;
        stats_ = {};
    }
    std::jthread capture([&](std::stop_token stop) {
        const bool ran = base::runGuarded(logCategory, [&] {
            while (!stop.stop_requested()) {
                auto frame = frames.next();
                if (!frame) {
                    mailbox.fail(frame.error());
                    return;
                }
                if (frame->empty()) {
                    mailbox.end();
                    return;
                }
                mailbox.put(std::move(*frame));
            }
        });
        if (!ran)
            mailbox.fail(base::Error{make_error_code(base::errc::internal), "capture failed"});
    });

    base::Result<std::optional<hal::ScannedCode>> result = std::optional<hal::ScannedCode>{};
    long decoded = 0;
    for (bool done = false; !done;) {
        auto taken = mailbox.take(deadline);
        switch (taken.status) {
        case LatestFrame::Status::Frame:
            ++decoded;
            for (auto& code : decoder_->decode(taken.frame)) {
                std::lock_guard lock(mutex_);
                if (duplicates_.admit(code.text, Clock::now())) {
                    result = std::optional<hal::ScannedCode>{std::move(code)};
                    done = true;
                    break;
                }
            }
            done = done || Clock::now() >= deadline;
            break;
        case LatestFrame::Status::Failed:
            result = base::fail(*taken.error);
            done = true;
            break;
        case LatestFrame::Status::Ended:
        case LatestFrame::Status::Timeout:
            done = true;
            break;
        }
    }
    capture.request_stop();
    capture.join(); // the source (and with it the camera) is released by the caller next
    std::lock_guard lock(mutex_);
    stats_.framesDecoded = decoded;
    stats_.framesDropped = mailbox.dropped();
    return result;
}

} // namespace drivers
