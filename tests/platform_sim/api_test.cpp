// SPDX-License-Identifier: Apache-2.0
// The platform API endpoints: idempotency, validation, materials, ratings, lookups, catalog.
#include "sim_fixture.h"

#include "base/random.h"

#include <atomic>
#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

namespace sim_test {
namespace {

using ApiTest = SimTest;

TEST_F(ApiTest, CaseIsCreatedThenReplayedAs200WithTheOriginalBody)
{
    const std::string key = base::makeUuidV4();
    const auto first = submitCase(key, {makeMaterial("scan of page one")});
    const auto replay = post("/v1/cases", caseBody(key, {makeMaterial("scan of page one")}), key);

    ASSERT_TRUE(first && replay);
    EXPECT_EQ(first->status, 201);
    EXPECT_EQ(replay->status, 200);
    EXPECT_EQ(replay->body, first->body);
    EXPECT_EQ(bodyOf(first)["status"], "received");
    EXPECT_EQ(sim_->snapshot().cases.size(), 1u);
    EXPECT_EQ(sim_->snapshot().counters.replays, 1u);
}

TEST_F(ApiTest, SameKeyWithAnotherBodyIsAnIdempotencyConflict)
{
    const std::string key = base::makeUuidV4();
    ASSERT_EQ(submitCase(key)->status, 201);
    json changed = caseBody(key);
    changed["form"]["phone"] = "13900000000";

    const auto conflict = post("/v1/cases", changed, key);

    ASSERT_TRUE(conflict);
    EXPECT_EQ(conflict->status, 409);
    EXPECT_EQ(bodyOf(conflict)["code"], "idempotency_conflict");
    EXPECT_EQ(sim_->snapshot().cases.size(), 1u);
    EXPECT_EQ(sim_->snapshot().counters.conflicts, 1u);
}

TEST_F(ApiTest, CaseWithoutAValidIdempotencyKeyIsRefused)
{
    const std::string key = base::makeUuidV4();
    const auto missing = post("/v1/cases", caseBody(key));
    // A version 1 UUID and a non-UUID: only version 4 keys are accepted.
    const auto version1 = post("/v1/cases", caseBody(key), "c232ab00-9414-11ec-b3c8-9f6bdeced846");
    const auto garbage = post("/v1/cases", caseBody(key), "not-a-uuid");

    for (const auto* result : {&missing, &version1, &garbage}) {
        ASSERT_TRUE(*result);
        EXPECT_EQ((*result)->status, 400);
        EXPECT_EQ(bodyOf(*result)["code"], "idempotency_key_required");
    }
    EXPECT_TRUE(sim_->snapshot().cases.empty());
}

TEST_F(ApiTest, UpperCaseKeyIsTheSameKey)
{
    std::string key = base::makeUuidV4();
    ASSERT_EQ(submitCase(key)->status, 201);
    std::string upper = key;
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

    const auto replay = post("/v1/cases", caseBody(key), upper);

    ASSERT_TRUE(replay);
    EXPECT_EQ(replay->status, 200);
}

TEST_F(ApiTest, CaseNumberIsRegionReceiptDateAndSequence)
{
    const auto first = submitCase(base::makeUuidV4());
    const auto second = submitCase(base::makeUuidV4());

    const json a = bodyOf(first);
    const json b = bodyOf(second);
    const std::string receivedAt = a["receivedAt"];
    const std::string date =
        receivedAt.substr(0, 4) + receivedAt.substr(5, 2) + receivedAt.substr(8, 2);
    EXPECT_TRUE(
        std::regex_match(receivedAt, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00)")));
    EXPECT_EQ(a["caseNo"], "510703-" + date + "-000001");
    EXPECT_EQ(b["caseNo"].get<std::string>().substr(16), "000002");
}

TEST_F(ApiTest, RegionOptionOverridesTheKioskIdsRegion)
{
    platform_sim::Options options = kioskOptions();
    options.region = "440300";
    restart(options);

    const json answer = bodyOf(submitCase(base::makeUuidV4()));

    EXPECT_TRUE(answer["caseNo"].get<std::string>().starts_with("440300-"));
}

TEST_F(ApiTest, CaseWithAMissingFieldIsInvalidAndNamesTheFieldNotTheData)
{
    const std::string key = base::makeUuidV4();
    json body = caseBody(key);
    body["applicant"].erase("name");

    const auto answer = post("/v1/cases", body, key);

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 422);
    EXPECT_EQ(bodyOf(answer)["code"], "invalid_case");
    EXPECT_NE(bodyOf(answer)["message"].get<std::string>().find("applicant/name"),
              std::string::npos);
    EXPECT_EQ(answer->body.find(idNumber), std::string::npos);
}

TEST_F(ApiTest, CaseFieldsAreChecked)
{
    const auto rejected = [this](const std::function<void(json&)>& spoil) {
        const std::string key = base::makeUuidV4();
        json body = caseBody(key);
        spoil(body);
        const auto answer = post("/v1/cases", body, key);
        return answer && answer->status == 422 && bodyOf(answer)["code"] == "invalid_case";
    };
    EXPECT_TRUE(rejected([](json& b) { b["submissionId"] = base::makeUuidV4(); }));
    EXPECT_TRUE(rejected([](json& b) { b["kioskId"] = "SC-510703-0001"; }));
    EXPECT_TRUE(rejected([](json& b) { b["catalogVersion"] = "2026112301"; }));
    EXPECT_TRUE(rejected([](json& b) { b["applicant"]["idType"] = "passport"; }));
    EXPECT_TRUE(rejected([](json& b) { b["delivery"] = {{"method", "post"}}; }));
    EXPECT_TRUE(rejected([](json& b) { b["createdAt"] = "2026-11-23 10:15"; }));
    EXPECT_TRUE(rejected([](json& b) { b["materials"] = {{{"name", "x"}, {"sha256", "abc"}}}; }));
    EXPECT_TRUE(sim_->snapshot().cases.empty());
}

TEST_F(ApiTest, BodyThatIsNotJsonIsABadRequest)
{
    const std::string key = base::makeUuidV4();
    const auto answer =
        client_->Post("/v1/cases", {{"X-Kiosk-Id", kioskId}, {"Idempotency-Key", key}}, "{not json",
                      "application/json");

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400);
    EXPECT_EQ(bodyOf(answer)["code"], "invalid_json");
}

TEST_F(ApiTest, CaseListingAMaterialNotUploadedIsRefusedAndMayBeRetriedAfterUpload)
{
    const Material scan = makeMaterial("not uploaded yet");
    const std::string key = base::makeUuidV4();

    const auto refused = post("/v1/cases", caseBody(key, {scan}), key);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 422);
    EXPECT_EQ(bodyOf(refused)["code"], "missing_material");

