// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::UiLanguage: the screens follow the language the session asks for (zh_CN, en_US).
#pragma once

#include "kiosk/core/catalog.h"

#include <QObject>
#include <QString>
#include <QTranslator>

class QQmlEngine;

namespace kiosk::ui {

class CatalogViewModel;
class SessionViewModel;

/// Installs the en_US translator (compiled into the program's resources from
/// qml/i18n/kiosk_en_US.ts) while the session's language is en_US and removes it otherwise, then
/// has the engine re-evaluate every qsTr() binding and the view-models re-read their words
/// (kiosk/core's texts are translated as they are read, qml/citizen_words.h). zh_CN, the source
/// language, needs no translator; the session's end brings it back. Make it before the engine
/// loads the screens; the .qm comes from the resources, so switching reads no file. GUI thread.
class UiLanguage : public QObject {
    Q_OBJECT

public:
    /// `engine`, `session` and `catalog` (may be null) must outlive this.
    UiLanguage(QQmlEngine& engine, SessionViewModel& session, CatalogViewModel* catalog,
               QObject* parent = nullptr);
    ~UiLanguage() override;
    UiLanguage(const UiLanguage&) = delete;
    UiLanguage& operator=(const UiLanguage&) = delete;

    /// The language the screens show now: zh_CN or en_US.
    [[nodiscard]] static QString shown();

private:
    void follow();

    QQmlEngine& engine_;
    SessionViewModel& session_;
    CatalogViewModel* catalog_;
    QTranslator english_;
};

/// An item's name as the screens show it: its English name in en_US when the catalog has one.
[[nodiscard]] QString shownName(const core::CatalogItem& item);

} // namespace kiosk::ui
