// SPDX-License-Identifier: Apache-2.0
// The heartbeat against platform-sim: what it reports, commands dispatched by type through the
// registry, each run once and acknowledged in the next heartbeat, unknown types acknowledged
// and ignored, and retry_dead_letters reaching the queue; the worker beating on the clock,
// surviving a malformed answer and stopping in the middle of a request.
#include "base/manual_clock.h"
#include "kiosk/core/audit_verify.h"
#include "kiosk/core/heartbeat.h"
#include "kiosk/core/remote_config.h"
#include "kiosk/core/remote_reboot.h"
#include "kiosk/core/slot_update.h"
#include "offline_queue/curl_uplink.h"
#include "offline_queue/digest.h"
#include "platform_sim/server.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/loopback_http.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <atomic>

using namespace kiosk::core;

namespace {

constexpr const char* kioskId = "SC-510703-0042";
constexpr std::chrono::seconds interval{30};

/// An uplink whose every answer is 200 with the same body, counting the requests.
class ScriptedUplink final : public queue::Uplink {
public:
    explicit ScriptedUplink(std::string body) : body_(std::move(body)) {}
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest&, std::stop_token) override
    {
        ++sent;
        queue::UplinkResponse response;
        response.status = 200;
        response.contentType = "application/json";
        response.body = body_;
        return response;
    }
    std::atomic<int> sent{0};

private:
    std::string body_;
};

class HeartbeatTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        platform_sim::Options options;
        options.kioskId = kioskId;
        auto sim = platform_sim::Server::start(options);
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        queue::StoreOptions storeOptions;
        storeOptions.clock = &clock_;
        auto store = queue::Store::open(dir_ / "queue.db", storeOptions);
        ASSERT_TRUE(store) << store.error().describe();
        store_ = std::move(*store);
        queue::UplinkOptions uplinkOptions;
        uplinkOptions.baseUrl = sim_->baseUrl();
        uplinkOptions.kioskId = kioskId;
        uplinkOptions.allowInsecureLoopback = true;
        uplink_ = std::move(*queue::CurlUplink::create(uplinkOptions));
        sources_.catalogVersion = [] {
            return std::int64_t{2026112401};
        };
        sources_.devices = [] {
            hal::DeviceStatus printer;
            printer.deviceClass = hal::DeviceClass::ReceiptPrinter;
            printer.model = "fake";
            printer.state = hal::DeviceState::Ready;
            return deviceReports({printer});
        };
        client_ = std::make_unique<HeartbeatClient>(*uplink_, *store_, kioskId, "0.1.0", clock_,
                                                    registry_, sources_);
    }

    /// How many heartbeats the platform received from the kiosk.
    std::uint64_t heartbeats() const
    {
        const auto snapshot = sim_->snapshot();
        return snapshot.heartbeats.empty() ? 0 : snapshot.heartbeats.front().count;
    }

    base::ManualClock clock_; ///< first: the store and the client use it
    test_support::TempDir dir_;
    HeartbeatSources sources_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<queue::Store> store_;
    std::unique_ptr<queue::CurlUplink> uplink_;
    CommandRegistry registry_;
    std::unique_ptr<HeartbeatClient> client_;
};

} // namespace

TEST_F(HeartbeatTest, ReportsQueueDevicesAndCatalogVersion)
{
    queue::CaseInput input;
    input.body = {{"itemCode", "X1"}};
    ASSERT_TRUE(store_->enqueueCase(input));
    auto ran = client_->beat();
    ASSERT_TRUE(ran) << ran.error().describe();
    const auto snapshot = sim_->snapshot();
    ASSERT_EQ(snapshot.heartbeats.size(), 1u);
    const auto& heartbeat = snapshot.heartbeats.front();
    EXPECT_EQ(heartbeat.catalogVersion, 2026112401);
    EXPECT_EQ(heartbeat.softwareVersion, "0.1.0");
    EXPECT_EQ(heartbeat.queue["pending"], 1);
    EXPECT_EQ(heartbeat.devices[0]["class"], "receipt_printer");
    EXPECT_EQ(heartbeat.devices[0]["state"], "ready");
}

