// SPDX-License-Identifier: Apache-2.0
// AccessBar: how the citizen wants to be served, one tap from every screen, under the top bar:
// 长辈版 (larger text, fewer choices, more time), 语音播报 on or off, 重听 (the screen's summary
// spoken again) and the language. What is chosen lasts for this citizen's session only
// (core::ServingPreferences); Main forwards the taps to the session.
import QtQuick

Rectangle {
    id: bar

    property bool elder: false
    property bool voiceOn: false
    /// zh_CN | en_US
    property string language: "zh_CN"
    /// Inside the top bar's blue band (landscape): no strip of its own.
    property bool inBand: false

    signal elderToggled()
    signal voiceToggled()
    signal repeatRequested()
    signal languageToggled()

    implicitHeight: Theme.touchMin + 2 * Theme.gap
    color: inBand ? "transparent" : Theme.surfaceAlt

    Accessible.role: Accessible.ToolBar
    Accessible.name: qsTr("服务方式")

    Rectangle {
        visible: !bar.inBand
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Theme.px(2)
        color: Theme.border
    }

    Row {
        id: buttons
        anchors.fill: parent
        anchors.leftMargin: bar.inBand ? 0 : Theme.margin
        anchors.rightMargin: bar.inBand ? 0 : Theme.margin
        anchors.topMargin: bar.inBand ? (parent.height - Theme.touchMin) / 2 : Theme.gap
        anchors.bottomMargin: anchors.topMargin
        spacing: Theme.gap
        readonly property real buttonWidth: (width - 3 * spacing) / 4
        // Equal quarters while every word fits; otherwise (English in 长辈版) each button gets
        // its share of the row by the width of its word, so none is cut short.
        readonly property real wordsWidth: elderModeButton.implicitWidth + voiceButton.implicitWidth
                                           + repeatButton.implicitWidth + languageButton.implicitWidth
        readonly property bool allFit: Math.max(elderModeButton.implicitWidth, voiceButton.implicitWidth,
                                                repeatButton.implicitWidth, languageButton.implicitWidth)
                                       <= buttonWidth
        // In the band (landscape) their words have little room, English ones in 长辈版 the
        // least: there each may be as narrow as the touch minimum, with less padding.
        readonly property int minimumButtonWidth: bar.inBand ? Theme.touchMin : Theme.touchMin * 2
        readonly property int buttonPadding: bar.inBand ? Theme.px(12) : Theme.px(24)
        function widthOf(button: Item): real {
            return allFit ? buttonWidth : (width - 3 * spacing) * button.implicitWidth / wordsWidth
        }

        BigButton {
            id: elderModeButton
            objectName: "elderModeButton"
            width: buttons.widthOf(elderModeButton)
            height: parent.height
            // Says what a tap gives: the other mode.
            text: bar.elder ? qsTr("标准版") : qsTr("长辈版")
            checkable: true
            checked: bar.elder
            outlined: !bar.elder
            // Switched on inside the blue band: a white ring tells it from the band.
            border.width: bar.inBand || outlined ? Theme.px(3) : 0
            border.color: outlined ? fill : Theme.textOnDark
            fill: bar.inBand && !outlined ? Theme.primaryPressed : Theme.primary
            font.pixelSize: bar.inBand && Theme.elder ? Theme.fontSmall : Theme.fontBody
            minimumWidth: buttons.minimumButtonWidth
            padding: buttons.buttonPadding
            onClicked: bar.elderToggled()
        }
        BigButton {
            id: voiceButton
            objectName: "voiceButton"
            width: buttons.widthOf(voiceButton)
            height: parent.height
            text: bar.voiceOn ? qsTr("语音：开") : qsTr("语音：关")
            checkable: true
            checked: bar.voiceOn
            outlined: !bar.voiceOn
            border.width: bar.inBand || outlined ? Theme.px(3) : 0
            border.color: outlined ? fill : Theme.textOnDark
            fill: bar.inBand && !outlined ? Theme.primaryPressed : Theme.primary
            font.pixelSize: bar.inBand && Theme.elder ? Theme.fontSmall : Theme.fontBody
            minimumWidth: buttons.minimumButtonWidth
            padding: buttons.buttonPadding
            onClicked: bar.voiceToggled()
        }
        BigButton {
            id: repeatButton
            objectName: "repeatButton"
            width: buttons.widthOf(repeatButton)
            height: parent.height
            text: qsTr("重听")
            outlined: true
            font.pixelSize: bar.inBand && Theme.elder ? Theme.fontSmall : Theme.fontBody
            minimumWidth: buttons.minimumButtonWidth
            padding: buttons.buttonPadding
            onClicked: bar.repeatRequested()
        }
        BigButton {
            id: languageButton
            objectName: "languageButton"
            width: buttons.widthOf(languageButton)
            height: parent.height
            // The other language, named in itself, so a reader of it finds it.
            text: bar.language === "en_US" ? "中文" : "English"
            outlined: true
            font.pixelSize: bar.inBand && Theme.elder ? Theme.fontSmall : Theme.fontBody
            minimumWidth: buttons.minimumButtonWidth
            padding: buttons.buttonPadding
            onClicked: bar.languageToggled()
        }
    }
}
