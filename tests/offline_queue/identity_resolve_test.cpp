// SPDX-License-Identifier: Apache-2.0
// POST /v1/identity/resolve against platform-sim over loopback: the contract's request (no
// Idempotency-Key), the identity read with checks, and unknown, expired, refused, malformed
// and unreachable told apart, with neither token nor identity in any message.
#include "base/manual_clock.h"
#include "offline_queue/platform_client.h"
#include "queue_fixture.h"

#include <gtest/gtest.h>

#include <mutex>

namespace queue_test {
namespace {

const std::string token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
const std::string number = "11010519491231002X";

/// Passes requests on, keeping a copy of each as it was sent.
class RecordingUplink final : public Uplink {
public:
    explicit RecordingUplink(Uplink& inner) : inner_(inner) {}
    base::Result<UplinkResponse> send(const UplinkRequest& request, std::stop_token stop) override
    {
        {
            std::lock_guard lock(mutex_);
            sent.push_back(request);
        }
        return inner_.send(request, std::move(stop));
    }
    std::vector<UplinkRequest> sent;

private:
    Uplink& inner_;
    std::mutex mutex_;
};

class IdentityResolveTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto options = simOptions();
        options.clock = &clock_;
        auto sim = platform_sim::Server::start(options);
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        uplink_ = makeSimUplink(sim_->baseUrl());
        recording_ = std::make_unique<RecordingUplink>(*uplink_);
    }

    void issue(std::chrono::seconds ttl = std::chrono::seconds(60))
    {
        platform_sim::IdentityToken identity;
        identity.token = token;
        identity.idType = "resident";
        identity.idNumber = number;
        identity.name = "李秀英";
        identity.ttl = ttl;
        ASSERT_TRUE(sim_->addIdentityToken(identity));
    }

    static void expectNothingPersonal(const base::Error& error)
    {
        EXPECT_EQ(error.message.find(token), std::string::npos) << error.message;
        EXPECT_EQ(error.message.find(number), std::string::npos) << error.message;
        EXPECT_EQ(error.message.find("李秀英"), std::string::npos) << error.message;
    }

    base::ManualClock clock_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<CurlUplink> uplink_;
    std::unique_ptr<RecordingUplink> recording_;
};

TEST_F(IdentityResolveTest, ATokenResolvesToTheIdentityWithoutAnIdempotencyKey)
{
    issue();
    auto identity = resolveIdentity(*recording_, token);
    ASSERT_TRUE(identity) << identity.error().describe();
    EXPECT_EQ(identity->idType, "resident");
    EXPECT_EQ(identity->idNumber, number);
    EXPECT_EQ(identity->name, "李秀英");
    EXPECT_EQ(identity->expiresAt, base::toRfc3339(clock_.now() + std::chrono::seconds(60)));

    ASSERT_EQ(recording_->sent.size(), 1u);
    const UplinkRequest& request = recording_->sent.front();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, "/v1/identity/resolve");
    EXPECT_EQ(request.contentType, "application/json");
    EXPECT_TRUE(request.idempotencyKey.empty());
    EXPECT_EQ(nlohmann::json::parse(request.body), nlohmann::json({{"token", token}}));
}

TEST_F(IdentityResolveTest, UnknownExpiredAndUnreachableHaveTheirOwnCodes)
{
    auto unknown = resolveIdentity(*uplink_, token);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, IdentityErrc::unknown_token);
    expectNothingPersonal(unknown.error());

    issue();
    clock_.advance(std::chrono::seconds(60));
    auto expired = resolveIdentity(*uplink_, token);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, IdentityErrc::expired_token);
    expectNothingPersonal(expired.error());

    sim_.reset();
    auto down = resolveIdentity(*uplink_, token);
    ASSERT_FALSE(down);
    EXPECT_EQ(down.error().code, UplinkErrc::link);
    expectNothingPersonal(down.error());
}

