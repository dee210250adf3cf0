// SPDX-License-Identifier: Apache-2.0
// The on-screen keyboards: keys tapped with the mouse or pressed through their accessible
// press action put text into the target field (pinyin through libgooglepinyin's candidates),
// 删除 and 清空 edit it, and every key is a named accessible button at least Theme.touchMin.
import QtQuick
import QtQuick.Controls.Basic
import QtTest
import Kiosk.Ui

Item {
    id: root
    width: 1080
    height: 1920

    TextInput {
        id: field
        width: 1016
        height: 100
        font.pixelSize: 40
    }

    TextField {
        id: textField
        y: 100
        width: 1016
        height: 96
    }

    Component {
        id: pinyinComponent
        PinyinKeyboard {
            y: 200
            width: 1016
        }
    }
    Component {
        id: implicitPinyinComponent
        PinyinKeyboard {}
    }
    Component {
        id: digitComponent
        DigitKeyboard {
            y: 200
            width: 1016
        }
    }
    Component {
        id: idNumberComponent
        IdNumberKeyboard {
            y: 200
            width: 1016
        }
    }
    Component {
        id: phoneComponent
        PhoneKeyboard {
            y: 200
            width: 1016
        }
    }

    RegularExpressionValidator {
        id: digitsOnly
        regularExpression: /[0-9]*/
    }

    SignalSpy {
        id: committedSpy
        signalName: "textCommitted"
    }
    SignalSpy {
        id: backspaceSpy
        signalName: "backspacePressed"
    }

    TestCase {
        name: "Keyboards"
        when: windowShown

        function init() {
            field.clear()
            field.forceActiveFocus()
            committedSpy.clear()
            backspaceSpy.clear()
        }

        function create(component, properties) {
            const keyboard = createTemporaryObject(component, root,
                                                   properties ?? { target: field })
            verify(keyboard)
            waitForRendering(keyboard)
            committedSpy.target = keyboard
            backspaceSpy.target = keyboard
            return keyboard
        }

        function key(keyboard, name) {
            const found = findChild(keyboard, name)
            verify(found, name)
            return found
        }

        /// Taps as a citizen does: on what is shown (candidate keys move as words change).
        function tap(keyboard, names) {
            for (const name of names) {
                if (name.startsWith("candidate_"))
                    waitForRendering(keyboard)
                mouseClick(key(keyboard, name))
            }
        }

        /// Through the screen reader's way: the key's accessible press action.
        function press(keyboard, names) {
            for (const name of names)
                key(keyboard, name).Accessible.pressAction()
        }

        function letters(text) {
            return text.toUpperCase().split("").map(letter => "key_" + letter)
        }

        /// Every visible KeyboardKey under `item`.
        function keysOf(item) {
            let keys = []
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (!child.visible)
                    continue
                if (child.accessibleName !== undefined)
                    keys.push(child)
                keys = keys.concat(keysOf(child))
            }
            return keys
        }

        function candidateIndex(keyboard, word) {
            for (let i = 0; i < 6; ++i)
                if (key(keyboard, "candidate_" + i).text === word)
                    return i
            return -1
        }

        function test_pinyin_tapped_letters_offer_words_and_a_tapped_word_goes_into_the_field() {
            const keyboard = create(pinyinComponent)
            tap(keyboard, letters("shehui"))
            compare(key(keyboard, "pinyinLetters").text, "she hui")
            compare(key(keyboard, "candidate_0").text, "社会")
            compare(key(keyboard, "candidate_0").Accessible.name, "候选词 社会")
            compare(field.text, "")
            tap(keyboard, ["candidate_0"])
            compare(field.text, "社会")
            compare(committedSpy.count, 1)
            compare(committedSpy.signalArguments[0][0], "社会")
            verify(!keyboard.composing)
            verify(!key(keyboard, "candidate_0").visible)
            verify(field.activeFocus, "the keys never take the focus from the field")
        }

        function test_pinyin_by_accessible_press_actions() {
            const keyboard = create(pinyinComponent)
            press(keyboard, letters("shebao"))
            compare(key(keyboard, "key_space").Accessible.name, "选定 社保")
            press(keyboard, ["key_space"])
            compare(field.text, "社保")
            press(keyboard, ["key_space"])
            compare(field.text, "社保 ", "the space bar types a space when no letters are typed")
        }

        function test_pinyin_a_partial_choice_leaves_the_rest_and_pages_turn() {
            const keyboard = create(pinyinComponent)
            tap(keyboard, letters("shehuibaoxian"))
            const index = candidateIndex(keyboard, "社会")
            verify(index >= 0)
            tap(keyboard, ["candidate_" + index])
            compare(field.text, "社会")
            compare(keyboard.input.letters, "baoxian")
            compare(key(keyboard, "candidate_0").text, "保险")
            verify(!key(keyboard, "key_previousPage").enabled)
            const firstWord = String(keyboard.input.candidates[0])
            tap(keyboard, ["key_nextPage"])
            compare(keyboard.input.page, 1)
            verify(key(keyboard, "candidate_0").text !== firstWord)
            press(keyboard, ["key_previousPage"])
            compare(keyboard.input.page, 0)
            tap(keyboard, ["candidate_0"])
            compare(field.text, "社会保险")
        }

        function test_pinyin_a_disabled_key_ignores_its_press_action() {
            const keyboard = create(pinyinComponent)
            tap(keyboard, letters("ma"))
            verify(!key(keyboard, "key_previousPage").enabled)
            press(keyboard, ["key_previousPage"])
            compare(keyboard.input.page, 0)
        }

        function test_pinyin_backspace_removes_letters_then_characters_of_the_field() {
            const keyboard = create(pinyinComponent)
            field.text = "张三"
            field.cursorPosition = 2
            tap(keyboard, letters("li"))
            tap(keyboard, ["key_backspace"])
            compare(keyboard.input.letters, "l")
            tap(keyboard, ["key_backspace"])
            verify(!keyboard.composing)
            compare(field.text, "张三")
            compare(backspaceSpy.count, 0)
            press(keyboard, ["key_backspace"])
            compare(field.text, "张")
            compare(backspaceSpy.count, 1)
        }

        function test_pinyin_clear_empties_letters_and_field() {
            const keyboard = create(pinyinComponent)
            field.text = "张三"
            tap(keyboard, letters("li"))
            tap(keyboard, ["key_clear"])
            verify(!keyboard.composing)
            compare(field.text, "")
        }

        function test_pinyin_a_digit_or_middle_dot_ends_the_word_first() {
            const keyboard = create(pinyinComponent)
            tap(keyboard, letters("maimaiti"))
            const first = keyboard.input.candidates[0]
            compare(first.length, 3)
            tap(keyboard, ["key_middleDot"])
            compare(field.text, first + "·")
            tap(keyboard, ["key_3"])
            compare(field.text, first + "·3")
            compare(key(keyboard, "key_middleDot").Accessible.name, "间隔号")
            compare(key(keyboard, "key_3").Accessible.name, "数字 3")
        }

        function test_pinyin_a_new_target_drops_the_letters() {
            const keyboard = create(pinyinComponent)
            tap(keyboard, letters("zhang"))
            keyboard.target = null
            verify(!keyboard.composing)
        }

        function test_pinyin_reset_drops_the_letters_and_leaves_the_field() {
            const keyboard = create(pinyinComponent)
            field.text = "张"
            tap(keyboard, letters("san"))
            keyboard.reset()
            verify(!keyboard.composing)
            compare(keyboard.input.syllables, "")
            compare(key(keyboard, "pinyinLetters").text, "请输入拼音，再点选汉字")
            compare(field.text, "张")
        }

        function test_pinyin_letters_stop_at_sixteen() {
            const keyboard = create(pinyinComponent)
            tap(keyboard, letters("shehuibaoxianshe"))
            verify(!key(keyboard, "key_A").enabled)
            tap(keyboard, ["key_A"])
            compare(keyboard.input.letters, "shehuibaoxianshe")
        }

        function test_digits_by_taps_and_press_actions() {
            const keyboard = create(digitComponent)
            tap(keyboard, ["key_1", "key_2", "key_3", "key_backspace"])
            press(keyboard, ["key_0", "key_9"])
            compare(field.text, "1209")
            compare(committedSpy.count, 5)
            compare(backspaceSpy.count, 1)
            press(keyboard, ["key_clear"])
            compare(field.text, "")
        }

        function test_id_number_with_x() {
            const keyboard = create(idNumberComponent)
            const id = "11010519491231002X"
            press(keyboard, id.split("").map(c => "key_" + c))
            compare(field.text, id)
            compare(key(keyboard, "key_X").Accessible.name, "字母 X")
            tap(keyboard, ["key_backspace"])
            compare(field.text, id.slice(0, 17))
            tap(keyboard, ["key_clear"])
            compare(field.text, "")
        }

        function test_phone_dial_pad() {
            const keyboard = create(phoneComponent)
            const phone = "13800138000"
            tap(keyboard, phone.split("").map(c => "key_" + c))
            compare(field.text, phone)
            // The dial pad's order: 1 2 3 on top, 0 below 8.
            verify(key(keyboard, "key_1").mapToItem(keyboard, 0, 0).y
                   < key(keyboard, "key_4").mapToItem(keyboard, 0, 0).y)
            compare(key(keyboard, "key_0").mapToItem(keyboard, 0, 0).x,
                    key(keyboard, "key_8").mapToItem(keyboard, 0, 0).x)
        }

        function test_without_a_target_the_signals_tell_what_was_pressed() {
            const keyboard = create(phoneComponent, {})
            tap(keyboard, ["key_5", "key_backspace"])
            compare(committedSpy.count, 1)
            compare(committedSpy.signalArguments[0][0], "5")
            compare(backspaceSpy.count, 1)
            compare(field.text, "")
        }

        function test_a_text_field_is_a_target_too() {
            const keyboard = create(pinyinComponent, { target: textField })
            textField.forceActiveFocus()
            tap(keyboard, letters("yibao"))
            tap(keyboard, ["candidate_0"])
            compare(textField.text, "医保")
            tap(keyboard, ["key_backspace"])
            compare(textField.text, "医")
            verify(textField.activeFocus)
            textField.clear()
        }

        function test_the_pinyin_keyboard_at_its_implicit_width_has_full_size_keys() {
            const keyboard = createTemporaryObject(implicitPinyinComponent, root)
            verify(keyboard.width <= 1016, keyboard.width)
            compare(key(keyboard, "key_Q").width, Theme.touchMin)
        }

        function test_the_field_limits_hold() {
            const keyboard = create(phoneComponent)
            field.maximumLength = 3
            field.validator = digitsOnly
            tap(keyboard, ["key_1", "key_2", "key_3", "key_4"])
            compare(field.text, "123", "maximumLength")
            field.maximumLength = 32767
            const letters = create(idNumberComponent)
            tap(letters, ["key_X"])
            compare(field.text, "123", "the validator refuses X")
            field.validator = null
        }

        function test_typing_replaces_a_selection_and_inserts_at_the_cursor() {
            const keyboard = create(digitComponent)
            field.text = "1234"
            field.cursorPosition = 2
            tap(keyboard, ["key_9"])
            compare(field.text, "12934")
            field.select(0, 2)
            tap(keyboard, ["key_0"])
            compare(field.text, "0934")
        }

        function test_every_key_is_a_named_accessible_button_big_enough_data() {
            return [
                { tag: "pinyin", component: pinyinComponent, name: "拼音键盘" },
                { tag: "digits", component: digitComponent, name: "数字键盘" },
                { tag: "id number", component: idNumberComponent, name: "身份证号码键盘" },
                { tag: "phone", component: phoneComponent, name: "电话号码键盘" }
            ]
        }

        function test_every_key_is_a_named_accessible_button_big_enough(data) {
            const keyboard = create(data.component)
            compare(keyboard.Accessible.name, data.name)
            if (data.tag === "pinyin")
                tap(keyboard, letters("shebao")) // shows the candidate keys
            const keys = keysOf(keyboard)
            verify(keys.length >= (data.tag === "pinyin" ? 47 : 12), keys.length)
            for (const k of keys) {
                compare(k.Accessible.role, Accessible.Button, k.objectName)
                verify(k.Accessible.name.trim().length > 0, k.objectName + " has a name")
                verify(/[\u4e00-\u9fff]/.test(k.Accessible.name),
                       k.objectName + " is named in Chinese: " + k.Accessible.name)
                verify(k.width >= Theme.touchMin && k.height >= Theme.touchMin,
                       k.objectName + " is " + k.width + "x" + k.height)
            }
        }
    }
}
