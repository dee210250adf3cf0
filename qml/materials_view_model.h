// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::MaterialsViewModel: the journey's materials step (kiosk/core/materials_step.h) as
// the materials screen and the confirmation read it, and the camera's live preview feed.
#pragma once

#include "base/signal.h"
#include "kiosk/core/journey.h"
#include "qml/camera_preview.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace kiosk::ui {

/// A thin mirror of the journey's materials step; lives on the GUI thread with the journey.
/// The preview feed is active only while the session is on the materials screen.
class MaterialsViewModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("MaterialsViewModel belongs to the session view-model")
    /// [{name, required, status}] in the guide's order; status pending | photographed |
    /// skipped | at_counter.
    Q_PROPERTY(QVariantList entries READ entries NOTIFY changed)
    Q_PROPERTY(int current READ current NOTIFY changed)
    Q_PROPERTY(QString currentName READ currentName NOTIFY changed)
    Q_PROPERTY(bool currentRequired READ currentRequired NOTIFY changed)
    Q_PROPERTY(QString currentStatus READ currentStatus NOTIFY changed)
    Q_PROPERTY(bool hasNext READ hasNext NOTIFY changed)
    /// off | previewing | capturing | failed
    Q_PROPERTY(QString cameraState READ cameraState NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    /// Every material photographed, skipped or left for a counter: 完成 may be pressed.
    Q_PROPERTY(bool complete READ complete NOTIFY changed)
    /// What the confirmation lists: [{name, state}], state worded for the citizen.
    Q_PROPERTY(QVariantList summary READ summary NOTIFY changed)
    /// The same in one line: "居民身份证（已拍照）、居民户口簿（请到服务窗口补交）"; empty when
    /// none.
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY changed)
    Q_PROPERTY(kiosk::ui::CameraFeed* feed READ feed CONSTANT)

public:
    /// `journey` must outlive the view-model.
    explicit MaterialsViewModel(core::Journey& journey, QObject* parent = nullptr);
    ~MaterialsViewModel() override;

    /// The document camera ([devices] document_camera), or null: the journey's and the
    /// preview's. Call on the GUI thread.
    void setCamera(const std::shared_ptr<hal::DocumentCamera>& camera);

    [[nodiscard]] QVariantList entries() const;
    [[nodiscard]] int current() const;
    [[nodiscard]] QString currentName() const;
    [[nodiscard]] bool currentRequired() const;
    [[nodiscard]] QString currentStatus() const;
    [[nodiscard]] bool hasNext() const;
    [[nodiscard]] QString cameraState() const;
    [[nodiscard]] QString message() const;
    [[nodiscard]] bool complete() const;
    [[nodiscard]] QVariantList summary() const;
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] CameraFeed* feed() { return &feed_; }

    Q_INVOKABLE void capture();
    Q_INVOKABLE void retake();
    Q_INVOKABLE void next();
    Q_INVOKABLE void skip();
    Q_INVOKABLE void select(int index);
    Q_INVOKABLE void finish();

signals:
    void changed();

private:
    [[nodiscard]] const core::MaterialEntry* currentEntry() const;

    core::Journey& journey_;
    CameraFeed feed_;
    base::Connection journeyChanged_; ///< last: disconnected first
};

} // namespace kiosk::ui