TEST_F(IdentityResolveTest, ATokenNotOfTheContractsFormIsNeverSent)
{
    for (const std::string& bad :
         {std::string("short"), std::string(513, 'A'), std::string("token-with-a-newline\n-1234"),
          std::string("身份证二维码身份证二维码身份证二维码")}) {
        auto refused = resolveIdentity(*recording_, bad);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, IdentityErrc::invalid_token);
    }
    EXPECT_TRUE(recording_->sent.empty());
    EXPECT_TRUE(isIdentityTokenText(std::string(16, ' ')));
    EXPECT_TRUE(isIdentityTokenText(std::string(512, '~')));
    EXPECT_FALSE(isIdentityTokenText(std::string(15, 'A')));
}

TEST_F(IdentityResolveTest, OtherErrorAnswersAreRejectionsAndABad200IsMalformed)
{
    // A 404 that is not unknown_token (a platform without the endpoint) is not "unknown".
    platform_sim::Faults faults;
    faults.replaceBodies = {{"/v1/identity", R"({"code":"not_found","message":"x"})"}};
    ASSERT_TRUE(sim_->setFaults(faults));
    auto notFound = resolveIdentity(*uplink_, token);
    ASSERT_FALSE(notFound);
    EXPECT_EQ(notFound.error().code, UplinkErrc::rejected);
    EXPECT_NE(notFound.error().message.find("404 not_found"), std::string::npos);

    ASSERT_TRUE(sim_->setFaults(queue_test::faults(1, 0, "/v1/identity")));
    auto busy = resolveIdentity(*uplink_, token);
    ASSERT_FALSE(busy);
    EXPECT_EQ(busy.error().code, UplinkErrc::rejected);
    EXPECT_NE(busy.error().message.find("503"), std::string::npos);

    issue();
    faults.replaceBodies = {
        {"/v1/identity", R"({"idType":"resident","idNumber":12,"name":"李秀英","expiresAt":"x"})"}};
    ASSERT_TRUE(sim_->setFaults(faults));
    auto malformed = resolveIdentity(*uplink_, token);
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error().code, UplinkErrc::malformed);
    EXPECT_NE(malformed.error().message.find("idNumber: expected a string, got number"),
              std::string::npos)
        << malformed.error().message;
    expectNothingPersonal(malformed.error());
}

TEST(IdentityAnswer, EveryFieldIsCheckedAndNamedByPathNeverByValue)
{
    const std::pair<std::string, std::string> wrong[] = {
        {R"({"idType":"passport","idNumber":"X1","name":"SECRET","expiresAt":"t"})", "idType"},
        {R"({"idType":"resident","name":"SECRET","expiresAt":"t"})", "idNumber: missing"},
        {R"({"idType":"resident","idNumber":"SECRET 1","name":"SECRET","expiresAt":"t"})",
         "idNumber"},
        {R"({"idType":"resident","idNumber":"X1","name":"","expiresAt":"t"})", "name: empty"},
        {R"({"idType":"resident","idNumber":"X1","name":")" + std::string(257, 'S') +
             R"(","expiresAt":"t"})",
         "name"},
        {R"({"idType":"resident","idNumber":"X1","name":"SECRET"})", "expiresAt: missing"},
        {R"(["SECRET"])", "expected an object"},
    };
    for (const auto& [body, path] : wrong) {
        auto identity = readResolvedIdentity(body);
        ASSERT_FALSE(identity) << body;
        EXPECT_NE(identity.error().message.find(path), std::string::npos)
            << identity.error().message;
        EXPECT_EQ(identity.error().message.find("SECRET"), std::string::npos)
            << identity.error().message;
    }
}

TEST(IdentityAnswer, WipeZeroesEveryField)
{
    ResolvedIdentity identity{"resident", number, "李秀英", "2026-12-05T10:00:00+08:00"};
    identity.wipe();
    for (const std::string* field :
         {&identity.idType, &identity.idNumber, &identity.name, &identity.expiresAt})
        EXPECT_TRUE(std::ranges::all_of(*field, [](char c) { return c == '\0'; }));
}

} // namespace
} // namespace queue_test
