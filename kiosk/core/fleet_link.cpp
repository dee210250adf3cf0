// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/fleet_link.h"

#include "base/json_reader.h"
#include "base/log.h"
#include "base/tcp_connect.h"

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <random>

#include <unistd.h>

namespace kiosk::core {

namespace {
constexpr std::string_view fleetLinkLog = "core/fleet";
/// How long one mosquitto_loop call waits for the socket: also how soon stop() is seen.
constexpr int loopTimeoutMs = 100;
/// The largest packet the kiosk accepts (told to the broker at CONNECT): commands are small.
constexpr std::uint32_t maxPacketBytes = 256 * 1024;
/// Command messages kept while the command worker is busy; more are refused (a flood).
constexpr std::size_t maxInbox = 64;
/// Heartbeats awaiting their PUBACK that are remembered (older ones are re-sent by the
/// library after a reconnect, but their acknowledgements are then simply repeated).
constexpr std::size_t maxInFlight = 8;

void initLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

/// A kiosk id is one topic level and the client id: no wildcards, no level separator.
bool validTopicLevel(std::string_view level)
{
    return !level.empty() && std::ranges::none_of(level, [](char c) {
        return c == '/' || c == '+' || c == '#' || static_cast<unsigned char>(c) < 0x20;
    });
}
} // namespace

std::string mosquittoMessage(int rc)
{
    return std::string(mosquitto_strerror(rc)) + " (" + std::to_string(rc) + ")";
}

/// libmosquitto's C callbacks, forwarding to the link: each guarded, since an exception must
/// not unwind through C frames.
struct FleetLinkCallbacks {
    static FleetLink& link(void* object) { return *static_cast<FleetLink*>(object); }
    static void connect(struct mosquitto*, void* object, int reason, int, const mosquitto_property*)
    {
        base::runGuarded(fleetLinkLog, [&] { link(object).onConnect(reason); });
    }
    static void disconnect(struct mosquitto*, void* object, int reason, const mosquitto_property*)
    {
        base::runGuarded(fleetLinkLog, [&] {
            link(object).sessionUp_ = false;
            if (reason != 0)
                base::log::warning(fleetLinkLog,
                                   "disconnected from the broker: " + mosquittoMessage(reason));
        });
    }
    static void message(struct mosquitto*, void* object, const struct mosquitto_message* message,
                        const mosquitto_property*)
    {
        base::runGuarded(fleetLinkLog, [&] {
            const auto* bytes = static_cast<const char*>(message->payload);
            link(object).onMessage(message->topic,
                                   std::string(bytes, bytes + std::max(message->payloadlen, 0)));
        });
    }
    static void publish(struct mosquitto*, void* object, int mid, int reason,
                        const mosquitto_property*)
    {
        base::runGuarded(fleetLinkLog, [&] {
            if (reason < 0x80) // a PUBACK with a failure code means the broker did not take it
                link(object).onPublish(mid);
            else
                base::log::warning(fleetLinkLog, "heartbeat refused by the broker: reason " +
                                                     std::to_string(reason));
        });
    }
};

FleetTopics FleetTopics::of(const std::string& prefix, const std::string& kioskId)
{
    const std::string base = prefix + "/" + kioskId + "/";
    return {base + "status", base + "heartbeat", base + "commands"};
}

base::Result<BrokerAddress> parseBrokerUrl(std::string_view url)
{
    BrokerAddress address;
    if (url.starts_with("mqtts://")) {
        url.remove_prefix(8);
    } else if (url.starts_with("mqtt://")) {
        url.remove_prefix(7);
        address.tls = false;
        address.port = 1883;
    } else {
        return base::fail(base::errc::invalid_argument, "broker URL: expected mqtts://HOST[:PORT]");
    }
    std::string_view host = url;
    std::string_view port;
    if (url.starts_with('[')) { // [::1]:8883
        const auto close = url.find(']');
        if (close == std::string_view::npos)
            return base::fail(base::errc::invalid_argument, "broker URL: unclosed [");
        host = url.substr(1, close - 1);
        if (close + 1 < url.size()) {
            if (url[close + 1] != ':')
                return base::fail(base::errc::invalid_argument, "broker URL: bad port");
            port = url.substr(close + 2);
        }
    } else if (const auto colon = url.rfind(':'); colon != std::string_view::npos) {
        host = url.substr(0, colon);
        port = url.substr(colon + 1);
    }
    if (host.empty() || host.find('/') != std::string_view::npos)
        return base::fail(base::errc::invalid_argument, "broker URL: expected mqtts://HOST[:PORT]");
    if (!port.empty() || url.ends_with(':')) {
        int value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535)
            return base::fail(base::errc::invalid_argument, "broker URL: bad port");
        address.port = value;
    }
    address.host = std::string(host);
    return address;
}

