// SPDX-License-Identifier: Apache-2.0
// kiosk::app::Runtime: what the kiosk process owns besides its screens: config, catalog,
// devices, the offline queue and the uplink that drains it.
#pragma once

#include "base/result.h"
#include "base/worker.h"
#include "hal/device_manager.h"
#include "hal/document_printer.h"
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/catalog_sync.h"
#include "kiosk/core/config.h"
#include "kiosk/core/fleet_link.h"
#include "kiosk/core/heartbeat.h"
#include "kiosk/core/help_call.h"
#include "kiosk/core/installed_catalog_watch.h"
#include "kiosk/core/remote_config.h"
#include "kiosk/core/remote_reboot.h"
#include "kiosk/core/slot_update.h"
#include "offline_queue/curl_uplink.h"
#include "offline_queue/store.h"
#include "offline_queue/sync_loop.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace kiosk::app {

/// Built once by main() before any window exists. It owns the configuration, the catalogs,
/// the devices, the offline queue, the uplink with its sync loop, the heartbeat and the
/// catalog sync, so everything the process keeps has one owner and one shutdown order. The
/// UI's view-models borrow the catalogs (and the sync loop's link state, through UplinkAlarm).
/// Lives on the GUI thread.
///
/// Start-up comes in two steps so that the home screen shows first (README, Performance):
/// load() reads what the first frame needs, the configuration and the catalog; startServices()
/// runs once that frame is on screen and brings up the rest.
class Runtime {
public:
    /// Loads and validates the configuration and the catalog in service. Any failure is
    /// returned (the message names the file, line and key), and the kiosk refuses to start: it
    /// never guesses a configuration or runs without a valid catalog.
    [[nodiscard]] static base::Result<std::unique_ptr<Runtime>>
    load(const std::filesystem::path& configFile);

    /// Opens the offline queue and checks the platform settings, then opens the devices
    /// (openDevices), starts the uplink and the heartbeat (startUplink), the installed-
    /// catalog watch and builds the search index on a worker. A queue or platform setting that
    /// cannot be used is returned and the kiosk stops: it takes no application it could not
    /// keep. Call once, on the GUI thread, after the first frame; what needs the queue (the
    /// sync loop's link state) is available after it.
    [[nodiscard]] base::Result<void> startServices();

    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;
    ~Runtime();

    /// Where remote commands are registered by type. startUplink() registers
    /// retry_dead_letters (the queue's dead letters, again), sync_catalog (one
    /// GET /v1/catalog now on the catalog sync's worker; an error without trusted keys),
    /// set_config (core::RemoteConfig: a signed fragment written to the configuration file,
    /// in effect at the next start), reboot (core::RebootScheduler: between sessions only) and
    /// update (core::SlotUpdater: a RAUC bundle into the other slot, then that reboot).
    [[nodiscard]] core::CommandRegistry& commands() { return commands_; }

    /// The UI side's answer to "is a citizen being served?" (the journey's session is not
    /// idle), asked by the reboot command from a worker: it must be thread-safe. Set before
    /// startServices(); without it nobody is ever served.
    void setSessionActive(std::function<bool()> active) { sessionActive_ = std::move(active); }
    /// Replaces the reboot itself (default: rebootThroughLogind()). Set before startServices().
    void setRebootAction(std::function<base::Result<void>()> reboot)
    {
        rebootAction_ = std::move(reboot);
    }

    [[nodiscard]] const core::Config& config() const { return config_; }
    /// The catalog in service and a newly installed one waiting for the next idle moment.
    [[nodiscard]] core::CatalogHolder& catalogs() { return catalogs_; }
    /// Catalog distribution (what the heartbeat's sync_catalog command calls), or nullptr when
    /// no trusted key is configured or the services have not started.
    [[nodiscard]] core::CatalogSync* catalogSync() { return catalogSync_.get(); }
    /// The devices, or nullptr when the configured set could not be created (or not yet).
    [[nodiscard]] hal::DeviceManager* devices() { return devices_.get(); }
    /// The offline queue; nullptr until startServices() succeeded.
    [[nodiscard]] queue::Store* queue() { return store_.get(); }
    /// The worker draining the queue, whose linkStateChanged feeds the staff marker; nullptr
    /// until startServices() succeeded.
    [[nodiscard]] queue::SyncLoop* syncLoop() { return sync_.get(); }
    /// The audit trail (data_dir/audit); nullptr until startServices() opened it, or when it
    /// could not be opened (logged: the kiosk serves on without it).
    [[nodiscard]] core::AuditTrail* audit() { return audit_.get(); }
    /// The staff call (人工帮助), whose flag the heartbeat carries; nullptr until
    /// startServices() made it.
    [[nodiscard]] core::HelpCall* helpCall() { return help_.get(); }
    /// The platform link (curl), for the online-only calls of the screens (identity codes,
    /// progress, certificates) made on workers; nullptr until startServices() made it.
    [[nodiscard]] queue::Uplink* uplink() { return uplink_.get(); }
    /// The A/B slot (rauc): the health check's verdict goes here (main, after the first frame
    /// and the services), the heartbeat's "slot" member comes from here; nullptr until
    /// startServices() made it.
    [[nodiscard]] core::SlotMonitor* slotMonitor() { return slots_.get(); }
    /// The A4 printer for certificates ([devices] a4_printer), or nullptr when none is
    /// configured (print items then send the citizen to a counter) or the services have not
    /// started. Used on the journey's certificate worker.
    [[nodiscard]] std::shared_ptr<hal::DocumentPrinter> documentPrinter() const
    {
        return documentPrinter_;
    }

private:
    /// Creates the configured devices and opens them. Failures are logged and not fatal: a
    /// kiosk with a broken printer can still show guides and take cases.
    void openDevices();
    /// Creates the A4 printer from [devices] a4_printer (CUPS needs no opening: the print
    /// system owns the printer). A spec that cannot be used is logged, not fatal.
    void createDocumentPrinter();

