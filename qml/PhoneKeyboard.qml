// SPDX-License-Identifier: Apache-2.0
// PhoneKeyboard: a telephone's dial pad (1 2 3 at the top, 0 between 清空 and 删除), for
// phone numbers. The API is KeyPad's (target, textCommitted, backspacePressed, cleared).
import QtQuick

KeyPad {
    id: keyboard

    columns: 3
    Accessible.name: qsTr("电话号码键盘")
    rows: [
        keyboard.digitKeys("123"),
        keyboard.digitKeys("456"),
        keyboard.digitKeys("789"),
        [keyboard.clearKey, keyboard.digitKey("0"), keyboard.backspaceKey]
    ]
}