TEST_F(HeartbeatTest, CommandsRunOnceAndAreAcknowledgedInTheNextHeartbeat)
{
    int retried = 0;
    registry_.add("retry_dead_letters", [&](const nlohmann::json&) -> base::Result<void> {
        auto done = store_->retryDeadLetters();
        if (!done)
            return base::fail(done.error());
        retried += static_cast<int>(*done);
        return {};
    });
    queue::CaseInput input;
    input.body = {{"itemCode", "X1"}};
    ASSERT_TRUE(store_->enqueueCase(input));
    const auto id = store_->list()->front().id;
    ASSERT_TRUE(store_->markDeadLetter(id, "422 invalid_case"));

    const auto retry = sim_->queueCommand(kioskId, "retry_dead_letters");
    const auto unknown = sim_->queueCommand(kioskId, "self_destruct");
    auto first = client_->beat();
    ASSERT_TRUE(first) << first.error().describe();
    ASSERT_EQ(first->size(), 2u);
    EXPECT_EQ(retried, 1);
    EXPECT_EQ(store_->counts()->deadLetter, 0);
    EXPECT_EQ(sim_->snapshot().pendingCommands.size(), 2u) << "not acknowledged yet";
    EXPECT_EQ(client_->body()->at("ackedCommands"), (nlohmann::json{retry, unknown}));

    // The next heartbeat acknowledges both (the unknown one too) and runs nothing again.
    auto second = client_->beat();
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->empty());
    EXPECT_EQ(retried, 1);
    EXPECT_TRUE(sim_->snapshot().pendingCommands.empty());
    EXPECT_TRUE(client_->body()->at("ackedCommands").empty());
}

TEST_F(HeartbeatTest, EveryHeartbeatCarriesTheAuditAnchorAndCommandsAreAudited)
{
    auto trail = AuditTrail::open(dir_.path(), {}, clock_);
    ASSERT_TRUE(trail);
    sources_.audit = trail->get();
    HeartbeatClient client(*uplink_, *store_, kioskId, "0.1.0", clock_, registry_, sources_);
    registry_.add("sync_catalog", [](const nlohmann::json&) -> base::Result<void> { return {}; });
    const auto sync = sim_->queueCommand(kioskId, "sync_catalog");
    const auto unknown = sim_->queueCommand(kioskId, "self_destruct");

    ASSERT_TRUE(client.beat());
    auto records = readAuditRecords(dir_.path(), "");
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 4u);
    EXPECT_EQ((*records)[0]["event"], "command.received");
    EXPECT_EQ((*records)[0]["object"], "command " + sync);
    EXPECT_EQ((*records)[0]["actor"], "platform");
    EXPECT_EQ((*records)[1]["event"], "command.result");
    EXPECT_EQ((*records)[1]["result"], "ok");
    EXPECT_EQ((*records)[3]["object"], "command " + unknown);
    EXPECT_EQ((*records)[3]["result"], "error");
    EXPECT_EQ((*records)[3]["detail"]["type"], "self_destruct");

    // The next heartbeat sends the head of the chain, which the platform keeps.
    ASSERT_TRUE(client.beat());
    const auto anchor = sim_->snapshot().heartbeats.front().auditAnchor;
    EXPECT_EQ(anchor["seq"], 4);
    EXPECT_EQ(anchor["hash"], records->back()["hash"]);
    const auto verified = verifyAuditTrail(dir_.path(), parseAuditAnchor(anchor.dump()));
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok());
}

TEST_F(HeartbeatTest, AnUnknownTypeIsAnErrorFromTheRegistry)
{
    RemoteCommand command{"cmd-1", "reboot", nlohmann::json::object()};
    auto done = registry_.dispatch(command);
    ASSERT_FALSE(done);
    EXPECT_NE(done.error().message.find("unknown command type"), std::string::npos);
    registry_.add("reboot", [](const nlohmann::json&) -> base::Result<void> { return {}; });
    EXPECT_TRUE(registry_.dispatch(command));
}

