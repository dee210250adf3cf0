// SPDX-License-Identifier: Apache-2.0
// The MQTT fleet link against a real mosquitto started by the test on loopback: TLS with
// required client certificates (the CN is the user name) and a per-kiosk ACL. Heartbeats
// arrive with QoS 1, the retained last will says "offline" when the kiosk's connection dies,
// a command sent while the kiosk is off reaches it when it comes back (persistent session)
// and its result goes out, one kiosk can neither read another's commands nor publish on its
// topics, and garbage on the command topic is refused with a logged error.
#include "base/json_reader.h"
#include "tests/kiosk/core/fleet_fixture.h"
#include "tests/support/black_hole.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <poll.h>
#include <thread>

using namespace kiosk::core;
using namespace fleet_test;

namespace {

using FleetLinkTest = FleetTest;

std::string loggedLines()
{
    std::lock_guard lock(logMutex);
    std::string all;
    for (const auto& line : logLines)
        all += line + "\n";
    return all;
}

bool payloadIs(const MqttMessage& message, const std::string& payload)
{
    return message.payload == payload;
}

/// The heartbeat's "results" member says command `id` succeeded.
bool reportsResult(const MqttMessage& message, const std::string& id)
{
    auto body = base::json::parseObject(message.payload);
    return body && body->contains("results") && (*body)["results"].contains(id) &&
           (*body)["results"][id].value("ok", false);
}

TEST(FleetBrokerUrl, ReadsHostPortAndScheme)
{
    auto tls = parseBrokerUrl("mqtts://broker.example");
    ASSERT_TRUE(tls);
    EXPECT_EQ(tls->host, "broker.example");
    EXPECT_EQ(tls->port, 8883);
    EXPECT_TRUE(tls->tls);
    auto plain = parseBrokerUrl("mqtt://127.0.0.1:1884");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->port, 1884);
    EXPECT_FALSE(plain->tls);
    auto v6 = parseBrokerUrl("mqtts://[::1]:9000");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->port, 9000);
    for (const char* bad : {"http://x", "mqtts://", "mqtts://h:", "mqtts://h:0", "mqtts://h:x",
                            "mqtts://h/path", "mqtts://[::1"})
        EXPECT_FALSE(parseBrokerUrl(bad)) << bad;
}

TEST(FleetTopicsTest, AreUnderThePrefixAndTheKioskId)
{
    const auto topics = FleetTopics::of("kiosk/510703", "SC-1");
    EXPECT_EQ(topics.status, "kiosk/510703/SC-1/status");
    EXPECT_EQ(topics.heartbeat, "kiosk/510703/SC-1/heartbeat");
    EXPECT_EQ(topics.commands, "kiosk/510703/SC-1/commands");
}

TEST_F(FleetLinkTest, AKioskIdThatIsNotOneTopicLevelIsRefused)
{
    auto bad = kiosk("SC/1", a_);
    EXPECT_FALSE(bad->link->start());
}

TEST_F(FleetLinkTest, StartedOnlyWhenFleetIsConfiguredAndUsable)
{
    Config config;
    config.kiosk.id = kioskA;
    auto a = kiosk(kioskA, a_); // for its heartbeat client
    EXPECT_EQ(startFleetLink(config, *a->heartbeat, base::systemClock()), nullptr)
        << "no [fleet]: HTTP heartbeats";

    config.fleet = optionsFor(kioskA, a_).fleet;
    config.fleet->keyFile = dir_.file("missing.key");
    EXPECT_EQ(startFleetLink(config, *a->heartbeat, base::systemClock()), nullptr)
        << "unusable TLS files: HTTP heartbeats";

    config.fleet = optionsFor(kioskA, a_).fleet;
    auto link = startFleetLink(config, *a->heartbeat, base::systemClock());
    ASSERT_NE(link, nullptr);
    EXPECT_TRUE(test_support::pollUntil([&] { return link->heartbeatsDelivered() >= 1; }));
    EXPECT_TRUE(link->beatNow(std::chrono::seconds(10))) << "no PUBACK for a heartbeat on demand";
}