FleetLink::FleetLink(FleetLinkOptions options, HeartbeatClient& heartbeat, const base::Clock& clock)
    : options_(std::move(options)), heartbeat_(heartbeat), clock_(clock),
      topics_(FleetTopics::of(options_.fleet.topicPrefix, options_.kioskId)),
      commands_({"fleet/commands"}, clock), loop_({std::string(fleetLinkLog)}, clock)
{
}

FleetLink::~FleetLink()
{
    stop();
    if (mosq_ != nullptr)
        mosquitto_destroy(mosq_);
}

base::Result<void> FleetLink::start()
{
    if (!validTopicLevel(options_.kioskId))
        return base::fail(base::errc::invalid_argument,
                          "fleet: the kiosk id must be one MQTT topic level (no / + #)");
    auto broker = parseBrokerUrl(options_.fleet.mqttUrl);
    if (!broker)
        return base::fail(broker.error());
    broker_ = std::move(*broker);
    if (auto configured = configure(); !configured)
        return configured;
    commands_.start([this](std::stop_token) { return commandStep(); }, base::Worker::idle);
    loop_.start([this](std::stop_token stop) { return loopStep(std::move(stop)); });
    return {};
}

/// The client: a fixed client id with a persistent session, MQTT 5, TLS with the client
/// certificate, and the retained "offline" will on the status topic.
base::Result<void> FleetLink::configure()
{
    initLibrary();
    mosq_ = mosquitto_new(options_.kioskId.c_str(), false, this);
    if (mosq_ == nullptr)
        return base::fail(base::errc::internal, "fleet: mosquitto_new failed");
    mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    mosquitto_connect_v5_callback_set(mosq_, &FleetLinkCallbacks::connect);
    mosquitto_disconnect_v5_callback_set(mosq_, &FleetLinkCallbacks::disconnect);
    mosquitto_message_v5_callback_set(mosq_, &FleetLinkCallbacks::message);
    mosquitto_publish_v5_callback_set(mosq_, &FleetLinkCallbacks::publish);
    if (broker_.tls) {
        const auto& fleet = options_.fleet;
        const int rc =
            mosquitto_tls_set(mosq_, fleet.caFile.empty() ? nullptr : fleet.caFile.c_str(), nullptr,
                              fleet.certFile.c_str(), fleet.keyFile.c_str(), nullptr);
        if (rc != MOSQ_ERR_SUCCESS)
            return base::fail(base::errc::invalid_argument,
                              "fleet: TLS files refused (ca_file, cert_file, key_file): " +
                                  mosquittoMessage(rc));
    }
    static constexpr std::string_view offline = "offline";
    const int rc =
        mosquitto_will_set_v5(mosq_, topics_.status.c_str(), static_cast<int>(offline.size()),
                              offline.data(), 1, true, nullptr);
    if (rc != MOSQ_ERR_SUCCESS)
        return base::fail(base::errc::internal,
                          "fleet: last will refused: " + mosquittoMessage(rc));
    return {};
}

