// SPDX-License-Identifier: Apache-2.0
#include "tests/load/mqtt_swarm.h"

#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace fleet_load {

struct Swarm::Client {
    Swarm* swarm = nullptr;
    std::size_t index = 0;
    bool admin = false;
    bool tls = false;
    std::string id;
    mosquitto* mosq = nullptr;
    int fd = -1;
    bool writeArmed = false;
    bool tcpUp = false;     ///< a first EPOLLOUT came: the TCP connection is up
    bool connected = false; ///< CONNACK received
    int heartbeatMid = -1;
    bool beatScheduled = false; ///< an entry in beats_
    std::uint64_t beats = 0;
    Clock::time_point reconnectAt{};
};

namespace {

constexpr int keepAliveS = 60;
constexpr auto after = std::greater<>();

/// What kiosk/core/heartbeat sends (specs/platform-api.md), about 500 bytes; the audit
/// anchor's sequence moves so that each body differs.
std::string heartbeatBody(const std::string& id, std::uint64_t seq)
{
    return R"({"kioskId":")" + id +
           R"(","time":"2026-12-06T05:00:00Z","softwareVersion":"0.1.0","catalogVersion":2026120101,)"
           R"("queue":{"pending":0,"deadLetter":0,"oldestPendingAgeS":0},"devices":[)"
           R"({"name":"idcard","state":"ready"},{"name":"scanner","state":"ready"},)"
           R"({"name":"receipt_printer","state":"ready"},{"name":"a4_printer","state":"ready"},)"
           R"({"name":"camera","state":"ready"}],"ackedCommands":[],"results":{},)"
           R"("auditAnchor":{"seq":)" +
           std::to_string(seq) +
           R"(,"hash":"sm3:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"}})";
}

} // namespace

/// libmosquitto 2.0 opens a socket pair per client in mosquitto_new() to wake its own loop
/// thread, which this loop does not use: 3 descriptors per kiosk, 30,000 for 10,000, above
/// the hard limit of a machine without CAP_SYS_RESOURCE. While the clients are created, the
/// soft limit stands at the lowest free descriptor, so the pair fails (the library only warns
/// and works without it) and each kiosk costs its socket alone.
class NoSocketPairs {
public:
    NoSocketPairs()
    {
        ::getrlimit(RLIMIT_NOFILE, &saved_);
        const int lowestFree = ::dup(0);
        if (lowestFree < 0)
            return;
        ::close(lowestFree);
        rlimit tight = saved_;
        tight.rlim_cur = static_cast<rlim_t>(lowestFree);
        active_ = ::setrlimit(RLIMIT_NOFILE, &tight) == 0;
    }
    ~NoSocketPairs()
    {
        if (active_)
            ::setrlimit(RLIMIT_NOFILE, &saved_);
    }
    NoSocketPairs(const NoSocketPairs&) = delete;
    NoSocketPairs& operator=(const NoSocketPairs&) = delete;

private:
    rlimit saved_{};
    bool active_ = false;
};

Swarm::Swarm(SwarmOptions options) : options_(std::move(options))
{
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0)
        throw std::runtime_error("epoll_create1 failed");
    const std::size_t kiosks = options_.kioskIds.size();
    const NoSocketPairs noSocketPairs;
    for (std::size_t i = 0; i <= kiosks; ++i) {
        auto client = std::make_unique<Client>();
        client->swarm = this;
        client->index = i;
        client->admin = i == kiosks;
        client->id = client->admin ? "fleet-admin" : options_.kioskIds[i];
        client->tls = (client->admin ? options_.adminTls : options_.tls) != nullptr;
        // Kiosks start clean (the load is the same); the administrator speaks 3.1.1 so that
        // no Receive Maximum limits its 10,000 publishes in flight.
        client->mosq = mosquitto_new(client->id.c_str(), true, client.get());
        if (client->mosq == nullptr)
            throw std::runtime_error("mosquitto_new failed (out of file descriptors?)");
        mosquitto_int_option(client->mosq, MOSQ_OPT_PROTOCOL_VERSION,
                             client->admin ? MQTT_PROTOCOL_V311 : MQTT_PROTOCOL_V5);
        if (client->admin)
            mosquitto_max_inflight_messages_set(client->mosq, 0);
        if (client->tls) {
            mosquitto_void_option(client->mosq, MOSQ_OPT_SSL_CTX,
                                  client->admin ? options_.adminTls : options_.tls);
            mosquitto_int_option(client->mosq, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0);
        } else {
            mosquitto_username_pw_set(client->mosq, client->id.c_str(), nullptr);
        }
        if (!client->admin) {
            const std::string status = options_.prefix + "/" + client->id + "/status";
            mosquitto_will_set(client->mosq, status.c_str(), 7, "offline", 1, true);
        }
        mosquitto_connect_callback_set(client->mosq, &Swarm::onConnect);
        mosquitto_disconnect_callback_set(client->mosq, &Swarm::onDisconnect);
        mosquitto_publish_callback_set(client->mosq, &Swarm::onPublish);
        mosquitto_message_callback_set(client->mosq, &Swarm::onMessage);
        clients_.push_back(std::move(client));
    }
}

