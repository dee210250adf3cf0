// SPDX-License-Identifier: Apache-2.0
// The citizen's screens of every flow for the tests that show them all: Main.qml loaded the
// way those tests load it (showMain), and journeyScreens(), each screen with what the devices
// do first, how the real journey gets there from the home screen, and what opens on it (the
// search words, the idle prompt, the help dialog).
#pragma once

#include "kiosk/core/journey.h"
#include "qml/catalog_view_model.h"
#include "qml/maintenance_view_model.h"
#include "qml/narrator.h"
#include "qml/session_view_model.h"
#include "qml/ui_language.h"
#include "qml/uplink_status.h"
#include "tests/qml/journey_fixture.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

#include <functional>
#include <string>
#include <vector>

namespace test_support {

/// What Main.qml is given besides the session: null for what a test does not show.
struct MainInputs {
    kiosk::ui::CatalogViewModel* catalog = nullptr;
    kiosk::ui::SessionViewModel* session = nullptr;
    kiosk::ui::UplinkStatus* uplink = nullptr;
    kiosk::ui::MaintenanceViewModel* maintenance = nullptr;
    kiosk::ui::Narrator* narrator = nullptr;
};

/// Loads Main.qml into `engine` with a fixed clock and still frames (the same picture every
/// run) and shows it at `size`; null when it did not load.
inline QQuickWindow* showMain(QQmlApplicationEngine& engine, const MainInputs& inputs, QSize size)
{
    engine.addImportPath("qrc:/qt/qml");
    QVariantMap properties{{"catalog", QVariant::fromValue(inputs.catalog)},
                           {"session", QVariant::fromValue(inputs.session)},
                           {"clockOverride", QDateTime(QDate(2026, 11, 24), QTime(9, 30))},
                           {"stillFrames", true}};
    if (inputs.uplink != nullptr)
        properties.insert("uplink", QVariant::fromValue(inputs.uplink));
    if (inputs.maintenance != nullptr)
        properties.insert("maintenance", QVariant::fromValue(inputs.maintenance));
    if (inputs.narrator != nullptr)
        properties.insert("narrator", QVariant::fromValue(inputs.narrator));
    engine.setInitialProperties(properties);
    // The screens follow the session's language as kiosk/app wires them (the engine owns it).
    if (inputs.session != nullptr)
        new kiosk::ui::UiLanguage(engine, *inputs.session, inputs.catalog, &engine);
    engine.load(QUrl("qrc:/qt/qml/Kiosk/Ui/Main.qml"));
    if (engine.rootObjects().isEmpty())
        return nullptr;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr)
        return nullptr;
    window->resize(size);
    window->show();
    return QTest::qWaitForWindowExposed(window) ? window : nullptr;
}

/// Where an item sits, for a failure's words: the objectNames (or QML types) from the window
/// down.
inline QString objectPath(const QObject* item)
{
    QStringList parts;
    for (const QObject* object = item; object != nullptr; object = object->parent()) {
        const QString name = object->objectName();
        parts.prepend(name.isEmpty() ? QString::fromLatin1(object->metaObject()->className())
                                     : name);
    }
    return parts.join('/');
}

/// True while an asynchronous Loader is still making its item (the form's keyboards).
inline bool loading(const QQuickWindow& window)
{
    constexpr int loaderLoading = 2; // Loader.Loading
    for (const auto* object : window.contentItem()->findChildren<QObject*>())
        if (object->inherits("QQuickLoader") && object->property("status").toInt() == loaderLoading)
            return true;
    return false;
}

/// Waits until the screen change (and any receipt being printed, any keyboard being made) is
/// over.
inline bool settled(QQuickWindow& window, kiosk::core::Journey& journey)
{
    return QTest::qWaitFor(
        [&] {
            return !window.property("switching").toBool() && !loading(window) &&
                   journey.receiptState() != kiosk::core::ReceiptState::Printing;
        },
        5000);
}

/// One screen of a flow.
struct JourneyScreen {
    std::string name;
    /// The session's screen it is (session.screen).
    QString screen;
    /// The journey's idle warning comes at once (the idle prompt's screen).
    bool idleWarningAtOnce = false;
    /// Before Main.qml shows: the devices' condition (a camera unplugged, paper out).
    std::function<void(ScreenJourney&)> prepare;
    /// From the home screen to this one.
    std::function<void(ScreenJourney&, kiosk::core::Journey&)> drive;
    /// On the window once there: what the citizen opens (words typed, a dialog).
    std::function<void(ScreenJourney&, QQuickWindow&)> open;
};

