// SPDX-License-Identifier: Apache-2.0
// A platform that answers valid JSON of the wrong shapes and types (platform-sim's
// replaceBodies fault): every service of the kiosk keeps running, logs the problem by path
// without personal data, and delivers everything exactly once when the platform is honest again.
#include "base/log.h"
#include "kiosk/core/catalog_sync.h"
#include "kiosk/core/heartbeat.h"
#include "offline_queue/platform_client.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/offline_queue/queue_fixture.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>

using namespace kiosk::core;
using namespace queue_test;

namespace {

constexpr const char* idNumber = "51070319520308002X";
constexpr const char* itemCode = "11510703060000000X400000079";

/// Answers of the wrong shape for every endpoint; some quote personal data, which must not
/// come out again in a log or an error.
std::map<std::string, std::string, std::less<>> hostileBodies()
{
    const std::string longId(100 * 1024, '7');
    return {
        {"/v1/kiosks/", R"({"serverTime":1,"commands":[
            {"id":"dup","type":"retry_dead_letters"},{"id":"dup","type":"retry_dead_letters"},
            {"id":42,"type":"reboot"},{"id":"bad-type","type":42},
            {"id":")" + longId +
                            R"(","type":"reboot"},
            {"id":"bad-args","type":"sync_catalog","args":")" +
                            idNumber + R"("},
            null,"junk",[[[{"id":"deep"}]]]]})"},
        {"/v1/cases", R"({"caseNo":42,"status":["received"]})"},
        {"/v1/cases/query", R"({"cases":")" + std::string(idNumber) + R"("})"},
        {"/v1/evaluations", "null"},
        {"/v1/identity/resolve", R"({"idType":"resident","idNumber":[")" + std::string(idNumber) +
                                     R"("],"name":{"n":"李秀英"},"expiresAt":1})"},
        {"/v1/materials/", R"("stored")"},
        {"/v1/documents",
         R"({"code":{"no_document":true},"message":")" + std::string(idNumber) + R"("})"},
        {"/v1/catalog", R"({"alg":5,"keyId":null,"payload":[1,2],"signature":{"x":"y"}})"},
    };
}

class HostilePlatformTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        key_ = test_support::makeKey(dir_.path(), "province-2026-01", "ed25519");
        std::ofstream(dir_ / "published.json")
            << test_support::signedEnvelope(test_support::shippedCatalogJson(2026120101), key_);
        auto options = simOptions();
        options.catalogFile = dir_.file("published.json");
        sim_ = std::move(*platform_sim::Server::start(options));
        store_ = std::move(*Store::open(dir_ / "queue.db"));
        uplink_ = makeSimUplink(sim_->baseUrl());
        catalogs_ = std::make_unique<CatalogStore>(dir_ / "data", std::vector{key_.trusted});
        holder_ = std::make_unique<CatalogHolder>(
            std::move(*loadCatalogFile(shippedCatalogPath().string())));
        catalogSync_ = std::make_unique<CatalogSync>(*uplink_, *catalogs_, *holder_, clock_);
        registry_.add("retry_dead_letters", [this](const nlohmann::json&) -> base::Result<void> {
            ++retried_;
            return {};
        });
        heartbeat_ = std::make_unique<HeartbeatClient>(*uplink_, *store_, kioskId, "0.1.0", clock_,
                                                       registry_, HeartbeatSources{});
        SyncOptions syncOptions;
        syncOptions.backoffBase = 5ms;
        syncOptions.backoffCap = 20ms;
        syncOptions.idlePoll = 20ms;
        loop_ = std::make_unique<SyncLoop>(*store_, *uplink_, clock_, syncOptions);
    }

    void enqueue(int cases)
    {
        for (int i = 0; i < cases; ++i) {
            auto ref = store_->enqueueCase(sampleCase(1));
            ASSERT_TRUE(ref) << ref.error().describe();
            ASSERT_TRUE(store_->enqueueEvaluation({ref->submissionId, sampleRating(5)}));
        }
    }

    void drain()
    {
        for (int i = 0; i < 400 && store_->counts()->pending > 0; ++i) {
            ASSERT_TRUE(loop_->runPass());
            std::this_thread::sleep_for(5ms);
        }
    }

    /// Every record delivered, each case accepted once by the platform under its key and
    /// holding the platform's case number.
    void expectDelivered()
    {
        std::map<std::string, std::string> caseNos;
        for (const auto& accepted : sim_->snapshot().cases)
            EXPECT_TRUE(caseNos.emplace(accepted.submissionId, accepted.caseNo).second);
        const auto records = store_->list();
        ASSERT_TRUE(records);
        for (const auto& record : *records) {
            EXPECT_EQ(record.state, RecordState::Delivered) << record.lastError;
            const auto caseNo = record.kind == RecordKind::Case ? caseNos[record.submissionId] : "";
            EXPECT_EQ(record.caseNo, caseNo);
        }
    }

    /// One round of every service against the platform as it is now.
    void useEveryService()
    {
        (void)heartbeat_->beat();
        (void)catalogSync_->syncNow();
        (void)queryCases(*uplink_, "resident", idNumber);
        (void)fetchDocument(*uplink_, itemCode, "resident", idNumber);
        for (int i = 0; i < 5; ++i)
            ASSERT_TRUE(loop_->runPass());
    }

    test_support::TempDir dir_;
    test_support::TestKey key_;
    base::SystemClock clock_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<CurlUplink> uplink_;
    std::unique_ptr<CatalogStore> catalogs_;
    std::unique_ptr<CatalogHolder> holder_;
    std::unique_ptr<CatalogSync> catalogSync_;
    CommandRegistry registry_;
    std::atomic<int> retried_ = 0;
    std::unique_ptr<HeartbeatClient> heartbeat_;
    std::unique_ptr<SyncLoop> loop_;
};

} // namespace

