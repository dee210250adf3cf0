// SPDX-License-Identifier: Apache-2.0
// kiosk: the self-service kiosk program. The composition root: it builds the Runtime
// (configuration, catalog, devices), the view-models and the QML engine, and shows Main.qml.
#include "base/heap_scrubbing.h"
#include "base/log.h"
#include "kiosk/app/catalog_switcher.h"
#include "kiosk/app/command_line.h"
#include "kiosk/app/demo_walk.h"
#include "kiosk/app/journey_links.h"
#include "kiosk/app/maintenance_links.h"
#include "kiosk/app/out_of_service.h"
#include "kiosk/app/runtime.h"
#include "kiosk/app/screenshot.h"
#include "kiosk/app/startup.h"
#include "kiosk/app/systemd_notify.h"
#include "kiosk/app/ui_bridge.h"
#include "kiosk/app/uplink_alarm.h"
#include "kiosk/core/provisioning.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"
#include "qml/maintenance_view_model.h"
#include "qml/narrator.h"
#include "qml/session_view_model.h"
#include "qml/ui_language.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickWindow>
#include <QScreen>
#include <QtQml/qqmlextensionplugin.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

constexpr auto mainQml = "qrc:/qt/qml/Kiosk/Ui/Main.qml";

/// 语音播报: the narrator for Main, its engine started on its own thread ($KIOSK_TTS_ENGINE;
/// none: no voice). After the first frame, so that a speech-dispatcher spawned by libspeechd
/// (about 1 s of a core) does not slow the start; on the image kiosk-speech.service runs it.
std::unique_ptr<kiosk::ui::Narrator> startNarrator(QQuickWindow& window)
{
    const QString engine = kiosk::ui::Narrator::engineFromEnvironment();
    if (engine == QLatin1String("none"))
        return nullptr;
    auto narrator = std::make_unique<kiosk::ui::Narrator>(engine);
    window.setProperty("narrator", QVariant::fromValue(narrator.get()));
    return narrator;
}

/// Whether Qt has somewhere to show a window: a display, or a platform chosen explicitly.
bool qtCanStart()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

/// A screenshot or a start-up measurement needs no display: without one, render offscreen
/// (the same software renderer the screenshot tests use) instead of failing to connect to X11.
void preferOffscreenWithoutDisplay(const kiosk::app::Options& options)
{
    const bool noDisplayNeeded = options.screenshot || options.measureStartup || options.demoWalk;
    if (noDisplayNeeded && !qtCanStart())
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

/// kiosk --demo-walk: at a citizen's pace on a display, quickly offscreen (a check).
std::unique_ptr<kiosk::app::DemoWalk> startDemoWalk(const kiosk::app::Options& options,
                                                    kiosk::ui::SessionViewModel& session,
                                                    QQuickWindow& window,
                                                    const kiosk::core::CatalogHolder& catalogs)
{
    kiosk::app::DemoWalkOptions walkOptions;
    walkOptions.shots = QDir(QString::fromStdString(options.demoWalk->string()));
    walkOptions.onCue = options.demoWalkOnCue;
    if (QGuiApplication::platformName() == "offscreen") {
        walkOptions.pace = std::chrono::milliseconds(300);
        // The simulator's card is read within a second; a card left on the reader is not read
        // again for the next application, which then types its identity after this wait.
        walkOptions.cardWait = std::chrono::milliseconds(3000);
    }
    auto walk = std::make_unique<kiosk::app::DemoWalk>(session, window, catalogs.currentSnapshot(),
                                                       walkOptions);
    walk->start();
    return walk;
}

/// What the journey needs from the configuration.
kiosk::core::JourneyOptions journeyOptions(const kiosk::core::Config& config)
{
    kiosk::core::JourneyOptions options;
    options.idleTimeout = std::chrono::seconds(config.session.idleTimeoutS);
    options.warnBefore = std::chrono::seconds(kiosk::core::SessionSection::kPromptBeforeS);
    options.kioskId = config.kiosk.id;
    options.receipt = config.receipt;
    return options;
}

/// Runs `task` on the GUI thread's event loop (the journey's print worker reports there).
void postToGui(std::function<void()> task)
{
    QMetaObject::invokeMethod(qApp, std::move(task), Qt::QueuedConnection);
}

/// The configuration and catalog of a load, or nullptr after saying why they are refused.
std::unique_ptr<kiosk::app::Runtime> take(kiosk::app::PendingRuntime& pending)
{
    auto runtime = pending.take();
    if (!runtime) {
        std::cerr << "kiosk: " << runtime.error().message << "\n";
        // The health check failed: an updated slot that cannot load its configuration is
        // marked bad, so the next boot falls back (no-op without rauc).
        (void)kiosk::core::markBootedSlot(
            kiosk::core::raucWhenConfigured(kiosk::core::runProgram),
            {.uiUp = true, .queueOpened = true, .configValid = false});
        return nullptr;
    }
    return std::move(*runtime);
}

void showWindow(QQuickWindow& window, const kiosk::app::Options& options)
{
    if (options.size) {
        window.resize(options.size->width, options.size->height);
        window.show();
        return;
    }
    // Without a window manager showFullScreen() alone leaves the default size.
    if (const auto* screen = window.screen())
        window.setGeometry(screen->geometry());
    window.showFullScreen();
}

} // namespace

