// SPDX-License-Identifier: Apache-2.0
// LetterKeyboard: big A-Z keys in alphabetical order (easier to find than QWERTY for people
// who rarely type) plus 退格 and 清空, for typing pinyin or initials: 4 rows of 7 equal keys;
// in 长辈版, where the words are larger, 退格 and 清空 take two keys' room (5 rows of 6, or 3 of
// 10 in landscape), so their words fit in every language.
// Emits what was pressed; the search screen keeps the text.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts

Item {
    id: keyboard

    /// The letters typed so far (the caller binds it to its text).
    property string text: ""
    /// 长辈版's taller keys need the width in landscape: 3 rows of 10 there.
    readonly property int columns: !Theme.elder ? 7 : width > Theme.px(1400) ? 10 : 6
    /// The room of 退格 and 清空, in keys: 26 letters and these fill the last row exactly.
    readonly property int wordKeySpan: Theme.elder ? 2 : 1
    readonly property int wordKeyWidth: wordKeySpan * keyWidth + (wordKeySpan - 1) * Theme.gap
    // Whole pixels, so 7 keys and 6 gaps never round past the row and wrap early.
    readonly property int keyWidth: Math.floor((width - (columns - 1) * Theme.gap) / columns)

    signal letter(string value)
    signal backspace()
    signal clear()

    implicitHeight: keys.implicitHeight

    Flow {
        id: keys
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.gap

        Repeater {
            model: "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("")
            BigButton {
                required property string modelData
                objectName: "key_" + modelData
                width: keyboard.keyWidth
                height: Theme.touchMin
                text: modelData
                font.pixelSize: Theme.fontTitle
                outlined: true
                onClicked: keyboard.letter(modelData.toLowerCase())
            }
        }
        BigButton {
            objectName: "key_backspace"
            width: keyboard.wordKeyWidth
            height: Theme.touchMin
            text: qsTr("退格")
            padding: Theme.px(8)
            onClicked: keyboard.backspace()
        }
        BigButton {
            objectName: "key_clear"
            width: keyboard.wordKeyWidth
            height: Theme.touchMin
            text: qsTr("清空")
            padding: Theme.px(8)
            fill: Theme.textSecondary
            onClicked: keyboard.clear()
        }
    }
}
