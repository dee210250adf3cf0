// SPDX-License-Identifier: Apache-2.0
// Fault injection: failures with Retry-After, latency, and answers lost after processing.
#include "sim_fixture.h"

#include "base/random.h"

#include <chrono>
#include <curl/curl.h>

namespace sim_test {
namespace {

using FaultsTest = SimTest;

TEST_F(FaultsTest, InjectedFailuresCarryTheStatusAndRetryAfterThenServiceResumes)
{
    platform_sim::Faults faults;
    faults.failNext = 2;
    faults.failStatus = 503;
    faults.retryAfter = "7";
    ASSERT_TRUE(sim_->setFaults(faults));
    const std::string key = base::makeUuidV4();

    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto failed = submitCase(key);
        ASSERT_TRUE(failed);
        EXPECT_EQ(failed->status, 503);
        EXPECT_EQ(failed->get_header_value("Retry-After"), "7");
        EXPECT_EQ(bodyOf(failed)["code"], "injected_fault");
        EXPECT_TRUE(bodyOf(failed)["message"].is_string());
    }
    EXPECT_TRUE(sim_->snapshot().cases.empty()); // failed requests are not processed

    const auto served = submitCase(key);
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 201); // a first creation: the failures stored nothing
    EXPECT_EQ(sim_->snapshot().counters.injectedFaults, 2u);
    EXPECT_EQ(sim_->faults().failNext, 0);
}

TEST_F(FaultsTest, InjectedFailuresWithoutRetryAfterSendNone)
{
    platform_sim::Faults faults;
    faults.failNext = 1;
    faults.failStatus = 429;
    ASSERT_TRUE(sim_->setFaults(faults));

    const auto failed = submitCase(base::makeUuidV4());

    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status, 429);
    EXPECT_FALSE(failed->has_header("Retry-After"));
}

TEST_F(FaultsTest, FailuresCountOnlyRequestsUnderThePathPrefix)
{
    platform_sim::Faults faults;
    faults.failNext = 1;
    faults.pathPrefix = "/v1/evaluations";
    ASSERT_TRUE(sim_->setFaults(faults));
    const std::string caseKey = base::makeUuidV4();

    const auto material = put(makeMaterial("page"));
    const auto caseAnswer = submitCase(caseKey);
    const std::string key = base::makeUuidV4();
    const auto rating = post("/v1/evaluations", evaluationBody(key, caseKey, 5), key);
    const auto retry = post("/v1/evaluations", evaluationBody(key, caseKey, 5), key);

    ASSERT_TRUE(material && caseAnswer && rating && retry);
    EXPECT_EQ(material->status, 201);
    EXPECT_EQ(caseAnswer->status, 201);
    EXPECT_EQ(rating->status, 503);
    EXPECT_EQ(retry->status, 201);
}

TEST_F(FaultsTest, LatencyDelaysEveryRequest)
{
    using namespace std::chrono;
    platform_sim::Faults faults;
    faults.latencyMs = 300;
    ASSERT_TRUE(sim_->setFaults(faults));

    const auto start = steady_clock::now();
    const auto answer = post("/v1/cases/query", {{"idType", "resident"}, {"idNumber", idNumber}});
    const auto elapsed = steady_clock::now() - start;

    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
    EXPECT_GE(elapsed, milliseconds(300));
}

TEST_F(FaultsTest, DroppedAnswerIsLostButTheCaseIsStoredAndTheRetryIsAReplay)
{
    const std::string key = base::makeUuidV4();
    platform_sim::Faults faults;
    faults.pathPrefix = "/v1/cases";
    faults.dropNext = 1;
    ASSERT_TRUE(sim_->setFaults(faults));

    const auto lost = submitCase(key);

    ASSERT_FALSE(lost) << "the client got a complete answer: " << lost->status;
    EXPECT_EQ(lost.error(), httplib::Error::Read);
    const auto cases = sim_->snapshot().cases;
    ASSERT_EQ(cases.size(), 1u);
    EXPECT_EQ(sim_->snapshot().counters.droppedResponses, 1u);

    const auto retry = post("/v1/cases", caseBody(key), key);
    ASSERT_TRUE(retry);
    EXPECT_EQ(retry->status, 200);
    EXPECT_EQ(bodyOf(retry)["caseNo"], cases[0].caseNo);
    EXPECT_EQ(sim_->snapshot().cases.size(), 1u);
}

size_t discard(char*, size_t size, size_t count, void*)
{
    return size * count;
}

