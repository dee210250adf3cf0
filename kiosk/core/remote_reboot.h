// SPDX-License-Identifier: Apache-2.0
// The reboot remote command: only between citizen sessions. While a citizen is served the
// reboot waits for the session to end; it never interrupts one.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/worker.h"
#include "kiosk/core/audit_trail.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace kiosk::core {

/// What the scheduler asks and does; everything is called on its worker.
struct RebootHooks {
    /// The UI side: true while a citizen is being served (the journey's session is not idle).
    /// Must be safe to call from another thread. Absent: nobody is ever served (no screen).
    std::function<bool()> sessionActive;
    /// Before the reboot: a heartbeat, so the platform has the command's acknowledgement and
    /// result and does not send it again after the start. May be absent.
    std::function<void()> beforeReboot;
    /// The reboot itself (kiosk/app: logind over sd-bus; tests: a fake).
    std::function<base::Result<void>()> reboot;
};

/// Runs a requested reboot once no citizen is served: at once when the session is idle,
/// otherwise on its worker as soon as a check (every `recheck`) finds it idle. Every reboot is
/// audited ("kiosk.reboot", with the command id) before it is asked for.
class RebootScheduler {
public:
    RebootScheduler(RebootHooks hooks, const base::Clock& clock, AuditTrail* audit = nullptr,
                    std::chrono::milliseconds recheck = std::chrono::seconds(1));
    RebootScheduler(const RebootScheduler&) = delete;
    RebootScheduler& operator=(const RebootScheduler&) = delete;
    ~RebootScheduler();

    /// The reboot command: never reboots on the caller's thread (the heartbeat's), returns
    /// what will happen for the command's result. A second request while one waits joins it.
    /// `actor` is the audit record's: "platform" for its commands, "kiosk" when the kiosk
    /// decides itself (an update installed from a USB stick waits for its reboot).
    [[nodiscard]] base::Result<std::string> request(std::string_view commandId,
                                                    std::string_view actor = "platform");

    /// True while a requested reboot waits for the session to end (or for its worker).
    [[nodiscard]] bool pending() const;

    /// Stops the worker; a reboot still waiting is dropped (and logged).
    void stop();

private:
    std::chrono::milliseconds step();
    [[nodiscard]] bool serving() const { return hooks_.sessionActive && hooks_.sessionActive(); }
    void audit(const std::string& actor, const std::string& commandId, const std::string& result,
               const std::string& error) const;

    RebootHooks hooks_;
    AuditTrail* audit_;
    std::chrono::milliseconds recheck_;
    mutable std::mutex mutex_;
    std::string commandId_;  ///< of the reboot waiting; empty: none
    std::string actor_;      ///< who asked for it (the audit record's actor)
    bool announced_ = false; ///< "waiting for the session" logged once per request
    base::Worker worker_;    ///< last: stopped before the members it uses go
};

} // namespace kiosk::core
