// SPDX-License-Identifier: Apache-2.0
// drivers::CameraCodeScanner: capture thread + latest-frame mailbox + FrameDecoder.
#include "drivers/code_scanner/camera/camera_code_scanner.h"

#include "base/worker.h"
#include "drivers/code_scanner/camera/latest_frame.h"
#include "drivers/transport/hotplug_monitor.h"
#include "drivers/transport/image_codec.h"
#include "drivers/transport/v4l2_capture.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

namespace drivers {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view cameraCodeScannerLog = "drivers/camera";
/// A streaming camera delivers a frame every 33 to 100 ms; none in this long means it hangs.
constexpr std::chrono::milliseconds frameTimeout{2000};

base::Error cameraError(hal::errc code, const std::string& path, const std::string& what)
{
    return base::Error{make_error_code(code), "camera " + path + ": " + what};
}

Clock::duration secondsPerFrame(double fps)
{
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / fps));
}

} // namespace

/// Where frames come from while the camera is on. next() blocks for about one frame time
/// and yields an 8-bit grey frame, an empty Image at the end of a video, or an error.
class FrameSource {
public:
    virtual ~FrameSource() = default;
    virtual base::Result<Image> next() = 0;
};

namespace {

/// A still picture held in front of the camera: the same frame at a steady rate.
class StillImageSource final : public FrameSource {
public:
    StillImageSource(Image gray, double fps)
        : gray_(std::move(gray)), interval_(secondsPerFrame(fps))
    {
    }
    base::Result<Image> next() override
    {
        if (!first_)
            std::this_thread::sleep_for(interval_);
        first_ = false;
        return gray_; // a copy: the decoder may keep it while the next one is made
    }

private:
    Image gray_;
    Clock::duration interval_;
    bool first_ = true;
};

/// A V4L2 camera: libv4l2 converts its frames (MJPEG, YUYV, ...) to YUV 4:2:0, whose first
/// plane is the grey picture the decoder reads.
class V4l2Source final : public FrameSource {
public:
    explicit V4l2Source(std::unique_ptr<V4l2Capture> capture) : capture_(std::move(capture)) {}

    base::Result<Image> next() override
    {
        const auto& format = capture_->format();
        Image gray;
        auto read = capture_->read(frameTimeout, [&](std::span<const std::uint8_t> bytes) {
            const auto need = static_cast<std::size_t>(format.bytesPerLine) * (format.height - 1) +
                              static_cast<std::size_t>(format.width);
            if (bytes.size() < need)
                return; // a short frame (cut off by the driver): an error below
            gray.width = format.width;
            gray.height = format.height;
            gray.pixels.resize(static_cast<std::size_t>(format.width) * format.height);
            for (int y = 0; y < format.height; ++y)
                std::memcpy(gray.pixels.data() + static_cast<std::size_t>(y) * format.width,
                            bytes.data() + static_cast<std::size_t>(y) * format.bytesPerLine,
                            static_cast<std::size_t>(format.width));
        });
        if (!read) {
            if (read.error().code == hal::errc::timeout)
                return base::fail(hal::errc::device_fault,
                                  read.error().message + ": capture stopped delivering frames");
            return base::fail(read.error());
        }
        if (gray.empty())
            return base::fail(hal::errc::device_fault,
                              "camera: the camera sent a frame shorter than its format");
        return gray;
    }

private:
    std::unique_ptr<V4l2Capture> capture_;
};

/// A Motion-JPEG video file (an MJPG .avi or a bare .mjpeg stream) played at its frame rate,
/// as a camera would deliver it: its JPEG frames are found by their start and end markers.
class MjpegFileSource final : public FrameSource {
public:
    static base::Result<std::unique_ptr<FrameSource>> open(const std::string& path)
    {
        std::ifstream file(path, std::ios::binary);
        if (!file)
            return base::fail(cameraError(hal::errc::no_device, path, "not found"));
        std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(file),
                                        std::istreambuf_iterator<char>()};
        auto source = std::unique_ptr<MjpegFileSource>(new MjpegFileSource(std::move(bytes)));
        if (!source->nextJpeg())
            return base::fail(cameraError(hal::errc::device_fault, path,
                                          "not a Motion-JPEG video (MJPG .avi or .mjpeg)"));
        source->position_ = 0;
        return std::unique_ptr<FrameSource>(std::move(source));
    }