    // A refusal is not remembered under the key: once the material is there, it goes through.
    ASSERT_EQ(put(scan)->status, 201);
    const auto accepted = post("/v1/cases", caseBody(key, {scan}), key);
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->status, 201);
}

TEST_F(ApiTest, MaterialIsCreatedThenReplayed)
{
    const Material scan = makeMaterial("a scanned page");

    const auto first = put(scan);
    const auto second = put(scan);

    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->status, 201);
    EXPECT_EQ(second->status, 200);
    const auto materials = sim_->snapshot().materials;
    ASSERT_EQ(materials.size(), 1u);
    EXPECT_EQ(materials[0].sha256, scan.sha256);
    EXPECT_EQ(materials[0].size, scan.bytes.size());
    EXPECT_EQ(materials[0].contentType, "image/jpeg");
}

TEST_F(ApiTest, MaterialWhoseBytesDoNotMatchTheDigestIsRefused)
{
    Material scan = makeMaterial("the real bytes");
    scan.bytes = "other bytes";

    const auto answer = put(scan);

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400);
    EXPECT_EQ(bodyOf(answer)["code"], "digest_mismatch");
    EXPECT_TRUE(sim_->snapshot().materials.empty());
}

TEST_F(ApiTest, MaterialOfTenMiBIsAcceptedAndOneByteMoreIsTooLarge)
{
    const auto limit = put(makeMaterial(std::string(10 * 1024 * 1024, 'x')));
    const auto over = put(makeMaterial(std::string(10 * 1024 * 1024 + 1, 'x')));

    ASSERT_TRUE(limit && over);
    EXPECT_EQ(limit->status, 201);
    EXPECT_EQ(over->status, 413);
    EXPECT_EQ(bodyOf(over)["code"], "material_too_large");
    EXPECT_EQ(sim_->snapshot().materials.size(), 1u);
}

