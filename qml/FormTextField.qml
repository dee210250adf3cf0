// SPDX-License-Identifier: Apache-2.0
// FormTextField: one field of a form: its label (必填 marked), a large entry, and what is
// wrong with it right next to it, in words.
import QtQuick
import QtQuick.Controls.Basic

Column {
    id: field

    property string label
    property bool required: false
    /// What is wrong with the value, for the citizen; empty when nothing is.
    property string problem
    property alias text: entry.text
    property alias inputHints: entry.inputMethodHints
    property alias maximumLength: entry.maximumLength
    /// Shown, not edited (what the identity brought).
    property alias readOnly: entry.readOnly
    readonly property alias entry: entry

    /// The value changed (typed on an on-screen keyboard, or otherwise), unless read-only.
    signal edited(string text)
    /// The entry took the focus: the screen attaches its keyboard to it.
    signal focused()

    spacing: Theme.px(8)

    Text {
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        width: parent.width
        text: field.label + (field.required ? qsTr("（必填）") : "")
        color: Theme.text
        font.pixelSize: Theme.fontLarge
        font.bold: true
    }
    TextField {
        id: entry
        objectName: field.objectName + "_entry"
        width: parent.width
        height: Theme.touchMin
        font.pixelSize: Theme.fontLarge
        color: Theme.text
        leftPadding: Theme.px(20)
        background: Rectangle {
            radius: Theme.radius
            color: entry.readOnly ? Theme.surfaceAlt : Theme.surface
            border.width: Theme.px(3)
            border.color: field.problem.length > 0 ? Theme.help
                          : entry.activeFocus ? Theme.primary : Theme.border
        }
        Accessible.role: Accessible.EditableText
        Accessible.name: field.label + (field.required ? qsTr("（必填）") : "")
        Accessible.description: field.problem
        onTextChanged: if (!readOnly) field.edited(text)
        onActiveFocusChanged: if (activeFocus) field.focused()
    }
    Text {
        objectName: field.objectName + "_problem"
        width: parent.width
        visible: text.length > 0
        text: field.problem
        color: Theme.problemText
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        lineHeight: Theme.lineHeight
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }
}
