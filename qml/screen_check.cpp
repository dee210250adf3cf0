// SPDX-License-Identifier: Apache-2.0
#include "qml/screen_check.h"

#include <QAccessible>
#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>

#include <algorithm>
#include <cmath>
#include <set>

namespace kiosk::ui {

namespace {

constexpr double referenceShortSide = 1080;
constexpr double pxPerDp = 1.2; // see the header: 21.5" 1080p panel read from ~55 cm
constexpr double standardTextPx = 28;
constexpr double projectTouchMinPx = 96;

// Qt's enum values, read through properties (no private headers).
constexpr int alignRight = 0x2, alignHCenter = 0x4;
constexpr int alignBottom = 0x40, alignVCenter = 0x80;
constexpr int textElideNone = 3;

/// An item the citizen can see, with what limits it on the screen.
struct Seen {
    QQuickItem* item;
    double opacity;  ///< effective
    QRectF viewport; ///< scene area it can be seen in (window, scrolling views)
    QRectF hardClip; ///< a clipping ancestor that is not a scrolling view (else the window)
};

bool isText(const QQuickItem* item)
{
    return item->inherits("QQuickText") || item->inherits("QQuickTextInput") ||
           item->inherits("QQuickTextEdit");
}

bool hasEnabledTapHandler(const QQuickItem* item)
{
    for (const QObject* child : item->children())
        if (child->inherits("QQuickTapHandler") && child->property("enabled").toBool())
            return true;
    return false;
}

bool isTouchTarget(const QQuickItem* item)
{
    if (!item->isEnabled())
        return false;
    return item->inherits("QQuickAbstractButton") || item->inherits("QQuickMouseArea") ||
           item->inherits("QQuickTextField") || hasEnabledTapHandler(item);
}

QAccessibleInterface* accessible(QQuickItem* item)
{
    return QAccessible::queryAccessibleInterface(item);
}

/// Quick Controls set their role and name only once QAccessible is active, which a platform
/// without an accessibility bridge (offscreen) never is: these are the roles they would take.
bool isControlType(const QQuickItem* item)
{
    return item->inherits("QQuickAbstractButton") || item->inherits("QQuickTextField") ||
           item->inherits("QQuickComboBox") || item->inherits("QQuickSlider") ||
           item->inherits("QQuickSpinBox");
}

bool isControl(QQuickItem* item)
{
    auto* iface = accessible(item);
    return (iface != nullptr && isControlRole(iface->role())) || isControlType(item);
}

/// The name a screen reader says: the Accessible.name, or a control's own text (a Button's
/// text, a TextField's placeholder) as Qt gives it when accessibility is active.
QString accessibleName(QQuickItem* item)
{
    auto* iface = accessible(item);
    QString name = iface != nullptr ? iface->text(QAccessible::Name).trimmed() : QString();
    if (name.isEmpty() && item->inherits("QQuickAbstractButton"))
        name = item->property("text").toString().trimmed();
    if (name.isEmpty() && item->inherits("QQuickTextField"))
        name = item->property("placeholderText").toString().trimmed();
    return name;
}

QString typeName(const QObject* object)
{
    if (!object->objectName().isEmpty())
        return object->objectName();
    QString name = QString::fromLatin1(object->metaObject()->className());
    const auto cut = name.indexOf(QLatin1String("_QML"));
    return cut > 0 ? name.left(cut) : name;
}

/// The last few steps of the item's path: enough to find it, short enough for a table.
QString pathOf(const QQuickItem* item)
{
    QStringList parts;
    for (const QQuickItem* at = item; at != nullptr && parts.size() < 4; at = at->parentItem())
        parts.prepend(typeName(at));
    return parts.join('/');
}

QString textOf(const QQuickItem* item)
{
    return item->property("text").toString().simplified();
}

QString shortText(const QString& text)
{
    return text.size() > 16 ? text.left(15) + QChar(0x2026) : text;
}

QRectF sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

/// Scene pixels per item pixel (the item's and its ancestors' scale).
double sceneScale(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, 100, 100)).height() / 100;
}

void collect(QQuickItem* item, Seen seen, std::vector<Seen>& out)
{
    if (item == nullptr || !item->isVisible() || item->opacity() <= 0)
        return;
    seen.item = item;
    seen.opacity *= item->opacity();
    const QRectF rect = sceneRect(item);
    if (!rect.intersects(seen.viewport) && !item->clip() && item->childItems().isEmpty())
        return;
    out.push_back(seen);
    if (item->inherits("QQuickFlickable")) {
        // Its content scrolls: what is out of its viewport is not cut off, only further on.
        if (item->clip())
            seen.viewport &= rect;
        seen.hardClip = QRectF(-1e7, -1e7, 2e7, 2e7);
    } else if (item->clip()) {
        seen.viewport &= rect;
        seen.hardClip &= rect;
    }
    for (auto* child : item->childItems())
        collect(child, seen, out);
}

