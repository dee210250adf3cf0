// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::MaintenanceViewModel: the technicians' screens over core::MaintenanceAccess: the
// code screen after the hidden gesture, then device health, the queue, the catalog version,
// the network and the diagnostics. The rules (codes, lock, idle end, audit) are the core's.
#pragma once

#include "base/worker.h"

#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <deque>
#include <functional>
#include <mutex>
#include <string>

namespace kiosk::core {
class MaintenanceAccess;
}

namespace kiosk::ui {

/// Lives on the GUI thread. Without an access (the services have not started, or a test that
/// does not need it) the gesture does nothing.
class MaintenanceViewModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by the application")
    /// "closed", "login" (the code screen) or "open" (the maintenance screen).
    Q_PROPERTY(QString state READ state NOTIFY changed)
    /// What the code screen says under the code: a wrong code, the lock, no secret.
    Q_PROPERTY(QString message READ message NOTIFY changed)
    /// False while locked or without a secret: the keypad is disabled.
    Q_PROPERTY(bool codeAccepted READ codeAccepted NOTIFY changed)
    /// [{name, state, health, detail, ok}] per device, Chinese.
    Q_PROPERTY(QVariantList devices READ devices NOTIFY changed)
    Q_PROPERTY(bool queueKnown READ queueKnown NOTIFY changed)
    Q_PROPERTY(int queuePending READ queuePending NOTIFY changed)
    Q_PROPERTY(int queueDelivered READ queueDelivered NOTIFY changed)
    Q_PROPERTY(int queueDeadLetters READ queueDeadLetters NOTIFY changed)
    Q_PROPERTY(int queueOldestAgeS READ queueOldestAgeS NOTIFY changed)
    Q_PROPERTY(QString catalogVersion READ catalogVersion NOTIFY changed)
    /// The uplink's link state in words.
    Q_PROPERTY(QString network READ network NOTIFY changed)
    /// [{id, label}] of the diagnostics offered.
    Q_PROPERTY(QVariantList diagnostics READ diagnostics NOTIFY changed)
    /// The outcome of the last action (retry, diagnostic), for the line under the buttons.
    Q_PROPERTY(QString actionResult READ actionResult NOTIFY changed)
    /// An action runs (on the view-model's worker): its buttons wait.
    Q_PROPERTY(bool busy READ busy NOTIFY changed)

public:
    explicit MaintenanceViewModel(QObject* parent = nullptr);
    ~MaintenanceViewModel() override; ///< stops the worker (an action running is awaited)

    /// The access the screens use (borrowed; it outlives this or is reset to nullptr first).
    void setAccess(core::MaintenanceAccess* access);

    [[nodiscard]] QString state() const { return state_; }
    [[nodiscard]] QString message() const { return message_; }
    [[nodiscard]] bool codeAccepted() const;
    [[nodiscard]] QVariantList devices() const { return devices_; }
    [[nodiscard]] bool queueKnown() const { return queueKnown_; }
    [[nodiscard]] int queuePending() const { return queuePending_; }
    [[nodiscard]] int queueDelivered() const { return queueDelivered_; }
    [[nodiscard]] int queueDeadLetters() const { return queueDeadLetters_; }
    [[nodiscard]] int queueOldestAgeS() const { return queueOldestAgeS_; }
    [[nodiscard]] QString catalogVersion() const { return catalogVersion_; }
    [[nodiscard]] QString network() const { return network_; }
    [[nodiscard]] QVariantList diagnostics() const { return diagnostics_; }
    [[nodiscard]] QString actionResult() const { return actionResult_; }
    [[nodiscard]] bool busy() const { return busy_; }

    /// The hidden gesture was made (Main allows it only on the home screen with nobody served).
    Q_INVOKABLE void requestAccess();
    /// 取消 on the code screen.
    Q_INVOKABLE void cancel();
    Q_INVOKABLE void submitCode(const QString& code);
    /// 退出维护.
    Q_INVOKABLE void logout();
    /// Any touch on the maintenance screens: the 5 minutes start again.
    Q_INVOKABLE void touched();
    Q_INVOKABLE void retryDeadLetters();
    Q_INVOKABLE void runDiagnostic(const QString& id);
    /// Reads the figures again.
    Q_INVOKABLE void refresh();

signals:
    void changed();

private:
    void tick();
    void close();
    void setState(const QString& state);
    void showLock();
    /// Takes the action on this thread, runs its work on worker_ (printing, verifying the
    /// trail and writing the queue are I/O, kept off the GUI thread), finishes it here.
    void runAction(const std::string& id);

    core::MaintenanceAccess* access_ = nullptr;
    QTimer ticker_; ///< once a second while the screens show: idle end, lock countdown
    QString state_ = QStringLiteral("closed");
    QString message_;
    bool lockShown_ = false; ///< message_ tells of the lock
    QVariantList devices_;
    bool queueKnown_ = false;
    int queuePending_ = 0;
    int queueDelivered_ = 0;
    int queueDeadLetters_ = 0;
    int queueOldestAgeS_ = 0;
    QString catalogVersion_;
    QString network_;
    QVariantList diagnostics_;
    QString actionResult_;
    bool busy_ = false;
    std::mutex jobsMutex_;
    std::deque<std::function<void()>> jobs_; ///< guarded by jobsMutex_
    base::Worker worker_;                    ///< last: stopped before the jobs and the rest go
};

} // namespace kiosk::ui