TEST_F(FaultsTest, DroppedAnswerIsATransferErrorForLibcurl)
{
    // The kiosk's uplink uses libcurl: it must see an error, not a short success.
    const std::string key = base::makeUuidV4();
    const std::string body = caseBody(key).dump();
    platform_sim::Faults faults;
    faults.dropNext = 1;
    ASSERT_TRUE(sim_->setFaults(faults));
    CURL* curl = curl_easy_init();
    ASSERT_NE(curl, nullptr);
    curl_slist* headers = curl_slist_append(nullptr, ("X-Kiosk-Id: " + kioskId).c_str());
    headers = curl_slist_append(headers, ("Idempotency-Key: " + key).c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    const std::string url = sim_->baseUrl() + "/v1/cases";
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);

    const CURLcode result = curl_easy_perform(curl);

    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    EXPECT_EQ(result, CURLE_PARTIAL_FILE) << curl_easy_strerror(result);
    EXPECT_EQ(sim_->snapshot().cases.size(), 1u);
}

TEST_F(FaultsTest, PostWithoutContentLengthIsAnsweredAtOnce)
{
    // `curl -X POST` without -d: no Content-Length; cpp-httplib alone would wait 5 s for a body.
    using namespace std::chrono;
    CURL* curl = curl_easy_init();
    ASSERT_NE(curl, nullptr);
    const std::string url = sim_->baseUrl() + "/admin/reset";
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "POST");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    const auto start = steady_clock::now();

    const CURLcode result = curl_easy_perform(curl);

    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    EXPECT_EQ(result, CURLE_OK) << curl_easy_strerror(result);
    EXPECT_EQ(status, 411);
    EXPECT_LT(steady_clock::now() - start, seconds(2));
}

TEST_F(FaultsTest, FailureTakesPrecedenceOverDrop)
{
    platform_sim::Faults faults;
    faults.failNext = 1;
    faults.dropNext = 1;
    ASSERT_TRUE(sim_->setFaults(faults));
    const std::string key = base::makeUuidV4();

    const auto failed = submitCase(key);
    const auto dropped = submitCase(key);
    const auto replayed = submitCase(key);

    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status, 503);
    EXPECT_FALSE(dropped);
    ASSERT_TRUE(replayed);
    EXPECT_EQ(replayed->status, 200);
}

TEST_F(FaultsTest, AdminFaultsEndpointMergesChangesAndRefusesBadOnes)
{
    const auto set =
        client_->Post("/admin/faults", R"({"failNext": 3, "retryAfter": 2})", "application/json");
    const auto merged = client_->Post(
        "/admin/faults", R"({"latencyMs": 10, "pathPrefix": "/v1/cases"})", "application/json");
    const auto bad = client_->Post("/admin/faults", R"({"failStatus": 200})", "application/json");
    const auto shown = client_->Get("/admin/faults");

    ASSERT_TRUE(set && merged && bad && shown);
    EXPECT_EQ(set->status, 200);
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(bodyOf(bad)["code"], "invalid_faults");
    const json faults = bodyOf(shown);
    EXPECT_EQ(faults["failNext"], 3);
    EXPECT_EQ(faults["retryAfter"], "2");
    EXPECT_EQ(faults["latencyMs"], 10);
    EXPECT_EQ(faults["pathPrefix"], "/v1/cases");
    EXPECT_EQ(faults["failStatus"], 503);
    EXPECT_EQ(sim_->faults().failNext, 3);
}

TEST_F(FaultsTest, AdminEndpointsAreNeverFaultedAndNeedNoKioskId)
{
    platform_sim::Faults faults;
    faults.failNext = 1;
    faults.dropNext = 1;
    ASSERT_TRUE(sim_->setFaults(faults));

    const auto state = client_->Get("/admin/state");

    ASSERT_TRUE(state);
    EXPECT_EQ(state->status, 200);
    EXPECT_EQ(sim_->faults().failNext, 1);
    EXPECT_EQ(sim_->faults().dropNext, 1);
}

TEST_F(FaultsTest, OutOfRangeFaultsAreRefused)
{
    platform_sim::Faults redirect;
    redirect.failStatus = 302;
    platform_sim::Faults negative;
    negative.failNext = -1;
    platform_sim::Faults twoLines;
    twoLines.retryAfter = "1\r\nX-Evil: 1";

    EXPECT_FALSE(sim_->setFaults(redirect));
    EXPECT_FALSE(sim_->setFaults(negative));
    EXPECT_FALSE(sim_->setFaults(twoLines));
}

} // namespace
} // namespace sim_test
