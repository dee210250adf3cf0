// SPDX-License-Identifier: Apache-2.0
// POST /v1/identity/resolve: tokens registered through the admin API resolve until they expire
// on the simulator's clock; unknown and expired tokens get the contract's codes.
#include "sim_fixture.h"

#include "base/manual_clock.h"

#include <tuple>

namespace sim_test {
namespace {

const std::string token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";

class IdentityTest : public SimTest {
protected:
    void SetUp() override
    {
        SimTest::SetUp();
        auto options = kioskOptions();
        options.clock = &clock_;
        restart(options);
    }

    httplib::Result registerToken(const json& body)
    {
        return client_->Post("/admin/identity-tokens", body.dump(), "application/json");
    }

    json person(std::int64_t ttlS = 60) const
    {
        return {{"token", token},
                {"idType", "resident"},
                {"idNumber", idNumber},
                {"name", applicantName},
                {"ttlS", ttlS}};
    }

    base::ManualClock clock_;
};

TEST_F(IdentityTest, ARegisteredTokenResolvesUntilItExpiresOnTheSimulatorsClock)
{
    const auto registered = registerToken(person(60));
    ASSERT_EQ(registered->status, 201) << registered->body;
    const std::string expiresAt = bodyOf(registered)["expiresAt"];
    EXPECT_EQ(expiresAt, base::toRfc3339(clock_.now() + std::chrono::seconds(60)));

    const auto resolved = post("/v1/identity/resolve", {{"token", token}});
    ASSERT_EQ(resolved->status, 200) << resolved->body;
    EXPECT_EQ(bodyOf(resolved), json({{"idType", "resident"},
                                      {"idNumber", idNumber},
                                      {"name", applicantName},
                                      {"expiresAt", expiresAt}}));

    clock_.advance(std::chrono::seconds(59));
    EXPECT_EQ(post("/v1/identity/resolve", {{"token", token}})->status, 200);
    clock_.advance(std::chrono::seconds(1));
    const auto expired = post("/v1/identity/resolve", {{"token", token}});
    EXPECT_EQ(expired->status, 410);
    EXPECT_EQ(bodyOf(expired)["code"], "expired_token");
}

TEST_F(IdentityTest, UnknownAndMalformedTokensGetTheContractsCodes)
{
    const auto unknown = post("/v1/identity/resolve", {{"token", "AAAAAAAAAAAAAAAAAAAA"}});
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(bodyOf(unknown)["code"], "unknown_token");
    for (const json& bad :
         {json{{"token", "short"}}, json{{"token", std::string(513, 'A')}},
          json{{"token", "tab\there-and-more-text"}}, json{{"token", 12}}, json::object()}) {
        const auto answer = post("/v1/identity/resolve", bad);
        EXPECT_EQ(answer->status, 422) << bad.dump();
        EXPECT_EQ(bodyOf(answer)["code"], "invalid_token");
    }
    // Like every /v1 path, it needs X-Kiosk-Id.
    EXPECT_EQ(
        client_->Post("/v1/identity/resolve", json({{"token", token}}).dump(), "application/json")
            ->status,
        401);
}

TEST_F(IdentityTest, ATokenWithATtlOfZeroIsExpiredAtOnceAndResetForgetsTokens)
{
    ASSERT_EQ(registerToken(person(0))->status, 201);
    EXPECT_EQ(post("/v1/identity/resolve", {{"token", token}})->status, 410);
    platform_sim::IdentityToken identity;
    identity.token = token;
    identity.idType = "resident";
    identity.idNumber = idNumber;
    identity.name = applicantName;
    ASSERT_TRUE(sim_->addIdentityToken(identity));
    EXPECT_EQ(post("/v1/identity/resolve", {{"token", token}})->status, 200);
    ASSERT_EQ(client_->Post("/admin/reset", "", "application/json")->status, 200);
    EXPECT_EQ(post("/v1/identity/resolve", {{"token", token}})->status, 404);
}

TEST_F(IdentityTest, BadRegistrationsAreRefusedNamingTheField)
{
    for (const auto& [key, value, named] :
         std::vector<std::tuple<std::string, json, std::string>>{{"token", "short", "token"},
                                                                 {"idType", "passport", "idType"},
                                                                 {"idNumber", "", "idNumber"},
                                                                 {"name", nullptr, "name"},
                                                                 {"ttlS", -1, "ttlS"},
                                                                 {"ttlS", "60", "ttlS"}}) {
        json body = person();
        body[key] = value;
        const auto answer = registerToken(body);
        EXPECT_EQ(answer->status, 400) << key;
        EXPECT_EQ(bodyOf(answer)["code"], "invalid_identity_token");
        EXPECT_NE(answer->body.find(named), std::string::npos) << answer->body;
        EXPECT_EQ(answer->body.find(idNumber), std::string::npos);
    }
}

TEST_F(IdentityTest, TheIdentityNeverAppearsInTheAdminState)
{
    ASSERT_EQ(registerToken(person())->status, 201);
    ASSERT_EQ(post("/v1/identity/resolve", {{"token", token}})->status, 200);
    const auto state = client_->Get("/admin/state");
    ASSERT_EQ(state->status, 200);
    EXPECT_EQ(state->body.find(idNumber), std::string::npos);
    EXPECT_EQ(state->body.find(token), std::string::npos);
}

} // namespace
} // namespace sim_test