TEST_F(HeartbeatTest, ThePlatformAwayIsALinkError)
{
    sim_.reset();
    auto ran = client_->beat();
    ASSERT_FALSE(ran);
    EXPECT_EQ(ran.error().code, make_error_code(queue::UplinkErrc::link));
}

TEST(HeartbeatAnswer, ABadCommandIsSkippedByPathAndTheOthersAreRead)
{
    const std::string longId(100 * 1024, 'c');
    const auto commands = readCommands(R"({"commands":[
        {"id":"c1","type":42},
        {"id":"c2","type":"sync_catalog","args":"51070319900101123X"},
        {"id":7,"type":"reboot"},
        {"id":")" + longId + R"(","type":"reboot"},
        "junk", null, [[["deep"]]],
        {"id":"c3","type":"retry_dead_letters"},
        {"id":"c4","type":"set_config","args":{"a":[1,{"b":null}]}}]})");
    ASSERT_TRUE(commands) << commands.error().describe();
    ASSERT_EQ(commands->size(), 9u);
    const auto& wrongType = (*commands)[0];
    EXPECT_EQ(wrongType.id, "c1") << "a readable id is acknowledged even if it cannot run";
    ASSERT_FALSE(wrongType.command);
    EXPECT_EQ(wrongType.command.error().message, "commands[0].type: expected a string, got number");
    EXPECT_EQ((*commands)[1].command.error().message,
              "commands[1].args: expected an object, got string");
    EXPECT_EQ((*commands)[2].id, std::nullopt);
    EXPECT_EQ((*commands)[3].command.error().message, "commands[3].id: longer than 128 bytes");
    EXPECT_EQ((*commands)[4].command.error().message,
              "commands[4]: expected an object, got string");
    EXPECT_EQ((*commands)[6].command.error().message, "commands[6]: expected an object, got array");
    ASSERT_TRUE((*commands)[7].command);
    EXPECT_EQ((*commands)[7].command->type, "retry_dead_letters");
    EXPECT_TRUE((*commands)[7].command->args.empty());
    ASSERT_TRUE((*commands)[8].command);
    EXPECT_EQ((*commands)[8].command->args["a"][1], (nlohmann::json{{"b", nullptr}}));
    for (const auto& command : *commands) {
        const auto message = command.command ? std::string() : command.command.error().message;
        EXPECT_EQ(message.find("51070319900101123X"), std::string::npos);
    }
}

TEST(HeartbeatAnswer, AnAnswerOfTheWrongShapeIsAnError)
{
    for (const char* answer : {"", "null", "[]", R"({"commands":"sync_catalog"})",
                               R"({"commands":null})", R"({"serverTime":1})", "{\"commands\":["})
        EXPECT_FALSE(readCommands(answer)) << answer;
    EXPECT_EQ(readCommands(R"({"commands":{"id":"c1"}})").error().message,
              "commands: expected an array, got object");
    EXPECT_TRUE(readCommands(R"({"commands":[]})")->empty());
}

TEST_F(HeartbeatTest, TheWorkerBeatsAtStartAndThenOnceEveryInterval)
{
    ASSERT_TRUE(test_support::startAndSettle(clock_, [&] { client_->start(interval); }));
    EXPECT_EQ(heartbeats(), 1u);
    clock_.advance(interval - std::chrono::seconds(1));
    EXPECT_EQ(heartbeats(), 1u) << "beat before the interval passed";
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, std::chrono::seconds(1)));
    EXPECT_EQ(heartbeats(), 2u);
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, interval));
    EXPECT_EQ(heartbeats(), 3u);
    client_->stop();
}

