// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/heartbeat.h"

#include "base/json_reader.h"
#include "base/log.h"
#include "base/random.h"
#include "offline_queue/platform_client.h"

namespace kiosk::core {

namespace {
constexpr std::string_view heartbeatLog = "core/heartbeat";
/// Longest command type; the spec's are short names such as retry_dead_letters.
constexpr std::size_t maxTypeLength = 64;
/// Longest error or detail of a result: enough for a reason, not a channel for bulk data.
constexpr std::size_t maxResultText = 512;

/// `text` as valid UTF-8 (invalid bytes replaced) of at most maxResultText bytes, cut at a
/// character boundary: a message quoting bad input must not make the next heartbeat unsendable.
std::string resultText(const std::string& text)
{
    auto valid =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string clean = nlohmann::json::parse(valid).get<std::string>();
    if (clean.size() <= maxResultText)
        return clean;
    std::size_t end = maxResultText;
    while (end > 0 && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80)
        --end; // not inside a character
    return clean.substr(0, end) + "...";
}

nlohmann::json toJson(const CommandResult& result)
{
    nlohmann::json member{{"ok", result.ok}};
    if (!result.ok)
        member["error"] = result.error;
    if (!result.detail.empty())
        member["detail"] = result.detail;
    return member;
}

/// One command of an answer. Only tokens are taken for id and type (bounded printable ASCII),
/// so both are safe to log and to send back.
ParsedCommand readCommand(const base::json::Reader& item)
{
    auto id = item.token("id");
    if (!id)
        return {std::nullopt, base::fail(id.error())};
    auto type = item.token("type", maxTypeLength);
    if (!type)
        return {*id, base::fail(type.error())};
    auto args = item.optionalObject("args");
    if (!args)
        return {*id, base::fail(args.error())};
    const auto argsValue = *args ? (*args)->value() : nlohmann::json::object();
    return {*id, RemoteCommand{*id, *type, argsValue}};
}
} // namespace

base::Result<std::vector<ParsedCommand>> readCommands(std::string_view answer)
{
    auto reply = base::json::parseObject(answer);
    if (!reply)
        return base::fail(reply.error());
    auto items = base::json::Reader(*reply).array("commands");
    if (!items)
        return base::fail(items.error());
    std::vector<ParsedCommand> commands;
    commands.reserve(items->size());
    for (const auto& item : *items)
        commands.push_back(readCommand(item));
    return commands;
}

void CommandRegistry::add(std::string type, Handler handler)
{
    addReporting(
        std::move(type),
        [handler = std::move(handler)](const RemoteCommand& command) -> base::Result<std::string> {
            if (auto done = handler(command.args); !done)
                return base::fail(done.error());
            return std::string();
        });
}

void CommandRegistry::addReporting(std::string type, ReportingHandler handler)
{
    std::lock_guard lock(mutex_);
    handlers_[std::move(type)] = std::move(handler);
}

base::Result<std::string> CommandRegistry::dispatch(const RemoteCommand& command) const
{
    ReportingHandler handler;
    {
        std::lock_guard lock(mutex_);
        const auto found = handlers_.find(command.type);
        if (found == handlers_.end())
            return base::fail(base::errc::unsupported,
                              "unknown command type \"" + command.type + "\"; ignored");
        handler = found->second;
    }
    return handler(command);
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
      sources_(std::move(sources)), worker_({std::string(heartbeatLog)}, clock)
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
    nlohmann::json results = nlohmann::json::object();
    {
        std::lock_guard lock(mutex_);
        acked.assign(toAcknowledge_.begin(), toAcknowledge_.end());
        for (const auto& [id, result] : results_)
            results[id] = toJson(result);
    }
    nlohmann::json document{
        {"time", base::toRfc3339(clock_.now())},
        {"softwareVersion", softwareVersion_},
        {"catalogVersion", sources_.catalogVersion ? sources_.catalogVersion() : 0},
        {"queue",
         {{"pending", counts->pending},
          {"deadLetter", counts->deadLetter},
          {"oldestPendingAgeS", counts->oldestPendingAgeS}}},
        {"devices", sources_.devices ? sources_.devices() : nlohmann::json::array()},
        {"ackedCommands", acked}};
    // The chain's head, fsync'd first: a tail deleted later no longer matches what the
    // platform holds. A trail that cannot be read leaves the member out (and is logged).
    if (sources_.audit != nullptr) {
        if (auto anchor = sources_.audit->anchor())
            document["auditAnchor"] = {{"seq", anchor->seq}, {"hash", anchor->hash}};
        else
            base::log::error(heartbeatLog, "audit anchor: " + anchor.error().describe());
    }
    // An optional member of the project's own (README): a platform that does not know it
    // ignores it, as the contract's readers must ignore members they do not know.
    if (sources_.help != nullptr)
        if (auto help = sources_.help->heartbeatMember())
            document["helpRequested"] = std::move(*help);
    // The booted slot and whether the last update was rolled back (README): also optional.
    if (sources_.slot)
        if (auto slot = sources_.slot())
            document["slot"] = std::move(*slot);
    // What each acknowledged command did (README): also optional, and sent with the acks.
    if (!results.empty())
        document["results"] = std::move(results);
    return document;
}

base::Result<std::vector<RemoteCommand>> HeartbeatClient::beat(std::stop_token stop)
{
    // Defence in depth: the answer is read without exceptions, but nothing a command handler
    // or a library throws may end the process. what() is not logged: it may quote data.
    try {
        std::lock_guard oneAtATime(beatMutex_);
        return exchange(std::move(stop));
    } catch (const nlohmann::json::exception& e) {
        return base::fail(base::errc::internal,
                          "heartbeat: JSON exception " + std::to_string(e.id) + " (a bug)");
    } catch (const std::exception&) {
        return base::fail(base::errc::internal, "heartbeat: unexpected exception (a bug)");
    }
}

base::Result<std::vector<RemoteCommand>> HeartbeatClient::exchange(std::stop_token stop)
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
    auto commands = readCommands(answer->body);
    if (!commands)
        return base::fail(queue::UplinkErrc::malformed,
                          "heartbeat answer: " + commands.error().message);

