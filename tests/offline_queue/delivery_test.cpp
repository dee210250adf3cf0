// SPDX-License-Identifier: Apache-2.0
// The classification table of specs/platform-api.md "Errors", row by row.
#include "offline_queue/curl_uplink.h"
#include "offline_queue/delivery.h"

#include <gtest/gtest.h>

using namespace queue;

namespace {

base::Result<UplinkResponse> answer(long status, std::string body = {},
                                    std::optional<std::chrono::seconds> retry = {})
{
    UplinkResponse response;
    response.status = status;
    response.body = std::move(body);
    response.contentType = "application/json";
    response.retryAfter = retry;
    return response;
}

Disposition dispositionOf(RecordKind kind, long status,
                          const std::string& body = R"({"code":"x","message":"y"})")
{
    return classify(kind, answer(status, body)).disposition;
}

} // namespace

TEST(Delivery, TwoHundredsAreDoneOnlyWithAWellFormedBody)
{
    const auto ok =
        classify(RecordKind::Case,
                 answer(201, R"({"caseNo":"510703-20261123-000123","status":"received"})"));
    EXPECT_EQ(ok.disposition, Disposition::Delivered);
    EXPECT_EQ(ok.result, "510703-20261123-000123");
    EXPECT_EQ(dispositionOf(RecordKind::Case, 200, R"({"status":"received"})"), Disposition::Retry);
    EXPECT_EQ(dispositionOf(RecordKind::Case, 200, "<html>proxy</html>"), Disposition::Retry);
    EXPECT_EQ(dispositionOf(RecordKind::Evaluation, 201, "not json"), Disposition::Retry);
    EXPECT_EQ(dispositionOf(RecordKind::Evaluation, 201, R"({"status":"received"})"),
              Disposition::Delivered);
    EXPECT_EQ(dispositionOf(RecordKind::Material, 201, ""), Disposition::Delivered);
}

TEST(Delivery, PermanentRejectionsAreDeadLetters)
{
    for (long status : {400, 404, 409, 413, 422})
        for (auto kind : {RecordKind::Material, RecordKind::Case, RecordKind::Evaluation})
            EXPECT_EQ(dispositionOf(kind, status), Disposition::DeadLetter) << status;
}

TEST(Delivery, CaseUnknownIsTransientForEvaluationsOnly)
{
    const std::string body = R"({"code":"case_unknown","message":"not yet"})";
    EXPECT_EQ(dispositionOf(RecordKind::Evaluation, 409, body), Disposition::Retry);
    EXPECT_EQ(dispositionOf(RecordKind::Case, 409, body), Disposition::DeadLetter);
}

TEST(Delivery, CredentialsRefusedHoldTheQueue)
{
    EXPECT_EQ(dispositionOf(RecordKind::Case, 401), Disposition::Hold);
    EXPECT_EQ(dispositionOf(RecordKind::Material, 403), Disposition::Hold);
}

TEST(Delivery, TransientAnswersRetryAndKeepRetryAfter)
{
    for (long status : {408, 425, 429, 500, 502, 503, 504})
        EXPECT_EQ(dispositionOf(RecordKind::Case, status), Disposition::Retry) << status;
    const auto verdict = classify(RecordKind::Case, answer(429, "", std::chrono::seconds(7)));
    EXPECT_EQ(verdict.retryAfter, std::chrono::seconds(7));
    EXPECT_FALSE(verdict.linkDown);
}

TEST(Delivery, LinkFailuresMeanTheLinkIsDown)
{
    const auto verdict =
        classify(RecordKind::Case, base::fail(UplinkErrc::link, "Connection refused"));
    EXPECT_EQ(verdict.disposition, Disposition::Retry);
    EXPECT_TRUE(verdict.linkDown);
}

TEST(Delivery, RequestsCarryKeysAndEvaluationsTheirCaseNo)
{
    OutgoingRecord material{1, RecordKind::Material, "k1", "s", "image/jpeg", "abcd", "bytes", "",
                            0};
    const auto put = requestFor(material);
    EXPECT_EQ(put.method, "PUT");
    EXPECT_EQ(put.path, "/v1/materials/abcd");
    EXPECT_TRUE(put.idempotencyKey.empty());

    OutgoingRecord evaluation{2,  RecordKind::Evaluation, "k2",       "s", "application/json",
                              "", R"({"level":5})",       "510703-1", 0};
    const auto post = requestFor(evaluation);
    EXPECT_EQ(post.path, "/v1/evaluations");
    EXPECT_EQ(post.idempotencyKey, "k2");
    EXPECT_EQ(nlohmann::json::parse(post.body)["caseNo"], "510703-1");
}