/// The open modal popup's item, if any: what is under it cannot be reached.
QQuickItem* modalPopupItem(QQuickWindow& window)
{
    for (auto* child : window.contentItem()->childItems()) {
        if (!child->inherits("QQuickOverlay") || !child->isVisible())
            continue;
        for (auto* popupItem : child->childItems()) {
            const QObject* popup = popupItem->parent();
            if (popupItem->isVisible() && popup != nullptr && popup->property("modal").toBool() &&
                popup->property("visible").toBool())
                return popupItem;
        }
    }
    return nullptr;
}

/// The font pixel size the text is drawn with, in item pixels.
double fontPixels(const QQuickItem* item)
{
    const auto font = item->property("font").value<QFont>();
    double px = font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * 96.0 / 72.0;
    // A text that shrinks to fit its width (fontSizeMode) is drawn smaller, never below
    // minimumPixelSize.
    if (item->inherits("QQuickText") && item->property("fontSizeMode").toInt() != 0 &&
        item->property("lineCount").toInt() <= 1) {
        const double natural = QFontMetricsF(font).horizontalAdvance(textOf(item));
        const double room = item->width() - item->property("leftPadding").toDouble() -
                            item->property("rightPadding").toDouble();
        if (natural > room && natural > 0)
            px = std::max(item->property("minimumPixelSize").toDouble(), px * room / natural);
    }
    return px;
}