TEST_F(ApiTest, EvaluationOfACaseNotArrivedIsCaseUnknownUntilItArrives)
{
    const std::string caseKey = base::makeUuidV4();
    const std::string key = base::makeUuidV4();
    const json rating = evaluationBody(key, caseKey, 5);

    const auto early = post("/v1/evaluations", rating, key);
    ASSERT_TRUE(early);
    EXPECT_EQ(early->status, 409);
    EXPECT_EQ(bodyOf(early)["code"], "case_unknown");

    ASSERT_EQ(submitCase(caseKey)->status, 201);
    const auto later = post("/v1/evaluations", rating, key);
    ASSERT_TRUE(later);
    EXPECT_EQ(later->status, 201);
    EXPECT_EQ(bodyOf(later)["evaluationId"], key);
    EXPECT_EQ(bodyOf(later)["status"], "received");
    const auto evaluations = sim_->snapshot().evaluations;
    ASSERT_EQ(evaluations.size(), 1u);
    EXPECT_EQ(evaluations[0].submissionId, caseKey);
    EXPECT_EQ(evaluations[0].level, 5);
}

TEST_F(ApiTest, EvaluationFindsItsCaseByCaseNo)
{
    const std::string caseKey = base::makeUuidV4();
    const std::string caseNo = bodyOf(submitCase(caseKey))["caseNo"];
    const std::string key = base::makeUuidV4();
    json rating = evaluationBody(key, caseKey, 4);
    rating.erase("submissionId");
    rating["caseNo"] = caseNo;

    const auto answer = post("/v1/evaluations", rating, key);

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 201);
    ASSERT_EQ(sim_->snapshot().evaluations.size(), 1u);
    EXPECT_EQ(sim_->snapshot().evaluations[0].caseNo, caseNo);
    EXPECT_EQ(sim_->snapshot().evaluations[0].submissionId, caseKey);
}

TEST_F(ApiTest, ASecondEvaluationOfACaseIsRefusedAsAlreadyRatedAndTheFirstReplays)
{
    const std::string caseKey = base::makeUuidV4();
    const std::string caseNo = bodyOf(submitCase(caseKey))["caseNo"];
    const std::string first = base::makeUuidV4();
    const std::string second = base::makeUuidV4();
    json byCaseNo = evaluationBody(second, caseKey, 3);
    byCaseNo.erase("submissionId");
    byCaseNo["caseNo"] = caseNo;

    const auto rated = post("/v1/evaluations", evaluationBody(first, caseKey, 5), first);
    const auto again = post("/v1/evaluations", byCaseNo, second);
    const auto replay = post("/v1/evaluations", evaluationBody(first, caseKey, 5), first);

    ASSERT_TRUE(rated && again && replay);
    EXPECT_EQ(rated->status, 201);
    EXPECT_EQ(again->status, 409);
    EXPECT_EQ(bodyOf(again)["code"], "already_rated");
    EXPECT_EQ(replay->status, 200) << "the first rating's own key replays (not a refusal)";
    ASSERT_EQ(sim_->snapshot().evaluations.size(), 1u);
    EXPECT_EQ(sim_->snapshot().evaluations[0].level, 5);
}

TEST_F(ApiTest, BadRatingWithoutAReasonIsRefused)
{
    const std::string caseKey = base::makeUuidV4();
    ASSERT_EQ(submitCase(caseKey)->status, 201);
    const std::string key = base::makeUuidV4();

    const auto noReason = post("/v1/evaluations", evaluationBody(key, caseKey, 2), key);
    const auto withReason = post("/v1/evaluations", evaluationBody(key, caseKey, 2, {"R01"}), key);

    ASSERT_TRUE(noReason && withReason);
    EXPECT_EQ(noReason->status, 422);
    EXPECT_EQ(bodyOf(noReason)["code"], "reason_required");
    EXPECT_EQ(withReason->status, 201);
}

TEST_F(ApiTest, LevelMustBeAnIntegerFromOneToFive)
{
    const std::string caseKey = base::makeUuidV4();
    ASSERT_EQ(submitCase(caseKey)->status, 201);
    for (const json& level : {json(0), json(6), json("5"), json(4.5), json(nullptr)}) {
        const std::string key = base::makeUuidV4();
        json rating = evaluationBody(key, caseKey, 5, {"R01"});
        rating["level"] = level;
        const auto answer = post("/v1/evaluations", rating, key);
        ASSERT_TRUE(answer);
        EXPECT_EQ(answer->status, 422) << level;
        EXPECT_EQ(bodyOf(answer)["code"], "invalid_level") << level;
    }
}

