// SPDX-License-Identifier: Apache-2.0
// PinyinKeyboard: QWERTY letters and digits in big keys over a candidate bar: the letters
// typed so far (as syllables) and their words, 6 to a page with 上一页/下一页, from
// libgooglepinyin (PinyinInputModel). A tapped word goes into `target`; 选定 (the space bar
// while letters are typed) takes the first word, 删除 removes a letter or else the character
// before the cursor, 清空 empties both. See qml/README.md for the API.
pragma ComponentBehavior: Bound
import QtQuick
import Kiosk.Ui

Item {
    id: keyboard

    /// The field the keyboard edits (TextInput or TextField); null: the screen handles the
    /// signals. A new target drops the letters typed for the old one.
    property TextInput target: null
    /// The letters and candidates (for tests and for a screen that shows them elsewhere).
    readonly property PinyinInputModel input: pinyin
    readonly property bool composing: pinyin.composing

    /// Text went into the field: a chosen word, a digit, "·" or a space.
    signal textCommitted(string text)
    /// 删除 deleted before the cursor (not when it removed a typed letter).
    signal backspacePressed()
    /// 清空 was pressed.
    signal cleared()

    readonly property int keyGap: Theme.px(4)
    // Ten keys a row; whole pixels so they never round past the row. At least Theme.touchMin
    // when the keyboard is 1016 px wide (a portrait screen less its margins).
    readonly property int keyWidth: Math.min(Theme.px(160), Math.floor((width - 9 * keyGap) / 10))
    // 长辈版: seven rows of 120 px keys and words do not fit under the top bar in landscape,
    // nor leave room for both fields of ManualIdentityScreen in portrait (the ID number's was
    // under the keyboard); 100 px keys still clear the 60 dp MIIT minimum (and the checker's
    // 96 px).
    readonly property int keyHeight: Theme.elder ? Theme.px(100) : Theme.touchMin
    readonly property int rowWidth: 10 * keyWidth + 9 * keyGap
    // Candidates: one row of 6 when wide enough (landscape), else two rows of 3; in 长辈版,
    // where two rows of its taller keys leave no room for the fields (ManualIdentityScreen
    // in portrait, anything under the top bar in landscape), one row of 4 a page.
    readonly property bool oneRowOfFour: width < Theme.px(1500) && Theme.elder
    readonly property int candidateColumns: width >= Theme.px(1500) ? 6 : oneRowOfFour ? 4 : 3
    readonly property int wordsPerPage: oneRowOfFour ? 4 : 6
    readonly property bool oneRow: candidateColumns === wordsPerPage
    readonly property int pagerWidth: Theme.px(150)
    // 上一页 and 下一页 side by side after one row of words, stacked beside two.
    readonly property int pagersWidth: oneRow ? 2 * pagerWidth + keyGap : pagerWidth

    // The narrowest it may be: ten keys of Theme.touchMin a row.
    implicitWidth: 10 * Theme.touchMin + 9 * keyGap
    implicitHeight: layout.implicitHeight

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("拼音键盘")

    onTargetChanged: pinyin.clear()
    onVisibleChanged: if (!visible) pinyin.clear()

    /// Drops the letters typed, leaving the field alone (for the end of a session).
    function reset() {
        pinyin.clear()
    }

    function commit(text: string) {
        output.insert(text)
        textCommitted(text)
    }
    /// A digit or a mark ends the word being typed first.
    function type(text: string) {
        pinyin.confirm()
        commit(text)
    }
    function erase() {
        if (pinyin.backspace())
            return
        output.erase()
        backspacePressed()
    }
    function clearAll() {
        pinyin.clear()
        output.clear()
        cleared()
    }
    function space() {
        if (!pinyin.confirm())
            commit(" ")
    }

    PinyinInputModel {
        id: pinyin
        pageSize: keyboard.wordsPerPage
        onCommitted: text => keyboard.commit(text)
    }

    /// A letter key (types into the pinyin) or a digit key (types into the field).
    component CharacterKey: KeyboardKey {
        required property string modelData
        property bool digit: false
        objectName: "key_" + modelData
        width: keyboard.keyWidth
        height: keyboard.keyHeight
        text: modelData
        accessibleName: (digit ? qsTr("数字 %1") : qsTr("字母 %1")).arg(modelData)
        font.pixelSize: Theme.fontTitle
        outlined: true
        enabled: digit || !pinyin.full
        onClicked: digit ? keyboard.type(modelData) : pinyin.type(modelData)
    }

    KeyboardOutput {
        id: output
        target: keyboard.target
    }

    Column {
        id: layout
        anchors.horizontalCenter: parent.horizontalCenter
        width: keyboard.rowWidth
        spacing: Theme.px(8)

        Rectangle {
            id: candidateBar
            width: parent.width
            height: barLayout.implicitHeight + 2 * Theme.px(8)
            radius: Theme.radius
            color: Theme.surfaceAlt
            border.width: Theme.px(2)
            border.color: Theme.border

            Column {
                id: barLayout
                anchors.fill: parent
                anchors.margins: Theme.px(8)
                spacing: Theme.px(8)

                Text {
                    objectName: "pinyinLetters"
                    width: parent.width
                    text: pinyin.composing ? pinyin.syllables : qsTr("请输入拼音，再点选汉字")
                    color: pinyin.composing ? Theme.text : Theme.textSecondary
                    font.pixelSize: Theme.fontBody
                    font.bold: pinyin.composing
                    elide: Text.ElideLeft
                    Accessible.role: Accessible.StaticText
                    Accessible.name: pinyin.composing ? qsTr("已输入拼音 %1").arg(pinyin.syllables) : text
                }

                Row {
                    spacing: keyboard.keyGap

                    Grid {
                        id: candidateGrid
                        columns: keyboard.candidateColumns
                        spacing: keyboard.keyGap
                        readonly property int cellWidth: Math.floor(
                            (barLayout.width - keyboard.pagersWidth - keyboard.keyGap
                             - (columns - 1) * keyboard.keyGap) / columns)
                        // Keeps its height while there are fewer words.
                        readonly property int rows: Math.ceil(keyboard.wordsPerPage / columns)
                        height: rows * keyboard.keyHeight + (rows - 1) * keyboard.keyGap

                        Repeater {
                            model: keyboard.wordsPerPage

                            KeyboardKey {
                                required property int index
                                readonly property string word: index < pinyin.candidates.length
                                                               ? pinyin.candidates[index] : ""
                                objectName: "candidate_" + index
                                visible: word !== ""
                                // Qt 6.4 lists invisible items to a screen reader too.
                                Accessible.ignored: word === ""
                                width: candidateGrid.cellWidth
                                height: keyboard.keyHeight
                                text: word
                                accessibleName: qsTr("候选词 %1").arg(word)
                                font.pixelSize: Theme.fontTitle
                                outlined: index > 0 || pinyin.page > 0
                                onClicked: pinyin.choose(index)
                            }
                        }
                    }

                    // 上一页 / 下一页: beside each other after one row of words, else stacked.
                    Grid {
                        columns: keyboard.oneRow ? 2 : 1
                        spacing: keyboard.keyGap
                        KeyboardKey {
                            objectName: "key_previousPage"
                            width: keyboard.pagerWidth
                            height: keyboard.keyHeight
                            text: qsTr("上一页")
                            accessibleName: qsTr("上一页候选词")
                            fill: Theme.textSecondary
                            font.pixelSize: Theme.fontSmall
                            enabled: pinyin.hasPreviousPage
                            onClicked: pinyin.previousPage()
                        }
                        KeyboardKey {
                            objectName: "key_nextPage"
                            width: keyboard.pagerWidth
                            height: keyboard.keyHeight
                            text: qsTr("下一页")
                            accessibleName: qsTr("下一页候选词")
                            fill: Theme.textSecondary
                            font.pixelSize: Theme.fontSmall
                            enabled: pinyin.hasNextPage
                            onClicked: pinyin.nextPage()
                        }
                    }
                }
            }
        }

        // Digits, then the letter rows of QWERTY; 删除 ends the last.
        Repeater {
            model: ["1234567890", "QWERTYUIOP", "ASDFGHJKL"]

            Row {
                id: letterRow
                required property string modelData
                required property int index
                anchors.horizontalCenter: parent.horizontalCenter
                spacing: keyboard.keyGap

                Repeater {
                    model: letterRow.modelData.split("")
                    CharacterKey {
                        digit: letterRow.index === 0
                    }
                }
            }
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: keyboard.keyGap

            Repeater {
                model: "ZXCVBNM".split("")
                CharacterKey {}
            }
            KeyboardKey {
                objectName: "key_backspace"
                width: 2 * keyboard.keyWidth + keyboard.keyGap
                height: keyboard.keyHeight
                text: qsTr("删除")
                onClicked: keyboard.erase()
            }
        }

        Row {
            spacing: keyboard.keyGap

            KeyboardKey {
                objectName: "key_clear"
                width: 2 * keyboard.keyWidth + keyboard.keyGap
                height: keyboard.keyHeight
                text: qsTr("清空")
                fill: Theme.textSecondary
                onClicked: keyboard.clearAll()
            }
            KeyboardKey {
                objectName: "key_middleDot"
                width: keyboard.keyWidth
                height: keyboard.keyHeight
                text: "·"
                accessibleName: qsTr("间隔号")
                font.pixelSize: Theme.fontTitle
                outlined: true
                onClicked: keyboard.type("·")
            }
            KeyboardKey {
                objectName: "key_space"
                width: 7 * keyboard.keyWidth + 6 * keyboard.keyGap
                height: keyboard.keyHeight
                text: pinyin.composing ? qsTr("选定") : qsTr("空格")
                accessibleName: !pinyin.composing ? qsTr("空格")
                                : pinyin.candidateCount > 0 ? qsTr("选定 %1").arg(pinyin.firstCandidate)
                                : qsTr("选定 %1").arg(pinyin.letters)
                onClicked: keyboard.space()
            }
        }
    }
}
