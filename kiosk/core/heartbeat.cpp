// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/heartbeat.h"

#include "base/log.h"
#include "base/random.h"
#include "offline_queue/platform_client.h"

namespace kiosk::core {

namespace {
constexpr std::string_view logCategory = "core/heartbeat";
}

void CommandRegistry::add(std::string type, Handler handler)
{
    std::lock_guard lock(mutex_);
    handlers_[std::move(type)] = std::move(handler);
}

base::Result<void> CommandRegistry::dispatch(const RemoteCommand& command) const
{
    Handler handler;
    {
        std::lock_guard lock(mutex_);
        const auto found = handlers_.find(command.type);
        if (found == handlers_.end())
            return base::fail(base::errc::unsupported,
                              "unknown command type \"" + command.type + "\"; ignored");
        handler = found->second;
    }
    return handler(command.args);
}

nlohmann::json deviceReports(const std::vector<hal::DeviceStatus>& statuses)
{
    nlohmann::json devices = nlohmann::json::array();
    for (const auto& status : statuses)
        devices.push_back({{"class", hal::toString(status.deviceClass)},
                           {"model", status.model},
                           {"state", hal::toString(status.state)},
                           {"detail", status.detail}});
    return devices;
}

HeartbeatClient::HeartbeatClient(queue::Uplink& uplink, queue::Store& store, std::string kioskId,
                                 std::string softwareVersion, const base::Clock& clock,
                                 const CommandRegistry& registry, HeartbeatSources sources)
    : uplink_(uplink), store_(store), kioskId_(std::move(kioskId)),
      softwareVersion_(std::move(softwareVersion)), clock_(clock), registry_(registry),
      sources_(std::move(sources)), worker_({std::string(logCategory)}, clock)
{
}

HeartbeatClient::~HeartbeatClient()
{
    stop();
}

base::Result<nlohmann::json> HeartbeatClient::body() const
{
    auto counts = store_.counts();
    if (!counts)
        return base::fail(counts.error());
    std::vector<std::string> acked;
    {
        std::lock_guard lock(mutex_);
        acked.assign(toAcknowledge_.begin(), toAcknowledge_.end());
    }
    return nlohmann::json{
        {"time", base::toRfc3339(clock_.now())},
        {"softwareVersion", softwareVersion_},
        {"catalogVersion", sources_.catalogVersion ? sources_.catalogVersion() : 0},
        {"queue",
         {{"pending", counts->pending},
          {"deadLetter", counts->deadLetter},
          {"oldestPendingAgeS", counts->oldestPendingAgeS}}},
        {"devices", sources_.devices ? sources_.devices() : nlohmann::json::array()},
        {"ackedCommands", acked}};
}

base::Result<std::vector<RemoteCommand>> HeartbeatClient::beat(std::stop_token stop)
{
    auto document = body();
    if (!document)
        return base::fail(document.error());
    queue::UplinkRequest request;
    request.method = "POST";
    request.path = "/v1/kiosks/" + kioskId_ + "/heartbeat";
    request.body = document->dump();
    request.idempotencyKey = base::makeUuidV4(); // each heartbeat is a new report
    auto answer = uplink_.send(request, std::move(stop));
    if (!answer)
        return base::fail(answer.error());
    if (answer->status < 200 || answer->status >= 300)
        return base::fail(queue::rejection(request, *answer));
    const auto reply = nlohmann::json::parse(answer->body, nullptr, false);
    if (!reply.is_object() || !reply.contains("commands") || !reply["commands"].is_array())
        return base::fail(queue::UplinkErrc::malformed, "heartbeat answer without \"commands\"");

    std::lock_guard lock(mutex_);
    // The platform saw these acknowledgements: they are not repeated.
    for (const auto& id : (*document)["ackedCommands"])
        toAcknowledge_.erase(id.get<std::string>());
    std::vector<RemoteCommand> ran;
    for (const auto& item : reply["commands"]) {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
            continue;
        RemoteCommand command{item["id"].get<std::string>(), item.value("type", ""),
                              item.value("args", nlohmann::json::object())};
        if (!ran_.insert(command.id).second)
            continue; // already run; its acknowledgement is on its way
        toAcknowledge_.insert(command.id);
        if (auto done = registry_.dispatch(command); !done)
            base::log::warning(logCategory, "command " + command.id + " (" + command.type +
                                                "): " + done.error().describe());
        else
            base::log::info(logCategory, "command " + command.id + " (" + command.type + ") done");
        ran.push_back(std::move(command));
    }
    return ran;
}

void HeartbeatClient::start(std::chrono::milliseconds interval)
{
    worker_.start([this, interval](std::stop_token stop) {
        if (auto beaten = beat(std::move(stop)); !beaten)
            base::log::warning(logCategory, "heartbeat: " + beaten.error().describe());
        return interval;
    });
}

void HeartbeatClient::stop()
{
    worker_.stop();
}

} // namespace kiosk::core