/// 长辈版's home screen: shows one of its pages (themes | items, with `theme`'s items); the
/// standard home screen has none and is left as it is.
inline void showElderHomePage(QQuickWindow& window, const char* page, const QString& theme)
{
    auto* home =
        window.property("stack").value<QObject*>()->property("currentItem").value<QObject*>();
    if (home == nullptr || home->metaObject()->indexOfMethod("showItems(QVariant)") < 0)
        return;
    if (theme.isEmpty())
        home->setProperty("page", page);
    else
        QMetaObject::invokeMethod(home, "showItems", Q_ARG(QVariant, theme));
}

/// Every screen a citizen can get to, through the real journey (the queue on disk, the fake
/// card, printers, camera and platform).
inline std::vector<JourneyScreen> journeyScreens()
{
    using kiosk::core::Journey;
    using J = ScreenJourney;
    return {
        {"home", "home", false, {}, {}, {}},
        // 长辈版's home screen has pages of its own; the standard one shows all on one page
        // (these are the home screen again there).
        {"home_themes",
         "home",
         false,
         {},
         {},
         [](J&, QQuickWindow& window) {
             showElderHomePage(window, "themes", {});
         }},
        {"home_items",
         "home",
         false,
         {},
         {},
         [](J&, QQuickWindow& window) {
             showElderHomePage(window, "items", "社会保险");
         }},
        {"search",
         "search",
         false,
         {},
         [](J&, Journey& journey) { ASSERT_TRUE(journey.openSearch()); },
         [](J&, QQuickWindow& window) {
             // 社会保险 by its initials: the results list, not an empty screen.
             auto* stack = window.property("stack").value<QObject*>();
             stack->property("currentItem").value<QObject*>()->setProperty("query", "shbx");
         }},
        {"guide", "guide", false, {}, [](J& f, Journey& journey) { f.toGuide(journey); }, {}},
        {"identify",
         "identify",
         false,
         {},
         [](J& f, Journey& journey) { f.toIdentify(journey); },
         {}},
        {"manual_identity",
         "manual_identity",
         false,
         {},
         [](J& f, Journey& journey) {
             f.toIdentify(journey);
             ASSERT_TRUE(journey.enterManually());
         },
         {}},
        {"form",
         "form",
         false,
         {},
         [](J& f, Journey& journey) {
             f.toForm(journey);
             journey.setField("phone", "1380000"); // half typed: its problem shows under it
         },
         {}},
        {"materials",
         "materials",
         false,
         {},
         [](J& f, Journey& journey) { f.toMaterialPhotographed(journey); },
         {}},
        {"materials_no_camera",
         "materials",
         false,
         [](J& f) { f.camera().unplug(); },
         [](J& f, Journey& journey) { f.toMaterials(journey); },
         {}},
        {"confirm", "confirm", false, {}, [](J& f, Journey& journey) { f.toConfirm(journey); }, {}},
        {"submitted",
         "submitted",
         false,
         {},
         [](J& f, Journey& journey) { f.toSubmitted(journey); },
         {}},
        {"submitted_paper_out",
         "submitted",
         false,
         [](J& f) { f.printer().setCondition(hal::PrinterCondition::PaperOut); },
         [](J& f, Journey& journey) { f.toSubmitted(journey); },
         {}},
        {"rating", "rating", false, {}, [](J& f, Journey& journey) { f.toRating(journey); }, {}},
        {"rating_tablet",
         "rating",
         false,
         {},
         [](J& f, Journey& journey) { f.toRatingOnTablet(journey); },
         {}},
        {"finished",
         "finished",
         false,
         {},
         [](J& f, Journey& journey) { f.toFinished(journey); },
         {}},
        {"progress",
         "progress",
         false,
         {},
         [](J& f, Journey& journey) { f.toProgress(journey); },
         {}},
        {"progress_unreachable",
         "progress",
         false,
         [](J& f) { f.platform().setLinkDown(true); },
         [](J& f, Journey& journey) { f.toProgress(journey); },
         {}},
        {"document",
         "document",
         false,
         {},
         [](J& f, Journey& journey) { f.toDocument(journey); },
         {}},
        {"document_aborted",
         "document",
         false,
         [](J& f) { f.a4().failNext(hal::DocumentJobState::Aborted, "job-completed-with-errors"); },
         [](J& f, Journey& journey) { f.toDocument(journey); },
         {}},
        {"idle_prompt",
         "identify",
         true,
         {},
         [](J& f, Journey& journey) { f.toIdentify(journey); },
         [](J& f, QQuickWindow&) {
             f.session().tick();
             ASSERT_TRUE(f.session().idleWarning());
         }},
        {"help_dialog",
         "home",
         false,
         {},
         {},
         [](J&, QQuickWindow& window) {
             auto* dialog = window.findChild<QObject*>("helpDialog");
             ASSERT_NE(dialog, nullptr);
             QMetaObject::invokeMethod(dialog, "open");
         }},
    };
}

} // namespace test_support
