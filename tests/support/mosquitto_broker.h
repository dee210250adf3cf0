// SPDX-License-Identifier: Apache-2.0
// test_support::MosquittoBroker: Debian's mosquitto started on a free port of 127.0.0.1 with a
// config of its own (TLS with required client certificates, the certificate's CN as user name,
// an ACL file), and MqttTestClient: a libmosquitto client for a test's side of the broker
// (an administrator, or another kiosk), recording what it receives.
#pragma once

#include "tests/support/server_process.h"

#include <arpa/inet.h>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <fstream>
#include <map>
#include <memory>
#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <mutex>
#include <netinet/in.h>
#include <pwd.h>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace test_support {

struct MosquittoOptions {
    std::string dir; ///< where the config, ACL and log go (a TempDir)
    std::string caFile;
    std::string certFile; ///< the broker's, for 127.0.0.1
    std::string keyFile;
    std::string acl; ///< the ACL file's text
};

class MosquittoBroker {
public:
    /// The mosquitto program, or "" when it is not installed (Debian package mosquitto).
    static std::string program()
    {
        for (const char* candidate : {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"})
            if (::access(candidate, X_OK) == 0)
                return candidate;
        return {};
    }

    /// Starts the broker and returns once it accepts connections; nullptr with `error` if not.
    static std::unique_ptr<MosquittoBroker> start(const MosquittoOptions& options,
                                                  std::string& error)
    {
        const std::string mosquitto = program();
        if (mosquitto.empty()) {
            error = "mosquitto not found (Debian package mosquitto)";
            return nullptr;
        }
        // The free port may be taken between its choice and the broker's bind: try another.
        for (int attempt = 0; attempt < 3; ++attempt) {
            std::unique_ptr<MosquittoBroker> broker(new MosquittoBroker(freeLoopbackPort()));
            broker->program_ = mosquitto;
            broker->options_ = options;
            if (broker->launch(mosquitto, options) && broker->waitUntilListening())
                return broker;
        }
        error = "mosquitto did not start listening (see " + options.dir + "/mosquitto.log)";
        return nullptr;
    }

    MosquittoBroker(const MosquittoBroker&) = delete;
    MosquittoBroker& operator=(const MosquittoBroker&) = delete;
    ~MosquittoBroker() { terminate(); }

    [[nodiscard]] int port() const { return port_; }

    /// Stops the broker (SIGTERM) and starts it again on the same port, as after a crash or
    /// an upgrade; without persistence it has forgotten every session. False if it did not
    /// come back listening.
    bool restart()
    {
        terminate();
        return launch(program_, options_) && waitUntilListening();
    }
    [[nodiscard]] std::string url() const { return "mqtts://127.0.0.1:" + std::to_string(port_); }

private:
    explicit MosquittoBroker(int port) : port_(port) {}

    bool launch(const std::string& mosquitto, const MosquittoOptions& options)
    {
        const std::string config = options.dir + "/mosquitto.conf";
        const std::string acl = options.dir + "/acl";
        std::ofstream(acl) << options.acl;
        // Run as whoever runs the test: started as root, mosquitto would switch to the user
        // "mosquitto", who cannot read the test's private directory.
        const passwd* self = ::getpwuid(::getuid());
        std::ofstream(config) << "user " << (self != nullptr ? self->pw_name : "root") << "\n"
                              << "per_listener_settings false\n"
                              << "persistence false\n"
                              << "log_dest file " << options.dir << "/mosquitto.log\n"
                              << "log_type all\n"
                              << "listener " << port_ << " 127.0.0.1\n"
                              << "cafile " << options.caFile << "\n"
                              << "certfile " << options.certFile << "\n"
                              << "keyfile " << options.keyFile << "\n"
                              << "require_certificate true\n"
                              << "use_identity_as_username true\n"
                              << "acl_file " << acl << "\n";
        return process_.start({mosquitto, "-c", config});
    }

    bool waitUntilListening() { return process_.waitUntilListening(port_); }
    void terminate() { process_.terminate(); }

    int port_ = 0;
    ServerProcess process_;
    std::string program_;
    MosquittoOptions options_;
};

/// One message as a test client received it.
struct MqttMessage {
    std::string topic;
    std::string payload;
    int qos = 0;
    bool retain = false;
};

/// A test's MQTT 5 client over TLS with its own certificate, on libmosquitto's own thread
/// (tests may start threads; the product uses base::Worker).
class MqttTestClient {
public:
    MqttTestClient(const std::string& clientId, const std::string& caFile,
                   const std::string& certFile, const std::string& keyFile)
    {
        mosquitto_lib_init();
        mosq_ = mosquitto_new(clientId.c_str(), true, this);
        mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
        mosquitto_tls_set(mosq_, caFile.c_str(), nullptr, certFile.c_str(), keyFile.c_str(),
                          nullptr);
        mosquitto_connect_v5_callback_set(mosq_, &onConnect);
        mosquitto_message_v5_callback_set(mosq_, &onMessage);
        mosquitto_publish_v5_callback_set(mosq_, &onPublish);
        mosquitto_subscribe_v5_callback_set(mosq_, &onSubscribe);
    }
    MqttTestClient(const MqttTestClient&) = delete;
    MqttTestClient& operator=(const MqttTestClient&) = delete;
    ~MqttTestClient()
    {
        mosquitto_disconnect(mosq_);
        mosquitto_loop_stop(mosq_, true);
        mosquitto_destroy(mosq_);
    }

    /// Connects and waits for the CONNACK; false if refused or not in time.
    bool connect(int port)
    {
        if (mosquitto_connect_bind_v5(mosq_, "127.0.0.1", port, 30, nullptr, nullptr) !=
                MOSQ_ERR_SUCCESS ||
            mosquitto_loop_start(mosq_) != MOSQ_ERR_SUCCESS)
            return false;
        return waitFor([this] { return connected_; }) && connectReason_ == 0;
    }
    /// Subscribes with QoS 1 and waits for the SUBACK; returns its reason code (>= 0x80:
    /// refused), or -1 if none came.
    int subscribe(const std::string& filter)
    {
        int mid = 0;
        if (mosquitto_subscribe_v5(mosq_, &mid, filter.c_str(), 1, 0, nullptr) != MOSQ_ERR_SUCCESS)
            return -1;
        if (!waitFor([&] { return subacks_.contains(mid); }))
            return -1;
        std::lock_guard lock(mutex_);
        return subacks_[mid];
    }
    /// Publishes with QoS 1 and waits for the PUBACK; false if none came.
    bool publish(const std::string& topic, const std::string& payload, bool retain = false)
    {
        int mid = 0;
        if (mosquitto_publish_v5(mosq_, &mid, topic.c_str(), static_cast<int>(payload.size()),
                                 payload.data(), 1, retain, nullptr) != MOSQ_ERR_SUCCESS)
            return false;
        return waitFor([&] { return pubacks_.contains(mid); });
    }
    [[nodiscard]] std::vector<MqttMessage> messages() const
    {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    /// Waits until a message on `topic` satisfies `match`; returns it (empty topic if none).
    template <class Match>
    MqttMessage waitForMessage(const std::string& topic, Match&& match,
                               std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        MqttMessage found;
        waitFor(
            [&] {
                for (const auto& message : messages_)
                    if (message.topic == topic && match(message)) {
                        found = message;
                        return true;
                    }
                return false;
            },
            timeout);
        return found;
    }

private:
    template <class Done>
    bool waitFor(Done&& done, std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, done);
    }
    static MqttTestClient& self(void* object) { return *static_cast<MqttTestClient*>(object); }
    static void onConnect(struct mosquitto*, void* object, int reason, int,
                          const mosquitto_property*)
    {
        auto& client = self(object);
        std::lock_guard lock(client.mutex_);
        client.connected_ = true;
        client.connectReason_ = reason;
        client.changed_.notify_all();
    }
    static void onMessage(struct mosquitto*, void* object, const struct mosquitto_message* message,
                          const mosquitto_property*)
    {
        auto& client = self(object);
        std::lock_guard lock(client.mutex_);
        const auto* bytes = static_cast<const char*>(message->payload);
        client.messages_.push_back({message->topic, std::string(bytes, bytes + message->payloadlen),
                                    message->qos, message->retain});
        client.changed_.notify_all();
    }
    static void onPublish(struct mosquitto*, void* object, int mid, int, const mosquitto_property*)
    {
        auto& client = self(object);
        std::lock_guard lock(client.mutex_);
        client.pubacks_.insert({mid, 0});
        client.changed_.notify_all();
    }
    static void onSubscribe(struct mosquitto*, void* object, int mid, int count, const int* granted,
                            const mosquitto_property*)
    {
        auto& client = self(object);
        std::lock_guard lock(client.mutex_);
        client.subacks_[mid] = count > 0 ? granted[0] : -1;
        client.changed_.notify_all();
    }

    struct mosquitto* mosq_ = nullptr;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool connected_ = false;
    int connectReason_ = -1;
    std::vector<MqttMessage> messages_;
    std::map<int, int> pubacks_;
    std::map<int, int> subacks_;
};

} // namespace test_support
