// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/runtime.h"

#include "base/log.h"
#include "drivers/registry.h"
#include "kiosk/app/system_reboot.h"
#include "kiosk/core/audit_sources.h"
#include "kiosk/core/maintenance_access.h"
#include "kiosk/core/platform_link.h"
#include "kiosk/core/runtime_files.h"
#include "kiosk/core/service_catalog.h"
#include "kiosk/core/version.h"
#include "offline_queue/digest.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

namespace kiosk::app {

namespace {
constexpr auto runtimeLog = "app";
/// How often the kiosk asks for a new catalog (a 304 costs one small request); the
/// heartbeat's sync_catalog command asks at once.
constexpr std::chrono::minutes catalogPollPeriod{15};
/// How soon a catalog installed with kioskctl is noticed: a stat() a second costs nothing.
constexpr std::chrono::seconds installedCatalogPollPeriod{1};
/// How often rauc's status is read for an update installed from a USB stick (a D-Bus call).
constexpr std::chrono::seconds installedUpdatePoll{20};
} // namespace

base::Result<std::unique_ptr<Runtime>> Runtime::load(const std::filesystem::path& configFile)
{
    auto config = core::loadConfig(configFile);
    if (!config)
        return base::fail(config.error());
    auto catalog = core::loadServiceCatalog(*config);
    if (!catalog)
        return base::fail(catalog.error());
    // The technicians' secret is checked now, so a bad one stops the kiosk at start with the
    // key named, not at a technician's first code.
    if (auto maintenance = core::maintenanceOptions(*config); !maintenance)
        return base::fail(maintenance.error().withContext(configFile.string()));

    const auto enabled = std::count_if(catalog->items.begin(), catalog->items.end(),
                                       [](const auto& item) { return item.enabled; });
    base::log::info(runtimeLog, "kiosk " + std::string(core::softwareVersion()) +
                                    " starting; configuration " + configFile.string() +
                                    "; catalog version " + std::to_string(catalog->catalogVersion) +
                                    " with " + std::to_string(enabled) + " enabled items");
    // The file's digest for the audit trail, on this (loading) thread: the trail itself is
    // opened after the first frame (startServices).
    std::ifstream in(configFile, std::ios::binary);
    const auto digest = queue::sha256Hex(std::string(std::istreambuf_iterator<char>(in), {}));
    return std::unique_ptr<Runtime>(
        new Runtime(std::move(*config), std::move(*catalog), configFile, digest));
}

PendingRuntime::PendingRuntime(std::filesystem::path configFile)
    : thread_([this, file = std::move(configFile)] {
          // What load() might throw (it reports errors as values) is logged, not fatal here:
          // take() then finds no outcome and says so.
          (void)base::runGuarded("app/load", [&] { result_.emplace(Runtime::load(file)); });
      })
{
}

base::Result<std::unique_ptr<Runtime>> PendingRuntime::take()
{
    thread_.join(); // the thread's writes to result_ happen-before this returns
    if (!result_)
        return base::fail(base::errc::internal,
                          "loading the configuration and catalog failed (see the log)");
    return std::move(*result_);
}

Runtime::Runtime(core::Config config, core::Catalog catalog, std::filesystem::path configFile,
                 std::string configSha256)
    : config_(std::move(config)), configFile_(std::move(configFile)),
      configSha256_(std::move(configSha256)),
      catalogs_(std::move(catalog), core::CatalogSnapshot::SearchIndex::OnFirstUse)
{
}

base::Result<void> Runtime::startServices()
{
    auto store = core::openQueue(config_);
    if (!store)
        return base::fail(store.error());
    auto uplink = queue::CurlUplink::create(core::uplinkOptions(config_));
    if (!uplink)
        return base::fail(uplink.error());
    store_ = std::move(*store);
    uplink_ = std::move(*uplink);
    startAudit();
    if (audit_)
        queueAudit_ = core::auditQueueChanges(*store_, *audit_);
    sync_ = std::make_unique<queue::SyncLoop>(*store_, *uplink_, clock_, queue::SyncOptions{});
    if (!config_.catalog.trustedKeys.empty()) {
        catalogStore_ = std::make_unique<core::CatalogStore>(
            config_.kiosk.dataDir, config_.catalog.trustedKeys, audit_.get());
        catalogSync_ =
            std::make_unique<core::CatalogSync>(*uplink_, *catalogStore_, catalogs_, clock_);
        installedWatch_ = std::make_unique<core::InstalledCatalogWatch>(*catalogStore_, catalogs_);
    }
    warmSearchIndex();
    openDevices(); // before the heartbeat, which reports their states
    createDocumentPrinter();
    startUplink();
    startCatalogWatch();
    return {};
}

void Runtime::startAudit()
{
    auto trail = core::openAuditTrail(config_, "kiosk");
    if (!trail) {
        // Not fatal: a kiosk whose trail cannot be written still serves citizens; the log and
        // the missing auditAnchor in the heartbeat tell the platform.
        base::log::error(runtimeLog, "no audit trail: " + trail.error().describe());
        return;
    }
    audit_ = std::move(*trail);
    core::auditStart(*audit_, core::softwareVersion(), catalogs_.current()->catalogVersion,
                     configFile_, configSha256_);
}

void Runtime::warmSearchIndex()
{
    // The first catalog's index was left for first use (CatalogSnapshot::SearchIndex): build
    // it now, on a worker of low priority, before any citizen can type a query.
    indexWarmer_ = std::make_unique<base::Worker>(
        base::Worker::Options{"app/search-index", std::chrono::seconds(1),
                              core::InstalledCatalogWatch::backgroundNice},
        base::systemClock());
    indexWarmer_->start([first = std::weak_ptr(catalogs_.currentSnapshot())](std::stop_token) {
        if (const auto snapshot = first.lock()) // unless a newer catalog replaced it already
            (void)snapshot->search();
        return base::Worker::idle;
    });
}

void Runtime::startCatalogWatch()
{
    // The process clock, not clock_: the watch is declared before clock_, so it outlives it.
    if (installedWatch_)
        installedWatch_->start(base::systemClock(), installedCatalogPollPeriod);
}

void Runtime::startUplink()
{
    commands_.add("retry_dead_letters", [this](const nlohmann::json&) -> base::Result<void> {
        auto retried = store_->retryDeadLetters();
        if (!retried)
            return base::fail(retried.error());
        base::log::info(runtimeLog, "remote command: " + std::to_string(*retried) +
                                        " dead letters queued again");
        sync_->notify();
        return {};
    });
    commands_.add("sync_catalog",
                  [this](const nlohmann::json&) -> base::Result<void> { return syncCatalogNow(); });
    core::HeartbeatSources sources;
    sources.catalogVersion = [this] {
        return catalogs_.current()->catalogVersion;
    };
    sources.devices = [this] {
        return devices_ ? core::deviceReports(devices_->statuses()) : nlohmann::json::array();
    };
    sources.audit = audit_.get();
    help_ = std::make_unique<core::HelpCall>(clock_, audit_.get());
    sources.help = help_.get();
    // A new slot status (committed, rolled back) goes out at once, not with the next period.
    // An update installed from a USB stick (image/overlay/usr/lib/kiosk/update-usb) is seen
    // in rauc's status within installedUpdatePoll and rebooted into between sessions.
    slots_ = std::make_unique<core::SlotMonitor>(
        core::raucWhenConfigured(core::runProgram), clock_,
        [this] {
            if (heartbeat_)
                heartbeat_->beatSoon();
        },
        core::InstalledUpdateWatch{.every = installedUpdatePoll,
                                   .bootedSince = core::bootTime(clock_),
                                   .rebootDue = [this] {
                                       rebootForInstalledUpdate();
                                   }});
    sources.slot = [this] {
        return slots_->heartbeatMember();
    };
    heartbeat_ = std::make_unique<core::HeartbeatClient>(*uplink_, *store_, config_.kiosk.id,
                                                         std::string(core::softwareVersion()),
                                                         clock_, commands_, std::move(sources));
    registerMaintenanceCommands();
    sync_->start();
    fleet_ = core::startFleetLink(config_, *heartbeat_, clock_); // null without [fleet]
    if (!fleet_)
        heartbeat_->start(std::chrono::seconds(60));
    if (catalogSync_)
        catalogSync_->start(catalogPollPeriod);
}

void Runtime::registerMaintenanceCommands()
{
    remoteConfig_ = std::make_unique<core::RemoteConfig>(
        core::RemoteConfigOptions{configFile_, config_.catalog.trustedKeys, audit_.get()});
    commands_.addReporting("set_config", [this](const core::RemoteCommand& command) {
        return remoteConfig_->apply(command.id, command.args);
    });
    core::RebootHooks hooks{
        .sessionActive = sessionActive_,
        // The acknowledgement and result first, or the platform sends the reboot again.
        .beforeReboot =
            [this] {
                if (fleet_)
                    (void)fleet_->beatNow(std::chrono::seconds(10));
                else
                    (void)heartbeat_->beat();
            },
        .reboot = rebootAction_ ? rebootAction_ : rebootThroughLogind};
    reboots_ = std::make_unique<core::RebootScheduler>(std::move(hooks), clock_, audit_.get());
    commands_.addReporting("reboot", [this](const core::RemoteCommand& command) {
        return reboots_->request(command.id);
    });
    registerUpdateCommand();
}

void Runtime::registerUpdateCommand()
{
    // On the data partition (/var/lib/kiosk is /data/kiosk): /tmp is a tmpfs, i.e. RAM.
    core::UpdateHooks hooks{.run = core::raucWhenConfigured(core::runProgram),
                            .download = core::curlBundleDownload(core::uplinkOptions(config_)),
                            .sessionActive = sessionActive_,
                            .reboot =
                                [this](std::string_view id) {
                                    updateReboot_ = true; // the monitor sees it too: one reboot
                                    return reboots_->request(id);
                                },
                            .installed =
                                [this] {
                                    slots_->refresh();
                                }};
    updater_ = std::make_unique<core::SlotUpdater>(
        core::UpdateOptions{.dir = config_.kiosk.dataDir / "update"}, std::move(hooks));
    commands_.addReporting(
        "update", [this](const core::RemoteCommand& command) { return updater_->apply(command); });
}

void Runtime::rebootForInstalledUpdate()
{
    // The update command asks for its own reboot (with its command id for the platform).
    if (!reboots_ || updateReboot_.exchange(true))
        return;
    if (auto requested = reboots_->request("update-installed", "kiosk"))
        base::log::info(runtimeLog, "installed update: " + *requested);
    else
        base::log::error(runtimeLog, "installed update: " + requested.error().describe());
}

base::Result<void> Runtime::syncCatalogNow()
{
    if (!catalogSync_)
        return base::fail(base::errc::unsupported,
                          "no [[catalog.trusted_keys]] configured: this kiosk accepts no pushed "
                          "catalogs");
    // On the catalog's own worker: the heartbeat never waits for a download, and the outcome
    // (installed, refused and why) is logged there.
    catalogSync_->trigger();
    return {};
}

Runtime::~Runtime()
{
    if (audit_)
        core::auditStop(*audit_);
    if (updater_)
        updater_->stop(); // a bundle download must not hold the heartbeat (and its beats)
    if (reboots_)
        reboots_->stop(); // it may beat: before the heartbeat stops
    if (indexWarmer_)
        indexWarmer_->stop();
    if (installedWatch_)
        installedWatch_->stop(); // it stages into catalogs_ and reads catalogStore_
    if (fleet_)
        fleet_->stop(); // it uses the heartbeat
    if (heartbeat_)
        heartbeat_->stop(); // it reads the devices' states
    if (slots_)
        slots_->stop();
    if (catalogSync_)
        catalogSync_->stop();
    if (devices_)
        devices_->closeAll();
}

void Runtime::openDevices()
{
    auto created = drivers::createDevices(config_.devices);
    for (const auto& error : created.errors) // that class is missing; the others run
        base::log::error(runtimeLog, "device not created: " + error.describe());
    devices_ = std::make_unique<hal::DeviceManager>(std::move(created.devices));
    if (audit_) // before openAll(), so that the first attach is recorded too
        deviceAudit_ = core::auditDeviceChanges(*devices_, *audit_);
    for (const auto& error : devices_->openAll())
        base::log::warning(runtimeLog, "device not ready: " + error.describe());
    for (const auto& status : devices_->statuses())
        base::log::info(runtimeLog, std::string(hal::toString(status.deviceClass)) + " (" +
                                        status.backend +
                                        "): " + std::string(hal::toString(status.state)));
}

void Runtime::createDocumentPrinter()
{
    auto printer = drivers::createDocumentPrinter(config_.devices.a4Printer);
    if (!printer) {
        base::log::error(runtimeLog, "A4 printer not created: " + printer.error().describe());
        return;
    }
    documentPrinter_ = std::move(*printer);
    base::log::info(runtimeLog, documentPrinter_
                                    ? "A4 printer for certificates: " + documentPrinter_->describe()
                                    : std::string("no A4 printer: certificates at a counter"));
}

} // namespace kiosk::app
