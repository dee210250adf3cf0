// SPDX-License-Identifier: Apache-2.0
// kiosk::app::UiBridge: receives the citizen's requests from Main.qml and routes them.
#pragma once

#include <QObject>
#include <QString>

namespace kiosk::app {

/// For now it only logs what the citizen asked for (item codes, never personal data); the
/// application flow and the staff call are routed from here when they land.
class UiBridge : public QObject {
    Q_OBJECT

public:
    explicit UiBridge(QObject* parent = nullptr);

    /// Connects to the signals of Main.qml's root object. False if it lacks them.
    bool attach(QObject* mainWindow);

public slots:
    void onStartRequested(const QString& itemCode);
    void onHelpRequested();
};

} // namespace kiosk::app