TEST_F(FleetLinkTest, HeartbeatArrivesWithQos1AndStatusIsRetainedOnline)
{
    auto watcher = admin();
    ASSERT_EQ(watcher->subscribe(topic(kioskA, "heartbeat")), 1); // granted QoS 1
    auto a = kiosk(kioskA, a_);
    ASSERT_TRUE(a->link->start());

    const auto beat = watcher->waitForMessage(topic(kioskA, "heartbeat"),
                                              [](const MqttMessage&) { return true; });
    ASSERT_FALSE(beat.topic.empty()) << "no heartbeat";
    EXPECT_EQ(beat.qos, 1);
    auto body = base::json::parseObject(beat.payload);
    ASSERT_TRUE(body) << body.error().describe();
    EXPECT_EQ((*body)["softwareVersion"], "9.9.9"); // the HTTP heartbeat's payload
    EXPECT_TRUE(body->contains("queue"));
    EXPECT_TRUE(body->contains("ackedCommands"));
    EXPECT_TRUE(test_support::pollUntil([&] { return a->link->heartbeatsDelivered() >= 1; }));

    // A late subscriber (an administrator's status view) gets the retained state at once.
    auto late = admin();
    ASSERT_EQ(late->subscribe(topic(kioskA, "status")), 1);
    const auto status = late->waitForMessage(
        topic(kioskA, "status"), [](const MqttMessage& m) { return payloadIs(m, "online"); });
    EXPECT_TRUE(status.retain);
}

TEST_F(FleetLinkTest, LastWillOfflineIsRetainedWhenTheKiosksConnectionIsKilled)
{
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) { // the kiosk, killed without a DISCONNECT
        ::close(ready[0]);
        auto a = kiosk(kioskA, a_);
        const bool up = a->link->start() && test_support::pollUntil([&] {
                            return a->link->heartbeatsDelivered() >= 1;
                        });
        const char byte = up ? 1 : 0;
        (void)::write(ready[1], &byte, 1);
        for (;;)
            ::pause();
    }
    ::close(ready[1]);
    pollfd readable{ready[0], POLLIN, 0};
    char byte = 0;
    const bool up =
        ::poll(&readable, 1, 10000) == 1 && ::read(ready[0], &byte, 1) == 1 && byte == 1;
    ::close(ready[0]);
    auto watcher = admin();
    EXPECT_EQ(watcher->subscribe(topic(kioskA, "status")), 1);
    EXPECT_FALSE(watcher
                     ->waitForMessage(topic(kioskA, "status"),
                                      [](const MqttMessage& m) { return payloadIs(m, "online"); })
                     .topic.empty());
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    ASSERT_TRUE(up) << "the kiosk process did not connect";

    const auto will = watcher->waitForMessage(
        topic(kioskA, "status"), [](const MqttMessage& m) { return payloadIs(m, "offline"); });
    ASSERT_FALSE(will.topic.empty()) << "no last will";
    EXPECT_EQ(will.qos, 1);
    // Retained: an administrator who looks later still sees the kiosk offline.
    auto late = admin();
    EXPECT_EQ(late->subscribe(topic(kioskA, "status")), 1);
    const auto kept = late->waitForMessage(
        topic(kioskA, "status"), [](const MqttMessage& m) { return payloadIs(m, "offline"); });
    EXPECT_TRUE(kept.retain);
}

