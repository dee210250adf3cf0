// SPDX-License-Identifier: Apache-2.0
// Theme: the colours and sizes of every screen. Sizes follow the window (Main.qml sets
// windowWidth/windowHeight), so 1080x1920 portrait and 1920x1080 landscape use the same
// scale: one unit is the short side divided by 1080.
pragma Singleton
import QtQuick

QtObject {
    id: theme

    // Set by Main.qml; the defaults are the portrait panel most kiosks have.
    property real windowWidth: 1080
    property real windowHeight: 1920
    /// False stops the animations that run by themselves (the card prompt), for screenshots
    /// that must be the same picture every time (Main's stillFrames).
    property bool animate: true
    /// 长辈版 (Main.qml binds it to the session's choice): text 1.5x, bigger touch targets,
    /// looser lines, fewer choices per screen (the screens ask Theme.elder).
    property bool elder: false
    /// 1.0 is already sized for older eyes; 长辈版 takes half as much again.
    readonly property real textScale: elder ? 1.5 : 1.0
    /// Line height of text that wraps (a factor of the font's own): MIIT asks >= 1.3 in 长辈版.
    readonly property real lineHeight: elder ? 1.35 : 1.0

    readonly property bool landscape: windowWidth > windowHeight
    readonly property real unit: Math.max(0.5, Math.min(windowWidth, windowHeight) / 1080)

    function px(value) { return Math.round(value * unit) }
    function textPx(value) { return Math.round(value * unit * textScale) }

    // Text sizes at the 1080 px short side. Nothing a citizen must read is below fontSmall.
    readonly property int fontSmall: textPx(28)
    readonly property int fontBody: textPx(32)
    readonly property int fontLarge: textPx(36)
    readonly property int fontTitle: textPx(44)
    readonly property int fontHuge: textPx(52)

    // Geometry.
    readonly property int touchMin: px(elder ? 120 : 96) // the smallest thing a finger has to hit
    readonly property int buttonHeight: px(elder ? 136 : 104)
    readonly property int topBarHeight: px(128)
    readonly property int margin: px(32)
    readonly property int gap: px(16)
    readonly property int radius: px(16)
    readonly property int rowHeight: px(elder ? 160 : 120)

    // Colours: dark text on light surfaces, white text only on dark fills (all >= 4.5:1,
    // most >= 7:1 by WCAG).
    readonly property color background: "#EEF2F6"
    readonly property color surface: "#FFFFFF"
    readonly property color surfaceAlt: "#F7F9FB"
    readonly property color border: "#C5CED8"
    readonly property color text: "#1A1A1A"
    readonly property color textSecondary: "#3F4852"
    readonly property color textOnDark: "#FFFFFF"
    readonly property color primary: "#0B3D91"          // government blue: bars, main actions
    readonly property color primaryPressed: "#082B66"
    readonly property color primaryTint: "#DCE7F8"
    readonly property color help: "#B3261E"             // 人工帮助 and 必须
    readonly property color helpPressed: "#8C1D18"
    /// What is wrong with a field, in words: 7:1 on the background in 长辈版.
    readonly property color problemText: elder ? "#8C1D18" : help
    readonly property color notice: "#FFF3CD"           // 需联网 / 到窗口办理 notes
    readonly property color noticeBorder: "#B7791F"
    readonly property color noticeText: "#5C3B00"
    readonly property color selected: "#FFB300"         // the chosen theme's outline
    readonly property color maintenanceBand: "#37474F"  // the technicians' screens: not blue

    // Fills of the theme tiles, all dark enough for white text.
    readonly property var tileColors: elder ? elderTileColors : standardTileColors
    readonly property var standardTileColors: ["#1565C0", "#2E7D32", "#00695C", "#6A1B9A",
                                               "#283593", "#AD1457", "#4E342E", "#00838F"]
    /// The darker shade of each, for 长辈版's 7:1 (its item counts are body-sized words).
    readonly property var elderTileColors: ["#0D47A1", "#1B5E20", "#004D40", "#6A1B9A",
                                            "#283593", "#880E4F", "#4E342E", "#006064"]
    // A delegate being removed (a catalog switched in) sees index -1: still a colour.
    function tileColor(index) { return tileColors[Math.max(0, index) % tileColors.length] }

    // Kind badges: apply / query / print / guide.
    function kindColor(kind) {
        switch (kind) {
        // 长辈版 asks 7:1 for its (body-sized) badge words: the darker shade of each.
        case "apply": return elder ? "#1B5E20" : "#2E7D32"
        case "query": return elder ? "#0D47A1" : "#1565C0"
        case "print": return "#6A1B9A"
        default: return "#5D4037"
        }
    }
}
