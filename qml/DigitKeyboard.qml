// SPDX-License-Identifier: Apache-2.0
// DigitKeyboard: 0-9 in two rows of big keys, with 删除 and 清空: for numbers, amounts and
// codes. The API is KeyPad's (target, textCommitted, backspacePressed, cleared).
import QtQuick

KeyPad {
    id: keyboard

    columns: 6
    Accessible.name: qsTr("数字键盘")
    rows: [
        keyboard.digitKeys("123456"),
        keyboard.digitKeys("7890").concat([keyboard.backspaceKey, keyboard.clearKey])
    ]
}
