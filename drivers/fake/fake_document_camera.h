// SPDX-License-Identifier: Apache-2.0
// FakeDocumentCamera: a document camera that always sees the same synthetic page (a form with
// a title bar, text lines, a table and a seal), for tests, screenshots and the demo.
#pragma once

#include "hal/document_camera.h"

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace drivers::fake {

class FakeDocumentCamera final : public hal::DocumentCamera {
public:
    /// The stills' size: a 2-megapixel document camera's 4:3 frame.
    static constexpr int captureWidth = 1600;
    static constexpr int captureHeight = 1200;

    /// `clock` paces the preview (tests pass a base::ManualClock). A non-zero `mark` is drawn
    /// into the page's last row of blocks, so that its photos differ from every other
    /// camera's: a test that searches memory for its photo finds its own, not another test's.
    explicit FakeDocumentCamera(const base::Clock& clock = base::systemClock(),
                                std::uint32_t mark = 0);
    ~FakeDocumentCamera() override;

    /// The camera goes away (USB unplug) or comes back; an open camera is Ready again
    /// without being reopened.
    void unplug();
    void plug();
    /// The next capture (or preview frame) fails with `error` (calls queue up).
    void failNext(base::Error error);
    /// True while the stream is on (a preview runs).
    [[nodiscard]] bool cameraOn() const;

    /// The page every frame shows, 8-bit RGB, captureWidth x captureHeight, deterministic
    /// for a given `mark` (see the constructor).
    [[nodiscard]] static std::vector<std::uint8_t> syntheticPage(std::uint32_t mark = 0);

protected:
    base::Result<void> openCameraImpl() override;
    void closeCameraImpl() override;
    base::Result<void> startStreamImpl() override;
    void stopStreamImpl() override;
    base::Result<hal::PreviewFrame> previewFrameImpl() override;
    base::Result<hal::JpegPhoto> captureImpl() override;

private:
    /// An injected failure or the unplugged state, if any. Call with mutex_ held.
    std::optional<base::Error> failure();

    mutable std::mutex mutex_;
    const std::vector<std::uint8_t> page_; ///< not personal data: a drawn form
    std::deque<base::Error> failures_;
    bool plugged_ = true;
    bool streamOn_ = false;
};

} // namespace drivers::fake
