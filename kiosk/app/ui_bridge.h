// SPDX-License-Identifier: Apache-2.0
// kiosk::app::UiBridge: receives the citizen's requests from Main.qml and routes them.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace kiosk::app {

/// Logs the staff call (人工帮助) and raises it through the handler the services set
/// (core::HelpCall: the heartbeat flag and the marker). The application flow goes through
/// the session view-model.
class UiBridge : public QObject {
    Q_OBJECT

public:
    explicit UiBridge(QObject* parent = nullptr);

    /// Connects to the signals of Main.qml's root object. False if it lacks them.
    bool attach(QObject* mainWindow);
    /// What 人工帮助 does besides logging (the staff call, once the services run).
    void setHelpHandler(std::function<void()> handler) { helpHandler_ = std::move(handler); }
    /// What staff holding the help button does (acknowledges the call).
    void setHelpAckHandler(std::function<void()> handler) { helpAckHandler_ = std::move(handler); }

public slots:
    void onHelpRequested();
    void onHelpAcknowledged();

private:
    std::function<void()> helpHandler_;
    std::function<void()> helpAckHandler_;
};

} // namespace kiosk::app
