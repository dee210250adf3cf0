// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/fleet_admin.h"

#include "base/json_reader.h"
#include "base/random.h"
#include "kiosk/core/fleet_link.h"

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace kiosk::core {

namespace {

/// One administrator's MQTT session, run on the caller's thread by mosquitto_loop.
class AdminSession {
public:
    AdminSession() = default;
    AdminSession(const AdminSession&) = delete;
    AdminSession& operator=(const AdminSession&) = delete;
    ~AdminSession()
    {
        if (mosq_ == nullptr)
            return;
        if (connected_)
            mosquitto_disconnect(mosq_);
        mosquitto_destroy(mosq_);
    }

    base::Result<void> open(const FleetAdminOptions& options)
    {
        static std::once_flag once;
        std::call_once(once, [] { mosquitto_lib_init(); });
        deadline_ = std::chrono::steady_clock::now() + options.timeout;
        auto broker = parseBrokerUrl(options.brokerUrl);
        if (!broker)
            return base::fail(broker.error());
        // A fresh, clean session each time: the administrator keeps nothing on the broker.
        const std::string clientId = "kioskctl-" + base::makeUuidV4();
        mosq_ = mosquitto_new(clientId.c_str(), true, this);
        if (mosq_ == nullptr)
            return base::fail(base::errc::internal, "mosquitto_new failed");
        mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
        mosquitto_connect_v5_callback_set(mosq_, &AdminSession::onConnect);
        mosquitto_message_v5_callback_set(mosq_, &AdminSession::onMessage);
        mosquitto_subscribe_v5_callback_set(mosq_, &AdminSession::onSubscribe);
        mosquitto_publish_v5_callback_set(mosq_, &AdminSession::onPublish);
        if (broker->tls) {
            const int rc = mosquitto_tls_set(
                mosq_, options.caFile.empty() ? nullptr : options.caFile.c_str(), nullptr,
                options.certFile.empty() ? nullptr : options.certFile.c_str(),
                options.keyFile.empty() ? nullptr : options.keyFile.c_str(), nullptr);
            if (rc != MOSQ_ERR_SUCCESS)
                return base::fail(base::errc::invalid_argument,
                                  "TLS files refused (--ca, --cert, --key): " +
                                      mosquittoMessage(rc));
        }
        const int rc = mosquitto_connect_bind_v5(mosq_, broker->host.c_str(), broker->port, 30,
                                                 nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS)
            return base::fail(base::errc::io,
                              "cannot connect to the broker: " + mosquittoMessage(rc));
        if (auto done = runUntil([this] { return connected_ || refused_ != 0; }); !done)
            return done;
        if (refused_ != 0)
            return base::fail(base::errc::io, "the broker refused the connection: " +
                                                  std::string(mosquitto_reason_string(refused_)));
        return {};
    }

    /// Runs the network loop until `done()` or the deadline of the whole session.
    base::Result<void> runUntil(const std::function<bool()>& done)
    {
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline_)
                return base::fail(base::errc::timeout, "no answer from the broker in time");
            const int rc = mosquitto_loop(mosq_, 50, 1);
            if (rc != MOSQ_ERR_SUCCESS)
                return base::fail(base::errc::io,
                                  "connection to the broker lost: " + mosquittoMessage(rc));
        }
        return {};
    }

    base::Result<int> subscribe(const std::string& filter)
    {
        int mid = 0;
        const int rc = mosquitto_subscribe_v5(mosq_, &mid, filter.c_str(), 0, 0, nullptr);
        if (rc != MOSQ_ERR_SUCCESS)
            return base::fail(base::errc::io, "cannot subscribe: " + mosquittoMessage(rc));
        return mid;
    }

    base::Result<void> publish(const std::string& topic, const std::string& payload)
    {
        int mid = 0;
        const int rc =
            mosquitto_publish_v5(mosq_, &mid, topic.c_str(), static_cast<int>(payload.size()),
                                 payload.data(), 1, false, nullptr);
        if (rc != MOSQ_ERR_SUCCESS)
            return base::fail(base::errc::io, "cannot publish: " + mosquittoMessage(rc));
        if (auto done = runUntil([&] { return published_.contains(mid); }); !done)
            return done;
        if (published_[mid] >= 0x80)
            return base::fail(base::errc::io,
                              "the broker refused the command: " +
                                  std::string(mosquitto_reason_string(published_[mid])));
        return {};
    }

    std::set<int> subscribed;
    std::function<void(const std::string& topic, std::string payload)> received;

private:
    static AdminSession& self(void* object) { return *static_cast<AdminSession*>(object); }
    static void onConnect(struct mosquitto*, void* object, int reason, int,
                          const mosquitto_property*)
    {
        self(object).connected_ = reason == 0;
        self(object).refused_ = reason;
    }
    static void onMessage(struct mosquitto*, void* object, const struct mosquitto_message* message,
                          const mosquitto_property*)
    {
        auto& session = self(object);
        if (!session.received)
            return;
        const auto* bytes = static_cast<const char*>(message->payload);
        try { // nothing may unwind through libmosquitto's C frames
            session.received(message->topic,
                             std::string(bytes, bytes + std::max(message->payloadlen, 0)));
        } catch (const std::exception&) {
            // an unreadable message is left out of the report
        }
    }
    static void onSubscribe(struct mosquitto*, void* object, int mid, int, const int*,
                            const mosquitto_property*)
    {
        self(object).subscribed.insert(mid);
    }
    static void onPublish(struct mosquitto*, void* object, int mid, int reason,
                          const mosquitto_property*)
    {
        self(object).published_[mid] = reason;
    }

    struct mosquitto* mosq_ = nullptr;
    std::chrono::steady_clock::time_point deadline_;
    bool connected_ = false;
    int refused_ = 0;
    std::map<int, int> published_;
};

