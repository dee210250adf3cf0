// SPDX-License-Identifier: Apache-2.0
// Identity QR codes end to end against platform-sim on loopback: a token becomes the same
// hal::CardData a card gives (without photo or address); expired, unknown and unreachable are
// told apart, and the citizen is told what to do.
#include "kiosk/core/identity_code.h"

#include "base/manual_clock.h"
#include "offline_queue/curl_uplink.h"
#include "platform_sim/server.h"
#include "tests/support/manual_time.h"
#include "tests/support/memory_search.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <optional>
#include <stop_token>
#include <thread>

using namespace kiosk::core;

namespace {

constexpr const char* kioskId = "SC-510703-0042";
const std::string token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
const std::string residentNumber = "11010519491231002X";

platform_sim::IdentityToken person()
{
    platform_sim::IdentityToken identity;
    identity.token = token;
    identity.idType = "resident";
    identity.idNumber = residentNumber;
    identity.name = "李秀英";
    return identity;
}

class IdentityCodeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        platform_sim::Options options;
        options.kioskId = kioskId;
        options.clock = &clock_;
        auto sim = platform_sim::Server::start(options);
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        queue::UplinkOptions uplinkOptions;
        uplinkOptions.baseUrl = sim_->baseUrl();
        uplinkOptions.kioskId = kioskId;
        uplinkOptions.allowInsecureLoopback = true;
        auto uplink = queue::CurlUplink::create(uplinkOptions);
        ASSERT_TRUE(uplink) << uplink.error().describe();
        uplink_ = std::move(*uplink);
    }

    base::ManualClock clock_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<queue::CurlUplink> uplink_;
};

TEST_F(IdentityCodeTest, AResolvedTokenIsCardDataWithoutPhotoOrAddress)
{
    ASSERT_TRUE(sim_->addIdentityToken(person()));
    auto card = resolveIdentityCode(*uplink_, token);
    ASSERT_TRUE(card) << card.error().describe();
    EXPECT_EQ(card->type, hal::CardType::Resident);
    EXPECT_EQ(card->name, "李秀英");
    EXPECT_EQ(card->idNumber, residentNumber);
    EXPECT_EQ(card->birthDate, "1949-12-31");
    EXPECT_EQ(card->sex, hal::Sex::Female);
    EXPECT_TRUE(card->photo.empty());
    EXPECT_TRUE(card->address.empty());
    EXPECT_TRUE(card->validUntil.empty());
}

TEST_F(IdentityCodeTest, ExpiredUnknownAndUnreachableAreToldApart)
{
    ASSERT_TRUE(sim_->addIdentityToken(person()));
    clock_.advance(std::chrono::seconds(61));
    auto expired = resolveIdentityCode(*uplink_, token);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, queue::IdentityErrc::expired_token);
    EXPECT_EQ(identityCodeMessage(expired.error()), "二维码已过期，请在手机上刷新后重试。");

    auto unknown = resolveIdentityCode(*uplink_, "never-issued-token-0001");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, queue::IdentityErrc::unknown_token);
    EXPECT_NE(identityCodeMessage(unknown.error()).find("刷新"), std::string::npos);

    auto invalid = resolveIdentityCode(*uplink_, "short");
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().code, queue::IdentityErrc::invalid_token);
    EXPECT_EQ(sim_->snapshot().counters.requests, 2u) << "an invalid token is never sent";

    sim_.reset();
    auto down = resolveIdentityCode(*uplink_, token);
    ASSERT_FALSE(down);
    EXPECT_EQ(down.error().code, queue::UplinkErrc::link);
    EXPECT_NE(identityCodeMessage(down.error()).find("身份证"), std::string::npos);
    for (const auto* error : {&expired.error(), &unknown.error(), &down.error()})
        EXPECT_EQ(error->message.find(token), std::string::npos) << error->message;
}

// The kiosk stops while a phone's identity code waits on a slow platform: the scanner's worker
// that resolves it is not held until the answer comes.
TEST_F(IdentityCodeTest, AStopAbandonsTheResolveOnASlowPlatform)
{
    ASSERT_TRUE(sim_->addIdentityToken(person()));
    platform_sim::Faults slow;
    slow.latencyMs = 2000; // the platform takes 2 s to answer
    ASSERT_TRUE(sim_->setFaults(slow));
    std::stop_source stop;
    std::optional<base::Result<hal::CardData>> card;
    std::jthread scanner([&] { card = resolveIdentityCode(*uplink_, token, stop.get_token()); });
    ASSERT_TRUE(test_support::pollUntil([&] { return sim_->snapshot().counters.requests == 1; }));
    const auto took = test_support::timeToStop([&] {
        stop.request_stop();
        scanner.join();
    });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
    ASSERT_TRUE(card.has_value());
    ASSERT_FALSE(*card);
    EXPECT_EQ(card->error().code, queue::UplinkErrc::link);
}

