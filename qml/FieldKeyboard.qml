// SPDX-License-Identifier: Apache-2.0
// FieldKeyboard: the keyboard for the field being filled in: pinyin for names and addresses,
// the ID-number pad (digits and X), the phone pad, the date pad. Only the one in use is shown
// and attached; the others keep no target (and the pinyin one drops its letters).
import QtQuick
import Kiosk.Ui

Item {
    id: keyboards

    /// The field being filled in; null hides every keyboard.
    property TextInput target: null
    /// Its type: text | address | idnumber | phone | date.
    property string type

    readonly property Item shown: target === null ? null
                                  : type === "idnumber" ? idNumber
                                  : type === "phone" ? phone
                                  : type === "date" ? date
                                  : pinyin
    implicitHeight: shown ? shown.implicitHeight : 0

    PinyinKeyboard {
        id: pinyin
        objectName: "pinyinKeyboard"
        width: parent.width
        visible: keyboards.shown === pinyin
        target: visible ? keyboards.target : null
    }
    IdNumberKeyboard {
        id: idNumber
        objectName: "idNumberKeyboard"
        width: parent.width
        visible: keyboards.shown === idNumber
        target: visible ? keyboards.target : null
    }
    PhoneKeyboard {
        id: phone
        objectName: "phoneKeyboard"
        width: parent.width
        visible: keyboards.shown === phone
        target: visible ? keyboards.target : null
    }
    DateKeyboard {
        id: date
        objectName: "dateKeyboard"
        width: parent.width
        visible: keyboards.shown === date
        target: visible ? keyboards.target : null
    }
}