TEST_F(HostilePlatformTest, ServicesReadWrongShapesAsErrorsByPath)
{
    enqueue(1);
    platform_sim::Faults faults;
    faults.replaceBodies = hostileBodies();
    ASSERT_TRUE(sim_->setFaults(faults));
    base::log::setSink(base::log::Sink::Stderr);
    testing::internal::CaptureStderr();

    const auto ran = heartbeat_->beat();
    ASSERT_TRUE(ran) << ran.error().describe();
    ASSERT_EQ(ran->size(), 1u) << "only \"dup\" can run, and only once";
    EXPECT_EQ(ran->front().id, "dup");
    // The readable ids are acknowledged, as the spec says of commands the kiosk cannot run.
    EXPECT_EQ(heartbeat_->body()->at("ackedCommands"),
              (nlohmann::json{"bad-args", "bad-type", "dup"}));
    EXPECT_TRUE(heartbeat_->beat()->empty()) << "the same answer again runs nothing again";
    EXPECT_EQ(retried_, 1);

    const auto cases = queryCases(*uplink_, "resident", idNumber);
    ASSERT_FALSE(cases);
    EXPECT_EQ(cases.error().code, make_error_code(UplinkErrc::malformed));
    EXPECT_EQ(cases.error().message, "POST /v1/cases/query: cases: expected an array, got string");
    const auto document = fetchDocument(*uplink_, itemCode, "resident", idNumber);
    ASSERT_FALSE(document);
    platform_sim::IdentityToken token;
    token.token = "identity-token-of-a-phone-app";
    token.idType = "resident";
    token.idNumber = idNumber;
    token.name = "李秀英";
    ASSERT_TRUE(sim_->addIdentityToken(token));
    const auto identity = resolveIdentity(*uplink_, token.token);
    ASSERT_FALSE(identity);
    EXPECT_EQ(identity.error().code, make_error_code(UplinkErrc::malformed));
    EXPECT_EQ(identity.error().message,
              "POST /v1/identity/resolve: idNumber: expected a string, got array");
    const auto catalog = catalogSync_->syncNow();
    ASSERT_TRUE(catalog) << catalog.error().describe();
    EXPECT_EQ(catalog->kind, CatalogSyncOutcome::Kind::Refused);

    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(loop_->runPass());
    const auto records = *store_->list();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].state, RecordState::Delivered) << "a material's 2xx needs no body";
    EXPECT_EQ(records[1].state, RecordState::Pending);
    // 201 first, then 200 for the platform's replays of the same key.
    EXPECT_TRUE(records[1].lastError.ends_with(" caseNo: expected a string, got number"))
        << records[1].lastError;

    const std::string log = testing::internal::GetCapturedStderr();
    EXPECT_NE(log.find("commands[3].type: expected a string, got number"), std::string::npos)
        << log;
    EXPECT_NE(log.find("commands[4].id: longer than 128 bytes"), std::string::npos);
    EXPECT_NE(log.find("commands[5].args: expected an object, got string"), std::string::npos);
    EXPECT_EQ(log.find(idNumber), std::string::npos) << log;
    EXPECT_EQ(log.find("7777777777"), std::string::npos) << "the long id is not logged";
    EXPECT_EQ(log.find("李秀英"), std::string::npos);
}

TEST_F(HostilePlatformTest, EverythingArrivesExactlyOnceWhenThePlatformIsHonestAgain)
{
    enqueue(3);
    const auto command = sim_->queueCommand(kioskId, "retry_dead_letters");
    platform_sim::Faults faults;
    faults.replaceBodies = hostileBodies();
    ASSERT_TRUE(sim_->setFaults(faults));
    base::log::setSink(base::log::Sink::Stderr);
    testing::internal::CaptureStderr();
    heartbeat_->start(10ms); // its own thread, through hostile answers
    for (int round = 0; round < 3; ++round)
        useEveryService();
    // Error bodies of the wrong shape too: injected 503s whose body is the case's junk.
    faults.failNext = 4;
    faults.retryAfter = "0";
    ASSERT_TRUE(sim_->setFaults(faults));
    useEveryService();
    heartbeat_->stop();
    const std::string log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(log.find(idNumber), std::string::npos) << log;
    EXPECT_EQ(retried_, 1) << "\"dup\" ran once in all those heartbeats";
    EXPECT_GT(store_->counts()->pending, 0) << "no case is taken as delivered without caseNo";

    sim_->setFaults({}).value();
    drain();
    expectDelivered();
    const auto snapshot = sim_->snapshot();
    EXPECT_EQ(snapshot.cases.size(), 3u);
    EXPECT_EQ(snapshot.evaluations.size(), 3u);
    EXPECT_EQ(snapshot.materials.size(), 1u) << "the three cases share one material's bytes";
    EXPECT_EQ(snapshot.counters.conflicts, 0u);

    // The honest heartbeat runs the platform's real command once, then acknowledges it.
    ASSERT_TRUE(heartbeat_->beat());
    EXPECT_EQ(retried_, 2);
    ASSERT_TRUE(heartbeat_->beat());
    EXPECT_TRUE(sim_->snapshot().pendingCommands.empty()) << command;
    EXPECT_EQ(catalogSync_->syncNow()->kind, CatalogSyncOutcome::Kind::Installed);
    EXPECT_EQ(queryCases(*uplink_, "resident", idNumber)->size(), 3u);
    const auto document = fetchDocument(*uplink_, itemCode, "resident", idNumber);
    ASSERT_TRUE(document) << document.error().describe();
    EXPECT_TRUE(document->has_value());
}
