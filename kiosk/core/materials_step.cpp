// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/materials_step.h"
#include "base/citizen_text.h"
#include "kiosk/core/citizen_words.h"

#include "base/log.h"
#include "hal/errc.h"
#include "kiosk/core/application.h"

#include <algorithm>

namespace kiosk::core {

namespace {

constexpr auto materialsStepLog = "journey/materials";

/// True for errors after which the camera cannot be counted on in this session (unplugged,
/// never opened, broken); anything else (busy, a timeout, a bad frame) is worth another try.
bool cameraGone(const base::Error& error)
{
    return error.code == hal::errc::no_device || error.code == hal::errc::not_open ||
           error.code == hal::errc::device_fault || error.code == hal::errc::unsupported;
}

} // namespace

std::string_view toString(MaterialStatus status)
{
    switch (status) {
    case MaterialStatus::Pending:
        return "pending";
    case MaterialStatus::Photographed:
        return "photographed";
    case MaterialStatus::Skipped:
        return "skipped";
    case MaterialStatus::AtCounter:
        return "at_counter";
    }
    return "pending";
}

std::string_view toString(CameraState state)
{
    switch (state) {
    case CameraState::Off:
        return "off";
    case CameraState::Previewing:
        return "previewing";
    case CameraState::Capturing:
        return "capturing";
    case CameraState::Failed:
        return "failed";
    }
    return "off";
}

std::vector<MaterialEntry> materialsToPhotograph(const CatalogItem& item)
{
    std::vector<MaterialEntry> entries;
    for (const auto& material : item.guide.materials)
        if (!material.name.empty())
            entries.push_back({material.name, material.required, MaterialStatus::Pending});
    return entries;
}

MaterialsStep::MaterialsStep(Session& session, const base::Clock& clock, PostToOwner post,
                             std::function<void()> changed)
    : session_(session), post_(std::move(post)), changed_(std::move(changed)),
      worker_({"journey/camera"}, clock)
{
    // A still blocks for a frame or two and the JPEG encoding: on a worker of its own, woken
    // for each capture; the photo comes back to the owner thread through post_.
    worker_.start(
        [shared = shared_, post = post_, alive = std::weak_ptr<bool>(alive_),
         this](std::stop_token) {
            std::shared_ptr<hal::DocumentCamera> camera;
            std::optional<std::uint64_t> job;
            {
                std::lock_guard lock(shared->mutex);
                camera = shared->camera;
                job.swap(shared->job);
            }
            if (!job || !camera)
                return base::Worker::idle;
            // Shared, so that the task stays copyable; the photo zeroes itself wherever the
            // last owner drops it (also when the task is dropped unrun).
            auto outcome = std::make_shared<base::Result<hal::JpegPhoto>>(camera->capture());
            post([alive, this, generation = *job, outcome] {
                if (!alive.expired())
                    captured(generation, outcome);
            });
            return base::Worker::idle;
        },
        base::Worker::idle);
}

MaterialsStep::~MaterialsStep()
{
    worker_.stop();
    previewFailed_.reset();
    alive_.reset();
    stopPreview();
}

void MaterialsStep::setCamera(std::shared_ptr<hal::DocumentCamera> camera)
{
    stopPreview(); // the camera it replaces is off (a no-op when no preview runs)
    previewFailed_.reset();
    if (camera)
        // On the camera's thread: the failure is handled on the owner thread.
        previewFailed_ = camera->previewFailed.connect(
            [post = post_, alive = std::weak_ptr<bool>(alive_), this](const base::Error& error) {
                post([alive, this, error] {
                    if (!alive.expired())
                        cameraFailed(error);
                });
            });
    std::lock_guard lock(shared_->mutex);
    shared_->camera = std::move(camera);
}

std::shared_ptr<hal::DocumentCamera> MaterialsStep::camera() const
{
    std::lock_guard lock(shared_->mutex);
    return shared_->camera;
}

bool MaterialsStep::appliesTo(const CatalogItem& item) const
{
    return camera() != nullptr && !materialsToPhotograph(item).empty();
}

void MaterialsStep::begin(const CatalogItem& item)
{
    ++generation_;
    entries_ = materialsToPhotograph(item);
    for (auto& entry : entries_)
        if (session_.photos().contains(entry.name))
            entry.status = MaterialStatus::Photographed;
    const auto firstOpen =
        std::ranges::find(entries_, MaterialStatus::Pending, &MaterialEntry::status);
    current_ =
        firstOpen == entries_.end() ? 0 : static_cast<std::size_t>(firstOpen - entries_.begin());
    message_.clear();
    onScreen_ = true;
    startPreview();
}

void MaterialsStep::startPreview()
{
    auto camera = this->camera();
    if (!camera) {
        cameraFailed(base::Error{hal::errc::no_device, "no document camera"});
        return;
    }
    if (auto started = camera->startPreview(); !started) {
        cameraFailed(started.error());
        return;
    }
    cameraState_ = CameraState::Previewing;
}

void MaterialsStep::stopPreview()
{
    if (auto camera = this->camera())
        camera->stopPreview();
}

void MaterialsStep::pause()
{
    ++generation_;
    {
        std::lock_guard lock(shared_->mutex);
        shared_->job.reset();
    }
    stopPreview();
    onScreen_ = false;
    cameraState_ = CameraState::Off;
    message_.clear();
}

void MaterialsStep::reset()
{
    pause();
    entries_.clear();
    entries_.shrink_to_fit();
    current_ = 0;
}

bool MaterialsStep::complete() const
{
    return std::ranges::none_of(entries_, [](const MaterialEntry& entry) {
        return entry.status == MaterialStatus::Pending;
    });
}

MaterialEntry* MaterialsStep::currentEntry()
{
    return current_ < entries_.size() ? &entries_[current_] : nullptr;
}

base::Result<void> MaterialsStep::capture()
{
    auto* entry = currentEntry();
    if (entry == nullptr || cameraState_ != CameraState::Previewing ||
        entry->status == MaterialStatus::Photographed)
        return base::fail(SessionErrc::invalid_transition, "no still can be taken now");
    {
        std::lock_guard lock(shared_->mutex);
        shared_->job = generation_;
    }
    cameraState_ = CameraState::Capturing;
    message_.clear();
    worker_.trigger();
    return {};
}

void MaterialsStep::captured(std::uint64_t generation,
                             std::shared_ptr<base::Result<hal::JpegPhoto>> outcome)
{
    if (generation != generation_ || cameraState_ != CameraState::Capturing)
        return; // the screen went (or the session ended) while the still was taken
    auto* entry = currentEntry();
    if (entry == nullptr)
        return;
    if (*outcome) {
        session_.setPhoto(entry->name, std::move(**outcome));
        entry->status = MaterialStatus::Photographed;
        cameraState_ = CameraState::Previewing;
    } else if (cameraGone(outcome->error())) {
        cameraFailed(outcome->error());
        return; // cameraFailed told the listeners
    } else {
        base::log::warning(materialsStepLog, "still not taken: " + outcome->error().describe());
        cameraState_ = CameraState::Previewing;
        message_ = base::CitizenText::tr("拍照没有成功，请把材料放平，再拍一次。");
    }
    changed_();
}

void MaterialsStep::cameraFailed(const base::Error& error)
{
    if (!onScreen_ || cameraState_ == CameraState::Failed)
        return; // not on the materials screen: the next visit tries the camera again
    base::log::warning(materialsStepLog, "document camera unavailable: " + error.describe());
    stopPreview();
    cameraState_ = CameraState::Failed;
    // Nothing of the application is lost: what has no photo yet is brought to a counter.
    std::string names;
    for (auto& entry : entries_)
        if (entry.status == MaterialStatus::Pending) {
            entry.status = MaterialStatus::AtCounter;
            names += (names.empty() ? "" : base::CitizenText::tr("、")) + entry.name;
        }
    message_ = names.empty() ? std::string(base::CitizenText::tr(
                                   "高拍仪暂时不能使用。您填写的内容已保存，可以继续提交申请。"))
                             : base::CitizenText::format(words::materialsToCounter, {names});
    changed_();
}

base::Result<void> MaterialsStep::retake()
{
    auto* entry = currentEntry();
    if (entry == nullptr || entry->status != MaterialStatus::Photographed ||
        cameraState_ == CameraState::Failed)
        return base::fail(SessionErrc::invalid_transition, "nothing to retake");
    session_.removePhoto(entry->name); // the photo zeroes itself as it goes
    entry->status = MaterialStatus::Pending;
    message_.clear();
    return {};
}

base::Result<void> MaterialsStep::next()
{
    auto* entry = currentEntry();
    if (entry == nullptr || current_ + 1 >= entries_.size())
        return base::fail(SessionErrc::invalid_transition, "no next material");
    if (entry->status == MaterialStatus::Pending) {
        message_ = base::CitizenText::format(words::photographFirst, {entry->name});
        return base::fail(ApplicationErrc::invalid_form, "the material has no photo");
    }
    ++current_;
    message_.clear();
    return {};
}

base::Result<void> MaterialsStep::skip()
{
    auto* entry = currentEntry();
    if (entry == nullptr)
        return base::fail(SessionErrc::invalid_transition, "no material");
    if (entry->required) {
        message_ = base::CitizenText::format(words::materialRequired, {entry->name});
        return base::fail(ApplicationErrc::invalid_form, "a required material cannot be skipped");
    }
    session_.removePhoto(entry->name);
    entry->status = MaterialStatus::Skipped;
    message_.clear();
    if (current_ + 1 < entries_.size())
        ++current_;
    return {};
}

base::Result<void> MaterialsStep::select(std::size_t index)
{
    if (index >= entries_.size() || cameraState_ == CameraState::Capturing)
        return base::fail(SessionErrc::invalid_transition, "no such material");
    current_ = index;
    message_.clear();
    return {};
}

} // namespace kiosk::core
