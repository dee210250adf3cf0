// SPDX-License-Identifier: Apache-2.0
// drivers::CameraCodeScanner: QR codes from a camera behind the kiosk's glass (V4L2 through
// libv4l2, drivers/transport/v4l2_capture.h), or from a Motion-JPEG video file or a still image
// (JPEG, PNG) for tests and demos, decoded by ZXing-cpp.
#pragma once

#include "drivers/code_scanner/camera/camera_source.h"
#include "drivers/code_scanner/camera/frame_decoder.h"
#include "drivers/transport/hotplug_monitor.h"
#include "hal/code_scanner.h"

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

namespace drivers {

class FrameSource;

struct CameraOptions {
    DecoderOptions decoder;
    FrameStrategy strategy;
    /// The same code seen again within this window is not reported again (a code held up
    /// to the camera is in every frame).
    std::chrono::milliseconds duplicateWindow{3000};
    int captureWidth = 1280; ///< asked of a V4L2 camera (libv4l2 picks its format, e.g. MJPG)
    int captureHeight = 720;
    double stillImageFps = 15; ///< how often an image source "captures" its picture
    std::chrono::milliseconds hotplugInterval{200};
};

/// Remembers which codes were reported recently, by hash only: identity codes are personal
/// data and are not kept in memory longer than the scan that read them.
class DuplicateFilter {
public:
    explicit DuplicateFilter(std::chrono::milliseconds window) : window_(window) {}
    /// True if `text` was not reported within the window (and records it now).
    bool admit(std::string_view text, std::chrono::steady_clock::time_point now);

private:
    std::chrono::milliseconds window_;
    std::map<std::size_t, std::chrono::steady_clock::time_point> seen_;
};

/// The camera is on only inside scan(): one thread captures into a single-slot mailbox
/// (latest frame wins) while scan()'s thread decodes the newest frame.
class CameraCodeScanner final : public hal::CodeScanner {
public:
    explicit CameraCodeScanner(CameraSource source, CameraOptions options = {});
    ~CameraCodeScanner() override;

    struct ScanStats {
        long framesDecoded = 0; ///< frames the decoder looked at in the last scan
        long framesDropped = 0; ///< frames replaced before being decoded (decoder slower)
    };
    [[nodiscard]] ScanStats lastScanStats() const;
    /// True while a scan has the camera open (tests check it is off otherwise).
    [[nodiscard]] bool cameraOn() const;

protected:
    base::Result<void> openImpl() override;
    void closeImpl() override;
    base::Result<std::optional<hal::ScannedCode>>
    scanImpl(std::chrono::milliseconds timeout) override;

private:
    base::Result<std::optional<hal::ScannedCode>> decodeUntil(FrameSource& frames,
                                                              std::chrono::milliseconds timeout);
    void deviceLost(const std::string& detail);

    const CameraSource source_;
    const CameraOptions options_;
    HotplugMonitor monitor_;
    std::optional<FrameDecoder> decoder_; ///< built at open (options are checked there)
    mutable std::mutex mutex_;            ///< guards stats_, cameraOn_, duplicates_
    DuplicateFilter duplicates_;
    ScanStats stats_;
    bool cameraOn_ = false;
};

} // namespace drivers