/// The kiosk id and leaf of `topic` under `prefix` ("P/K/heartbeat"), or nothing.
std::optional<std::pair<std::string, std::string>> splitTopic(const std::string& topic,
                                                              const std::string& prefix)
{
    if (!topic.starts_with(prefix + "/"))
        return std::nullopt;
    const auto rest = topic.substr(prefix.size() + 1);
    const auto slash = rest.find('/');
    if (slash == std::string::npos || rest.find('/', slash + 1) != std::string::npos)
        return std::nullopt;
    return std::pair{rest.substr(0, slash), rest.substr(slash + 1)};
}

} // namespace

base::Result<std::map<std::string, FleetKioskState>>
readFleetStatus(const FleetAdminOptions& options)
{
    AdminSession session;
    if (auto opened = session.open(options); !opened)
        return base::fail(opened.error());
    std::map<std::string, FleetKioskState> kiosks;
    session.received = [&](const std::string& topic, std::string payload) {
        const auto parts = splitTopic(topic, options.topicPrefix);
        if (!parts)
            return;
        auto& kiosk = kiosks[parts->first];
        if (parts->second == "status") {
            kiosk.status = payload.size() <= 16 ? payload : "?";
        } else if (parts->second == "heartbeat") {
            auto body = base::json::parseObject(payload);
            if (body) {
                kiosk.heartbeat = std::move(*body);
                kiosk.heartbeatError.clear();
            } else {
                kiosk.heartbeat.reset();
                kiosk.heartbeatError = body.error().message;
            }
        }
    };
    // QoS 0: the retained messages go out at once, not through the broker's in-flight window,
    // so they all arrive before the SUBACK of a later subscription, which ends the reading.
    for (const char* leaf : {"status", "heartbeat"})
        if (auto mid = session.subscribe(options.topicPrefix + "/+/" + leaf); !mid)
            return base::fail(mid.error());
    auto last = session.subscribe(options.topicPrefix + "/kioskctl/" + base::makeUuidV4());
    if (!last)
        return base::fail(last.error());
    if (auto done = session.runUntil([&] { return session.subscribed.contains(*last); }); !done)
        return base::fail(done.error());
    return kiosks;
}

base::Result<void> sendFleetCommand(const FleetAdminOptions& options, const std::string& kioskId,
                                    const RemoteCommand& command)
{
    if (kioskId.empty() || kioskId.find_first_of("/+#") != std::string::npos)
        return base::fail(base::errc::invalid_argument, "the kiosk id must be one topic level");
    AdminSession session;
    if (auto opened = session.open(options); !opened)
        return base::fail(opened.error());
    const nlohmann::json document{
        {"commands", {{{"id", command.id}, {"type", command.type}, {"args", command.args}}}}};
    auto payload = base::json::dump(document);
    if (!payload)
        return base::fail(payload.error());
    return session.publish(FleetTopics::of(options.topicPrefix, kioskId).commands, *payload);
}

nlohmann::json fleetStatusJson(const std::map<std::string, FleetKioskState>& kiosks)
{
    nlohmann::json document{{"kiosks", nlohmann::json::object()}};
    for (const auto& [id, kiosk] : kiosks) {
        nlohmann::json entry{{"status", kiosk.status.empty() ? nlohmann::json(nullptr)
                                                             : nlohmann::json(kiosk.status)},
                             {"heartbeat", kiosk.heartbeat ? *kiosk.heartbeat : nullptr}};
        if (!kiosk.heartbeatError.empty())
            entry["heartbeatError"] = kiosk.heartbeatError;
        document["kiosks"][id] = std::move(entry);
    }
    return document;
}

} // namespace kiosk::core
