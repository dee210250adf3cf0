// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/remote_reboot.h"

#include "base/log.h"

namespace kiosk::core {

namespace {
constexpr std::string_view remoteRebootLog = "core/reboot";
} // namespace

RebootScheduler::RebootScheduler(RebootHooks hooks, const base::Clock& clock, AuditTrail* audit,
                                 std::chrono::milliseconds recheck)
    : hooks_(std::move(hooks)), audit_(audit), recheck_(recheck),
      worker_({std::string(remoteRebootLog)}, clock)
{
    worker_.start([this](std::stop_token) { return step(); }, base::Worker::idle);
}

RebootScheduler::~RebootScheduler()
{
    stop();
}

base::Result<std::string> RebootScheduler::request(std::string_view commandId,
                                                   std::string_view actor)
{
    if (!hooks_.reboot)
        return base::fail(base::errc::unsupported, "this kiosk cannot reboot itself");
    {
        std::lock_guard lock(mutex_);
        if (!commandId_.empty())
            return "a reboot (command " + commandId_ + ") already waits; this one joins it";
        commandId_ = std::string(commandId);
        actor_ = std::string(actor);
        announced_ = false;
    }
    worker_.trigger();
    // What the worker will find: said now, since the result goes out before the reboot.
    return serving() ? std::string("a citizen is being served: the reboot waits until the "
                                   "session ends, then runs")
                     : std::string("no citizen is being served: rebooting now");
}

bool RebootScheduler::pending() const
{
    std::lock_guard lock(mutex_);
    return !commandId_.empty();
}

void RebootScheduler::stop()
{
    worker_.stop();
    std::lock_guard lock(mutex_);
    if (!commandId_.empty())
        base::log::warning(remoteRebootLog,
                           "stopping with the reboot of command " + commandId_ + " not done");
}

std::chrono::milliseconds RebootScheduler::step()
{
    std::string commandId;
    std::string actor;
    {
        std::lock_guard lock(mutex_);
        if (commandId_.empty())
            return base::Worker::idle;
        commandId = commandId_;
        actor = actor_;
    }
    if (!serving() && hooks_.beforeReboot)
        hooks_.beforeReboot(); // the acknowledgement goes out first (it may take a while)
    // Checked again after the heartbeat: a citizen who came meanwhile is served first.
    if (serving()) {
        std::lock_guard lock(mutex_);
        if (!std::exchange(announced_, true))
            base::log::info(remoteRebootLog,
                            "reboot of command " + commandId + " waits: a citizen is being served");
        return recheck_;
    }
    {
        std::lock_guard lock(mutex_);
        commandId_.clear();
    }
    base::log::warning(remoteRebootLog, "rebooting (command " + commandId + ")");
    audit(actor, commandId, "ok", {});
    if (auto done = hooks_.reboot(); !done) {
        base::log::error(remoteRebootLog, "reboot failed: " + done.error().describe());
        audit(actor, commandId, "error", done.error().message);
    }
    return base::Worker::idle;
}

void RebootScheduler::audit(const std::string& actor, const std::string& commandId,
                            const std::string& result, const std::string& error) const
{
    if (audit_ == nullptr)
        return;
    AuditEvent event{.actor = actor,
                     .event = "kiosk.reboot",
                     .object = "kiosk",
                     .result = result,
                     .detail = {{"command", commandId}},
                     .durable = true};
    if (!error.empty())
        event.detail["error"] = error;
    if (auto appended = audit_->append(std::move(event)); !appended)
        base::log::error(remoteRebootLog, "audit trail: " + appended.error().describe());
}

} // namespace kiosk::core
