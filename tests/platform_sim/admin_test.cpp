// SPDX-License-Identifier: Apache-2.0
// Admin endpoints, the state file, and what the simulator keeps of personal data.
#include "sim_fixture.h"

#include "base/log.h"
#include "base/random.h"

#include <fstream>
#include <sstream>

namespace sim_test {
namespace {

using AdminTest = SimTest;

std::string readAll(const std::string& path)
{
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

TEST_F(AdminTest, StateListsWhatWasAcceptedAndCountsRequests)
{
    const std::string caseKey = base::makeUuidV4();
    const Material scan = makeMaterial("page");
    ASSERT_EQ(submitCase(caseKey, {scan})->status, 201);                           // 2 requests
    ASSERT_EQ(post("/v1/cases", caseBody(caseKey, {scan}), caseKey)->status, 200); // replay
    ASSERT_EQ(post("/v1/cases", caseBody(caseKey), caseKey)->status, 409);         // conflict
    const std::string key = base::makeUuidV4();
    ASSERT_EQ(post("/v1/evaluations", evaluationBody(key, caseKey, 5), key)->status, 201);
    platform_sim::Faults faults;
    faults.failNext = 1;
    ASSERT_TRUE(sim_->setFaults(faults));
    ASSERT_EQ(post("/v1/cases/query", {{"idType", "resident"}, {"idNumber", idNumber}})->status,
              503);

    const auto answer = client_->Get("/admin/state");

    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 200);
    const json state = bodyOf(answer);
    EXPECT_EQ(state["cases"][0]["submissionId"], caseKey);
    EXPECT_EQ(state["cases"][0]["itemCode"], "11510703MB1234567X4000111700001");
    EXPECT_EQ(state["cases"][0]["idType"], "resident");
    EXPECT_TRUE(state["cases"][0]["caseNo"].is_string());
    EXPECT_EQ(state["materials"][0]["sha256"], scan.sha256);
    EXPECT_EQ(state["materials"][0]["size"], scan.bytes.size());
    EXPECT_EQ(state["evaluations"][0]["evaluationId"], key);
    EXPECT_EQ(state["evaluations"][0]["caseNo"], state["cases"][0]["caseNo"]);
    EXPECT_EQ(state["evaluations"][0]["level"], 5);
    const json expectedCounts = {
        {"cases", 1},           {"materials", 1},       {"evaluations", 1}, {"heartbeats", 0},
        {"pendingCommands", 0}, {"requests", 6},        {"replays", 1},     {"conflicts", 1},
        {"injectedFaults", 1},  {"droppedResponses", 0}};
    EXPECT_EQ(state["counts"], expectedCounts);
    EXPECT_EQ(answer->body.find(idNumber), std::string::npos);
    EXPECT_EQ(answer->body.find(applicantName), std::string::npos);
}

TEST_F(AdminTest, CommandsQueuedByAdminReachTheKiosksHeartbeat)
{
    const auto queued = client_->Post(
        "/admin/commands",
        json{{"kioskId", kioskId}, {"type", "set_config"}, {"args", {{"volume", 3}}}}.dump(),
        "application/json");
    const auto invalid =
        client_->Post("/admin/commands", R"({"type": "reboot"})", "application/json");
    ASSERT_TRUE(queued && invalid);
    EXPECT_EQ(queued->status, 201);
    EXPECT_EQ(invalid->status, 400);

    const json beat =
        bodyOf(post("/v1/kiosks/" + kioskId + "/heartbeat", heartbeatBody(), base::makeUuidV4()));

    ASSERT_EQ(beat["commands"].size(), 1u);
    EXPECT_EQ(beat["commands"][0]["id"], bodyOf(queued)["id"]);
    EXPECT_EQ(beat["commands"][0]["type"], "set_config");
    EXPECT_EQ(beat["commands"][0]["args"]["volume"], 3);
}

TEST_F(AdminTest, ResetForgetsRecordsCountersAndFaults)
{
    ASSERT_EQ(submitCase(base::makeUuidV4())->status, 201);
    platform_sim::Faults faults;
    faults.latencyMs = 5;
    ASSERT_TRUE(sim_->setFaults(faults));

    const auto reset = client_->Post("/admin/reset", "", "application/json");

    ASSERT_TRUE(reset);
    EXPECT_EQ(reset->status, 200);
    const auto snapshot = sim_->snapshot();
    EXPECT_TRUE(snapshot.cases.empty());
    EXPECT_EQ(snapshot.counters.requests, 0u);
    EXPECT_EQ(sim_->faults().latencyMs, 0);
}

TEST_F(AdminTest, StateFileKeepsCasesAcrossARestart)
{
    TempDir dir;
    platform_sim::Options options = kioskOptions();
    options.stateFile = dir.file("state.json");
    restart(options);
    const std::string key = base::makeUuidV4();
    const auto created = submitCase(key, {makeMaterial("page")});
    ASSERT_EQ(created->status, 201);
    const std::string commandId = sim_->queueCommand(kioskId, "reboot");

    options.port = sim_->port(); // as a restarted demo would: same port, same file
    restart(options);

    const auto snapshot = sim_->snapshot();
    ASSERT_EQ(snapshot.cases.size(), 1u);
    EXPECT_EQ(snapshot.cases[0].caseNo, bodyOf(created)["caseNo"]);
    EXPECT_EQ(snapshot.materials.size(), 1u);
    ASSERT_EQ(snapshot.pendingCommands.size(), 1u);
    EXPECT_EQ(snapshot.pendingCommands[0].id, commandId);
    // Idempotency survives: the kiosk's retry after the restart is a replay.
    const auto replay = post("/v1/cases", caseBody(key, {makeMaterial("page")}), key);
    ASSERT_TRUE(replay);
    EXPECT_EQ(replay->status, 200);
    EXPECT_EQ(replay->body, created->body);
    // Lookups still find the applicant's case, and numbering continues.
    const json found =
        bodyOf(post("/v1/cases/query", {{"idType", "resident"}, {"idNumber", idNumber}}));
    EXPECT_EQ(found["cases"].size(), 1u);
    EXPECT_TRUE(
        bodyOf(submitCase(base::makeUuidV4()))["caseNo"].get<std::string>().ends_with("-000002"));
}

TEST_F(AdminTest, StateFileHoldsNoIdNumberOrName)
{
    TempDir dir;
    platform_sim::Options options = kioskOptions();
    options.stateFile = dir.file("state.json");
    restart(options);
    ASSERT_EQ(submitCase(base::makeUuidV4())->status, 201);

    const std::string text = readAll(dir.file("state.json"));

    EXPECT_NE(text.find("caseNo"), std::string::npos);
    EXPECT_EQ(text.find(idNumber), std::string::npos);
    EXPECT_EQ(text.find(applicantName), std::string::npos);
}

TEST_F(AdminTest, UnwritableStateFileIsAStartError)
{
    TempDir dir;
    platform_sim::Options options;
    options.stateFile = dir.file("no-such-directory/state.json");

    auto started = platform_sim::Server::start(options);

    ASSERT_FALSE(started);
    EXPECT_NE(started.error().message.find("state file"), std::string::npos);
}

TEST_F(AdminTest, CorruptStateFileIsAnErrorNotAnEmptyStart)
{
    TempDir dir;
    std::ofstream(dir.file("state.json")) << "{ this is not json";
    platform_sim::Options options;
    options.stateFile = dir.file("state.json");

    auto started = platform_sim::Server::start(options);

    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().code, base::errc::parse);
}

TEST_F(AdminTest, LogShowsMethodPathAndStatusButNoPersonalData)
{
    testing::internal::CaptureStderr();
    const std::string key = base::makeUuidV4();
    json invalid = caseBody(key);
    invalid["applicant"]["idType"] = "passport";
    ASSERT_EQ(post("/v1/cases", invalid, key)->status, 422);
    ASSERT_EQ(submitCase(key)->status, 201);
    ASSERT_EQ(post("/v1/cases/query", {{"idType", "resident"}, {"idNumber", idNumber}})->status,
              200);
    sim_->stop(); // requests are logged after their answer is sent; stopping waits for that
    const std::string log = testing::internal::GetCapturedStderr();

    EXPECT_NE(log.find("POST /v1/cases 201"), std::string::npos) << log;
    EXPECT_NE(log.find("POST /v1/cases/query 200"), std::string::npos) << log;
    EXPECT_EQ(log.find(idNumber), std::string::npos) << log;
    EXPECT_EQ(log.find(applicantName), std::string::npos) << log;
}

TEST_F(AdminTest, PublishedCatalogIsServedWithItsEtagAndABadEnvelopeIsRefused)
{
    const std::string envelope = catalogEnvelope(2);
    const auto published = client_->Post("/admin/catalog", envelope, "application/json");
    const auto refused = client_->Post("/admin/catalog", R"({"alg": "ed25519", "payload": "e30="})",
                                       "application/json");
    ASSERT_TRUE(published && refused);
    ASSERT_EQ(published->status, 200);
    EXPECT_EQ(refused->status, 400);
    EXPECT_EQ(bodyOf(refused)["code"], "invalid_envelope");
    EXPECT_NE(bodyOf(refused)["message"].get<std::string>().find("keyId"), std::string::npos);

    const httplib::Headers headers{{"X-Kiosk-Id", kioskId}};
    const auto served = client_->Get("/v1/catalog", headers);
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200);
    EXPECT_EQ(served->body, envelope);
    EXPECT_EQ(served->get_header_value("ETag"), bodyOf(published)["etag"]);
    const auto unchanged = client_->Get(
        "/v1/catalog", httplib::Headers{{"X-Kiosk-Id", kioskId},
                                        {"If-None-Match", served->get_header_value("ETag")}});
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);
}

TEST_F(AdminTest, PublishedCatalogReplacesTheCatalogFile)
{
    TempDir dir;
    std::ofstream(dir.file("catalog.json")) << catalogEnvelope(1);
    platform_sim::Options options = kioskOptions();
    options.catalogFile = dir.file("catalog.json");
    restart(options);

    const auto published = client_->Post("/admin/catalog", catalogEnvelope(3), "application/json");

    ASSERT_TRUE(published);
    EXPECT_EQ(published->status, 200);
    EXPECT_EQ(readAll(dir.file("catalog.json")), catalogEnvelope(3));
}

} // namespace
} // namespace sim_test
