// SPDX-License-Identifier: Apache-2.0
// BigButton: a large, plainly labelled touch button (at least Theme.touchMin in both directions).
import QtQuick

Rectangle {
    id: button

    property alias text: label.text
    property alias font: label.font
    property color fill: Theme.primary
    property color pressedFill: Theme.primaryPressed
    property color textColor: Theme.textOnDark
    /// Outlined buttons (secondary actions) have a white fill and a coloured border.
    property bool outlined: false
    readonly property alias pressed: area.pressed
    /// Room between the edge and the label (keys on a full keyboard have little to spare).
    property int padding: Theme.px(24)
    /// The narrowest it asks to be: twice the touch minimum, so a lone button is easy to hit;
    /// a row of buttons that are all wide enough to hit may ask for less.
    property int minimumWidth: Theme.touchMin * 2
    /// Words that may take two lines (a narrow column of long words): the button grows.
    property bool wrap: false
    /// A switch (长辈版, 语音播报): a screen reader says whether it is on.
    property bool checkable: false
    property bool checked: false
    /// Milliseconds a press must be held to emit held() instead of clicked(); 0: no hold.
    property int holdToConfirm: 0

    signal clicked()
    signal held()

    implicitWidth: Math.max(minimumWidth, label.implicitWidth + 2 * padding + Theme.px(16))
    implicitHeight: wrap ? Math.max(Theme.buttonHeight, label.implicitHeight + Theme.px(32))
                         : Theme.buttonHeight
    radius: Theme.radius
    color: outlined ? (area.pressed ? Theme.primaryTint : Theme.surface)
                    : (area.pressed ? pressedFill : fill)
    border.width: outlined ? Theme.px(3) : 0
    border.color: fill

    Accessible.role: Accessible.Button
    Accessible.name: label.text
    Accessible.checkable: checkable
    Accessible.checked: checked
    Accessible.onPressAction: if (button.enabled) button.clicked()

    Text {
        id: label
        anchors.fill: parent
        anchors.leftMargin: button.padding
        anchors.rightMargin: button.padding
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: button.outlined ? button.fill : button.textColor
        font.pixelSize: Theme.fontLarge
        font.bold: true
        elide: Text.ElideRight
        wrapMode: button.wrap ? Text.WordWrap : Text.NoWrap
        maximumLineCount: button.wrap ? 2 : 1
        lineHeight: button.wrap ? Theme.lineHeight : 1
    }

    MouseArea {
        id: area
        anchors.fill: parent
        pressAndHoldInterval: button.holdToConfirm > 0 ? button.holdToConfirm : 800
        onClicked: button.clicked()
        onPressAndHold: mouse => {
            if (button.holdToConfirm > 0)
                button.held() // no click follows
            else
                mouse.accepted = false
        }
    }
}
