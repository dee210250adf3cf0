// SPDX-License-Identifier: Apache-2.0
#include "qml/ui_language.h"

#include "base/log.h"
#include "qml/catalog_view_model.h"
#include "qml/session_view_model.h"

#include <QCoreApplication>
#include <QQmlEngine>

namespace kiosk::ui {
namespace {

constexpr auto uiLanguageLog = "ui";
constexpr auto english = "en_US";
constexpr auto chinese = "zh_CN";

/// One UI per process: what it shows is the process's (translators are QCoreApplication's).
QString& shownLanguage()
{
    static QString language = QString::fromLatin1(chinese);
    return language;
}

} // namespace

UiLanguage::UiLanguage(QQmlEngine& engine, SessionViewModel& session, CatalogViewModel* catalog,
                       QObject* parent)
    : QObject(parent), engine_(engine), session_(session), catalog_(catalog)
{
    // qt_add_translations puts the .qm under :/i18n (memory: no file is read).
    if (!english_.load(QStringLiteral(":/i18n/kiosk_en_US.qm")))
        base::log::warning(uiLanguageLog,
                           "no en_US translation in the resources: English shows Chinese");
    connect(&session_, &SessionViewModel::changed, this, &UiLanguage::follow);
    follow();
}

UiLanguage::~UiLanguage()
{
    QCoreApplication::removeTranslator(&english_);
    shownLanguage() = QString::fromLatin1(chinese);
}

QString UiLanguage::shown()
{
    return shownLanguage();
}

void UiLanguage::follow()
{
    const QString wanted = session_.language();
    if (wanted == shownLanguage())
        return;
    if (wanted == QLatin1String(english))
        QCoreApplication::installTranslator(&english_);
    else
        QCoreApplication::removeTranslator(&english_);
    shownLanguage() = wanted;
    // The catalog's models (kind labels, English names), every qsTr() binding, and what the
    // view-models translate as they are read (re-read on their change signals).
    if (catalog_ != nullptr)
        catalog_->retranslate();
    engine_.retranslate();
    emit session_.materials()->changed();
    emit session_.changed();
}

QString shownName(const core::CatalogItem& item)
{
    const auto& name =
        !item.nameEn.empty() && shownLanguage() == QLatin1String(english) ? item.nameEn : item.name;
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

} // namespace kiosk::ui
