// SPDX-License-Identifier: Apache-2.0
// checkScreen: the accessibility check of one rendered screen (issue 15 part 2), on the
// QQuickItem tree and the pixels of the window as drawn offscreen.
//
// What is checked, on items a citizen can see (visible, effective opacity > 0, inside the
// window and inside a scrolling view's viewport, not under an open modal popup):
// - text below the mode's minimum size (the font's pixel size in scene pixels; a text that
//   shrinks to fit counts with the size it shrinks to);
// - touch targets (Quick Controls buttons, MouseArea, items with a TapHandler) below the
//   minimum in either direction, counting only the part inside the window and its clipping
//   ancestors (a key half off the screen is half a key; rows of a scrolling view count whole);
// - contrast of a text's colour against the most frequent other colour of the rendered pixels
//   in its rectangle (WCAG 2.x ratio with sRGB linearisation); as in WCAG 1.4.3, the text of a
//   disabled control has no minimum;
// - text clipped (elided, wider or taller than its box, or leaving a clipping ancestor that is
//   not a scrolling view; a scrolling view with content squeezed narrower or lower than a line
//   of the smallest text) or overlapping another text;
// - controls without an accessible name (QAccessible's Name of the control, or of the nearest
//   ancestor with a control role for a MouseArea or TapHandler);
// - line spacing of multi-line text (line pitch / font size), where the rules ask for it.
//
// Rules per mode come from the MIIT 2021 适老化 numbers (../shared/reference/domain.md §4.1),
// converted for the panel, and never from Theme.qml (that would make the check agree with
// whatever the screens use). The conversion, at the 1080 px short side:
// - 1 dp = 1.2 px. A dp is 1/160 inch (0.159 mm) seen from a phone's ~35 cm. The smallest
//   panel the kiosk ships on is 21.5" 1920x1080 (0.248 mm a pixel) read from ~55 cm: the same
//   visual angle is 0.159 mm x 55/35 = 0.25 mm, one pixel; 1.2 px rounds up for older eyes
//   and the larger 27" and 32" panels (which show the same pixels bigger).
// - Standard: text >= 28 px (the project's floor for anything a citizen must read; MIIT gives
//   no floor for standard pages, its 30 dp is a maximum size to reach), targets
//   >= max(44 dp = 53 px, the project's 96 px touch minimum) = 96 px, contrast >= 4.5:1.
// - Elderly (长辈版): text >= 1.5 x 28 = 42 px (MIIT's 18 dp = 22 px is far below), targets
//   >= max(60 dp = 72 px, the standard's 96 px) = 96 px, contrast >= 7:1 for body text and
//   >= 4.5:1 for large text (WCAG's large text is 1.5x body: >= 63 px, or >= 49 px bold),
//   line spacing >= 1.3 (WenQuanYi Micro Hei's own spacing is 1.19: lineHeight 1.1 reaches it).
// Every pixel figure scales with the window's short side / 1080, as the screens do.
//
// This is a test tool: its table prints the texts it complains about (fixture data only).
#pragma once

#include <QAccessible>
#include <QColor>
#include <QPointer>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

class QQuickItem;
class QQuickWindow;

namespace kiosk::ui {

/// The minimums of one mode. Pixel figures are at the 1080 px short side.
struct ScreenCheckRules {
    QString mode;                ///< "standard" or "elderly", for the table
    double minTextPx = 0;        ///< smallest font pixel size
    double minTargetPx = 0;      ///< smallest touch target side
    double minContrast = 0;      ///< body text
    double minContrastLarge = 0; ///< text of at least largeTextPx (or largeBoldTextPx bold)
    double largeTextPx = 0;      ///< 0: every text is body text
    double largeBoldTextPx = 0;  ///< the same for bold text
    double minLineSpacing = 0;   ///< line pitch / font size of multi-line text; 0: unchecked
    /// objectNames of touch targets deliberately hidden from screen readers (the technicians'
    /// hidden corner): checked for size, not for a name.
    QStringList unnamedAllowed;

    [[nodiscard]] static ScreenCheckRules standard();
    [[nodiscard]] static ScreenCheckRules elderly();
};

enum class FaultKind {
    SmallText,
    SmallTarget,
    LowContrast,
    ClippedText,
    OverlappingText,
    NamelessControl,
    TightLineSpacing,
};

[[nodiscard]] const char* faultKindName(FaultKind kind);

struct ScreenFault {
    FaultKind kind;
    QPointer<QQuickItem> item;
    QString path;     ///< objectNames (or QML types) from the window down
    QString text;     ///< the item's text (first 16 characters), or its accessible name
    double value{};   ///< what was measured (px, ratio)
    double minimum{}; ///< what the rules ask for (scaled to the window)
    QString detail;   ///< e.g. "#767676 on #FFFFFF", "80x60", "elided", "overlaps 'xyz'"
};

/// What the check looked at, for the table.
struct ScreenCheckSummary {
    int texts = 0;
    int targets = 0;
    int controls = 0;
    double smallestTextPx = 0;   ///< 0 when there was no text
    double smallestTargetPx = 0; ///< the shorter side; 0 when there was no target
    double lowestContrast = 0;   ///< 0 when no contrast was measured
};

struct ScreenReport {
    std::vector<ScreenFault> faults;
    ScreenCheckSummary summary;
    [[nodiscard]] int count(FaultKind kind) const;
};

/// Checks what `window` shows now against `rules`; grabs the window once (offscreen works).
[[nodiscard]] ScreenReport checkScreen(QQuickWindow& window, const ScreenCheckRules& rules);

/// The report as a table: a heading with the screen, the mode and the window size, the summary
/// line, then one row per fault (kind, measured, minimum, text, detail, path).
[[nodiscard]] std::string formatScreenReport(const QString& screen, const QQuickWindow& window,
                                             const ScreenCheckRules& rules,
                                             const ScreenReport& report);

/// Roles a citizen operates (buttons, fields, choices, links, list items): each needs a name
/// for the screen reader to say what it does.
[[nodiscard]] bool isControlRole(QAccessible::Role role);

/// WCAG 2.x contrast ratio of two opaque colours, 1 to 21.
[[nodiscard]] double contrastRatio(const QColor& a, const QColor& b);

} // namespace kiosk::ui
