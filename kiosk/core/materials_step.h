// SPDX-License-Identifier: Apache-2.0
// MaterialsStep: the journey's step between the form and the confirmation where the citizen
// photographs each material of the item's guide with the document camera (高拍仪): which
// materials, which are done, the preview on and off, a still taken off the GUI thread, retake,
// skip (optional materials only), and the counter when the camera is missing or fails. The
// photos live in the Session (its personal data), so they die with it.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/signal.h"
#include "base/worker.h"
#include "hal/document_camera.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/session.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kiosk::core {

/// Runs `task` on the journey's owner thread (the GUI thread) later (as in journey.h).
using PostToOwner = std::function<void(std::function<void()> task)>;

enum class MaterialStatus {
    Pending,      ///< no photo yet
    Photographed, ///< the session holds its photo
    Skipped,      ///< an optional material the citizen does not provide
    AtCounter,    ///< the camera could not take it: the citizen brings it to a counter
};
std::string_view toString(MaterialStatus status); ///< pending | photographed | skipped | at_counter

struct MaterialEntry {
    std::string name;
    bool required = true;
    MaterialStatus status = MaterialStatus::Pending;
};

/// Every material the item's guide lists, in its order; the required ones cannot be skipped.
[[nodiscard]] std::vector<MaterialEntry> materialsToPhotograph(const CatalogItem& item);

/// What the camera does for the screen.
enum class CameraState {
    Off,        ///< not on this screen
    Previewing, ///< the live preview runs
    Capturing,  ///< a still is being taken (on the step's worker)
    Failed,     ///< missing or failed: the materials without a photo go to a counter
};
std::string_view toString(CameraState state); ///< off | previewing | capturing | failed

/// Lives on the journey's owner thread, like the Session it writes the photos into. The
/// camera's preview frames go straight to the screen (the UI subscribes to the camera); this
/// only starts and stops the preview and takes the stills.
class MaterialsStep {
public:
    /// `session` and `clock` must outlive the step; `changed` runs on the owner thread when
    /// something shown changed (the outcome of a capture, a camera failure).
    MaterialsStep(Session& session, const base::Clock& clock, PostToOwner post,
                  std::function<void()> changed);
    ~MaterialsStep();
    MaterialsStep(const MaterialsStep&) = delete;
    MaterialsStep& operator=(const MaterialsStep&) = delete;

    /// The document camera ([devices] document_camera, opened), null when none is configured.
    void setCamera(std::shared_ptr<hal::DocumentCamera> camera);
    [[nodiscard]] std::shared_ptr<hal::DocumentCamera> camera() const;
    /// True when the journey takes this step for `item`: a camera is configured (none
    /// configured means no material photos at this kiosk) and the guide lists materials.
    [[nodiscard]] bool appliesTo(const CatalogItem& item) const;

    /// Entering the screen: the list (materials the session already has a photo of count as
    /// done), the first one not done is current, the preview starts.
    void begin(const CatalogItem& item);
    /// Leaving the screen (to the confirmation or back to the form): the preview stops; the
    /// list and the photos stay.
    void pause();
    /// The session ended: the preview stops, the list goes, a capture under way is ignored.
    void reset();

    [[nodiscard]] const std::vector<MaterialEntry>& entries() const { return entries_; }
    [[nodiscard]] std::size_t current() const { return current_; }
    [[nodiscard]] CameraState cameraState() const { return cameraState_; }
    /// Words for the citizen about the camera or the current material, empty when none.
    [[nodiscard]] const std::string& message() const { return message_; }
    /// Every material photographed, skipped or left for a counter: 完成 may be pressed.
    [[nodiscard]] bool complete() const;

    /// 拍照: takes a still of the current material on the step's worker; the outcome comes
    /// back through `post` (the photo into the session, or words and the counter).
    base::Result<void> capture();
    /// 重拍: the current material's photo is wiped; the preview shows again.
    base::Result<void> retake();
    /// 下一份: on to the next material once the current one is photographed or settled.
    base::Result<void> next();
    /// 跳过: an optional material is not provided.
    base::Result<void> skip();
    /// Chooses the material at `index` (to retake an earlier one).
    base::Result<void> select(std::size_t index);

private:
    void captured(std::uint64_t generation, std::shared_ptr<base::Result<hal::JpegPhoto>> outcome);
    void cameraFailed(const base::Error& error);
    void startPreview();
    void stopPreview();
    [[nodiscard]] MaterialEntry* currentEntry();

    Session& session_;
    PostToOwner post_;
    std::function<void()> changed_;
    std::vector<MaterialEntry> entries_;
    std::size_t current_ = 0;
    CameraState cameraState_ = CameraState::Off;
    bool onScreen_ = false; ///< between begin() and pause()
    std::string message_;
    /// Bumped by reset() and pause(): a still arriving after its screen went is dropped.
    std::uint64_t generation_ = 0;

    /// The camera and the capture asked for, handed to worker_ (a still takes some 250 ms).
    struct Shared {
        std::mutex mutex;
        std::shared_ptr<hal::DocumentCamera> camera;
        std::optional<std::uint64_t> job; ///< the generation the capture was asked in
    };
    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    base::Connection previewFailed_;
    base::Worker worker_; ///< last: stopped before the rest goes
};

} // namespace kiosk::core
