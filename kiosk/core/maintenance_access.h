// SPDX-License-Identifier: Apache-2.0
// Maintenance access for technicians on the kiosk's own screen: a one-time code (RFC 6238) opens
// it, five wrong codes lock it for 15 minutes (kept under data_dir, so a restart does not reset
// it), it ends after 5 minutes untouched, and every step and action goes into the audit trail.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "hal/device_status.h"
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/config.h"
#include "kiosk/core/totp.h"
#include "offline_queue/record.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// The rules. The defaults are the product's (README, Maintenance access); tests keep them.
struct MaintenanceOptions {
    std::vector<std::uint8_t> secret; ///< the kiosk's TOTP key; empty: no code opens it
    TotpParameters totp;
    int maxFailures = 5;               ///< wrong codes in a row before the lock
    std::chrono::minutes lockout{15};  ///< how long the lock lasts
    std::chrono::minutes idleLimit{5}; ///< untouched this long: the screen ends itself
};

/// A check a technician can run from the screen (what kioskctl offers that fits a kiosk
/// running: audit verify, a test receipt). `run` returns a short line to show, never
/// personal data.
struct MaintenanceDiagnostic {
    std::string id;    ///< "audit_verify", "print_test": audited as the action's object
    std::string label; ///< the button's text, Chinese
    std::function<base::Result<std::string>()> run;
};

/// Where the screen's figures come from: borrowed from the runtime once its services run.
/// Any member may be empty (not available yet): the screen says so.
struct MaintenanceServices {
    std::function<std::vector<hal::DeviceStatus>()> devices;
    std::function<base::Result<queue::QueueCounts>()> queueCounts;
    std::function<base::Result<std::int64_t>()> retryDeadLetters; ///< how many were queued again
    std::function<std::int64_t()> catalogVersion;
    std::function<std::string()> linkState; ///< "up", "down", "unauthorized", "unknown"
    std::vector<MaintenanceDiagnostic> diagnostics;
};

/// What the maintenance screen shows, read when it opens and after each action.
struct MaintenanceSnapshot {
    std::vector<hal::DeviceStatus> devices;
    std::optional<queue::QueueCounts> queue; ///< nullopt: the queue is not open (or failed)
    std::int64_t catalogVersion = 0;
    std::string linkState = "unknown";
};

/// An action checked and taken on the GUI thread (beginAction), whose work may run on a worker
/// (the device or disk I/O of a test print, an audit verify, a retry), then finished and
/// audited on the GUI thread again (finishAction).
struct MaintenanceActionOutcome {
    std::string text;                                 ///< the line for the screen
    nlohmann::json detail = nlohmann::json::object(); ///< for the audit record: counts only
};
struct PendingMaintenanceAction {
    std::string id; ///< "retry_dead_letters" or a diagnostic's id
    std::function<base::Result<MaintenanceActionOutcome>()> work;
};

/// The outcome of one code typed.
struct CodeResult {
    enum class Outcome {
        Granted,     ///< the screen opens
        Wrong,       ///< not the code of now (or one already used); `attemptsLeft` more
        Locked,      ///< too many wrong codes; `lockedFor` to go (the code was not checked)
        Unavailable, ///< no secret provisioned on this kiosk ([maintenance] totp_secret_file)
    };
    Outcome outcome = Outcome::Wrong;
    int attemptsLeft = 0;
    std::chrono::seconds lockedFor{0};
};

/// The technician's side of the kiosk. Lives on one thread (the GUI's); the services it calls
/// are the runtime's, which are thread-safe. The lock state is data_dir/maintenance/access.json
/// (failures in a row, locked until, the last code's step so a code is used only once), written
/// by rename and fsync'd at every change.
class MaintenanceAccess {
public:
    /// Reads the lock state under `dataDir` (creating data_dir/maintenance, mode 0700). A state
    /// file that cannot be read as written fails closed: locked for `options.lockout`, audited.
    /// `audit` is borrowed and may be null (then nothing is recorded, and that is logged once).
    [[nodiscard]] static base::Result<std::unique_ptr<MaintenanceAccess>>
    open(const std::filesystem::path& dataDir, MaintenanceOptions options, AuditTrail* audit,
         const base::Clock& clock = base::systemClock());
    MaintenanceAccess(const MaintenanceAccess&) = delete;
    MaintenanceAccess& operator=(const MaintenanceAccess&) = delete;
    ~MaintenanceAccess(); ///< an open maintenance session is logged out ("shutdown")