Swarm::~Swarm()
{
    for (auto& client : clients_)
        mosquitto_destroy(client->mosq);
    ::close(epoll_);
}

bool Swarm::adminConnected() const
{
    return clients_.back()->connected;
}

void Swarm::runFor(std::chrono::milliseconds duration)
{
    const auto end = Clock::now() + duration;
    if (connectStarted_ == Clock::time_point{})
        connectStarted_ = Clock::now();
    std::vector<epoll_event> events(1024);
    for (auto now = Clock::now(); now < end; now = Clock::now()) {
        connectSome(now);
        beatDue(now);
        if (now - lastKeepAlive_ >= std::chrono::seconds(1))
            keepAlive();
        const int ready = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 5);
        for (int i = 0; i < ready; ++i)
            handle(*static_cast<Client*>(events[static_cast<std::size_t>(i)].data.ptr),
                   events[static_cast<std::size_t>(i)].events);
    }
}

/// Paced: connectsPerSecond since the start (a fleet powering on is not one instant), the
/// administrator first; then kiosks whose reconnect time has come.
void Swarm::connectSome(Clock::time_point now)
{
    const double elapsed = std::chrono::duration<double>(now - connectStarted_).count();
    const auto allowed = static_cast<std::size_t>(elapsed * options_.connectsPerSecond) + 1;
    if (nextToConnect_ == 0) {
        connect(*clients_.back());
        ++nextToConnect_;
    }
    while (nextToConnect_ <= allowed && nextToConnect_ <= options_.kioskIds.size()) {
        connect(*clients_[nextToConnect_ - 1]);
        ++nextToConnect_;
    }
    for (auto it = reconnecting_.begin(); it != reconnecting_.end();) {
        Client& client = *clients_[*it];
        if (client.reconnectAt > now) {
            ++it;
            continue;
        }
        connect(client);
        it = reconnecting_.erase(it);
    }
}

void Swarm::connect(Client& client)
{
    client.tcpUp = false;
    client.writeArmed = false;
    const int rc = client.fd == -2 ? mosquitto_reconnect_async(client.mosq)
                                   : mosquitto_connect_async(client.mosq, "127.0.0.1",
                                                             options_.port, keepAliveS);
    client.fd = mosquitto_socket(client.mosq);
    if (rc != MOSQ_ERR_SUCCESS || client.fd < 0) {
        lost(client);
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT; // EPOLLOUT: the TCP connection is up
    event.data.ptr = &client;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, client.fd, &event);
    client.writeArmed = true;
}

void Swarm::beatDue(Clock::time_point now)
{
    while (!beats_.empty() && beats_.front().first <= now) {
        std::pop_heap(beats_.begin(), beats_.end(), after);
        const std::size_t index = beats_.back().second;
        beats_.pop_back();
        Client& client = *clients_[index];
        if (!client.connected) {
            client.beatScheduled = false; // scheduled again at its next CONNACK
            continue;
        }
        const std::string topic = options_.prefix + "/" + client.id + "/heartbeat";
        const std::string body = heartbeatBody(client.id, ++client.beats);
        if (mosquitto_publish(client.mosq, &client.heartbeatMid, topic.c_str(),
                              static_cast<int>(body.size()), body.data(), 1,
                              true) == MOSQ_ERR_SUCCESS)
            ++counts_.heartbeatsSent;
        // Jittered by ±10 % so the fleet does not beat in lockstep.
        std::uniform_real_distribution<double> jitter(0.9, 1.1);
        const auto next = std::chrono::duration_cast<Clock::duration>(options_.heartbeatInterval *
                                                                      jitter(random_));
        beats_.emplace_back(now + next, index);
        std::push_heap(beats_.begin(), beats_.end(), after);
        watch(client);
    }
}

void Swarm::handle(Client& client, std::uint32_t events)
{
    if ((events & EPOLLOUT) != 0)
        client.tcpUp = true;
    // loop_read also drives the TLS handshake (libmosquitto 2.0: want_connect), so it runs on
    // every event; without data it returns at once.
    int rc = mosquitto_loop_read(client.mosq, 1);
    if (rc == MOSQ_ERR_SUCCESS && mosquitto_socket(client.mosq) >= 0 &&
        mosquitto_want_write(client.mosq))
        rc = mosquitto_loop_write(client.mosq, 1);
    if (rc != MOSQ_ERR_SUCCESS || mosquitto_socket(client.mosq) < 0) {
        lost(client);
        return;
    }
    watch(client);
}