TEST(IdentityToCardData, EveryIdTypeOfTheContractMapsToItsCardType)
{
    queue::ResolvedIdentity hmt{"hmt_residence", "810000199408230021", "陈大文", ""};
    auto card = identityToCardData(hmt);
    ASSERT_TRUE(card) << card.error().describe();
    EXPECT_EQ(card->type, hal::CardType::HmtResidence);
    EXPECT_EQ(card->sex, hal::Sex::Female);
    EXPECT_EQ(card->birthDate, "1994-08-23");

    auto foreign2023 =
        identityToCardData({"foreign_permanent_2023", "932682198501010017", "S", ""});
    ASSERT_TRUE(foreign2023);
    EXPECT_EQ(foreign2023->type, hal::CardType::ForeignPermanent2023);

    auto foreign2017 = identityToCardData({"foreign_permanent_2017", "USA123456789012", "J", ""});
    ASSERT_TRUE(foreign2017) << foreign2017.error().describe();
    EXPECT_EQ(foreign2017->type, hal::CardType::ForeignPermanent2017);
    EXPECT_TRUE(foreign2017->birthDate.empty()) << "the 2017 number encodes no birth date";
}

TEST(IdentityToCardData, ANumberThatDoesNotFitItsTypeIsRefusedWithoutTheNumber)
{
    for (const queue::ResolvedIdentity& bad :
         {queue::ResolvedIdentity{"resident", "110105194912310021", "张三", ""}, // check digit
          queue::ResolvedIdentity{"foreign_permanent_2017", "11010519491231002X", "张三", ""},
          queue::ResolvedIdentity{"passport", "11010519491231002X", "张三", ""}}) {
        auto card = identityToCardData(bad);
        ASSERT_FALSE(card) << bad.idType;
        EXPECT_EQ(card.error().code, base::errc::parse);
        EXPECT_EQ(card.error().message.find("1101051949123100"), std::string::npos);
    }
}

} // namespace

namespace {

/// Answers the identity request with a body made at send time from masked bytes, so the
/// identity is in memory only where the code under test puts it.
class MaskedIdentityUplink final : public queue::Uplink {
public:
    explicit MaskedIdentityUplink(const test_support::HiddenText& body) : body_(body) {}
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest&, std::stop_token) override
    {
        queue::UplinkResponse response;
        response.status = 200;
        response.contentType = "application/json";
        response.body.reserve(body_.masked().size()); // no partial copies left by growing
        for (const std::uint8_t byte : body_.masked())
            response.body.push_back(static_cast<char>(byte ^ test_support::HiddenText::kMask));
        return response;
    }

private:
    const test_support::HiddenText& body_;
};

TEST(IdentityCodeMemory, NothingOfAResolvedIdentityIsLeftInMemoryOnceTheCardIsDropped)
{
    // Names and numbers longer than std::string's inline buffer, so they live on the heap; a
    // number that no other test of this program holds in a std::string of its own.
    const test_support::HiddenText body(R"({"idType":"resident","idNumber":"32010219920228224X",)"
                                        R"("name":"MEMSEARCH-欧阳秀英-NAME",)"
                                        R"("expiresAt":"2026-12-05T10:00:00+08:00"})");
    const test_support::HiddenText name("MEMSEARCH-欧阳秀英-NAME");
    const test_support::HiddenText number("32010219920228224X");
    MaskedIdentityUplink uplink(body);
    {
        auto card = resolveIdentityCode(uplink, "identity-token-of-a-phone-app");
        ASSERT_TRUE(card) << card.error().describe();
        ASSERT_TRUE(test_support::findInWritableMemory(name)) << "the search sees the card";
    }
    const auto leftName = test_support::findInWritableMemory(name);
    EXPECT_FALSE(leftName) << "name left in " << leftName->mapping;
    const auto leftNumber = test_support::findInWritableMemory(number);
    EXPECT_FALSE(leftNumber) << "ID number left in " << leftNumber->mapping;
}

} // namespace
