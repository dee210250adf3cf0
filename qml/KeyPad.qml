// SPDX-License-Identifier: Apache-2.0
// KeyPad: a keyboard of big keys in rows, each key typing its text into `target` or
// deleting (删除) or clearing (清空) it. DigitKeyboard, IdNumberKeyboard and PhoneKeyboard
// are KeyPads with their own rows; see qml/README.md for the keyboards' API.
pragma ComponentBehavior: Bound
import QtQuick

Item {
    id: pad

    /// The field the keys edit (TextInput or TextField); null: the screen handles the signals.
    property TextInput target: null
    /// Rows of keys, each key {label, name (accessible, Chinese), value (typed text) or
    /// action ("backspace" | "clear"), id (objectName "key_" + id), span (units, default 1)}.
    property var rows: []
    /// Key units in a row.
    property int columns: 3
    property int keyHeight: Theme.px(112)
    readonly property int keyGap: Theme.gap
    // Whole pixels, so a row of keys and gaps never rounds past the row.
    readonly property int unitWidth: Math.floor((width - (columns - 1) * keyGap) / columns)

    /// A key typed `text` (also when it went into `target`).
    signal textCommitted(string text)
    /// 删除 was pressed.
    signal backspacePressed()
    /// 清空 was pressed.
    signal cleared()

    implicitWidth: columns * Theme.px(200) + (columns - 1) * keyGap
    implicitHeight: keyRows.implicitHeight

    Accessible.role: Accessible.Grouping

    // Key descriptions for the rows.
    readonly property var backspaceKey: ({ label: qsTr("删除"), name: qsTr("删除"), action: "backspace",
                                           id: "backspace" })
    readonly property var clearKey: ({ label: qsTr("清空"), name: qsTr("清空"), action: "clear", id: "clear" })
    function digitKey(digit: string): var {
        return { label: digit, name: qsTr("数字 %1").arg(digit), value: digit, id: digit }
    }
    function digitKeys(digits: string): var {
        return digits.split("").map(digit => digitKey(digit))
    }

    function press(key: var) {
        if (key.action === "backspace") {
            output.erase()
            backspacePressed()
        } else if (key.action === "clear") {
            output.clear()
            cleared()
        } else {
            output.insert(key.value)
            textCommitted(key.value)
        }
    }

    KeyboardOutput {
        id: output
        target: pad.target
    }

    Column {
        id: keyRows
        width: parent.width
        spacing: pad.keyGap

        Repeater {
            model: pad.rows

            Row {
                id: row
                required property var modelData
                spacing: pad.keyGap

                Repeater {
                    model: row.modelData

                    KeyboardKey {
                        required property var modelData
                        readonly property int span: modelData.span ?? 1
                        objectName: "key_" + (modelData.id ?? modelData.label)
                        width: span * pad.unitWidth + (span - 1) * pad.keyGap
                        height: pad.keyHeight
                        text: modelData.label
                        accessibleName: modelData.name
                        outlined: modelData.action === undefined
                        fill: modelData.action === "clear" ? Theme.textSecondary : Theme.primary
                        font.pixelSize: modelData.action === undefined ? Theme.fontHuge
                                                                       : Theme.fontLarge
                        onClicked: pad.press(modelData)
                    }
                }
            }
        }
    }
}