TEST_F(ApiTest, WithACatalogBadRatingsNeedAReasonCodeFromItsList)
{
    TempDir dir;
    std::ofstream(dir.file("catalog.json")) << catalogEnvelope(1);
    platform_sim::Options options = kioskOptions();
    options.catalogFile = dir.file("catalog.json");
    restart(options);
    const std::string caseKey = base::makeUuidV4();
    ASSERT_EQ(submitCase(caseKey)->status, 201);
    const std::string key = base::makeUuidV4();

    const auto unknown = post("/v1/evaluations", evaluationBody(key, caseKey, 1, {"R99"}), key);
    const auto listed = post("/v1/evaluations", evaluationBody(key, caseKey, 1, {"R02"}), key);

    ASSERT_TRUE(unknown && listed);
    EXPECT_EQ(unknown->status, 422);
    EXPECT_EQ(bodyOf(unknown)["code"], "reason_required");
    EXPECT_EQ(listed->status, 201);
}

TEST_F(ApiTest, QueryReturnsTheCasesOfThatPersonOnly)
{
    TempDir dir;
    std::ofstream(dir.file("catalog.json")) << catalogEnvelope(1);
    platform_sim::Options options = kioskOptions();
    options.catalogFile = dir.file("catalog.json");
    restart(options);
    const std::string mine = bodyOf(submitCase(base::makeUuidV4()))["caseNo"];
    const std::string key = base::makeUuidV4();
    json other = caseBody(key, {}, "OTHER-ITEM");
    other["applicant"]["idNumber"] = "110101199003074514";
    ASSERT_EQ(post("/v1/cases", other, key)->status, 201);

    const auto answer = post("/v1/cases/query", {{"idType", "resident"}, {"idNumber", idNumber}});

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
    const json cases = bodyOf(answer)["cases"];
    ASSERT_EQ(cases.size(), 1u);
    EXPECT_EQ(cases[0]["caseNo"], mine);
    EXPECT_EQ(cases[0]["itemCode"], "11510703MB1234567X4000111700001");
    EXPECT_EQ(cases[0]["itemName"], "社会保险参保缴费记录打印");
    EXPECT_EQ(cases[0]["status"], "received");
    EXPECT_TRUE(cases[0]["updatedAt"].is_string());
}

TEST_F(ApiTest, QueryNamesAnItemByItsCodeWithoutACatalog)
{
    ASSERT_EQ(submitCase(base::makeUuidV4())->status, 201);

    const json cases =
        bodyOf(post("/v1/cases/query", {{"idType", "resident"}, {"idNumber", idNumber}}))["cases"];

    ASSERT_EQ(cases.size(), 1u);
    EXPECT_EQ(cases[0]["itemName"], cases[0]["itemCode"]);
}

TEST_F(ApiTest, DocumentIsAbsentWithoutACaseAndAPdfWithOne)
{
    const json request = {{"itemCode", "11510703MB1234567X4000111700001"},
                          {"idType", "resident"},
                          {"idNumber", idNumber}};
    const auto none = post("/v1/documents", request);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 404);
    EXPECT_EQ(bodyOf(none)["code"], "no_document");

    const std::string caseNo = bodyOf(submitCase(base::makeUuidV4()))["caseNo"];
    const auto document = post("/v1/documents", request);

    ASSERT_TRUE(document);
    EXPECT_EQ(document->status, 200);
    EXPECT_EQ(document->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(document->get_header_value("X-Document-Id"), "DOC-" + caseNo);
    const std::string& pdf = document->body;
    EXPECT_TRUE(pdf.starts_with("%PDF-1.4\n"));
    EXPECT_TRUE(pdf.ends_with("%%EOF\n"));
    EXPECT_EQ(pdf.find(idNumber), std::string::npos);
}

