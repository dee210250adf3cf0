// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::UplinkStatus: what the screens show about the upload to the platform.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace kiosk::ui {

/// One flag for the top bar's staff marker: the platform refused this kiosk's credentials
/// (401/403), so the offline queue is held. Applications still queue locally; the marker is
/// for staff and technicians, not an alarm for the citizen. A link that is merely down is
/// deliberately not shown (the queue delivers later and the citizen need not know).
/// Lives on the GUI thread: the application sets it through a queued call.
class UplinkStatus : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool queueHeld READ queueHeld WRITE setQueueHeld NOTIFY queueHeldChanged)

public:
    explicit UplinkStatus(QObject* parent = nullptr);

    [[nodiscard]] bool queueHeld() const { return queueHeld_; }
    void setQueueHeld(bool held);

signals:
    void queueHeldChanged();

private:
    bool queueHeld_ = false;
};

} // namespace kiosk::ui