TEST_F(HeartbeatTest, BeatSoonBeatsWithoutWaitingForTheInterval)
{
    ASSERT_TRUE(test_support::startAndSettle(clock_, [&] { client_->start(interval); }));
    EXPECT_EQ(heartbeats(), 1u);
    client_->beatSoon();
    ASSERT_TRUE(test_support::pollUntil([&] { return heartbeats() == 2u; }))
        << "no heartbeat although the clock did not move";
    client_->stop();
}

TEST_F(HeartbeatTest, AMalformedCommandDoesNotEndTheProcessAndTheClientKeepsBeating)
{
    // A command whose type is a number, not a string: read from outside, it must not throw
    // past the worker, and the heartbeats go on.
    ScriptedUplink platform(R"({"commands":[{"id":"c1","type":42}]})");
    HeartbeatClient client(platform, *store_, kioskId, "0.1.0", clock_, registry_, sources_);
    ASSERT_TRUE(test_support::startAndSettle(clock_, [&] { client.start(interval); }));
    EXPECT_EQ(platform.sent, 1);
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, interval));
    EXPECT_EQ(platform.sent, 2);
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, interval));
    EXPECT_EQ(platform.sent, 3);
    client.stop();
}

TEST_F(HeartbeatTest, StopReturnsPromptlyInTheMiddleOfAHeartbeat)
{
    platform_sim::Faults slow;
    slow.latencyMs = 2000; // the platform takes 2 s to answer
    ASSERT_TRUE(sim_->setFaults(slow));
    client_->start(interval);
    ASSERT_TRUE(test_support::pollUntil([&] { return sim_->snapshot().counters.requests == 1; }));
    const auto took = test_support::timeToStop([&] { client_->stop(); });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
}

TEST_F(HeartbeatTest, TheHelpFlagGoesOutWhileACitizenWaitsAndAPlatformThatDoesNotKnowItAccepts)
{
    HelpCall help(clock_);
    sources_.help = &help;
    HeartbeatClient client(*uplink_, *store_, kioskId, "0.1.0", clock_, registry_, sources_);
    EXPECT_FALSE(client.body()->contains("helpRequested"));

    ASSERT_TRUE(help.raise("form"));
    const auto since = base::toRfc3339(clock_.now());
    clock_.advance(std::chrono::seconds(5));
    const auto body = client.body();
    ASSERT_TRUE(body);
    EXPECT_EQ((*body)["helpRequested"], nlohmann::json({{"since", since}, {"screen", "form"}}));
    // platform-sim does not know the member: the heartbeat is accepted all the same.
    ASSERT_TRUE(client.beat());
    EXPECT_EQ(heartbeats(), 1u);
    EXPECT_TRUE(client.body()->contains("helpRequested")) << "still waiting: still reported";

    ASSERT_TRUE(help.acknowledge());
    EXPECT_FALSE(client.body()->contains("helpRequested")) << "seen, then cleared: gone";
    ASSERT_TRUE(client.beat());
    EXPECT_EQ(heartbeats(), 2u);
}

TEST_F(HeartbeatTest, ACallClearedBeforeAnyHeartbeatGoesOutOnceWithHowItEnded)
{
    HelpCall help(clock_);
    sources_.help = &help;
    HeartbeatClient client(*uplink_, *store_, kioskId, "0.1.0", clock_, registry_, sources_);
    ASSERT_TRUE(help.raise("identify"));
    const auto since = base::toRfc3339(clock_.now());
    clock_.advance(std::chrono::seconds(10));
    ASSERT_TRUE(help.sessionEnded());
    const auto member = nlohmann::json({{"since", since},
                                        {"screen", "identify"},
                                        {"clearedAt", base::toRfc3339(clock_.now())},
                                        {"clearedBy", "session_end"}});
    EXPECT_EQ((*client.body())["helpRequested"], member);

    // A heartbeat the platform refused (503) does not count as reporting it.
    platform_sim::Faults faults;
    faults.failNext = 1;
    ASSERT_TRUE(sim_->setFaults(faults));
    ASSERT_FALSE(client.beat());
    EXPECT_EQ((*client.body())["helpRequested"], member);
    ASSERT_TRUE(client.beat());
    EXPECT_FALSE(client.body()->contains("helpRequested"));
}

