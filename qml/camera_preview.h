// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::CameraFeed and CameraPreview: the document camera's live preview on the materials
// screen. Frames arrive on the camera's own thread and are turned into a QImage there; the GUI
// thread is only handed the finished frame, and the item paints it.
#pragma once

#include "base/signal.h"
#include "hal/document_camera.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace kiosk::ui {

/// The newest preview frame of a document camera. A frame shows a citizen's document: it is
/// kept only while the feed is active (the materials screen) and zeroed when replaced or
/// cleared. Lives on the GUI thread; the camera's thread only converts and queues.
class CameraFeed : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CameraFeed belongs to the materials view-model")
    /// Frames shown since the feed became active (tests wait for the first).
    Q_PROPERTY(int frames READ frames NOTIFY frameChanged)

public:
    explicit CameraFeed(QObject* parent = nullptr);
    ~CameraFeed() override;
    CameraFeed(const CameraFeed&) = delete;
    CameraFeed& operator=(const CameraFeed&) = delete;

    /// Listens to `camera`'s preview (null: none). Call on the GUI thread.
    void setCamera(const std::shared_ptr<hal::DocumentCamera>& camera);
    /// Frames are taken while active; inactive drops the frame shown (zeroed).
    void setActive(bool active);
    [[nodiscard]] bool active() const { return active_; }
    [[nodiscard]] const QImage& frame() const { return frame_; }
    [[nodiscard]] int frames() const { return frames_; }

signals:
    void frameChanged();

private:
    void show(QImage image);
    void clear();

    QImage frame_;
    int frames_ = 0;
    bool active_ = false;
    base::Connection preview_; ///< last: disconnected (and waited for) first
};

/// Paints a CameraFeed's frame, scaled to fit and centred on black.
class CameraPreview : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(kiosk::ui::CameraFeed* feed READ feed WRITE setFeed NOTIFY feedChanged)

public:
    explicit CameraPreview(QQuickItem* parent = nullptr);

    [[nodiscard]] CameraFeed* feed() const { return feed_; }
    void setFeed(CameraFeed* feed);
    void paint(QPainter* painter) override;

signals:
    void feedChanged();

private:
    QPointer<CameraFeed> feed_;
    QMetaObject::Connection frameChanged_;
};

} // namespace kiosk::ui
