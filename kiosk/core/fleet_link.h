// SPDX-License-Identifier: Apache-2.0
// FleetLink: the optional MQTT transport of the heartbeat and of remote commands (issue 19
// part 5; [fleet] in README). MQTT 5 over TLS with the kiosk's client certificate; the same
// heartbeat payload as HTTP, published with QoS 1; commands received on the kiosk's own topic
// and run by the HeartbeatClient, as those of an HTTP answer are.
//
// Topics (README, The fleet over MQTT), for prefix P and kiosk id K:
//   P/K/status     retained "online" on connect; retained "offline" as the last will
//   P/K/heartbeat  retained, QoS 1: the heartbeat body of specs/platform-api.md
//   P/K/commands   QoS 1, read by the kiosk: {"commands": [{"id", "type", "args"}]}
// The session is persistent (clean_start=false with a session expiry), so commands sent while
// the kiosk was off reach it when it reconnects.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/worker.h"
#include "kiosk/core/config.h"
#include "kiosk/core/heartbeat.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

struct mosquitto;

namespace kiosk::core {

/// The topics of one kiosk under a prefix.
struct FleetTopics {
    std::string status;
    std::string heartbeat;
    std::string commands;
    [[nodiscard]] static FleetTopics of(const std::string& prefix, const std::string& kioskId);
};

/// Where the broker is: from mqtts://HOST[:PORT] (8883) or mqtt://HOST[:PORT] (1883).
struct BrokerAddress {
    std::string host;
    int port = 8883;
    bool tls = true;
};
[[nodiscard]] base::Result<BrokerAddress> parseBrokerUrl(std::string_view url);

struct FleetLinkOptions {
    FleetSection fleet;
    std::string kioskId; ///< the MQTT client id and topic level: the certificate's CN
    std::chrono::milliseconds heartbeatInterval{std::chrono::seconds(60)};
    /// Reconnection waits: doubling from `firstBackoff` to `maxBackoff`, each drawn at random
    /// in [half, whole] so a fleet does not come back in lockstep after a broker restart.
    std::chrono::milliseconds firstBackoff{std::chrono::seconds(1)};
    std::chrono::milliseconds maxBackoff{std::chrono::minutes(2)};
    int keepAliveS = 60;
    /// How long the broker may take to answer a TCP connect (libmosquitto's own connect would
    /// wait about two minutes for a broker that is gone, and cannot be stopped meanwhile).
    std::chrono::milliseconds connectTimeout{std::chrono::seconds(10)};
};

/// Heartbeats and commands over MQTT. Its network loop is a base::Worker calling
/// mosquitto_loop (not libmosquitto's own thread, which gives up reconnecting after a TLS or
/// refusal error); commands run on a second worker so a long handler never stalls the loop.
class FleetLink {
public:
    /// Everything borrowed must outlive the link.
    FleetLink(FleetLinkOptions options, HeartbeatClient& heartbeat, const base::Clock& clock);
    FleetLink(const FleetLink&) = delete;
    FleetLink& operator=(const FleetLink&) = delete;
    ~FleetLink();

    /// Checks the options and starts the workers; an error (bad URL, kiosk id not a topic
    /// level, libmosquitto refusing the TLS files) leaves nothing running.
    [[nodiscard]] base::Result<void> start();
    /// Disconnects with the will (the broker publishes "offline") and stops. Idempotent.
    void stop();

    /// Connected with the session up (CONNACK success).
    [[nodiscard]] bool connected() const { return sessionUp_; }
    /// Heartbeats the broker acknowledged (PUBACK).
    [[nodiscard]] std::uint64_t heartbeatsDelivered() const { return delivered_; }
    /// Command messages refused (not JSON, not an answer's shape, too large).
    [[nodiscard]] std::uint64_t messagesRefused() const { return refused_; }
    /// Publishes a heartbeat at once (it carries the results of commands just run).
    void beatSoon();
    /// beatSoon(), then waits up to `timeout` for a heartbeat's PUBACK (before a reboot: the
    /// fleet has the command's result). False if none came in time.
    [[nodiscard]] bool beatNow(std::chrono::milliseconds timeout);

private:
    std::chrono::milliseconds loopStep(std::stop_token stop);
    std::chrono::milliseconds commandStep();
    [[nodiscard]] base::Result<void> configure();
    [[nodiscard]] bool connect(const std::stop_token& stop);
    std::chrono::milliseconds backoff();
    void publishHeartbeat();
    void onConnect(int reason);
    void onMessage(const std::string& topic, std::string payload);
    void onPublish(int mid);
    friend struct FleetLinkCallbacks;

    FleetLinkOptions options_;
    HeartbeatClient& heartbeat_;
    const base::Clock& clock_;
    FleetTopics topics_;
    BrokerAddress broker_;
    struct mosquitto* mosq_ = nullptr;

    // The loop worker's own state (only its thread touches these).
    bool socketUp_ = false;
    int failures_ = 0;
    base::Clock::SteadyTime nextBeat_{};

    std::atomic<bool> sessionUp_{false};
    std::atomic<bool> beatSoon_{false};
    std::atomic<std::uint64_t> delivered_{0};
    std::atomic<std::uint64_t> refused_{0};
    std::mutex deliveredMutex_; ///< delivered_ changes under it, for beatNow()
    std::condition_variable_any deliveredChanged_;
    std::mutex mutex_;                       ///< guards inbox_ and inFlight_
    std::deque<std::string> inbox_;          ///< command messages not yet run
    std::map<int, nlohmann::json> inFlight_; ///< heartbeats published, awaiting PUBACK
    base::Worker commands_;                  ///< runs the inbox
    base::Worker loop_;                      ///< last: stopped before the members it uses go
};

/// libmosquitto's message for one of its return codes, with the code: "The connection was lost.
/// (7)". The fleet link and the administrators' client (fleet_admin.h) both report them.
[[nodiscard]] std::string mosquittoMessage(int rc);

/// The kiosk's fleet link, started, when [fleet] is configured; nullptr when it is not, or
/// when it cannot start (logged): the kiosk then beats over HTTP, the default.
[[nodiscard]] std::unique_ptr<FleetLink>
startFleetLink(const Config& config, HeartbeatClient& heartbeat, const base::Clock& clock);

} // namespace kiosk::core