TEST_F(HeartbeatTest, ResultsGoOutWithTheAcknowledgementsAndThePlatformKeepsThem)
{
    registry_.addReporting("sync_catalog", [](const RemoteCommand&) -> base::Result<std::string> {
        return std::string("asked for GET /v1/catalog");
    });
    registry_.add("retry_dead_letters", [](const nlohmann::json&) -> base::Result<void> {
        return base::fail(base::errc::io, "disk I/O error");
    });
    const auto sync = sim_->queueCommand(kioskId, "sync_catalog");
    const auto retry = sim_->queueCommand(kioskId, "retry_dead_letters");
    const auto unknown = sim_->queueCommand(kioskId, "self_destruct");
    const auto unreadable = sim_->queueCommand(kioskId, "reboot", "now");
    ASSERT_TRUE(client_->beat());
    const auto results = client_->body()->at("results");
    EXPECT_EQ(results[sync],
              (nlohmann::json{{"ok", true}, {"detail", "asked for GET /v1/catalog"}}));
    EXPECT_EQ(results[retry], (nlohmann::json{{"ok", false}, {"error", "disk I/O error"}}));
    EXPECT_EQ(results[unknown],
              (nlohmann::json{{"ok", false},
                              {"error", "unknown command type \"self_destruct\"; ignored"}}));
    EXPECT_EQ(results[unreadable],
              (nlohmann::json{{"ok", false},
                              {"error", "commands[3].args: expected an object, got string"}}));

    // Sent with the acknowledgements, kept by the platform, and not sent again after.
    ASSERT_TRUE(client_->beat());
    EXPECT_TRUE(sim_->snapshot().pendingCommands.empty());
    EXPECT_EQ(sim_->snapshot().heartbeats.front().results, results);
    EXPECT_FALSE(client_->body()->contains("results"));
    ASSERT_TRUE(client_->beat());
    EXPECT_EQ(sim_->snapshot().heartbeats.front().results, results) << "kept after";
}

namespace {

/// A kiosk's configuration file and trusted key for set_config through the heartbeat.
class SetConfigTest : public HeartbeatTest {
protected:
    void SetUp() override
    {
        HeartbeatTest::SetUp();
        key_ = test_support::makeKey(dir_.path(), "province-2026-01", "ed25519");
        original_ = "[kiosk]\nid = \"" + std::string(kioskId) + "\"\ndata_dir = \"" +
                    dir_.path().string() +
                    "\"\n[platform]\nurl = \"https://platform.example.gov.cn\"\n"
                    "[session]\nidle_timeout_s = 90\n";
        std::ofstream(configFile_) << original_;
        auto trail = AuditTrail::open(dir_.path(), {}, clock_);
        ASSERT_TRUE(trail);
        trail_ = std::move(*trail);
        sources_.audit = trail_.get(); // commands received and their results audited too
        client_ = std::make_unique<HeartbeatClient>(*uplink_, *store_, kioskId, "0.1.0", clock_,
                                                    registry_, sources_);
        remote_ = std::make_unique<RemoteConfig>(
            RemoteConfigOptions{configFile_, {key_.trusted}, trail_.get()});
        registry_.addReporting("set_config", [this](const RemoteCommand& command) {
            return remote_->apply(command.id, command.args);
        });
    }

    nlohmann::json signedFragment(const std::string& fragment) const
    {
        auto envelope =
            signPayload(fragment, key_.privateKeyFile, key_.trusted.id, key_.trusted.alg);
        EXPECT_TRUE(envelope);
        return nlohmann::json::parse(*envelope);
    }

    /// The platform's record of what command `id` did, after two heartbeats.
    nlohmann::json resultOf(const std::string& id)
    {
        EXPECT_TRUE(client_->beat());
        EXPECT_TRUE(client_->beat());
        return sim_->snapshot().heartbeats.front().results.value(id, nlohmann::json());
    }

