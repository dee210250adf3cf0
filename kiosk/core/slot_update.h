// SPDX-License-Identifier: Apache-2.0
// A/B updates with RAUC, the kiosk's side (image/README.md, ../shared/reference/image.md §5):
// - the health check after boot: once the UI is up, the queue open and the configuration
//   valid, the booted slot is marked good (`rauc status mark-good`); if any of them failed it
//   is marked bad, so the next boot falls back to the other slot;
// - the heartbeat's "slot" member: the booted slot and whether the last update was rolled back;
// - the `update` remote command: download the bundle to the data partition, check its size
//   and SHA-256, `rauc install` it, then reboot between citizen sessions.
// rauc runs through a SystemCommand (tests: a fake rauc on PATH); absent rauc, nothing happens.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/worker.h"
#include "kiosk/core/bundle_download.h"
#include "kiosk/core/heartbeat.h"
#include "kiosk/core/system_command.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace kiosk::core {

/// Where RAUC's configuration lives on the image (image/overlay/etc/rauc/system.conf).
inline constexpr std::string_view raucSystemConf = "/etc/rauc/system.conf";

/// `run`, except that rauc counts as not installed (errc::not_found) while `systemConf` does
/// not exist: a machine with the rauc tool but no A/B slots (a developer's, a CI host that
/// builds bundles) is no A/B system, and its rauc is left alone.
[[nodiscard]] SystemCommand
raucWhenConfigured(SystemCommand run,
                   std::filesystem::path systemConf = std::filesystem::path(raucSystemConf));

/// What `rauc status --detailed --output-format=json` says about this boot.
struct SlotStatus {
    std::string booted; ///< the booted slot's bootname ("A", "B")
    /// the slot activated last (an update) is neither the one booted nor the one the bootloader
    /// boots next: GRUB fell back from it (an update installed but not booted yet is none)
    bool rolledBack = false;
    /// the bootname of the slot the bootloader boots next ("" when rauc names none). Not the
    /// booted one: an update waits for its reboot, or this is a trial boot not committed yet
    /// (rauc's GRUB backend counts only a slot with X_OK=1 and X_TRY=0 as primary)
    std::string primary;
    std::string primaryActivated; ///< when the primary slot was activated (RFC 3339), or ""
    bool operator==(const SlotStatus&) const = default;
};

/// Reads rauc's JSON status. The slot activated most recently (slot_status.activated.timestamp)
/// is the one an update made primary; booting another means GRUB fell back from it, unless it
/// is still the primary ("boot_primary": installed, waiting for the reboot).
[[nodiscard]] base::Result<SlotStatus> parseRaucStatus(std::string_view json);

/// The three conditions of the health check; any false one marks the slot bad.
struct HealthFacts {
    bool uiUp = false;
    bool queueOpened = false;
    bool configValid = false;
};

/// Runs the health check's verdict on the booted slot now (blocking): `rauc status mark-good`
/// when every fact holds, else `rauc status mark-bad`, with the failed facts in the log.
/// Without rauc (not installed): nothing, and no error.
base::Result<void> markBootedSlot(const SystemCommand& run, const HealthFacts& facts);

/// The kiosk's own reboot for an update installed outside the `update` command (from a USB
/// stick: image/overlay/usr/lib/kiosk/update-usb, or by a technician with `rauc install`): rauc's
/// status is read again every `every`, and once this boot's health check has passed (a trial
/// boot's primary is still the old slot until then), a primary slot other than the booted one
/// that was activated since `bootedSince` is an installed update waiting for its reboot.
/// Activated before this boot began, it is not: should the bootloader boot the same slot again,
/// the kiosk does not reboot in a loop.
struct InstalledUpdateWatch {
    std::chrono::milliseconds every = std::chrono::seconds(20);
    std::string bootedSince;         ///< RFC 3339 UTC, e.g. "2026-12-06T05:00:00Z" (bootTime())
    std::function<void()> rebootDue; ///< called once, on the monitor's worker
};

/// When this boot began (the kernel's btime in /proc/stat) as RFC 3339 UTC; `clock`'s now when
/// it cannot be read (the watch then sees only updates installed from now on).
[[nodiscard]] std::string bootTime(const base::Clock& clock);

