// SPDX-License-Identifier: Apache-2.0
// kiosk::app::UiBridge: receives the citizen's requests from Main.qml and routes them.
#pragma once

#include <QObject>
#include <QString>

namespace kiosk::app {

/// For now it only logs the staff call (人工帮助); the staff call's marker and heartbeat flag
/// are routed from here when they land. The application flow goes through the session.
class UiBridge : public QObject {
    Q_OBJECT

public:
    explicit UiBridge(QObject* parent = nullptr);

    /// Connects to the signals of Main.qml's root object. False if it lacks them.
    bool attach(QObject* mainWindow);

public slots:
    void onHelpRequested();
};

} // namespace kiosk::app