    delivered(*document);
    return runNew(*commands);
}

void HeartbeatClient::delivered(const nlohmann::json& sent)
{
    if (sources_.help != nullptr && sent.contains("helpRequested"))
        sources_.help->reported(sent["helpRequested"]); // the platform has seen it
    const auto acked = sent.find("ackedCommands");
    if (acked == sent.end() || !acked->is_array())
        return;
    std::lock_guard lock(mutex_);
    // The platform saw these acknowledgements: they are not repeated.
    for (const auto& id : *acked)
        if (id.is_string()) {
            toAcknowledge_.erase(id.get_ref<const std::string&>());
            results_.erase(id.get_ref<const std::string&>());
        }
}

std::vector<RemoteCommand> HeartbeatClient::runNew(std::vector<ParsedCommand>& commands)
{
    auto fresh = claimNew(commands);
    // Handlers may take time (a database, a download): no lock is held while they run.
    for (const auto& command : fresh)
        run(command);
    return fresh;
}

base::Result<std::vector<RemoteCommand>> HeartbeatClient::receive(std::string_view document)
{
    // The same guard as beat(): nothing a handler or a library throws ends the process.
    try {
        auto commands = readCommands(document);
        if (!commands)
            return base::fail(queue::UplinkErrc::malformed,
                              "command message: " + commands.error().message);
        return runNew(*commands);
    } catch (const nlohmann::json::exception& e) {
        return base::fail(base::errc::internal,
                          "command message: JSON exception " + std::to_string(e.id) + " (a bug)");
    } catch (const std::exception&) {
        return base::fail(base::errc::internal, "command message: unexpected exception (a bug)");
    }
}

void HeartbeatClient::run(const RemoteCommand& command)
{
    auditCommand(command, "command.received", "ok", {});
    CommandResult result;
    if (auto done = registry_.dispatch(command); !done) {
        base::log::warning(heartbeatLog, "command " + command.id + " (" + command.type +
                                             "): " + done.error().describe());
        result = {.ok = false, .error = resultText(done.error().message)};
        auditCommand(command, "command.result", "error", result.error);
    } else {
        base::log::info(heartbeatLog, "command " + command.id + " (" + command.type + ") done");
        result.detail = resultText(*done);
        auditCommand(command, "command.result", "ok", {});
    }
    std::lock_guard lock(mutex_);
    if (toAcknowledge_.contains(command.id)) // not yet acknowledged (always, unless a bug)
        results_[command.id] = std::move(result);
}

void HeartbeatClient::auditCommand(const RemoteCommand& command, const std::string& event,
                                   const std::string& result, const std::string& error) const
{
    if (sources_.audit == nullptr)
        return;
    // The id and type are tokens (readCommand); the args may carry anything and stay out.
    AuditEvent record{.actor = "platform",
                      .event = event,
                      .object = "command " + command.id,
                      .result = result,
                      .detail = {{"type", command.type}},
                      .durable = true};
    if (!error.empty())
        record.detail["error"] = error;
    if (auto appended = sources_.audit->append(std::move(record)); !appended)
        base::log::error(heartbeatLog, "audit trail: " + appended.error().describe());
}

std::vector<RemoteCommand> HeartbeatClient::claimNew(std::vector<ParsedCommand>& commands)
{
    std::lock_guard lock(mutex_);
    std::vector<RemoteCommand> fresh;
    for (auto& parsed : commands) {
        // A command with a readable id is run (or refused) once and acknowledged, as the
        // spec says of unknown types; one without cannot be acknowledged, only logged.
        if (parsed.id && !ran_.insert(*parsed.id).second)
            continue; // already run; its acknowledgement is on its way
        if (parsed.id)
            toAcknowledge_.insert(*parsed.id);
        if (!parsed.command) {
            base::log::warning(heartbeatLog, "command skipped: " + parsed.command.error().message);
            if (parsed.id)
                results_[*parsed.id] = {.ok = false,
                                        .error = resultText(parsed.command.error().message)};
            continue;
        }
        fresh.push_back(std::move(*parsed.command));
    }
    return fresh;
}

void HeartbeatClient::start(std::chrono::milliseconds interval)
{
    worker_.start([this, interval](std::stop_token stop) {
        if (auto beaten = beat(std::move(stop)); !beaten)
            base::log::warning(heartbeatLog, "heartbeat: " + beaten.error().describe());
        return interval;
    });
}

void HeartbeatClient::stop()
{
    worker_.stop();
}

} // namespace kiosk::core
