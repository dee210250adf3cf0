// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::UplinkStatus: what the screens show about the upload to the platform.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace kiosk::ui {

/// Two flags. queueHeld, for the top bar's staff marker: the platform refused this kiosk's
/// credentials (401/403), so the offline queue is held; applications still queue locally, and
/// the marker is for staff and technicians, not an alarm for the citizen. linkDown: the
/// platform cannot be reached; a small banner says that items needing the network cannot be
/// done now and that applications are kept on the kiosk meanwhile.
/// Lives on the GUI thread: the application sets it through a queued call.
class UplinkStatus : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool queueHeld READ queueHeld WRITE setQueueHeld NOTIFY queueHeldChanged)
    Q_PROPERTY(bool linkDown READ linkDown WRITE setLinkDown NOTIFY linkDownChanged)

public:
    explicit UplinkStatus(QObject* parent = nullptr);

    [[nodiscard]] bool queueHeld() const { return queueHeld_; }
    void setQueueHeld(bool held);
    [[nodiscard]] bool linkDown() const { return linkDown_; }
    void setLinkDown(bool down);

signals:
    void queueHeldChanged();
    void linkDownChanged();

private:
    bool queueHeld_ = false;
    bool linkDown_ = false;
};

} // namespace kiosk::ui
