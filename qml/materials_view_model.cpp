// SPDX-License-Identifier: Apache-2.0
#include "qml/materials_view_model.h"
#include "qml/citizen_words.h"
#include "qml/qt_text.h"

namespace kiosk::ui {

namespace {

/// How the confirmation words a material's state.
QString stateWords(core::MaterialStatus status)
{
    switch (status) {
    case core::MaterialStatus::Photographed:
        return MaterialsViewModel::tr("已拍照");
    case core::MaterialStatus::Skipped:
        return MaterialsViewModel::tr("未提供");
    case core::MaterialStatus::AtCounter:
        return MaterialsViewModel::tr("请到服务窗口补交");
    case core::MaterialStatus::Pending:
        break;
    }
    return MaterialsViewModel::tr("未拍照");
}

} // namespace

MaterialsViewModel::MaterialsViewModel(core::Journey& journey, QObject* parent)
    : QObject(parent), journey_(journey)
{
    journeyChanged_ = journey_.changed.connect([this] {
        // The preview shows only on the materials screen; leaving it drops the frame.
        feed_.setActive(journey_.state() == core::SessionState::Photographing);
        emit changed();
    });
}

MaterialsViewModel::~MaterialsViewModel() = default;

void MaterialsViewModel::setCamera(const std::shared_ptr<hal::DocumentCamera>& camera)
{
    journey_.setDocumentCamera(camera);
    feed_.setCamera(camera);
}

const core::MaterialEntry* MaterialsViewModel::currentEntry() const
{
    const auto& entries = journey_.materials().entries();
    const auto index = journey_.materials().current();
    return index < entries.size() ? &entries[index] : nullptr;
}

QVariantList MaterialsViewModel::entries() const
{
    QVariantList rows;
    for (const auto& entry : journey_.materials().entries())
        rows.push_back(QVariantMap{{"name", qtText(entry.name)},
                                   {"required", entry.required},
                                   {"status", qtText(core::toString(entry.status))}});
    return rows;
}

int MaterialsViewModel::current() const
{
    return static_cast<int>(journey_.materials().current());
}

QString MaterialsViewModel::currentName() const
{
    const auto* entry = currentEntry();
    return entry ? qtText(entry->name) : QString();
}

bool MaterialsViewModel::currentRequired() const
{
    const auto* entry = currentEntry();
    return entry != nullptr && entry->required;
}

QString MaterialsViewModel::currentStatus() const
{
    const auto* entry = currentEntry();
    return entry ? qtText(core::toString(entry->status)) : QString();
}

bool MaterialsViewModel::hasNext() const
{
    return journey_.materials().current() + 1 < journey_.materials().entries().size();
}

QString MaterialsViewModel::cameraState() const
{
    return qtText(core::toString(journey_.materials().cameraState()));
}

QString MaterialsViewModel::message() const
{
    return citizenWords(journey_.materials().message());
}

bool MaterialsViewModel::complete() const
{
    return journey_.materials().complete();
}

QVariantList MaterialsViewModel::summary() const
{
    QVariantList rows;
    for (const auto& entry : journey_.materials().entries())
        rows.push_back(
            QVariantMap{{"name", qtText(entry.name)}, {"state", stateWords(entry.status)}});
    return rows;
}

QString MaterialsViewModel::summaryText() const
{
    QStringList parts;
    for (const auto& entry : journey_.materials().entries())
        parts.push_back(tr("%1（%2）").arg(qtText(entry.name), stateWords(entry.status)));
    return parts.join(tr("、"));
}

void MaterialsViewModel::capture()
{
    (void)journey_.capturePhoto();
}

void MaterialsViewModel::retake()
{
    (void)journey_.retakePhoto();
}

void MaterialsViewModel::next()
{
    (void)journey_.nextMaterial();
}

void MaterialsViewModel::skip()
{
    (void)journey_.skipMaterial();
}

void MaterialsViewModel::select(int index)
{
    if (index >= 0)
        (void)journey_.selectMaterial(static_cast<std::size_t>(index));
}

void MaterialsViewModel::finish()
{
    (void)journey_.finishMaterials();
}

} // namespace kiosk::ui