    void setServices(MaintenanceServices services) { services_ = std::move(services); }

    /// The hidden gesture was made: "maintenance.requested". The code screen shows.
    void requested();
    /// Checks a typed code. Never records the code itself: only the outcome and the count.
    CodeResult submitCode(std::string_view code);
    /// The code screen was left without a code: "maintenance.cancelled".
    void cancelled();

    [[nodiscard]] bool active() const { return active_; }
    /// Time left on the lock, or nullopt when codes are taken.
    [[nodiscard]] std::optional<std::chrono::seconds> lockedFor() const;
    [[nodiscard]] bool available() const { return !options_.secret.empty(); }

    /// A touch on the maintenance screen: the idle limit starts again.
    void touched();
    /// Ends the session if it was untouched for the idle limit ("maintenance.logout", "idle").
    /// True if it ended now.
    bool endIfIdle();
    /// Ends the session ("maintenance.logout" with `why`: "technician", "idle", "shutdown").
    void logout(std::string_view why);

    /// The figures to show; an empty snapshot when not active.
    [[nodiscard]] MaintenanceSnapshot snapshot() const;
    /// Queues every dead letter again: "maintenance.action" retry_dead_letters with the count.
    /// Refused (and audited as refused) when not active.
    base::Result<std::int64_t> retryDeadLetters();
    /// The diagnostics offered, in order (id and label).
    [[nodiscard]] const std::vector<MaintenanceDiagnostic>& diagnostics() const
    {
        return services_.diagnostics;
    }
    /// Runs one diagnostic: "maintenance.action" with its id and result.
    base::Result<std::string> runDiagnostic(std::string_view id);

    /// The first half of an action ("retry_dead_letters" or a diagnostic's id): refused (and
    /// audited) when not logged in or unknown; otherwise its work, to run on any thread.
    base::Result<PendingMaintenanceAction> beginAction(std::string_view id);
    /// The second half: "maintenance.action" with the id, the result and the outcome's detail.
    void finishAction(std::string_view id, const base::Result<MaintenanceActionOutcome>& outcome);

private:
    MaintenanceAccess(std::filesystem::path stateFile, MaintenanceOptions options,
                      AuditTrail* audit, const base::Clock& clock);
    base::Result<void> load();
    void save();
    void record(AuditEvent event);
    CodeResult refuse(std::string_view reason);
    base::Result<void> requireActive(std::string_view action);

    std::filesystem::path stateFile_;
    MaintenanceOptions options_;
    AuditTrail* audit_;
    const base::Clock& clock_;
    MaintenanceServices services_;
    // The persisted state.
    int failures_ = 0;
    std::optional<base::Clock::TimePoint> lockedUntil_;
    std::uint64_t lastStep_ = 0; ///< the step of the last code accepted: it cannot open twice
    // The session.
    bool active_ = false;
    base::Clock::SteadyTime lastTouch_{};
};

/// Reads the base32 TOTP secret of [maintenance] totp_secret_file: the file must exist, be
/// readable by its owner only (no group or other bits), and hold at least 16 bytes (RFC 4226
/// §4 R6: 128 bits) of base32. Errors name the key and the file, never the secret.
[[nodiscard]] base::Result<std::vector<std::uint8_t>>
loadTotpSecret(const std::filesystem::path& file);

/// The options of a configuration: the secret from [maintenance] (none when absent).
[[nodiscard]] base::Result<MaintenanceOptions> maintenanceOptions(const Config& config);

} // namespace kiosk::core
