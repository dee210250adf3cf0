// SPDX-License-Identifier: Apache-2.0
// FieldKeyboard: the keyboard for the field being filled in: pinyin for names and addresses,
// the ID-number pad (digits and X), the phone pad, the date pad. Only the one in use is shown
// and attached; the others keep no target (and the pinyin one drops its letters).
//
// The four keyboards are made after their screen is on show, a little in each idle moment
// between frames (asynchronous Loaders): made with the form, they took about 10 ms of the GUI
// thread's 16 ms budget when a card brings the form up (tests/bench/journey_stall_bench). A
// field tapped before its keyboard is ready has it finished at once: a Loader that stops being
// asynchronous completes its item there and then.
import QtQuick
import Kiosk.Ui

Item {
    id: keyboards

    /// The field being filled in; null hides every keyboard.
    property TextInput target: null
    /// Its type: text | address | idnumber | phone | date.
    property string type

    /// Which keyboard the field needs: pinyin | idnumber | phone | date, or "" for none.
    readonly property string needed: target === null ? ""
                                     : type === "idnumber" || type === "phone" || type === "date"
                                       ? type : "pinyin"
    /// The keyboard on show, once its Loader has made it.
    readonly property Item shown: needed === "pinyin" ? pinyin.item as Item
                                  : needed === "idnumber" ? idNumber.item as Item
                                  : needed === "phone" ? phone.item as Item
                                  : needed === "date" ? date.item as Item
                                  : null
    implicitHeight: shown ? shown.implicitHeight : 0
    // The narrowest width at which every keyboard's keys are at least Theme.touchMin: the
    // pinyin keyboard's ten keys a row (PinyinKeyboard's implicitWidth, made only when needed).
    implicitWidth: 10 * Theme.touchMin + 9 * Theme.px(4)

    // Each keyboard is attached from out here (Binding): a component that reached into this
    // file's scope could not be made by an asynchronous Loader on Qt 6.4.
    Loader {
        id: pinyin
        width: parent.width
        asynchronous: keyboards.needed !== "pinyin"
        sourceComponent: PinyinKeyboard { objectName: "pinyinKeyboard" }
    }
    Binding { target: pinyin.item; property: "visible"; value: keyboards.shown === pinyin.item }
    Binding {
        target: pinyin.item
        property: "target"
        value: keyboards.shown === pinyin.item ? keyboards.target : null
    }
    Loader {
        id: idNumber
        width: parent.width
        asynchronous: keyboards.needed !== "idnumber"
        sourceComponent: IdNumberKeyboard { objectName: "idNumberKeyboard" }
    }
    Binding { target: idNumber.item; property: "visible"; value: keyboards.shown === idNumber.item }
    Binding {
        target: idNumber.item
        property: "target"
        value: keyboards.shown === idNumber.item ? keyboards.target : null
    }
    Loader {
        id: phone
        width: parent.width
        asynchronous: keyboards.needed !== "phone"
        sourceComponent: PhoneKeyboard { objectName: "phoneKeyboard" }
    }
    Binding { target: phone.item; property: "visible"; value: keyboards.shown === phone.item }
    Binding {
        target: phone.item
        property: "target"
        value: keyboards.shown === phone.item ? keyboards.target : null
    }
    Loader {
        id: date
        width: parent.width
        asynchronous: keyboards.needed !== "date"
        sourceComponent: DateKeyboard { objectName: "dateKeyboard" }
    }
    Binding { target: date.item; property: "visible"; value: keyboards.shown === date.item }
    Binding {
        target: date.item
        property: "target"
        value: keyboards.shown === date.item ? keyboards.target : null
    }
}
