// SPDX-License-Identifier: Apache-2.0
// KeyboardOutput: what the on-screen keyboards do to their target field: insert at the
// cursor (replacing a selection), delete the character before the cursor, clear. Shared by
// PinyinKeyboard and KeyPad; without a target it does nothing (the keyboard's signals
// still tell the screen what was pressed).
import QtQuick

QtObject {
    /// A TextInput or a TextField (which is one); null when the screen edits by signals.
    property TextInput target: null

    function insert(text: string) {
        if (!target)
            return
        if (target.selectedText.length > 0)
            target.remove(target.selectionStart, target.selectionEnd)
        target.insert(target.cursorPosition, text)
    }

    function erase() {
        if (!target)
            return
        if (target.selectedText.length > 0) {
            target.remove(target.selectionStart, target.selectionEnd)
            return
        }
        const end = target.cursorPosition
        if (end <= 0)
            return
        // A character beyond the BMP (a rare hanzi of a name) is two UTF-16 units.
        const unit = target.text.charCodeAt(end - 1)
        const start = unit >= 0xDC00 && unit < 0xE000 && end >= 2 ? end - 2 : end - 1
        target.remove(start, end)
    }

    function clear() {
        if (target)
            target.clear()
    }
}