/// Where the glyphs are, in item coordinates: the content box placed by the alignment.
QRectF contentRect(const QQuickItem* item)
{
    const double left = item->property("leftPadding").toDouble();
    const double top = item->property("topPadding").toDouble();
    const double width = item->width() - left - item->property("rightPadding").toDouble();
    const double height = item->height() - top - item->property("bottomPadding").toDouble();
    const double cw = item->property("contentWidth").toDouble();
    const double ch = item->property("contentHeight").toDouble();
    const int h = item->property("effectiveHorizontalAlignment").toInt();
    const int v = item->property("verticalAlignment").toInt();
    double x = left;
    if (h & alignRight)
        x += width - cw;
    else if (h & alignHCenter)
        x += (width - cw) / 2;
    double y = top;
    if (v & alignBottom)
        y += height - ch;
    else if (v & alignVCenter)
        y += (height - ch) / 2;
    return {x, y, cw, ch};
}

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c)
{
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double distance(QRgb a, QRgb b)
{
    const int dr = qRed(a) - qRed(b), dg = qGreen(a) - qGreen(b), db = qBlue(a) - qBlue(b);
    return std::sqrt(double(dr * dr + dg * dg + db * db));
}

/// The background behind a text: the most frequent colour of the frame in `rect` that is not
/// (nearly) the text's own colour. Invalid when there is none.
QColor dominantBackground(const QImage& frame, const QRect& rect, QRgb text)
{
    QHash<QRgb, int> counts;
    const QRect area = rect & frame.rect();
    for (int y = area.top(); y <= area.bottom(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(frame.constScanLine(y));
        for (int x = area.left(); x <= area.right(); ++x)
            ++counts[line[x] | 0xff000000U];
    }
    QRgb best = 0;
    int bestCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > bestCount && distance(it.key(), text) > 24) {
            best = it.key();
            bestCount = it.value();
        }
    return bestCount > 0 ? QColor(best) : QColor();
}

QColor blend(const QColor& over, double alpha, const QColor& under)
{
    const auto mix = [&](double a, double b) {
        return a * alpha + b * (1 - alpha);
    };
    return QColor::fromRgbF(float(mix(over.redF(), under.redF())),
                            float(mix(over.greenF(), under.greenF())),
                            float(mix(over.blueF(), under.blueF())));
}

class Checker {
public:
    Checker(QQuickWindow& window, const ScreenCheckRules& rules)
        : window_(window), rules_(rules),
          scale_(std::max(0.5, std::min(window.width(), window.height()) / referenceShortSide)),
          frame_(window.grabWindow().convertToFormat(QImage::Format_ARGB32)),
          dpr_(frame_.width() / std::max(1.0, double(window.width())))
    {
    }

    ScreenReport run()
    {
        const QRectF whole(QPointF(0, 0), QSizeF(window_.size()));
        std::vector<Seen> seen;
        QQuickItem* modal = modalPopupItem(window_);
        if (modal != nullptr) {
            // Only the popup (and other popups over it) can be seen and reached.
            collect(modal, {nullptr, 1.0, whole, whole}, seen);
        } else {
            collect(window_.contentItem(), {nullptr, 1.0, whole, whole}, seen);
        }
        std::vector<const Seen*> texts;
        for (const auto& s : seen) {
            if (isText(s.item) && !textOf(s.item).isEmpty() &&
                sceneRect(s.item).intersects(s.viewport)) {
                texts.push_back(&s);
                checkText(s);
            }
            if (isTouchTarget(s.item) && sceneRect(s.item).intersects(s.viewport))
                checkTarget(s);
            if (isControl(s.item) && sceneRect(s.item).intersects(s.viewport))
                checkName(s.item, s.item);
            if (s.item->inherits("QQuickFlickable"))
                checkCollapsedView(s.item);
        }
        checkOverlaps(texts);
        return std::move(report_);
    }

private:
    double px(double atReference) const { return atReference * scale_; }

    void fault(FaultKind kind, QQuickItem* item, QString text, double value, double minimum,
               QString detail = {})
    {
        report_.faults.push_back(
            {kind, item, pathOf(item), shortText(text), value, minimum, std::move(detail)});
    }

    static void lowest(double& slot, double value)
    {
        if (slot == 0 || value < slot)
            slot = value;
    }

    void checkText(const Seen& s)
    {
        auto* item = s.item;
        const QString text = textOf(item);
        const double size = fontPixels(item) * sceneScale(item);
        ++report_.summary.texts;
        lowest(report_.summary.smallestTextPx, size);
        if (size < px(rules_.minTextPx) - 0.5)
            fault(FaultKind::SmallText, item, text, size, px(rules_.minTextPx));
        checkContrast(s, text, size);
        checkClipped(s, text);
        checkLineSpacing(item, text, size);
    }

    void checkContrast(const Seen& s, const QString& text, double size)
    {
        auto* item = s.item;
        // WCAG 1.4.3: the text of an inactive control (a disabled 下一步, faded) has no
        // contrast requirement.
        if (!item->isEnabled())
            return;
        const QRectF glyphs = item->mapRectToScene(contentRect(item)) & s.viewport;
        if (glyphs.width() < 2 || glyphs.height() < 2)
            return;
        const QRect pixels(QPoint(int(glyphs.left() * dpr_), int(glyphs.top() * dpr_)),
                           QPoint(int(glyphs.right() * dpr_) - 1, int(glyphs.bottom() * dpr_) - 1));
        const auto colour = item->property("color").value<QColor>();
        const QColor background = dominantBackground(frame_, pixels, colour.rgb());
        if (!background.isValid())
            return;
        const QColor drawn = blend(colour, colour.alphaF() * s.opacity, background);
        const double ratio = contrastRatio(drawn, background);
        lowest(report_.summary.lowestContrast, ratio);
        const auto font = item->property("font").value<QFont>();
        const bool large =
            rules_.largeTextPx > 0 &&
            (size >= px(rules_.largeTextPx) - 0.5 ||
             (font.weight() >= QFont::Bold && size >= px(rules_.largeBoldTextPx) - 0.5));
        const double minimum = large ? rules_.minContrastLarge : rules_.minContrast;
        if (ratio < minimum)
            fault(FaultKind::LowContrast, item, text, ratio, minimum,
                  drawn.name().toUpper() + " on " + background.name().toUpper() +
                      (large ? " (large text)" : ""));
    }

    void checkClipped(const Seen& s, const QString& text)
    {
        auto* item = s.item;
        if (!item->inherits("QQuickText"))
            return; // fields and editors scroll their text
        const double tolerance = px(2);
        const QRectF box(0, 0, item->width(), item->height());
        const QRectF glyphs = contentRect(item);
        QString why;
        if (item->property("truncated").toBool()) {
            why = item->property("elide").toInt() != textElideNone ? "elided"
                                                                   : "lines cut (maximumLineCount)";
        } else if (glyphs.width() > box.width() + tolerance) {
            why = QString("%1 px wide in %2")
                      .arg(glyphs.width(), 0, 'f', 0)
                      .arg(box.width(), 0, 'f', 0);
        } else if (glyphs.height() > box.height() + tolerance) {
            why = QString("%1 px tall in %2")
                      .arg(glyphs.height(), 0, 'f', 0)
                      .arg(box.height(), 0, 'f', 0);
        } else {
            const QRectF scene = item->mapRectToScene(glyphs);
            const QRectF inside = scene.adjusted(tolerance, tolerance, -tolerance, -tolerance);
            if (!s.hardClip.contains(inside))
                why = "cut by a clipping parent";
        }
        if (!why.isEmpty())
            fault(FaultKind::ClippedText, item, text, 0, 0, why);
    }

    /// A scrolling view squeezed by its layout to a sliver: its texts are all outside its
    /// viewport, so no text check sees them, and no citizen either.
    void checkCollapsedView(QQuickItem* view)
    {
        const auto* content = view->property("contentItem").value<QQuickItem*>();
        bool hasContent = false;
        for (const auto* child : content != nullptr ? content->childItems() : QList<QQuickItem*>())
            hasContent = hasContent || (child->isVisible() && child->height() > 0);
        const QRectF rect = sceneRect(view);
        const double floor = px(rules_.minTextPx);
        if (view->clip() && hasContent && (rect.width() < floor || rect.height() < floor))
            fault(FaultKind::ClippedText, view, {}, 0, 0,
                  QString("a scrolling view %1x%2 px hides its content")
                      .arg(rect.width(), 0, 'f', 0)
                      .arg(rect.height(), 0, 'f', 0));
    }

    void checkLineSpacing(QQuickItem* item, const QString& text, double size)
    {
        if (rules_.minLineSpacing <= 0 || item->inherits("QQuickTextInput"))
            return;
        const int lines = item->property("lineCount").toInt();
        if (lines < 2 || size <= 0)
            return;
        const double pitch = item->property("contentHeight").toDouble() * sceneScale(item) / lines;
        const double spacing = pitch / size;
        if (spacing < rules_.minLineSpacing - 0.005)
            fault(FaultKind::TightLineSpacing, item, text, spacing, rules_.minLineSpacing,
                  QString("%1 lines, %2 px apart").arg(lines).arg(pitch, 0, 'f', 1));
    }

    void checkTarget(const Seen& s)
    {
        auto* item = s.item;
        // What a finger can hit: the part not cut off by the window's edge or a clipping
        // ancestor (a scrolling view's rows are not cut off, only further on).
        const QRectF whole = sceneRect(item);
        const QRectF rect = whole & s.hardClip;
        const double shorter = std::min(rect.width(), rect.height());
        ++report_.summary.targets;
        lowest(report_.summary.smallestTargetPx, shorter);
        QQuickItem* owner = item;
        while (owner != nullptr && !isControl(owner))
            owner = owner->parentItem();
        const QString name = owner != nullptr ? accessibleName(owner) : QString();
        if (shorter < px(rules_.minTargetPx) - 0.5)
            fault(FaultKind::SmallTarget, item, name, shorter, px(rules_.minTargetPx),
                  QString("%1x%2").arg(rect.width(), 0, 'f', 0).arg(rect.height(), 0, 'f', 0) +
                      (rect == whole ? QString()
                                     : QString(" on screen, of %1x%2")
                                           .arg(whole.width(), 0, 'f', 0)
                                           .arg(whole.height(), 0, 'f', 0)));
        if (owner == nullptr) {
            if (!rules_.unnamedAllowed.contains(item->objectName()))
                fault(FaultKind::NamelessControl, item, {}, 0, 0,
                      "a touch target with no accessible control");
        } else {
            checkName(owner, item);
        }
    }

    void checkName(QQuickItem* control, QQuickItem* reportedAs)
    {
        if (!named_.insert(control).second)
            return;
        ++report_.summary.controls;
        if (accessibleName(control).isEmpty() &&
            !rules_.unnamedAllowed.contains(control->objectName()))
            fault(FaultKind::NamelessControl, reportedAs, textOf(control), 0, 0,
                  "no accessible name");
    }

    void checkOverlaps(const std::vector<const Seen*>& texts)
    {
        const double tolerance = px(2);
        std::vector<QRectF> rects;
        for (const auto* s : texts)
            rects.push_back(s->item->mapRectToScene(contentRect(s->item)) & s->viewport);
        for (std::size_t i = 0; i < texts.size(); ++i)
            for (std::size_t j = i + 1; j < texts.size(); ++j) {
                const QRectF both = rects[i] & rects[j];
                if (both.width() <= tolerance || both.height() <= tolerance)
                    continue;
                auto* a = texts[i]->item;
                auto* b = texts[j]->item;
                if (a->isAncestorOf(b) || b->isAncestorOf(a))
                    continue;
                fault(FaultKind::OverlappingText, b, textOf(b), 0, 0,
                      "overlaps \"" + shortText(textOf(a)) + "\"");
            }
    }

    QQuickWindow& window_;
    const ScreenCheckRules& rules_;
    double scale_;
    QImage frame_;
    double dpr_;
    ScreenReport report_;
    std::set<QQuickItem*> named_;
};

} // namespace