TEST_F(FleetLinkTest, CommandSentWhileTheKioskIsOffIsRunAfterItReconnectsAndItsResultGoesOut)
{
    auto watcher = admin();
    ASSERT_EQ(watcher->subscribe(topic(kioskA, "#")), 1);
    {
        auto first = kiosk(kioskA, a_);
        ASSERT_TRUE(first->link->start());
        // The heartbeat's PUBACK follows the SUBACK of the command topic: the session holds
        // the subscription from here on.
        ASSERT_TRUE(
            test_support::pollUntil([&] { return first->link->heartbeatsDelivered() >= 1; }));
    } // the kiosk is switched off
    ASSERT_FALSE(watcher
                     ->waitForMessage(topic(kioskA, "status"),
                                      [](const MqttMessage& m) { return payloadIs(m, "offline"); })
                     .topic.empty());

    ASSERT_TRUE(watcher->publish(topic(kioskA, "commands"),
                                 R"({"commands": [{"id": "cmd-1", "type": "ping"}]})"));

    auto again = kiosk(kioskA, a_);
    ASSERT_TRUE(again->link->start());
    EXPECT_TRUE(test_support::pollUntil([&] { return again->pings == 1; }))
        << "the command queued in the session was not delivered";
    const auto result = watcher->waitForMessage(
        topic(kioskA, "heartbeat"), [](const MqttMessage& m) { return reportsResult(m, "cmd-1"); });
    ASSERT_FALSE(result.topic.empty()) << "no heartbeat carried the command's result";
    EXPECT_NE(result.payload.find("\"ackedCommands\":[\"cmd-1\"]"), std::string::npos);
    EXPECT_EQ(again->pings, 1);
}

TEST_F(FleetLinkTest, ReconnectsAfterTheBrokerRestartsAndSubscribesAgain)
{
    auto a = kiosk(kioskA, a_);
    ASSERT_TRUE(a->link->start());
    ASSERT_TRUE(test_support::pollUntil([&] { return a->link->heartbeatsDelivered() >= 1; }));
    const auto before = a->link->heartbeatsDelivered();

    ASSERT_TRUE(broker_->restart()); // a broker without persistence: the session is gone
    // Backoff from 20 ms doubling to 200 ms (optionsFor): back within a few attempts.
    ASSERT_TRUE(test_support::pollUntil([&] {
        return a->link->connected() && a->link->heartbeatsDelivered() > before;
    })) << "the link did not come back";

    // Subscribed again on its own (the lost session held the subscription).
    auto watcher = admin();
    ASSERT_TRUE(watcher->publish(topic(kioskA, "commands"),
                                 R"({"commands": [{"id": "after-restart", "type": "ping"}]})"));
    EXPECT_TRUE(test_support::pollUntil([&] { return a->pings == 1; }));
}

// A broker that has gone from the network (its SYNs dropped): the link gives up after its
// connect timeout and says so, and the kiosk's stop does not wait for the kernel's two minutes.
TEST_F(FleetLinkTest, ABrokerThatIsGoneCostsTheConnectTimeoutAndDoesNotHoldTheStop)
{
    test_support::BlackHole gone;
    ASSERT_TRUE(gone.ok());
    auto options = optionsFor(kioskA, a_);
    options.fleet.mqttUrl = "mqtts://127.0.0.1:" + std::to_string(gone.port());
    options.connectTimeout = std::chrono::milliseconds(300);
    Kiosk a(dir_.path(), options);
    ASSERT_TRUE(a.link->start());
    EXPECT_TRUE(test_support::pollUntil([] {
        std::lock_guard lock(logMutex);
        return std::ranges::any_of(logLines, [](const std::string& line) {
            return line.find("cannot reach the broker: tcp 127.0.0.1:") != std::string::npos &&
                   line.find("no answer to connect") != std::string::npos;
        });
    })) << "no log line about the broker; the log: "
        << loggedLines();
    EXPECT_FALSE(a.link->connected());
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // a new attempt is under way
    const auto took = test_support::timeToStop([&] { a.link->stop(); });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
}

