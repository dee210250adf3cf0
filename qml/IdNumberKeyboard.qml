// SPDX-License-Identifier: Apache-2.0
// IdNumberKeyboard: the dial pad with X, for the 18 characters of a resident ID number (its
// last may be X; the form checks MOD 11-2). The API is KeyPad's (target, textCommitted,
// backspacePressed, cleared).
import QtQuick

KeyPad {
    id: keyboard

    columns: 3
    Accessible.name: qsTr("身份证号码键盘")
    rows: [
        keyboard.digitKeys("123"),
        keyboard.digitKeys("456"),
        keyboard.digitKeys("789"),
        [{ label: "X", name: qsTr("字母 X"), value: "X", id: "X" }, keyboard.digitKey("0"),
         keyboard.backspaceKey],
        [Object.assign({ span: 3 }, keyboard.clearKey)]
    ]
}