    base::Result<Image> next() override
    {
        std::this_thread::sleep_until(nextFrameAt_);
        nextFrameAt_ += frameTime_;
        for (;;) {
            const auto jpeg = nextJpeg();
            if (!jpeg)
                return Image(); // the end of the video
            if (auto frame = decodeJpeg(*jpeg, 1); frame)
                return frame;
            // a damaged frame is skipped, as a camera's would be
        }
    }

private:
    explicit MjpegFileSource(std::vector<std::uint8_t> bytes)
        : bytes_(std::move(bytes)), frameTime_(secondsPerFrame(aviFramesPerSecond())),
          nextFrameAt_(Clock::now())
    {
    }

    /// An AVI's main header says the frame time (dwMicroSecPerFrame); a bare stream plays
    /// at 30 frames per second.
    [[nodiscard]] double aviFramesPerSecond() const
    {
        static constexpr std::string_view tag = "avih";
        const auto end = bytes_.begin() +
                         static_cast<std::ptrdiff_t>(std::min<std::size_t>(bytes_.size(), 4096));
        const auto found = std::search(bytes_.begin(), end, tag.begin(), tag.end());
        if (found == end || end - found < 12)
            return 30.0;
        const auto* field = &*found + 8;
        const std::uint32_t micros = field[0] | (field[1] << 8) | (field[2] << 16) |
                                     (static_cast<std::uint32_t>(field[3]) << 24);
        return micros > 0 && micros < 10'000'000 ? 1e6 / micros : 30.0;
    }

    /// The next complete JPEG (SOI ... EOI) from the current position, or nullopt.
    std::optional<std::span<const std::uint8_t>> nextJpeg()
    {
        static constexpr std::uint8_t soi[] = {0xFF, 0xD8, 0xFF};
        static constexpr std::uint8_t eoi[] = {0xFF, 0xD9};
        const auto from = bytes_.begin() + static_cast<std::ptrdiff_t>(position_);
        const auto start = std::search(from, bytes_.end(), std::begin(soi), std::end(soi));
        if (start == bytes_.end())
            return std::nullopt;
        const auto stop = std::search(start + 3, bytes_.end(), std::begin(eoi), std::end(eoi));
        if (stop == bytes_.end())
            return std::nullopt;
        position_ = static_cast<std::size_t>(stop - bytes_.begin()) + 2;
        return std::span<const std::uint8_t>(&*start, static_cast<std::size_t>(stop + 2 - start));
    }

    std::vector<std::uint8_t> bytes_;
    std::size_t position_ = 0;
    Clock::duration frameTime_;
    Clock::time_point nextFrameAt_;
};

base::Result<std::unique_ptr<FrameSource>> openSource(const CameraSource& source,
                                                      const CameraOptions& options)
{
    switch (source.kind) {
    case CameraSourceKind::Image: {
        auto gray = readImageFile(source.path, 1);
        if (!gray)
            return base::fail(pathPresent(source.path)
                                  ? cameraError(hal::errc::device_fault, source.path,
                                                "not an image the scanner can read (JPEG or PNG)")
                                  : cameraError(hal::errc::no_device, source.path, "not found"));
        return std::make_unique<StillImageSource>(std::move(*gray), options.stillImageFps);
    }
    case CameraSourceKind::Video:
        return MjpegFileSource::open(source.path);
    case CameraSourceKind::Device:
        break;
    }
    CaptureRequest request;
    request.pixels = CapturePixels::Yuv420;
    request.width = options.captureWidth;
    request.height = options.captureHeight;
    auto capture = V4l2Capture::open(source.path, request);
    if (!capture)
        return base::fail(capture.error());
    return std::make_unique<V4l2Source>(std::move(*capture));
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
        const bool ran = base::runGuarded(cameraCodeScannerLog, [&] {
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
            for (auto& code : decoder_->decode(grayView(taken.frame))) {
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