/// The booted slot as the heartbeat reports it, refreshed after the health check and after an
/// install (rauc is asked off the heartbeat's path: the status changes only then), and every
/// InstalledUpdateWatch::every when a watch is given.
class SlotMonitor {
public:
    /// `changed` (may be absent) is called on the monitor's worker when a status read gives
    /// another status than before (the first one included): the heartbeat then beats at once,
    /// so the platform learns of a commit or a rollback without waiting for the next period.
    SlotMonitor(SystemCommand run, const base::Clock& clock, std::function<void()> changed = {},
                std::optional<InstalledUpdateWatch> watch = std::nullopt);
    SlotMonitor(const SlotMonitor&) = delete;
    SlotMonitor& operator=(const SlotMonitor&) = delete;
    ~SlotMonitor();

    /// The health check passed or failed: marks the slot on the monitor's worker (a D-Bus call
    /// to rauc may take a while; never on the GUI thread), then reads the status again.
    void healthChecked(HealthFacts facts);
    /// Reads the status again (on the worker).
    void refresh();
    /// The heartbeat's "slot" member: {"booted": "A", "rolledBack": false}; std::nullopt while
    /// unknown or without rauc (the member is then left out).
    [[nodiscard]] std::optional<nlohmann::json> heartbeatMember() const;
    /// Whether the worker has nothing left to do (for tests).
    [[nodiscard]] bool settled() const;
    void stop();

private:
    std::chrono::milliseconds step();
    /// Whether `status` says an update waits for its reboot (InstalledUpdateWatch); locked.
    [[nodiscard]] bool rebootDue(const SlotStatus& status) const;

    SystemCommand run_;
    std::function<void()> changed_;
    mutable std::mutex mutex_;
    std::optional<HealthFacts> verdict_; ///< to be marked
    bool refresh_ = false;               ///< status to be read
    bool busy_ = false;
    std::optional<SlotStatus> status_;
    std::optional<InstalledUpdateWatch> watch_;
    bool committed_ = false;   ///< this process's health check passed and marked the slot good
    bool rebootAsked_ = false; ///< watch_->rebootDue was called
    base::Worker worker_;      ///< last: stopped before the members it uses go
};

struct UpdateOptions {
    std::filesystem::path dir; ///< on the data partition (not /tmp: a tmpfs, i.e. RAM)
    std::uint64_t maxBytes = 2ULL * 1024 * 1024 * 1024; ///< larger than any rootfs bundle
    std::uint64_t keepFree = 64ULL * 1024 * 1024;       ///< left free for queue and journal
};

struct UpdateHooks {
    SystemCommand run = {};
    BundleDownload download = {};
    /// True while a citizen is served; the update is refused then. Absent: never.
    std::function<bool()> sessionActive = {};
    /// The reboot path (RebootScheduler::request): waits for the session to end, beats first.
    std::function<base::Result<std::string>(std::string_view commandId)> reboot = {};
    /// Called after an install (SlotMonitor::refresh). May be absent.
    std::function<void()> installed = {};
};

/// The `update` command: {"url": "https://...", "sha256": "<64 hex>"}. Runs on the heartbeat's
/// worker (one command at a time): refused while a citizen is served or without rauc; else
/// downloads to options.dir/update.raucb (bounded by maxBytes and the free space), checks the
/// SHA-256, runs `rauc install FILE`, removes the file and asks for the reboot. Its result (or
/// why it failed) goes out in the next heartbeat's "results", before the reboot.
class SlotUpdater {
public:
    SlotUpdater(UpdateOptions options, UpdateHooks hooks);
    [[nodiscard]] base::Result<std::string> apply(const RemoteCommand& command);
    /// Abandons a download under way (and every later one): the kiosk is stopping. An install
    /// already started runs to its end (rauc does not leave a slot half written).
    void stop() { stop_.request_stop(); }

private:
    [[nodiscard]] base::Result<std::uint64_t> allowedBytes() const;
    [[nodiscard]] base::Result<std::string> install(const std::string& commandId,
                                                    const std::filesystem::path& bundle);

    UpdateOptions options_;
    UpdateHooks hooks_;
    std::stop_source stop_;
};

} // namespace kiosk::core