/// Connects (blocking: libmosquitto has no non-blocking connect that takes MQTT 5 properties).
/// So the broker is first reached with a connect that has a deadline and sees `stop`: a broker
/// that is gone (its SYNs dropped) costs connectTimeout, not the kernel's two minutes, and a
/// stop is not held up; libmosquitto then connects to a broker that has just answered.
/// The Session Expiry Interval is what keeps the session, and the commands queued in it, past
/// a disconnection: clean_start=false alone ends it at disconnect.
bool FleetLink::connect(const std::stop_token& stop)
{
    if (auto probe = base::connectTcp(broker_.host, static_cast<std::uint16_t>(broker_.port),
                                      options_.connectTimeout, stop);
        !probe) {
        if (probe.error().code != std::errc::operation_canceled)
            base::log::warning(fleetLinkLog, "cannot reach the broker: " + probe.error().message);
        return false;
    } else {
        ::close(*probe);
    }
    mosquitto_property* properties = nullptr;
    mosquitto_property_add_int32(&properties, MQTT_PROP_SESSION_EXPIRY_INTERVAL,
                                 static_cast<std::uint32_t>(options_.fleet.sessionExpiryS));
    mosquitto_property_add_int32(&properties, MQTT_PROP_MAXIMUM_PACKET_SIZE, maxPacketBytes);
    const int rc = mosquitto_connect_bind_v5(mosq_, broker_.host.c_str(), broker_.port,
                                             options_.keepAliveS, nullptr, properties);
    mosquitto_property_free_all(&properties);
    if (rc != MOSQ_ERR_SUCCESS) {
        base::log::warning(fleetLinkLog, "cannot connect to the broker " + broker_.host + ":" +
                                             std::to_string(broker_.port) + ": " +
                                             mosquittoMessage(rc));
        return false;
    }
    return true;
}

/// The next reconnection wait: doubling up to maxBackoff, drawn in [half, whole].
std::chrono::milliseconds FleetLink::backoff()
{
    thread_local std::minstd_rand random(std::random_device{}());
    const auto first = std::max<std::int64_t>(options_.firstBackoff.count(), 1);
    const auto cap = std::max<std::int64_t>(options_.maxBackoff.count(), first);
    const int doublings = std::min(failures_++, 30);
    const auto whole = std::min(cap, first << std::min(doublings, 20));
    std::uniform_int_distribution<std::int64_t> draw(whole / 2, whole);
    return std::chrono::milliseconds(draw(random));
}

/// One round of the network loop. libmosquitto's own thread is not used: it stops
/// reconnecting for good after a TLS, authentication or refusal error, and this loop never
/// does.
std::chrono::milliseconds FleetLink::loopStep(std::stop_token stop)
{
    if (!socketUp_) {
        if (stop.stop_requested())
            return base::Worker::idle;
        if (!connect(stop))
            return stop.stop_requested() ? base::Worker::idle : backoff();
        socketUp_ = true;
    }
    const int rc = mosquitto_loop(mosq_, loopTimeoutMs, 1);
    if (rc != MOSQ_ERR_SUCCESS) {
        if (sessionUp_.exchange(false) || failures_ == 0)
            base::log::warning(fleetLinkLog,
                               "connection to the broker lost: " + mosquittoMessage(rc));
        socketUp_ = false;
        return backoff();
    }
    if (sessionUp_ && (beatSoon_.exchange(false) || clock_.steadyNow() >= nextBeat_)) {
        nextBeat_ = clock_.steadyNow() + options_.heartbeatInterval;
        publishHeartbeat();
    }
    return std::chrono::milliseconds(0);
}

void FleetLink::onConnect(int reason)
{
    if (reason != 0) {
        // Refused (not authorised, server busy...): the loop reports the error and backs off.
        base::log::error(fleetLinkLog, "the broker refused the connection: " +
                                           std::string(mosquitto_reason_string(reason)));
        return;
    }
    failures_ = 0;
    sessionUp_ = true;
    // The session keeps the subscription; subscribing again costs nothing and repairs a
    // session the broker lost (restarted without persistence).
    int rc = mosquitto_subscribe_v5(mosq_, nullptr, topics_.commands.c_str(), 1, 0, nullptr);
    if (rc != MOSQ_ERR_SUCCESS)
        base::log::error(fleetLinkLog,
                         "cannot subscribe to the command topic: " + mosquittoMessage(rc));
    static constexpr std::string_view online = "online";
    rc = mosquitto_publish_v5(mosq_, nullptr, topics_.status.c_str(),
                              static_cast<int>(online.size()), online.data(), 1, true, nullptr);
    if (rc != MOSQ_ERR_SUCCESS)
        base::log::warning(fleetLinkLog, "cannot publish the status: " + mosquittoMessage(rc));
    base::log::info(fleetLinkLog, "connected to the broker " + broker_.host);
    beatSoon_ = true; // a heartbeat at once: the fleet sees versions and queue at connect
}

