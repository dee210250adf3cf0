// SPDX-License-Identifier: Apache-2.0
// The heartbeat (POST /v1/kiosks/{id}/heartbeat): the kiosk's health for the platform, and the
// platform's remote commands for the kiosk, dispatched by type through a registry.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/worker.h"
#include "hal/device_status.h"
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/help_call.h"
#include "offline_queue/store.h"
#include "offline_queue/uplink.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// One command from the platform: sync_catalog, retry_dead_letters, set_config, reboot, ...
struct RemoteCommand {
    std::string id;
    std::string type;
    nlohmann::json args = nlohmann::json::object();
};

/// A command as read from an answer: `id` when it could be read (so it can be acknowledged),
/// and the command or why it cannot be run ("commands[0].type: expected a string, got number").
struct ParsedCommand {
    std::optional<std::string> id;
    base::Result<RemoteCommand> command;
};

/// What a command did, sent back as the heartbeat's optional "results" member (README) with
/// its acknowledgement: {"<id>": {"ok": true, "detail": "..."}} or {"ok": false, "error": "..."}.
struct CommandResult {
    bool ok = true;
    std::string error = {};  ///< why it failed or was refused (never personal data)
    std::string detail = {}; ///< what it did, when the handler says (set_config: keys and when)
    bool operator==(const CommandResult&) const = default;
};

/// Reads the `commands` of a heartbeat answer. An answer that is not an object with a
/// `commands` array is an error; a bad command is an error in its own entry only.
[[nodiscard]] base::Result<std::vector<ParsedCommand>> readCommands(std::string_view answer);

/// Who handles which command type. Other parts of the kiosk register their own (the catalog
/// sync registers sync_catalog). Thread-safe.
class CommandRegistry {
public:
    using Handler = std::function<base::Result<void>(const nlohmann::json& args)>;
    /// A handler that needs the command's id (set_config audits it) and says what it did (the
    /// result's "detail").
    using ReportingHandler = std::function<base::Result<std::string>(const RemoteCommand&)>;

    /// Registers (or replaces) the handler of `type`.
    void add(std::string type, Handler handler);
    void addReporting(std::string type, ReportingHandler handler);
    /// Runs the command's handler and returns what it said it did (empty for a Handler); an
    /// unknown type is an error (the command is still acknowledged, and otherwise ignored).
    [[nodiscard]] base::Result<std::string> dispatch(const RemoteCommand& command) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, ReportingHandler, std::less<>> handlers_;
};

/// The `devices` array of a heartbeat: class, model, state and detail (no personal data).
[[nodiscard]] nlohmann::json deviceReports(const std::vector<hal::DeviceStatus>& statuses);

/// What the heartbeat reports besides the queue.
struct HeartbeatSources {
    std::function<std::int64_t()> catalogVersion;
    std::function<nlohmann::json()> devices; ///< deviceReports(...) of the devices now
    /// The audit trail (may be null): its head goes out as "auditAnchor" in every heartbeat,
    /// and every remote command received and its result are recorded in it.
    AuditTrail* audit = nullptr;
    /// The staff call (may be null): while a citizen waits for help, and once more for a call
    /// cleared before any heartbeat carried it, the body has "helpRequested"
    /// (HelpCall::heartbeatMember()).
    HelpCall* help = nullptr;
    /// The A/B slot (may be absent): {"booted": "A", "rolledBack": false} as "slot"
    /// (SlotMonitor::heartbeatMember()); std::nullopt leaves the member out (no rauc).
    std::function<std::optional<nlohmann::json>()> slot;
};

/// Sends heartbeats, runs the commands they bring and acknowledges them in the next one.
/// A command is run once even if the platform repeats it before it saw the acknowledgement.
class HeartbeatClient {
public:
    /// Everything borrowed must outlive the client.
    HeartbeatClient(queue::Uplink& uplink, queue::Store& store, std::string kioskId,
                    std::string softwareVersion, const base::Clock& clock,
                    const CommandRegistry& registry, HeartbeatSources sources);
    HeartbeatClient(const HeartbeatClient&) = delete;
    HeartbeatClient& operator=(const HeartbeatClient&) = delete;
    ~HeartbeatClient();

    /// One heartbeat now, on the caller's thread; returns the commands it ran. A stop request
    /// abandons the exchange at once.
    [[nodiscard]] base::Result<std::vector<RemoteCommand>> beat(std::stop_token stop = {});

    /// Beats every `interval` on its worker until stop().
    void start(std::chrono::milliseconds interval);
    /// The next heartbeat now, on the worker (after start(); the period runs on from it): a
    /// change the platform should learn of at once, such as the booted slot after an update.
    void beatSoon() { worker_.trigger(); }
    /// Returns at once, abandoning a heartbeat in flight.
    void stop();

    /// The request body of the next heartbeat (for tests and diagnostics, and the payload the
    /// MQTT fleet link publishes).
    [[nodiscard]] base::Result<nlohmann::json> body() const;

    /// For a transport that carries commands apart from the heartbeat's answer (the MQTT fleet
    /// link): runs the commands of `document`, shaped as an answer ({"commands": [...]}),
    /// exactly as an answer's are (once each, results kept for the next body()). Never throws.
    [[nodiscard]] base::Result<std::vector<RemoteCommand>> receive(std::string_view document);
    /// `sent`, a body(), reached the platform: its acknowledgements and help call are not
    /// repeated.
    void delivered(const nlohmann::json& sent);

private:
    /// beat() without its exception guard.
    [[nodiscard]] base::Result<std::vector<RemoteCommand>> exchange(std::stop_token stop);
    /// Records a command's arrival or outcome in the audit trail, if there is one.
    void auditCommand(const RemoteCommand& command, const std::string& event,
                      const std::string& result, const std::string& error) const;
    /// Claims the commands not run before (under mutex_); returns them to be run unlocked.
    [[nodiscard]] std::vector<RemoteCommand> claimNew(std::vector<ParsedCommand>& commands);
    /// Runs one claimed command and keeps its result for the next heartbeat.
    void run(const RemoteCommand& command);
    /// Claims and runs the new ones of `commands`; returns those run.
    std::vector<RemoteCommand> runNew(std::vector<ParsedCommand>& commands);

    queue::Uplink& uplink_;
    queue::Store& store_;
    std::string kioskId_;
    std::string softwareVersion_;
    const base::Clock& clock_;
    const CommandRegistry& registry_;
    HeartbeatSources sources_;

    /// One heartbeat at a time, held across its I/O and its commands: a heartbeat asked for
    /// from another thread while a command runs (the reboot's, before rebooting) goes out after
    /// that command's result is in, so no acknowledgement leaves without its result.
    std::mutex beatMutex_;
    mutable std::mutex mutex_;            ///< guards the sets and results_; never held across I/O
    std::set<std::string> toAcknowledge_; ///< run, not yet acknowledged to the platform
    std::map<std::string, CommandResult> results_; ///< of toAcknowledge_, sent with the acks
    std::set<std::string> ran_;                    ///< every command run (commands are rare)
    base::Worker worker_;                          ///< last: stopped before the members it uses go
};

} // namespace kiosk::core