    test_support::TestKey key_;
    std::filesystem::path configFile_ = dir_ / "kiosk.toml";
    std::string original_;
    std::unique_ptr<AuditTrail> trail_;
    std::unique_ptr<RemoteConfig> remote_;
};

} // namespace

TEST_F(SetConfigTest, ABadSignatureIsRefusedWithTheReasonInTheResults)
{
    auto args = signedFragment("[session]\nidle_timeout_s = 120\n");
    args["payload"] = base64Encode("[session]\nidle_timeout_s = 600\n");
    const auto id = sim_->queueCommand(kioskId, "set_config", args);
    const auto result = resultOf(id);
    EXPECT_EQ(result["ok"], false);
    EXPECT_EQ(result["error"], "set_config: ed25519 signature by \"province-2026-01\" does not "
                               "verify: the payload was altered or signed with another key");
    EXPECT_EQ(test_support::readText(configFile_), original_);
    auto records = readAuditRecords(dir_.path(), "");
    ASSERT_TRUE(records);
    for (const auto& record : *records)
        EXPECT_NE(record["event"], "config.changed");
}

TEST_F(SetConfigTest, AGoodOneIsAppliedAndAuditedAndTheResultSaysWhenItTakesEffect)
{
    const auto id = sim_->queueCommand(
        kioskId, "set_config",
        signedFragment("[session]\nidle_timeout_s = 120\n[remote_config]\nversion = 1\n"));
    const auto result = resultOf(id);
    EXPECT_EQ(result["ok"], true);
    EXPECT_EQ(result["detail"], "applied remote_config.version, session.idle_timeout_s to " +
                                    configFile_.string() +
                                    "; takes effect at the next start of the kiosk (a reboot "
                                    "command waits for the citizen's session to end)");
    EXPECT_EQ(loadConfig(configFile_)->session.idleTimeoutS, 120);
    auto records = readAuditRecords(dir_.path(), "");
    ASSERT_TRUE(records);
    std::vector<std::string> events;
    for (const auto& record : *records)
        events.push_back(record["event"]);
    EXPECT_EQ(events,
              (std::vector<std::string>{"command.received", "config.changed", "command.result"}));
    EXPECT_EQ((*records)[1]["detail"]["command"], id);
    EXPECT_EQ((*records)[1]["detail"]["keys"],
              (nlohmann::json{"remote_config.version", "session.idle_timeout_s"}));
    const auto verified = verifyAuditTrail(dir_.path(), std::nullopt);
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok());
}

TEST_F(HeartbeatTest, ARebootWaitsWhileACitizenIsServedAndRunsAfterTheAcknowledgement)
{
    std::atomic<bool> serving{true};
    std::atomic<int> reboots{0};
    std::atomic<std::size_t> pendingAtReboot{99};
    RebootScheduler scheduler({.sessionActive = [&] { return serving.load(); },
                               .beforeReboot = [&] { (void)client_->beat(); },
                               .reboot = [&]() -> base::Result<void> {
                                   pendingAtReboot = sim_->snapshot().pendingCommands.size();
                                   ++reboots;
                                   return {};
                               }},
                              clock_, nullptr, std::chrono::seconds(1));
    ASSERT_TRUE(clock_.awaitWaits(1));
    registry_.addReporting(
        "reboot", [&](const RemoteCommand& command) { return scheduler.request(command.id); });
    const auto id = sim_->queueCommand(kioskId, "reboot");
    ASSERT_TRUE(client_->beat());
    ASSERT_TRUE(clock_.awaitWaits(2)); // the scheduler looked: a citizen is served
    ASSERT_TRUE(client_->beat());
    const auto result = sim_->snapshot().heartbeats.front().results[id];
    EXPECT_EQ(result, (nlohmann::json{{"ok", true},
                                      {"detail", "a citizen is being served: the reboot waits "
                                                 "until the session ends, then runs"}}));
    for (int second = 0; second < 120; ++second)
        ASSERT_TRUE(test_support::advanceAndSettle(clock_, std::chrono::seconds(1)));
    EXPECT_EQ(reboots, 0) << "a citizen's session was interrupted";

    serving = false; // the citizen is done
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, std::chrono::seconds(1)));
    EXPECT_EQ(reboots, 1);
    EXPECT_EQ(pendingAtReboot, 0u) << "rebooted before the platform had the acknowledgement";
}