    /// Starts uploading the queue in the background (the sync loop's own worker), the
    /// heartbeat, whose remote commands go through commands(), and, when trusted keys are
    /// configured, the periodic GET /v1/catalog.
    void startUplink();

    /// Starts watching for a catalog that `kioskctl catalog install` puts under data_dir: once a
    /// second on the watch's own worker (one stat() while nothing changed), where a changed file
    /// is read, verified and prepared for the screens, then staged. The GUI thread listens to
    /// catalogs().staged (CatalogSwitcher) by then. No-op without trusted keys.
    void startCatalogWatch();

    /// Builds the first catalog's search index on indexWarmer_.
    void warmSearchIndex();

    /// The sync_catalog remote command: one GET /v1/catalog now on the catalog sync's worker,
    /// installed if it verifies.
    base::Result<void> syncCatalogNow();

    /// Opens the audit trail and records the start (and a changed configuration).
    void startAudit();

    /// Registers set_config and reboot (startUplink, once the heartbeat exists).
    void registerMaintenanceCommands();
    /// Registers update (after reboot, whose path it takes).
    void registerUpdateCommand();
    /// The slot monitor found an update installed outside the `update` command (a USB stick):
    /// the reboot into it, between citizen sessions (reboots_, audited as the kiosk's).
    void rebootForInstalledUpdate();

    Runtime(core::Config config, core::Catalog catalog, std::filesystem::path configFile,
            std::string configSha256);

    core::Config config_;
    std::filesystem::path configFile_;
    std::string configSha256_; ///< of the file as loaded: a change shows in the audit trail
    /// Before everything that records into it, so it outlives them.
    std::unique_ptr<core::AuditTrail> audit_;
    core::CatalogHolder catalogs_;
    std::unique_ptr<core::CatalogStore> catalogStore_;
    std::unique_ptr<core::InstalledCatalogWatch> installedWatch_;
    std::unique_ptr<hal::DeviceManager> devices_;
    std::shared_ptr<hal::DocumentPrinter> documentPrinter_;
    base::SystemClock clock_;
    std::unique_ptr<queue::Store> store_;
    std::unique_ptr<queue::CurlUplink> uplink_;
    core::CommandRegistry commands_;
    std::unique_ptr<core::CatalogSync> catalogSync_; ///< uses the uplink: declared after it
    std::unique_ptr<core::HelpCall> help_;           ///< records into audit_; read by heartbeat_
    std::unique_ptr<core::SlotMonitor> slots_;       ///< read by heartbeat_
    // Declared last: they use the store and the uplink, so they stop before those go.
    std::unique_ptr<queue::SyncLoop> sync_;
    std::unique_ptr<core::HeartbeatClient> heartbeat_;
    /// With [fleet]: heartbeats and commands over MQTT instead of HTTP. Uses heartbeat_.
    std::unique_ptr<core::FleetLink> fleet_;
    std::function<bool()> sessionActive_;
    std::function<base::Result<void>()> rebootAction_;
    std::unique_ptr<core::RemoteConfig> remoteConfig_;
    /// After heartbeat_, which it uses (a heartbeat before the reboot): stopped first.
    std::unique_ptr<core::RebootScheduler> reboots_;
    std::atomic<bool> updateReboot_ = false; ///< a reboot into an installed update was asked
    /// The update command (runs on the heartbeat's worker; reboots through reboots_).
    std::unique_ptr<core::SlotUpdater> updater_;
    base::Connection queueAudit_;  ///< the queue's changes into audit_
    base::Connection deviceAudit_; ///< the devices' attach, detach and fault into audit_
    /// Builds the search index of the catalog in service, once, off the GUI thread.
    std::unique_ptr<base::Worker> indexWarmer_;
};

/// Runtime::load() on a thread of its own, started at once, so that Qt starts on the GUI
/// thread meanwhile: reading and checking a 200-item catalog takes about 8 ms, most of it JSON.
class PendingRuntime {
public:
    explicit PendingRuntime(std::filesystem::path configFile);
    PendingRuntime(const PendingRuntime&) = delete;
    PendingRuntime& operator=(const PendingRuntime&) = delete;
    ~PendingRuntime() = default; // joins

    /// Waits for the load and hands over its outcome. Call once.
    [[nodiscard]] base::Result<std::unique_ptr<Runtime>> take();

private:
    std::optional<base::Result<std::unique_ptr<Runtime>>> result_;
    std::jthread thread_; ///< last: joined before result_ goes
};

} // namespace kiosk::app
