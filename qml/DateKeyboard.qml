// SPDX-License-Identifier: Apache-2.0
// DateKeyboard: the dial pad with a dash, for dates as the form wants them (2026-01-31).
// The API is KeyPad's (target, textCommitted, backspacePressed, cleared).
import QtQuick

KeyPad {
    id: keyboard

    columns: 3
    Accessible.name: qsTr("日期键盘")
    rows: [
        keyboard.digitKeys("123"),
        keyboard.digitKeys("456"),
        keyboard.digitKeys("789"),
        [{ label: "-", name: qsTr("短横线"), value: "-", id: "dash" }, keyboard.digitKey("0"),
         keyboard.backspaceKey],
        [Object.assign({ span: 3 }, keyboard.clearKey)]
    ]
}
