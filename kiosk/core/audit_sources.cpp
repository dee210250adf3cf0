// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/audit_sources.h"

#include "base/log.h"

#include <fstream>
#include <map>
#include <memory>
#include <mutex>

namespace kiosk::core {

namespace {
constexpr std::string_view auditSourcesLog = "core/audit";

void record(AuditTrail& trail, AuditEvent event)
{
    if (auto appended = trail.append(std::move(event)); !appended)
        base::log::error(auditSourcesLog, "audit trail: " + appended.error().describe());
}
} // namespace

AuditEvent queueAuditEvent(const queue::QueueEvent& event)
{
    AuditEvent audit;
    audit.event = "queue." + std::string(queue::toString(event.kind));
    if (event.recordId != 0)
        audit.object = "record " + std::to_string(event.recordId);
    else
        audit.object = std::to_string(event.count) + " records";
    if (event.recordKind)
        audit.detail["kind"] = std::string(queue::toString(*event.recordKind));
    if (!event.submissionId.empty())
        audit.detail["submissionId"] = event.submissionId;
    if (!event.itemCode.empty())
        audit.detail["itemCode"] = event.itemCode;
    audit.result = event.kind == queue::QueueEvent::Kind::DeadLettered ? "refused" : "ok";
    return audit;
}

std::optional<AuditEvent> deviceAuditEvent(hal::DeviceState before, const hal::DeviceStatus& now)
{
    using State = hal::DeviceState;
    AuditEvent audit;
    audit.object = std::string(hal::toString(now.deviceClass));
    audit.detail = {{"backend", now.backend}, {"model", now.model}};
    if (now.state == State::Fault && before != State::Fault) {
        audit.event = "device.fault";
        audit.result = "fault";
        audit.detail["detail"] = now.detail; // hal: for technicians, never personal data
    } else if (now.state == State::Disconnected && before != State::Disconnected) {
        audit.event = "device.detached";
    } else if ((now.state == State::Ready || now.state == State::Busy) &&
               (before == State::Disconnected || before == State::Closed ||
                before == State::Fault)) {
        audit.event = "device.attached";
    } else {
        return std::nullopt;
    }
    return audit;
}

base::Connection auditQueueChanges(queue::Store& store, AuditTrail& trail)
{
    return store.changed.connect(
        [&trail](const queue::QueueEvent& event) { record(trail, queueAuditEvent(event)); });
}

base::Connection auditDeviceChanges(hal::DeviceManager& devices, AuditTrail& trail)
{
    // The last state of each class: emitted from several threads (drivers, retries).
    struct Last {
        std::mutex mutex;
        std::map<hal::DeviceClass, hal::DeviceState> states;
    };
    auto last = std::make_shared<Last>();
    return devices.deviceStatusChanged.connect([&trail, last](const hal::DeviceStatus& status) {
        hal::DeviceState before = hal::DeviceState::Closed;
        {
            std::lock_guard lock(last->mutex);
            auto [it, inserted] = last->states.try_emplace(status.deviceClass, status.state);
            if (!inserted)
                before = std::exchange(it->second, status.state);
        }
        if (auto event = deviceAuditEvent(before, status))
            record(trail, std::move(*event));
    });
}

void auditStart(AuditTrail& trail, std::string_view softwareVersion, std::int64_t catalogVersion,
                const std::filesystem::path& configFile, std::string_view configSha256)
{
    const auto lastFile = trail.directory() / "last-config.sha256";
    std::string last;
    std::ifstream(lastFile) >> last;
    if (!last.empty() && last != configSha256)
        record(trail, {.event = "config.changed",
                       .object = configFile.string(),
                       .detail = {{"before", last}, {"after", std::string(configSha256)}},
                       .durable = true});
    record(trail, {.event = "kiosk.start",
                   .object = "kiosk",
                   .detail = {{"softwareVersion", std::string(softwareVersion)},
                              {"catalogVersion", catalogVersion},
                              {"configSha256", std::string(configSha256)}},
                   .durable = true});
    if (last != configSha256) {
        std::ofstream out(lastFile, std::ios::trunc);
        out << configSha256 << "\n";
        if (!out)
            base::log::error(auditSourcesLog, "cannot write " + lastFile.string());
    }
}

void auditStop(AuditTrail& trail)
{
    record(trail, {.event = "kiosk.stop", .object = "kiosk", .durable = true});
}

} // namespace kiosk::core