ScreenCheckRules ScreenCheckRules::standard()
{
    ScreenCheckRules rules;
    rules.mode = "standard";
    rules.minTextPx = standardTextPx;
    rules.minTargetPx = std::max(44 * pxPerDp, projectTouchMinPx);
    rules.minContrast = 4.5;
    rules.minContrastLarge = 4.5;
    rules.unnamedAllowed = {"maintenanceCorner"};
    return rules;
}

ScreenCheckRules ScreenCheckRules::elderly()
{
    ScreenCheckRules rules = standard();
    rules.mode = "elderly";
    rules.minTextPx = std::max(1.5 * standardTextPx, 18 * pxPerDp);
    rules.minTargetPx = std::max(60 * pxPerDp, standard().minTargetPx);
    rules.minContrast = 7.0;
    rules.minContrastLarge = 4.5;
    rules.largeTextPx = 1.5 * rules.minTextPx;
    rules.largeBoldTextPx = rules.largeTextPx * 14.0 / 18.0; // WCAG: 14 pt bold as 18 pt
    rules.minLineSpacing = 1.3;
    return rules;
}

bool isControlRole(QAccessible::Role role)
{
    static const std::set<QAccessible::Role> controls{
        QAccessible::Button,         QAccessible::CheckBox, QAccessible::RadioButton,
        QAccessible::EditableText,   QAccessible::ComboBox, QAccessible::SpinBox,
        QAccessible::Slider,         QAccessible::Dial,     QAccessible::Link,
        QAccessible::PageTab,        QAccessible::MenuItem, QAccessible::ButtonMenu,
        QAccessible::ButtonDropDown, QAccessible::ListItem};
    return controls.contains(role);
}