int main(int argc, char** argv)
{
    // First of all, before any thread: freed memory that held a citizen's data is overwritten
    // at once (base/heap_scrubbing.h). Returns here in the restarted process.
    if (auto scrubbed = base::restartWithHeapScrubbing(argv); !scrubbed)
        base::log::warning("app",
                           scrubbed.error().describe() + "; freed memory is not overwritten");
    const auto parsed = kiosk::app::parseCommandLine(argc, argv);
    if (const auto* early = std::get_if<kiosk::app::EarlyExit>(&parsed))
        return early->code;
    const auto& options = std::get<kiosk::app::Options>(parsed);
    if (options.outOfService) // nothing else starts: kiosk-out-of-service.service
        return kiosk::app::runOutOfService(argc, argv, options);

    // The configuration and the catalog load on a thread of their own while Qt starts here;
    // a bad one stops the kiosk with exit code 2 before any window shows, and before Qt even
    // starts where no display could take a window (so the error is still heard). The rest
    // (queue, uplink, devices) starts once the home screen is on screen.
    kiosk::app::PendingRuntime pending(options.configFile);
    preferOffscreenWithoutDisplay(options);
    std::unique_ptr<kiosk::app::Runtime> runtime;
    if (!qtCanStart()) {
        if (runtime = take(pending); !runtime)
            return kiosk::app::exitRefused;
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("kiosk");
    if (!kiosk::ui::useChineseFont())
        base::log::warning(
            "app", std::string("font \"") + kiosk::ui::chineseFontFamily +
                       "\" not found (install fonts-wqy-microhei); Chinese may render poorly");
    if (!runtime) {
        if (runtime = take(pending); !runtime)
            return kiosk::app::exitRefused;
    }
    if (runtime->config().kiosk.id == kiosk::core::kUnprovisionedId)
        return kiosk::app::runNotProvisioned(options);

    // The screens show the catalog in service; a newer one installed meanwhile (sync,
    // sync_catalog or kioskctl catalog install) is switched in by the CatalogSwitcher below
    // when nobody is being served.
    auto& catalogs = runtime->catalogs();
    kiosk::ui::CatalogViewModel catalogViewModel;
    catalogViewModel.follow(catalogs);
    // The citizen's journey: the session's state machine drives the screens through the
    // session view-model; the queue, the printer and the card reader join after the first
    // frame (JourneyLinks).
    base::SystemClock clock;
    kiosk::core::Journey journey(clock, journeyOptions(runtime->config()), postToGui);
    kiosk::ui::SessionViewModel sessionViewModel(journey, catalogViewModel);
    // The reboot command waits while a citizen is served: the journey's state, mirrored here
    // for the runtime's workers (shared: the runtime outlives this scope's locals).
    auto serving = std::make_shared<std::atomic<bool>>(false);
    const auto servingWatch = journey.changed.connect(
        [serving, &journey] { *serving = journey.state() != kiosk::core::SessionState::Idle; });
    runtime->setSessionActive([serving] { return serving->load(); });
    kiosk::app::UiBridge bridge;
    // After what it links (the journey, its view-model, the bridge): it goes first.
    std::unique_ptr<kiosk::app::JourneyLinks> journeyLinks;
    // The staff marker of a held queue (401/403): the sync thread's state, queued to this one
    // by the alarm, made once the sync loop runs.
    kiosk::ui::UplinkStatus uplinkStatus;
    std::unique_ptr<kiosk::app::UplinkAlarm> uplinkAlarm;
    std::unique_ptr<kiosk::app::DemoWalk> demoWalk;
    // The technicians' screens (hidden gesture, one-time code), given their access once the
    // services (queue, audit trail) run.
    kiosk::ui::MaintenanceViewModel maintenanceViewModel;
    std::unique_ptr<kiosk::core::MaintenanceAccess> maintenance;

    // 语音播报 (Main's narrator), made once the home screen shows; before the engine, which
    // goes first.
    std::unique_ptr<kiosk::ui::Narrator> narrator;

    // Declared after what it shows, so the engine (and every binding) goes first.
    QQmlApplicationEngine engine;
    engine.addImportPath("qrc:/qt/qml");
    // The screens follow the session's language (zh_CN, or en_US from the AccessBar); made
    // before the screens load, so it re-words them before their own bindings re-read.
    kiosk::ui::UiLanguage language(engine, sessionViewModel, &catalogViewModel);
    engine.setInitialProperties({{"catalog", QVariant::fromValue(&catalogViewModel)},
                                 {"session", QVariant::fromValue(&sessionViewModel)},
                                 {"uplink", QVariant::fromValue(&uplinkStatus)},
                                 {"maintenance", QVariant::fromValue(&maintenanceViewModel)}});
    engine.load(QUrl(QString::fromLatin1(mainQml)));
    auto* window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr) {
        base::log::error("app", "cannot load the UI from " + std::string(mainQml));
        return EXIT_FAILURE;
    }
    if (!bridge.attach(window))
        base::log::error("app", "Main.qml lacks the helpRequested signal");
    // kiosk.service: watchdog pings from this (the GUI) thread from now on, READY=1 below.
    kiosk::app::SystemdNotifier systemd;

    // A catalog installed with kioskctl (the watch's worker) or fetched by the catalog sync
    // arrives prepared; it is switched in on this thread only while nobody is served (the
    // session's own state, Main's atHome), so a citizen mid-session never sees items change.
    kiosk::app::CatalogSwitcher catalogSwitch(
        catalogs, [window] { return window->property("atHome").toBool(); });
    QQmlProperty(window, "atHome").connectNotifySignal(&catalogSwitch, SLOT(switchIfAtHome()));

    // The home screen first, then the services (the queue, the uplink and the heartbeat, the
    // devices, the installed-catalog watch, the search index). A queue that cannot be opened
    // stops the kiosk as before: it takes no application it could not keep.
    kiosk::app::afterFirstFrame(*window, [&] {
        if (auto started = runtime->startServices(); !started) {
            std::cerr << "kiosk: " << started.error().message << "\n";
            (void)kiosk::core::markBootedSlot(
                kiosk::core::raucWhenConfigured(kiosk::core::runProgram),
                {.uiUp = true, .queueOpened = false, .configValid = true});
            QCoreApplication::exit(kiosk::app::exitRefused);
            return;
        }
        uplinkAlarm = std::make_unique<kiosk::app::UplinkAlarm>(*runtime->syncLoop(), uplinkStatus);
        journeyLinks = std::make_unique<kiosk::app::JourneyLinks>(journey, sessionViewModel,
                                                                  *runtime, bridge, clock);
        catalogViewModel.setCertificatePrinting(runtime->documentPrinter() != nullptr);
        maintenance = kiosk::app::openMaintenance(*runtime);
        maintenanceViewModel.setAccess(maintenance.get());
        systemd.ready();
        // The health check passed (first frame, queue open, configuration valid): the booted
        // slot is marked good on the slot monitor's worker.
        runtime->slotMonitor()->healthChecked(
            {.uiUp = true, .queueOpened = true, .configValid = true});
        if (options.measureStartup)
            QCoreApplication::exit(0);
        else if (!options.screenshot)
            narrator = startNarrator(*window);
        if (options.demoWalk)
            demoWalk = startDemoWalk(options, sessionViewModel, *window, catalogs);
    });
    if (options.measureStartup)
        kiosk::app::reportFirstFrame(*window);
    showWindow(*window, options);
    if (options.screenshot)
        kiosk::app::saveFirstFrameAndQuit(*window,
                                          QString::fromStdString(options.screenshot->string()));
    return QGuiApplication::exec();
}
