// SPDX-License-Identifier: Apache-2.0
// TopBar: where the citizen is (region, 政务服务自助终端), the date and time, and the
// always-visible 人工帮助 button; below them, only while the upload is held, the staff marker.
import QtQuick

Rectangle {
    id: bar

    property string regionName
    /// A fixed time for reproducible screenshots; undefined shows the live clock.
    property var clockOverride
    property date now: new Date()
    /// The platform refused this kiosk's credentials: uploads wait (UplinkStatus.queueHeld).
    property bool queueHeld: false
    /// A citizen asked for help and staff have not come yet: the button says so, so staff
    /// across the hall see which kiosk called.
    property bool helpCalled: false
    /// The platform cannot be reached: a strip says what that means for the citizen.
    property bool linkDown: false

    signal helpRequested()
    /// Staff held the help button while a call was open: they are here.
    signal helpAcknowledged()
    /// The technicians' hidden gesture: the top-left corner held for `maintenanceHoldMs`.
    signal maintenanceGesture()
    /// Long enough that a citizen resting a hand on the corner does not open it by accident.
    property int maintenanceHoldMs: 5000

    implicitHeight: Theme.topBarHeight + (heldMarker.visible ? heldMarker.height : 0)
                    + (linkMarker.visible ? linkMarker.height : 0)
    color: Theme.primary

    readonly property date shownTime: clockOverride !== undefined ? clockOverride : now
    readonly property var weekdays: [qsTr("星期日"), qsTr("星期一"), qsTr("星期二"), qsTr("星期三"), qsTr("星期四"), qsTr("星期五"), qsTr("星期六")]

    Timer {
        interval: 1000
        running: bar.clockOverride === undefined
        repeat: true
        onTriggered: bar.now = new Date()
    }

    // The blue band everything else is centred in; the marker hangs below it.
    Item {
        id: band
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: Theme.topBarHeight
    }

    /// Where the AccessBar sits in landscape (the band is wide there; in portrait it has its
    /// own strip under the bar): between the place and the clock.
    readonly property alias middleSlot: middleSlot
    Item {
        id: middleSlot
        anchors.right: clock.left
        anchors.rightMargin: Theme.margin
        anchors.top: band.top
        anchors.bottom: band.bottom
        width: Theme.landscape ? Math.min(Theme.px(Theme.elder ? 920 : 1040), bar.width * 0.5) : 0
    }

    Column {
        id: place
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.right: middleSlot.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: band.verticalCenter
        spacing: Theme.px(2)
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            width: parent.width
            text: bar.regionName.length > 0 ? bar.regionName : qsTr("政务服务")
            color: Theme.textOnDark
            // 长辈版's text is larger everywhere; the band keeps its height, so the place
            // takes the large size rather than the title's.
            font.pixelSize: Theme.elder ? Theme.fontLarge : Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            width: parent.width
            text: qsTr("政务服务自助终端")
            // 长辈版 in landscape: the band holds the AccessBar's larger buttons; the place
            // name and the time say enough.
            visible: !(Theme.elder && Theme.landscape)
            color: Theme.textOnDark
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }

    // The maintenance gesture's corner: no visible control and none for a screen reader (it is
    // not for citizens); a press shorter than the hold does nothing.
    MouseArea {
        objectName: "maintenanceCorner"
        anchors.left: parent.left
        anchors.top: parent.top
        width: Theme.px(160)
        height: Theme.topBarHeight
        pressAndHoldInterval: bar.maintenanceHoldMs
        onPressAndHold: bar.maintenanceGesture()
    }

    Column {
        id: clock
        anchors.right: help.left
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: band.verticalCenter
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            objectName: "clockTime"
            anchors.right: parent.right
            text: Qt.formatTime(bar.shownTime, "HH:mm")
            color: Theme.textOnDark
            font.pixelSize: Theme.fontTitle
            font.bold: true
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            anchors.right: parent.right
            visible: !(Theme.elder && Theme.landscape)
            text: qsTr("%1月%2日 %3").arg(bar.shownTime.getMonth() + 1).arg(bar.shownTime.getDate())
                  .arg(bar.weekdays[bar.shownTime.getDay()])
            color: Theme.textOnDark
            font.pixelSize: Theme.fontSmall
        }
    }

    BigButton {
        id: help
        objectName: "helpButton"
        text: bar.helpCalled ? qsTr("已呼叫工作人员") : qsTr("人工帮助")
        fill: Theme.help
        pressedFill: Theme.helpPressed
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: band.verticalCenter
        border.width: Theme.px(3)
        border.color: Theme.textOnDark
        // Staff who came acknowledge the call by holding the button for three seconds.
        holdToConfirm: bar.helpCalled ? 3000 : 0
        onClicked: bar.helpRequested()
        onHeld: bar.helpAcknowledged()
    }

    QueueHeldMarker {
        id: heldMarker
        objectName: "queueHeldMarker"
        visible: bar.queueHeld
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: band.bottom
    }

    QueueHeldMarker {
        id: linkMarker
        objectName: "linkDownMarker"
        textObjectName: "linkDownText"
        visible: bar.linkDown && !bar.queueHeld
        message: qsTr("网络中断：需联网的事项暂不能办理，提交的申请先保存在本机，联网后自动提交")
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: band.bottom
    }
}