const char* faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::SmallText:
        return "small text";
    case FaultKind::SmallTarget:
        return "small target";
    case FaultKind::LowContrast:
        return "low contrast";
    case FaultKind::ClippedText:
        return "clipped text";
    case FaultKind::OverlappingText:
        return "overlapping text";
    case FaultKind::NamelessControl:
        return "nameless control";
    case FaultKind::TightLineSpacing:
        return "tight line spacing";
    }
    return "?";
}

int ScreenReport::count(FaultKind kind) const
{
    return int(std::count_if(faults.begin(), faults.end(),
                             [kind](const ScreenFault& f) { return f.kind == kind; }));
}

ScreenReport checkScreen(QQuickWindow& window, const ScreenCheckRules& rules)
{
    return Checker(window, rules).run();
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::string formatScreenReport(const QString& screen, const QQuickWindow& window,
                               const ScreenCheckRules& rules, const ScreenReport& report)
{
    const auto& s = report.summary;
    QString out =
        QString("== %1 (%2, %3x%4): %5 texts, %6 touch targets, %7 controls; smallest "
                "text %8 px, smallest target %9 px, lowest contrast %10:1; %11 fault(s)\n")
            .arg(screen, rules.mode)
            .arg(window.width())
            .arg(window.height())
            .arg(s.texts)
            .arg(s.targets)
            .arg(s.controls)
            .arg(s.smallestTextPx, 0, 'f', 0)
            .arg(s.smallestTargetPx, 0, 'f', 0)
            .arg(s.lowestContrast, 0, 'f', 2)
            .arg(report.faults.size());
    if (!report.faults.empty())
        out += QString("   %1 %2 %3  %4 %5 %6\n")
                   .arg("kind", -18)
                   .arg("value", 7)
                   .arg("min", 6)
                   .arg("text", -17)
                   .arg("detail", -30)
                   .arg("where");
    for (const auto& f : report.faults) {
        const bool measured = f.minimum > 0;
        out += QString("   %1 %2 %3  %4 %5 %6\n")
                   .arg(QString::fromLatin1(faultKindName(f.kind)), -18)
                   .arg(measured ? QString::number(f.value, 'f', 2) : QString("-"), 7)
                   .arg(measured ? QString::number(f.minimum, 'f', 1) : QString("-"), 6)
                   .arg("\"" + f.text + "\"", -17)
                   .arg(f.detail, -30)
                   .arg(f.path);
    }
    return out.toStdString();
}

} // namespace kiosk::ui