TEST_F(FleetLinkTest, OneKioskCannotReadAnotherKiosksCommandsNorPublishOnItsTopics)
{
    auto a = kiosk(kioskA, a_);
    ASSERT_TRUE(a->link->start());
    ASSERT_TRUE(test_support::pollUntil([&] { return a->link->heartbeatsDelivered() >= 1; }));

    // Kiosk B, with its own valid certificate, tries to listen to A's commands.
    auto b = client(kioskB, b_);
    (void)b->subscribe(topic(kioskA, "commands")); // the broker may grant or refuse it
    ASSERT_EQ(b->subscribe(topic(kioskB, "commands")), 1);
    auto watcher = admin();
    ASSERT_EQ(watcher->subscribe(std::string(prefix) + "/#"), 1);

    ASSERT_TRUE(watcher->publish(topic(kioskA, "commands"),
                                 R"({"commands": [{"id": "for-a", "type": "ping"}]})"));
    ASSERT_TRUE(test_support::pollUntil([&] { return a->pings == 1; }));
    ASSERT_TRUE(watcher->publish(topic(kioskB, "commands"), R"({"commands": []})"));
    // B got its own command, published after A's: had A's been readable, it came first.
    ASSERT_FALSE(b->waitForMessage(topic(kioskB, "commands"), [](const MqttMessage&) {
                      return true;
                  }).topic.empty());
    for (const auto& message : b->messages())
        EXPECT_NE(message.topic, topic(kioskA, "commands")) << "kiosk B read kiosk A's command";

    // B can neither forge a command for A nor a heartbeat or status of A.
    (void)b->publish(topic(kioskA, "commands"), R"({"commands": [{"id": "x", "type": "ping"}]})");
    (void)b->publish(topic(kioskA, "heartbeat"), "{}");
    (void)b->publish(topic(kioskA, "status"), "offline");
    ASSERT_TRUE(b->publish(topic(kioskB, "heartbeat"), "{\"marker\":1}"));
    ASSERT_FALSE(
        watcher
            ->waitForMessage(topic(kioskB, "heartbeat"),
                             [](const MqttMessage& m) { return payloadIs(m, "{\"marker\":1}"); })
            .topic.empty());
    for (const auto& message : watcher->messages()) {
        EXPECT_FALSE(message.topic == topic(kioskA, "heartbeat") && message.payload == "{}");
        EXPECT_FALSE(message.topic == topic(kioskA, "status") && message.payload == "offline");
        EXPECT_FALSE(message.topic == topic(kioskA, "commands") &&
                     message.payload.find("\"x\"") != std::string::npos);
    }
    EXPECT_EQ(a->pings, 1);
}

TEST_F(FleetLinkTest, GarbageOnTheCommandTopicIsRefusedWithALoggedErrorAndNoCrash)
{
    auto a = kiosk(kioskA, a_);
    ASSERT_TRUE(a->link->start());
    ASSERT_TRUE(test_support::pollUntil([&] { return a->link->heartbeatsDelivered() >= 1; }));
    auto watcher = admin();
    const std::string commands = topic(kioskA, "commands");
    const std::vector<std::string> garbage{"not json",
                                           std::string("\xff\xfe\x00\x01", 4),
                                           "",
                                           R"({"commands": 5})",
                                           R"([1, 2, 3])",
                                           std::string(200000, '['),
                                           R"({"commands": [{"id": 7, "type": "ping"}]})"};
    for (const auto& payload : garbage)
        ASSERT_TRUE(watcher->publish(commands, payload));
    ASSERT_TRUE(watcher->publish(commands, R"({"commands": [{"id": "ok-1", "type": "ping"}]})"));

    ASSERT_TRUE(test_support::pollUntil([&] { return a->pings == 1; }))
        << "the link stopped taking commands after garbage";
    // The last one, with an unreadable id, is a readable message whose command is skipped.
    EXPECT_EQ(a->link->messagesRefused(), garbage.size() - 1);
    EXPECT_TRUE(a->link->connected());
    std::lock_guard lock(logMutex);
    std::size_t refusals = 0;
    for (const auto& line : logLines) {
        refusals += line.find("command message refused") != std::string::npos;
        EXPECT_EQ(line.find("not json"), std::string::npos) << "the log quotes the payload";
    }
    EXPECT_EQ(refusals, garbage.size() - 1);
}

} // namespace
