// SPDX-License-Identifier: Apache-2.0
// fleet_load::Swarm: many simulated kiosks in one process, each a libmosquitto client, driven
// by one epoll loop on the caller's thread (mosquitto_loop_read/write/misc per ready socket;
// libmosquitto's own loop is one thread per client and select() cannot take fds above 1024).
// Each kiosk does what kiosk/core/fleet_link does on the wire: retained "online" and the last
// will "offline" on P/K/status, a retained QoS 1 heartbeat on P/K/heartbeat, commands read at
// QoS 1 from P/K/commands. One more client is the administrator who commands all kiosks.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

struct mosquitto;
struct mosquitto_message;
struct ssl_ctx_st;

namespace fleet_load {

struct SwarmOptions {
    int port = 1883;
    std::string prefix = "kiosk/510703";
    std::vector<std::string> kioskIds;
    ssl_ctx_st* tls = nullptr;      ///< shared by all kiosks (client certificate, CA); null: plain
    ssl_ctx_st* adminTls = nullptr; ///< the administrator's; null: plain
    std::chrono::milliseconds heartbeatInterval{60000};
    int connectsPerSecond = 500;
    /// A kiosk received sync_catalog (called on the loop's thread).
    std::function<void(std::size_t kiosk)> onSyncCatalog;
};

struct SwarmCounts {
    std::uint64_t connected = 0; ///< kiosks connected now
    std::uint64_t connects = 0;  ///< CONNACKs with success
    std::uint64_t disconnects = 0;
    std::uint64_t heartbeatsSent = 0;
    std::uint64_t heartbeatsAcked = 0; ///< PUBACKs of heartbeats
    std::uint64_t commandsReceived = 0;
    std::uint64_t commandsPublished = 0; ///< by the administrator, PUBACKed
};

class Swarm {
public:
    using Clock = std::chrono::steady_clock;

    explicit Swarm(SwarmOptions options);
    ~Swarm();
    Swarm(const Swarm&) = delete;
    Swarm& operator=(const Swarm&) = delete;

    /// Runs the loop for `duration`: connects (paced), heartbeats, network I/O.
    void runFor(std::chrono::milliseconds duration);
    /// The administrator publishes `{"commands":[{"id","type","args"}]}` to every kiosk's
    /// command topic with QoS 1 (sent as the loop runs).
    void commandAll(const std::string& type, const std::string& idPrefix);
    [[nodiscard]] const SwarmCounts& counts() const { return counts_; }
    [[nodiscard]] bool adminConnected() const;

    struct Client; // one MQTT session: a kiosk or the administrator

private:
    void connectSome(Clock::time_point now);
    void connect(Client& client);
    void beatDue(Clock::time_point now);
    void handle(Client& client, std::uint32_t events);
    void watch(Client& client);
    void lost(Client& client);
    void keepAlive();
    static void onConnect(mosquitto* mosq, void* self, int rc);
    static void onDisconnect(mosquitto* mosq, void* self, int rc);
    static void onPublish(mosquitto* mosq, void* self, int mid);
    static void onMessage(mosquitto* mosq, void* self, const mosquitto_message* message);

    SwarmOptions options_;
    int epoll_ = -1;
    std::vector<std::unique_ptr<Client>> clients_; ///< kiosks, then the administrator
    std::size_t nextToConnect_ = 0;
    Clock::time_point connectStarted_{};
    Clock::time_point lastKeepAlive_{};
    /// Next heartbeat per kiosk: a min-heap of (due, kiosk index).
    std::vector<std::pair<Clock::time_point, std::size_t>> beats_;
    std::vector<std::size_t> reconnecting_;
    std::mt19937_64 random_{20261206};
    SwarmCounts counts_;
};

} // namespace fleet_load
