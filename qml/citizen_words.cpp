// SPDX-License-Identifier: Apache-2.0
#include "qml/citizen_words.h"

#include "kiosk/core/citizen_words.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <vector>

namespace kiosk::ui {
namespace {

/// lupdate's context of base::CitizenText::tr("…").
constexpr auto context = "base::CitizenText";

struct Template {
    QByteArray source; ///< as marked, for the translator
    QRegularExpression pattern;
};

/// Each template as a pattern matching a whole text, its %N parts captured in order.
const std::vector<Template>& templates()
{
    static const std::vector<Template> all = [] {
        std::vector<Template> out;
        static const QRegularExpression placeholder(QStringLiteral("%[1-9]"));
        for (const auto source : core::words::templates()) {
            const QString text = QString::fromUtf8(source.data(), qsizetype(source.size()));
            QString pattern;
            qsizetype from = 0;
            for (auto it = placeholder.globalMatch(text); it.hasNext();) {
                const auto match = it.next();
                pattern += QRegularExpression::escape(text.mid(from, match.capturedStart() - from));
                pattern += QStringLiteral("(.+?)");
                from = match.capturedEnd();
            }
            pattern += QRegularExpression::escape(text.mid(from));
            out.push_back({QByteArray(source.data(), qsizetype(source.size())),
                           QRegularExpression(QRegularExpression::anchoredPattern(pattern))});
        }
        return out;
    }();
    return all;
}

QString translated(const QByteArray& source)
{
    return QCoreApplication::translate(context, source.constData());
}

} // namespace

QString citizenWords(std::string_view text)
{
    const QByteArray source(text.data(), qsizetype(text.size()));
    if (source.isEmpty())
        return {};
    const QString direct = translated(source);
    const QString asWritten = QString::fromUtf8(source);
    if (direct != asWritten)
        return direct;
    for (const auto& entry : templates()) {
        const auto match = entry.pattern.match(asWritten);
        if (!match.hasMatch())
            continue;
        QString out = translated(entry.source);
        // %1… in the order the template names them; a part that is a marked text is translated,
        // and so is the list separator of a part that lists names (材料、材料).
        static const QString separator = QString::fromUtf8(base::CitizenText::tr("、"));
        for (int i = 1; i <= match.lastCapturedIndex(); ++i) {
            QStringList pieces;
            for (const auto& piece : match.captured(i).split(separator))
                pieces.append(citizenWords(piece.toStdString()));
            out = out.arg(pieces.join(translated(separator.toUtf8())));
        }
        return out;
    }
    return asWritten;
}

} // namespace kiosk::ui