void FleetLink::onMessage(const std::string& topic, std::string payload)
{
    if (topic != topics_.commands)
        return; // only the command topic is subscribed; anything else is not for the kiosk
    bool taken = false;
    {
        std::lock_guard lock(mutex_);
        if (inbox_.size() < maxInbox) {
            inbox_.push_back(std::move(payload));
            taken = true;
        }
    }
    if (!taken) {
        ++refused_;
        base::log::error(fleetLinkLog, "command message refused: too many waiting to be run");
        return;
    }
    commands_.trigger();
}

void FleetLink::onPublish(int mid)
{
    nlohmann::json sent;
    {
        std::lock_guard lock(mutex_);
        const auto found = inFlight_.find(mid);
        if (found == inFlight_.end())
            return; // the status message
        sent = std::move(found->second);
        inFlight_.erase(found);
    }
    heartbeat_.delivered(sent);
    {
        std::lock_guard lock(deliveredMutex_);
        ++delivered_;
    }
    deliveredChanged_.notify_all();
}

void FleetLink::publishHeartbeat()
{
    auto document = heartbeat_.body();
    if (!document) {
        base::log::warning(fleetLinkLog, "heartbeat: " + document.error().describe());
        return;
    }
    auto payload = base::json::dump(*document);
    if (!payload) {
        base::log::error(fleetLinkLog, "heartbeat: " + payload.error().describe());
        return;
    }
    int mid = 0;
    // The PUBACK is handled on this same thread, in a later mosquitto_loop: no race with it.
    const int rc =
        mosquitto_publish_v5(mosq_, &mid, topics_.heartbeat.c_str(),
                             static_cast<int>(payload->size()), payload->data(), 1, true, nullptr);
    if (rc != MOSQ_ERR_SUCCESS) {
        base::log::warning(fleetLinkLog, "heartbeat not published: " + mosquittoMessage(rc));
        return;
    }
    std::lock_guard lock(mutex_);
    if (inFlight_.size() >= maxInFlight)
        inFlight_.erase(inFlight_.begin());
    inFlight_[mid] = std::move(*document);
}

/// Runs the command messages received, on its own worker: a handler that downloads a
/// catalog must not stall the network loop (keep-alive, PUBACKs).
std::chrono::milliseconds FleetLink::commandStep()
{
    std::deque<std::string> messages;
    {
        std::lock_guard lock(mutex_);
        messages.swap(inbox_);
    }
    bool ran = false;
    for (const auto& message : messages) {
        auto commands = heartbeat_.receive(message);
        if (!commands) {
            ++refused_;
            base::log::error(fleetLinkLog, "command message refused: " + commands.error().message);
            continue;
        }
        ran = ran || !commands->empty();
    }
    if (ran)
        beatSoon(); // the results go out now, not a heartbeat interval later
    return base::Worker::idle;
}

void FleetLink::beatSoon()
{
    beatSoon_ = true;
    loop_.trigger();
}

bool FleetLink::beatNow(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(deliveredMutex_);
    const auto before = delivered_.load();
    lock.unlock();
    beatSoon();
    lock.lock();
    return clock_.waitFor(lock, deliveredChanged_, timeout, {},
                          [&] { return delivered_.load() > before; });
}

void FleetLink::stop()
{
    commands_.stop();
    loop_.stop();
    if (mosq_ != nullptr && socketUp_) {
        // The will is published at once ("offline"); the session, with its subscription, is
        // kept for the session expiry, so commands sent meanwhile wait for the kiosk.
        mosquitto_disconnect_v5(mosq_, MQTT_RC_DISCONNECT_WITH_WILL_MSG, nullptr);
        socketUp_ = false;
        sessionUp_ = false;
    }
}

std::unique_ptr<FleetLink> startFleetLink(const Config& config, HeartbeatClient& heartbeat,
                                          const base::Clock& clock)
{
    if (!config.fleet)
        return nullptr;
    FleetLinkOptions options;
    options.fleet = *config.fleet;
    options.kioskId = config.kiosk.id;
    auto link = std::make_unique<FleetLink>(std::move(options), heartbeat, clock);
    if (auto started = link->start(); !started) {
        base::log::error(fleetLinkLog, "no MQTT fleet link; heartbeats go over HTTP: " +
                                           started.error().describe());
        return nullptr;
    }
    base::log::info(fleetLinkLog, "heartbeats and commands over MQTT: " + config.fleet->mqttUrl);
    return link;
}

} // namespace kiosk::core