TEST_F(ApiTest, CatalogIsServedWithAStrongEtagAndAnswers304WhenUnchanged)
{
    TempDir dir;
    const std::string envelope = catalogEnvelope(1);
    std::ofstream(dir.file("catalog.json")) << envelope;
    platform_sim::Options options = kioskOptions();
    options.catalogFile = dir.file("catalog.json");
    restart(options);
    const httplib::Headers headers{{"X-Kiosk-Id", kioskId}};

    const auto first = client_->Get("/v1/catalog", headers);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(first->body, envelope);
    const std::string etag = first->get_header_value("ETag");
    EXPECT_TRUE(std::regex_match(etag, std::regex(R"("[0-9a-f]{64}")"))) << etag;

    auto conditional = headers;
    conditional.emplace("If-None-Match", etag);
    const auto unchanged = client_->Get("/v1/catalog", conditional);
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);
    EXPECT_TRUE(unchanged->body.empty());

    std::ofstream(dir.file("catalog.json")) << catalogEnvelope(2);
    const auto changed = client_->Get("/v1/catalog", conditional);
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, 200);
    EXPECT_NE(changed->get_header_value("ETag"), etag);
}

TEST_F(ApiTest, CatalogIsNotFoundWhenNoneIsConfigured)
{
    const auto answer = client_->Get("/v1/catalog", httplib::Headers{{"X-Kiosk-Id", kioskId}});

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 404);
    EXPECT_EQ(bodyOf(answer)["code"], "no_catalog");
}

TEST_F(ApiTest, HeartbeatDeliversQueuedCommandsUntilTheyAreAcknowledged)
{
    const std::string path = "/v1/kiosks/" + kioskId + "/heartbeat";
    const std::string sync = sim_->queueCommand(kioskId, "sync_catalog");
    const std::string reboot = sim_->queueCommand(kioskId, "reboot", {{"delayS", 5}});
    sim_->queueCommand("SC-510703-0001", "reboot"); // another kiosk's

    const json first = bodyOf(post(path, heartbeatBody(), base::makeUuidV4()));
    ASSERT_EQ(first["commands"].size(), 2u);
    EXPECT_EQ(first["commands"][0]["id"], sync);
    EXPECT_EQ(first["commands"][0]["type"], "sync_catalog");
    EXPECT_EQ(first["commands"][1]["args"]["delayS"], 5);
    EXPECT_TRUE(first["serverTime"].is_string());

    const json second = bodyOf(post(path, heartbeatBody({sync}), base::makeUuidV4()));
    ASSERT_EQ(second["commands"].size(), 1u);
    EXPECT_EQ(second["commands"][0]["id"], reboot);

    const json third = bodyOf(post(path, heartbeatBody({reboot}), base::makeUuidV4()));
    EXPECT_TRUE(third["commands"].empty());
    const auto heartbeats = sim_->snapshot().heartbeats;
    ASSERT_EQ(heartbeats.size(), 1u);
    EXPECT_EQ(heartbeats[0].count, 3u);
    EXPECT_EQ(heartbeats[0].queue["pending"], 2);
    EXPECT_EQ(sim_->snapshot().pendingCommands.size(), 1u); // the other kiosk's
}

TEST_F(ApiTest, HeartbeatKeepsTheLastSlotReported)
{
    const std::string path = "/v1/kiosks/" + kioskId + "/heartbeat";
    ASSERT_TRUE(post(path, heartbeatBody(), base::makeUuidV4()));
    EXPECT_TRUE(sim_->snapshot().heartbeats.at(0).slot.is_null()) << "no slot reported yet";
    json withSlot = heartbeatBody();
    withSlot["slot"] = {{"booted", "B"}, {"rolledBack", true}};
    ASSERT_TRUE(post(path, withSlot, base::makeUuidV4()));
    ASSERT_TRUE(post(path, heartbeatBody(), base::makeUuidV4())); // without: kept
    EXPECT_EQ(sim_->snapshot().heartbeats.at(0).slot, withSlot["slot"]);
}

TEST_F(ApiTest, HeartbeatIsIdempotentAndChecked)
{
    const std::string path = "/v1/kiosks/" + kioskId + "/heartbeat";
    const std::string key = base::makeUuidV4();
    json incomplete = heartbeatBody();
    incomplete.erase("queue");

    const auto withoutKey = post(path, heartbeatBody());
    const auto invalid = post(path, incomplete, key);
    const auto first = post(path, heartbeatBody(), key);
    const auto replay = post(path, heartbeatBody(), key);

    ASSERT_TRUE(withoutKey && invalid && first && replay);
    EXPECT_EQ(withoutKey->status, 400);
    EXPECT_EQ(bodyOf(invalid)["code"], "invalid_heartbeat");
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(replay->status, 200);
    EXPECT_EQ(replay->body, first->body);
    EXPECT_EQ(sim_->snapshot().heartbeats.at(0).count, 1u);
}

