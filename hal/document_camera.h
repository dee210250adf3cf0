// SPDX-License-Identifier: Apache-2.0
// hal::DocumentCamera: photographs the materials of an application (身份证复印件, 户口簿, ...):
// a live preview for the screen and full-resolution stills as JPEG, in memory only.
#pragma once

#include "base/clock.h"
#include "base/worker.h"
#include "hal/device.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

namespace hal {

/// One preview picture, small (at most previewMaxWidth wide) so the GUI thread only wraps it:
/// 8-bit RGB, rows `stride` bytes apart (QImage(rgb.data(), width, height, stride,
/// QImage::Format_RGB888)). It shows a citizen's document: keep it no longer than the screen.
struct PreviewFrame {
    int width = 0;
    int height = 0;
    int stride = 0;                ///< bytes per row, >= 3 * width
    std::vector<std::uint8_t> rgb; ///< height * stride bytes
    std::uint64_t sequence = 0;    ///< counts the frames of one preview, from 1
};

/// The preview's longest width: enough for a screen's viewfinder, cheap to convert and paint.
inline constexpr int previewMaxWidth = 640;

/// A captured still as JPEG bytes. Personal data: it lives in memory only and its bytes are
/// zeroed when it is destroyed or wiped. Move-only, so no stray copy outlives it.
class JpegPhoto {
public:
    JpegPhoto() = default;
    JpegPhoto(std::vector<std::uint8_t> bytes, int width, int height);
    JpegPhoto(const JpegPhoto&) = delete;
    JpegPhoto& operator=(const JpegPhoto&) = delete;
    JpegPhoto(JpegPhoto&& other) noexcept;
    JpegPhoto& operator=(JpegPhoto&& other) noexcept;
    ~JpegPhoto() { wipe(); }

    [[nodiscard]] const std::vector<std::uint8_t>& bytes() const { return bytes_; }
    [[nodiscard]] int width() const { return width_; }
    [[nodiscard]] int height() const { return height_; }
    [[nodiscard]] bool empty() const { return bytes_.empty(); }
    /// Zeroes the bytes and empties the photo (retake, session end).
    void wipe();
    /// Moves the bytes out without a copy (to the encrypted queue): the caller now owns them
    /// and zeroes them when done (base::secureZero). The photo is empty afterwards.
    [[nodiscard]] std::vector<std::uint8_t> takeBytes();

private:
    std::vector<std::uint8_t> bytes_;
    int width_ = 0;
    int height_ = 0;
};

/// The camera is on only while a preview runs or a capture() is in progress. Typical use by
/// the materials screen: startPreview() on entry, show `preview` frames, capture() on the
/// button (the preview keeps running, for a retake), stopPreview() on leaving. After an
/// unplug the preview ends; start it again once the status is Ready.
class DocumentCamera : public Device {
public:
    ~DocumentCamera() override;

    /// Starts the preview and returns at once: the camera's own thread turns the camera on
    /// and delivers a frame to `preview` about every `interval` until stopPreview(), close()
    /// or a device error (then `previewFailed`). Starting a running preview does nothing.
    /// Errors now: as any operation (not_open, no_device, device_fault, busy).
    [[nodiscard]] base::Result<void>
    startPreview(std::chrono::milliseconds interval = std::chrono::milliseconds(100));
    /// Stops the frames and turns the camera off; returns once no frame is being delivered.
    /// Call it from another thread than `preview`'s slots.
    void stopPreview();
    /// True from startPreview() until the preview stops or fails.
    [[nodiscard]] bool previewing() const;

    /// One full-resolution still as JPEG (with the preview running or not). Blocks for a
    /// frame or two and the encoding (a camera turned on for it alone: some 250 ms), so call
    /// it off the GUI thread, as CardReader::readCard().
    [[nodiscard]] base::Result<JpegPhoto> capture();

    /// The preview frames, emitted from the camera's own thread: a Qt slot queues the frame
    /// to the GUI thread (QMetaObject::invokeMethod with a copy, or a shared pointer). The
    /// frame's buffer is zeroed once the slots return.
    base::Signal<const PreviewFrame&> preview;
    /// The preview ended on an error (camera could not be turned on, unplugged, stopped
    /// delivering), from the camera's thread; the message names the device, for technicians.
    /// An unplug also shows as Disconnected in statusChanged.
    base::Signal<const base::Error&> previewFailed;

protected:
    DocumentCamera(std::string backend, std::string model,
                   const base::Clock& clock = base::systemClock());

    /// Drivers: the camera itself. openCameraImpl checks it is there; the stream is on
    /// between startStreamImpl and stopStreamImpl (both called from one thread at a time).
    virtual base::Result<void> openCameraImpl() = 0;
    virtual void closeCameraImpl() = 0;
    virtual base::Result<void> startStreamImpl() = 0;
    virtual void stopStreamImpl() = 0;
    /// The newest picture, scaled down to previewMaxWidth (may block for about one frame).
    /// Called on the preview thread, concurrently with captureImpl: drivers lock.
    virtual base::Result<PreviewFrame> previewFrameImpl() = 0;
    /// One still at full resolution; the driver turns the camera on for it if needed.
    virtual base::Result<JpegPhoto> captureImpl() = 0;

    /// Drivers call it first in their destructor: the preview thread calls their hooks.
    void shutDownPreview();

private:
    base::Result<void> openImpl() final;
    void closeImpl() final;
    /// One preview frame on the worker (the camera turned on first); returns the wait
    /// before the next one.
    std::chrono::milliseconds previewStep();
    /// Turns the camera off after `error`, tells the listeners; the worker then idles.
    std::chrono::milliseconds endPreview(const base::Error& error);

    const base::Clock& clock_;
    mutable std::mutex previewMutex_; ///< guards the fields below; never held while publishing
    bool previewing_ = false;
    bool streamOn_ = false; ///< startStreamImpl() succeeded and stopStreamImpl() is owed
    std::chrono::milliseconds interval_{100};
    std::uint64_t sequence_ = 0;
    base::Worker previewWorker_; ///< last: stopped before the members it uses go
};

} // namespace hal