TEST(Delivery, AnswersOfTheWrongTypesAreRetriedAndNamedByPath)
{
    const std::string personal = "51070319900101123X";
    for (const std::string& body : std::vector<std::string>{
             R"({"caseNo":42})", R"({"caseNo":null})", R"({"caseNo":["a"]})", R"({"caseNo":""})",
             R"({"caseNo":"has space"})", R"({"caseNo":{"caseNo":"x"}})", R"(["caseNo"])",
             R"("510703-1")", R"({"caseNo":")" + std::string(100 * 1024, '9') + R"("})"}) {
        const auto verdict = classify(RecordKind::Case, answer(201, body));
        EXPECT_EQ(verdict.disposition, Disposition::Retry) << body;
        EXPECT_TRUE(verdict.result.empty());
        EXPECT_LT(verdict.reason.size(), 100u) << "the reason names the path, not the value";
    }
    EXPECT_EQ(classify(RecordKind::Case, answer(201, R"({"caseNo":42})")).reason,
              "201 caseNo: expected a string, got number");
    // An error body's code is taken only when it is a short token; the message never.
    for (const std::string& body : std::vector<std::string>{
             R"({"code":42})", R"({"code":["missing_material"]})",
             R"({"code":")" + personal + R"( 张三"})",
             R"({"code":")" + std::string(1000, 'x') + R"("})", "[]", "null"}) {
        const auto verdict = classify(RecordKind::Case, answer(422, body));
        EXPECT_EQ(verdict.disposition, Disposition::DeadLetter) << body;
        EXPECT_EQ(verdict.reason, "422") << body;
    }
    EXPECT_EQ(
        classify(RecordKind::Evaluation, answer(409, R"({"code":"case_unknown"})")).disposition,
        Disposition::Retry);
    EXPECT_EQ(
        classify(RecordKind::Evaluation, answer(409, R"({"code":{"case_unknown":1}})")).disposition,
        Disposition::DeadLetter);
}

TEST(Delivery, AnUnreadableStoredEvaluationIsSentAsItIs)
{
    OutgoingRecord evaluation{
        2, RecordKind::Evaluation, "k2", "s", "application/json", "", "[5]", "510703-1", 0};
    EXPECT_EQ(requestFor(evaluation).body, "[5]");
}

TEST(CurlUplink, PlainHttpOnlyToLoopbackAndOnlyWhenAllowed)
{
    UplinkOptions options;
    options.baseUrl = "http://127.0.0.1:8080";
    EXPECT_FALSE(CurlUplink::create(options));
    options.allowInsecureLoopback = true;
    EXPECT_TRUE(CurlUplink::create(options));
    options.baseUrl = "http://[::1]:8080/api";
    EXPECT_TRUE(CurlUplink::create(options));
    for (const char* url :
         {"http://10.0.0.1/api", "http://localhost:8080", "http://127.0.0.1.example.com/"}) {
        options.baseUrl = url;
        EXPECT_FALSE(CurlUplink::create(options)) << url;
    }
    options.baseUrl = "ftp://127.0.0.1/";
    EXPECT_FALSE(CurlUplink::create(options));
    options.baseUrl = "https://platform.example.gov.cn/api";
    options.allowInsecureLoopback = false;
    EXPECT_TRUE(CurlUplink::create(options));
}

TEST(CurlUplink, LoopbackAddresses)
{
    EXPECT_TRUE(isLoopbackAddress("127.0.0.1"));
    EXPECT_TRUE(isLoopbackAddress("127.255.3.4"));
    EXPECT_TRUE(isLoopbackAddress("[::1]"));
    EXPECT_FALSE(isLoopbackAddress("128.0.0.1"));
    EXPECT_FALSE(isLoopbackAddress("localhost"));
    EXPECT_FALSE(isLoopbackAddress("::2"));
}

TEST(CurlUplink, RetryAfterInSecondsOrAsAnHttpDate)
{
    const auto now = std::chrono::system_clock::from_time_t(1'795'000'000);
    EXPECT_EQ(parseRetryAfter("120", now), std::chrono::seconds(120));
    // 1795000030 = Tue, 18 Nov 2026 11:07:10 GMT
    EXPECT_EQ(parseRetryAfter("Wed, 18 Nov 2026 11:07:10 GMT", now), std::chrono::seconds(30));
    EXPECT_EQ(parseRetryAfter("soon", now), std::nullopt);
    EXPECT_EQ(parseRetryAfter("-5", now), std::nullopt);
}