TEST_F(ApiTest, HeartbeatForAnotherKioskIsForbidden)
{
    const auto answer =
        post("/v1/kiosks/SC-510703-0001/heartbeat", heartbeatBody(), base::makeUuidV4());

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 403);
    EXPECT_EQ(bodyOf(answer)["code"], "kiosk_mismatch");
}

TEST_F(ApiTest, RequestWithoutKioskIdIsUnauthenticated)
{
    const std::string key = base::makeUuidV4();
    const auto answer = client_->Post("/v1/cases", {{"Idempotency-Key", key}}, caseBody(key).dump(),
                                      "application/json");

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 401);
    EXPECT_EQ(bodyOf(answer)["code"], "unauthenticated");
    EXPECT_TRUE(sim_->snapshot().cases.empty());
}

TEST_F(ApiTest, AnotherKioskIdIsRefusedWhenOneIsConfigured)
{
    const auto answer =
        client_->Get("/v1/catalog", httplib::Headers{{"X-Kiosk-Id", "SC-510703-0001"}});

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 403);
    EXPECT_EQ(bodyOf(answer)["code"], "unknown_kiosk");
}

TEST_F(ApiTest, AnyKioskIdIsAcceptedWhenNoneIsConfigured)
{
    restart(platform_sim::Options{});
    const auto answer =
        client_->Get("/v1/catalog", httplib::Headers{{"X-Kiosk-Id", "SC-510703-0001"}});

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 404); // no catalog, but past authentication
    EXPECT_EQ(bodyOf(answer)["code"], "no_catalog");
}

TEST_F(ApiTest, UnknownPathIs404WithTheErrorBody)
{
    const auto answer = client_->Get("/v1/nothing-here", httplib::Headers{{"X-Kiosk-Id", kioskId}});

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 404);
    EXPECT_EQ(bodyOf(answer)["code"], "not_found");
    EXPECT_TRUE(bodyOf(answer)["message"].is_string());
}

TEST_F(ApiTest, ConcurrentRetriesOfOneCaseCreateItOnce)
{
    const std::string key = base::makeUuidV4();
    const std::string body = caseBody(key).dump();
    const int port = sim_->port();
    std::vector<int> statuses(8, 0);
    std::vector<std::thread> threads;
    for (int& status : statuses) {
        threads.emplace_back([&, port] {
            httplib::Client client("127.0.0.1", port);
            const auto answer =
                client.Post("/v1/cases", {{"X-Kiosk-Id", kioskId}, {"Idempotency-Key", key}}, body,
                            "application/json");
            status = answer ? answer->status : -1;
        });
    }
    for (auto& thread : threads)
        thread.join();

    EXPECT_EQ(std::ranges::count(statuses, 201), 1);
    EXPECT_EQ(std::ranges::count(statuses, 200), 7);
    EXPECT_EQ(sim_->snapshot().cases.size(), 1u);
}

TEST_F(ApiTest, BurstOfConnectionsIsNotHeldUpByTheListenBacklog)
{
    // With cpp-httplib's backlog of 5, some of these connects lose their SYN and wait a second.
    using namespace std::chrono;
    const int port = sim_->port();
    std::atomic<int> answered{0};
    std::vector<std::thread> threads;
    const auto start = steady_clock::now();
    for (int i = 0; i < 32; ++i) {
        threads.emplace_back([&, port] {
            httplib::Client client("127.0.0.1", port);
            if (const auto answer = client.Get("/admin/state"); answer && answer->status == 200)
                ++answered;
        });
    }
    for (auto& thread : threads)
        thread.join();

    EXPECT_EQ(answered, 32);
    EXPECT_LT(steady_clock::now() - start, milliseconds(900));
}

TEST_F(ApiTest, SecondServerOnATakenPortFailsToStart)
{
    platform_sim::Options options;
    options.port = sim_->port();

    auto second = platform_sim::Server::start(options);

    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, base::errc::io);
}

} // namespace
} // namespace sim_test