/// EPOLLOUT only while libmosquitto has something to write; during a TLS handshake (before
/// the CONNACK, once TCP is up) it waits for the broker's answer, not for writability, which
/// libmosquitto 2.0 reports as wanted while it waits (a busy loop otherwise).
void Swarm::watch(Client& client)
{
    if (client.fd < 0)
        return;
    const bool handshaking = client.tls && !client.connected && client.tcpUp;
    const bool want = !handshaking && mosquitto_want_write(client.mosq);
    if (want == client.writeArmed)
        return;
    epoll_event event{};
    event.events = EPOLLIN | (want ? EPOLLOUT : 0u);
    event.data.ptr = &client;
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, client.fd, &event);
    client.writeArmed = want;
}

/// The connection is gone: reconnect after 1-3 s (drawn, so a broker restart is not met by
/// all kiosks at once).
void Swarm::lost(Client& client)
{
    if (client.fd >= 0)
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, client.fd, nullptr); // may be closed already
    if (client.connected && counts_.connected > 0)
        --counts_.connected;
    client.connected = false;
    client.fd = -2; // known to the library: reconnect
    std::uniform_int_distribution<int> backoff(1000, 3000);
    client.reconnectAt = Clock::now() + std::chrono::milliseconds(backoff(random_));
    if (std::find(reconnecting_.begin(), reconnecting_.end(), client.index) == reconnecting_.end())
        reconnecting_.push_back(client.index);
}

/// PINGREQ when the keep-alive is due (mosquitto_loop_misc), once a second for all.
void Swarm::keepAlive()
{
    lastKeepAlive_ = Clock::now();
    for (auto& client : clients_) {
        if (!client->connected)
            continue;
        mosquitto_loop_misc(client->mosq);
        watch(*client);
    }
}

void Swarm::commandAll(const std::string& type, const std::string& idPrefix)
{
    Client& admin = *clients_.back();
    for (std::size_t i = 0; i + 1 < clients_.size(); ++i) {
        const std::string topic = options_.prefix + "/" + clients_[i]->id + "/commands";
        const std::string body = R"({"commands":[{"id":")" + idPrefix + "-" + std::to_string(i) +
                                 R"(","type":")" + type + R"(","args":{}}]})";
        mosquitto_publish(admin.mosq, nullptr, topic.c_str(), static_cast<int>(body.size()),
                          body.data(), 1, false);
    }
    watch(admin);
}

void Swarm::onConnect(mosquitto* mosq, void* self, int rc)
{
    auto& client = *static_cast<Client*>(self);
    Swarm& swarm = *client.swarm;
    if (rc != 0) {
        mosquitto_disconnect(mosq);
        return;
    }
    client.connected = true;
    ++swarm.counts_.connected;
    ++swarm.counts_.connects;
    if (client.admin)
        return;
    const std::string base = swarm.options_.prefix + "/" + client.id;
    mosquitto_subscribe(mosq, nullptr, (base + "/commands").c_str(), 1);
    mosquitto_publish(mosq, nullptr, (base + "/status").c_str(), 6, "online", 1, true);
    if (client.beatScheduled)
        return;
    client.beatScheduled = true;
    // The first heartbeat at a random point of the interval: kiosks power on at random.
    std::uniform_real_distribution<double> offset(0.0, 1.0);
    const auto first = std::chrono::duration_cast<Clock::duration>(
        swarm.options_.heartbeatInterval * offset(swarm.random_));
    swarm.beats_.emplace_back(Clock::now() + first, client.index);
    std::push_heap(swarm.beats_.begin(), swarm.beats_.end(), after);
}

void Swarm::onDisconnect(mosquitto*, void* self, int)
{
    auto& client = *static_cast<Client*>(self);
    ++client.swarm->counts_.disconnects;
}

void Swarm::onPublish(mosquitto*, void* self, int mid)
{
    auto& client = *static_cast<Client*>(self);
    if (client.admin)
        ++client.swarm->counts_.commandsPublished;
    else if (mid == client.heartbeatMid)
        ++client.swarm->counts_.heartbeatsAcked;
}

void Swarm::onMessage(mosquitto*, void* self, const mosquitto_message* message)
{
    auto& client = *static_cast<Client*>(self);
    Swarm& swarm = *client.swarm;
    ++swarm.counts_.commandsReceived;
    const std::string_view payload(static_cast<const char*>(message->payload),
                                   static_cast<std::size_t>(message->payloadlen));
    if (payload.find(R"("type":"sync_catalog")") != std::string_view::npos &&
        swarm.options_.onSyncCatalog)
        swarm.options_.onSyncCatalog(client.index);
}

} // namespace fleet_load