TEST_F(HeartbeatTest, TheBootedSlotGoesOutWhenKnownAndIsLeftOutOtherwise)
{
    std::optional<nlohmann::json> slot;
    sources_.slot = [&slot] {
        return slot;
    };
    HeartbeatClient client(*uplink_, *store_, kioskId, "0.1.0", clock_, registry_, sources_);
    EXPECT_FALSE(client.body()->contains("slot")) << "no rauc: no member";
    slot = nlohmann::json{{"booted", "A"}, {"rolledBack", true}};
    EXPECT_EQ((*client.body())["slot"], *slot);
    // platform-sim does not know the member: the heartbeat is accepted all the same.
    ASSERT_TRUE(client.beat());
    EXPECT_EQ(heartbeats(), 1u);
}

TEST_F(HeartbeatTest, AnUpdateIsInstalledItsResultGoesOutAndThenTheKioskRebootsThroughTheRebootPath)
{
    const std::string bundle(64 * 1024, 'u');
    test_support::LoopbackHttp files(bundle);
    std::mutex mutex;
    std::vector<std::vector<std::string>> rauc; // what the system command seam was asked
    std::atomic<int> reboots{0};
    std::atomic<std::size_t> pendingAtReboot{99};
    RebootScheduler scheduler({.sessionActive = [] { return false; },
                               .beforeReboot = [&] { (void)client_->beat(); },
                               .reboot = [&]() -> base::Result<void> {
                                   pendingAtReboot = sim_->snapshot().pendingCommands.size();
                                   ++reboots;
                                   return {};
                               }},
                              clock_, nullptr, std::chrono::seconds(1));
    ASSERT_TRUE(clock_.awaitWaits(1));
    queue::UplinkOptions tls;
    tls.allowInsecureLoopback = true;
    SlotUpdater updater(
        {.dir = dir_.path() / "update"},
        {.run = [&](const std::vector<std::string>& argv) -> base::Result<CommandOutput> {
             std::lock_guard lock(mutex);
             rauc.push_back(argv);
             return CommandOutput{};
         },
         .download = curlBundleDownload(tls),
         .sessionActive = [] { return false; },
         .reboot =
             [&](std::string_view id) {
                 return scheduler.request(id);
             }});
    registry_.addReporting("update",
                           [&](const RemoteCommand& command) { return updater.apply(command); });
    const auto id = sim_->queueCommand(
        kioskId, "update", {{"url", files.url()}, {"sha256", queue::sha256Hex(bundle)}});

    // The scheduler's worker sleeps idle; the reboot asked for wakes it, and it sleeps again once
    // it has rebooted. Counted from before the beat: it may be done before beat() returns.
    const auto waits = clock_.waitsBegun();
    ASSERT_TRUE(client_->beat()); // runs it: download, check, install, reboot asked for
    ASSERT_TRUE(clock_.awaitWaits(waits + 1));
    EXPECT_EQ(reboots, 1);
    EXPECT_EQ(pendingAtReboot, 0u) << "rebooted before the platform had the acknowledgement";
    const auto result = sim_->snapshot().heartbeats.front().results[id];
    EXPECT_EQ(result, (nlohmann::json{{"ok", true},
                                      {"detail", "installed into the other slot; no citizen is "
                                                 "being served: rebooting now"}}));
    std::lock_guard lock(mutex);
    const std::vector<std::vector<std::string>> expected{
        {"rauc", "--version"}, {"rauc", "install", (dir_.path() / "update/update.raucb").string()}};
    EXPECT_EQ(rauc, expected);
}
