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

    // A band of its own colour where the citizen's blue bar was: anyone passing sees that the
    // kiosk is in maintenance, not serving.
    Rectangle {
        id: band
        objectName: "maintenanceBand"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: Theme.topBarHeight
        color: Theme.maintenanceBand
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            verticalAlignment: Text.AlignVCenter
            text: qsTr("维护模式 · 暂停服务")
            color: Theme.textOnDark
            font.pixelSize: Theme.fontTitle
            font.bold: true
        }
    }

    // The screen of the moment, made when it is needed (with the view-model it requires) and
    // gone with everything typed when it is not.
    Loader {
        id: loader
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: band.bottom
        anchors.bottom: parent.bottom
    }

    function showScreen() {
        if (shown === "login")
            loader.setSource("MaintenanceLoginScreen.qml",
                             { objectName: "maintenanceLoginScreen", maintenance: maintenance })
        else if (shown === "open")
            loader.setSource("MaintenanceScreen.qml",
                             { objectName: "maintenanceScreen", maintenance: maintenance })
        else
            loader.source = ""
    }
    onShownChanged: showScreen()
    Component.onCompleted: showScreen()
}
