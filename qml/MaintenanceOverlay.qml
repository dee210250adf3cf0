// SPDX-License-Identifier: Apache-2.0
// MaintenanceOverlay: the technicians' screens over the whole window (top bar included) while
// MaintenanceViewModel says so. Nothing below takes a touch meanwhile, and every touch here
// starts the 5-minute idle limit again.
import QtQuick
import Kiosk.Ui

Rectangle {
    id: overlay

    property MaintenanceViewModel maintenance: null
    /// "closed", "login" or "open" (MaintenanceViewModel.state).
    readonly property string shown: maintenance ? maintenance.state : "closed"

    visible: shown !== "closed"
    color: Theme.background

    // Swallows the taps the screens do not take, so the home screen below gets none.
    MouseArea {
        anchors.fill: parent
    }
    PointHandler {
        onActiveChanged: if (active && overlay.maintenance) overlay.maintenance.touched()
    }

    Loader {
        anchors.fill: parent
        sourceComponent: overlay.shown === "login" ? loginComponent
                         : overlay.shown === "open" ? openComponent : null
    }

    Component {
        id: loginComponent
        MaintenanceLoginScreen {
            objectName: "maintenanceLoginScreen"
            maintenance: overlay.maintenance
        }
    }
    Component {
        id: openComponent
        MaintenanceScreen {
            objectName: "maintenanceScreen"
            maintenance: overlay.maintenance
        }
    }
}
