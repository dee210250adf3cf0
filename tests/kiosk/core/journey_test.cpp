// SPDX-License-Identifier: Apache-2.0
// Tests of the journey: every step of an application as the screens drive it, with a real
// queue on disk, the fake printer on the journey's print worker, and a clock the test moves.
#include "kiosk/core/journey.h"

#include "base/heap_scrubbing.h"
#include "base/manual_clock.h"
#include "base/secure_buffer.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_camera.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/fake/fake_review_tablet.h"
#include "offline_queue/store.h"
#include "tests/support/memory_search.h"
#include "tests/support/owner_thread.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <random>

using namespace std::chrono_literals;
using namespace kiosk::core;

namespace {

constexpr auto catalogJson = R"({
  "schemaVersion": 1, "catalogVersion": 7, "region": "510703", "regionName": "绵阳市涪城区",
  "issuedAt": "2026-11-23T08:00:00+08:00",
  "reasons": [ { "code": "R01", "text": "办事指南不清楚" } ],
  "items": [ {
    "code": "X1", "name": "失业保险金申领", "department": "区人力资源和社会保障局", "theme": "社会保险",
    "kind": "apply", "auth": "idcard", "online": "preferred",
    "guide": { "legalBasis": "《失业保险条例》第十四条", "timeLimitDays": 5, "fee": "不收费",
               "materials": [ { "name": "居民身份证", "required": true } ], "process": [ "a" ] },
    "form": { "fields": [
      { "id": "name", "label": "姓名", "type": "text", "required": true, "prefill": "card.name" },
      { "id": "idNumber", "label": "公民身份号码", "type": "idnumber", "required": true, "prefill": "card.idNumber" },
      { "id": "phone", "label": "联系电话", "type": "phone", "required": true } ] } },
    { "code": "G1", "name": "户籍证明办理指南", "department": "区公安分局", "theme": "户籍办理",
      "kind": "guide", "auth": "none", "online": "preferred",
      "guide": { "legalBasis": "《户口登记条例》", "timeLimitDays": 0, "fee": "不收费", "materials": [], "process": [ "a" ] },
      "form": { "fields": [] } } ]
})";

class JourneyTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto catalog = parseCatalog(catalogJson);
        ASSERT_TRUE(catalog) << catalog.error().message;
        snapshot = CatalogSnapshot::prepare(std::make_shared<const Catalog>(std::move(*catalog)));
        queue::StoreOptions storeOptions;
        storeOptions.clock = &clock;
        auto opened = queue::Store::open(dir / "queue.db", storeOptions);
        ASSERT_TRUE(opened) << opened.error().message;
        store = std::move(*opened);
        JourneyOptions options;
        options.kioskId = "SC-510703-0042";
        options.receipt.location = "涪城区城郊街道便民服务中心";
        options.receipt.qrUrlTemplate = "https://zwfw.example.gov.cn/r/{ref}";
        journey = std::make_unique<Journey>(clock, options, owner.post());
        journey->setStore(store.get());
        ASSERT_TRUE(printer->open());
        journey->setPrinter(printer);
    }

    /// Home → guide → identify by the first sample card → the form.
    void toForm()
    {
        ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
        ASSERT_TRUE(journey->startApplying());
        journey->cardRead(card);
        ASSERT_EQ(journey->state(), SessionState::FillingForm);
    }

    /// A connected review tablet (the fake: the test plays the citizen's taps on it).
    std::shared_ptr<drivers::fake::FakeReviewTablet> connectTablet()
    {
        auto tablet = std::make_shared<drivers::fake::FakeReviewTablet>();
        EXPECT_TRUE(tablet->open());
        journey->setTablet(tablet);
        return tablet;
    }

    /// ... → submitted → the receipt printed → the rating prompt.
    void toRating()
    {
        toSubmitted();
        ASSERT_TRUE(owner.runPosted()); // the receipt
        ASSERT_TRUE(journey->toRating());
        ASSERT_EQ(journey->state(), SessionState::Rating);
    }

    /// How many ratings the queue holds.
    std::size_t evaluationsQueued()
    {
        auto records = store->list();
        EXPECT_TRUE(records);
        return static_cast<std::size_t>(std::ranges::count(*records, queue::RecordKind::Evaluation,
                                                           &queue::RecordSummary::kind));
    }

    /// ... → the form filled → confirmed → submitted (receipt printing).
    void toSubmitted()
    {
        toForm();
        journey->setField("phone", "13800000000");
        ASSERT_TRUE(journey->completeForm());
        ASSERT_TRUE(journey->confirm());
        ASSERT_TRUE(owner.runPosted()); // the queue's answer, from the I/O worker
        ASSERT_EQ(journey->state(), SessionState::Submitted);
    }

    test_support::TempDir dir;
    base::ManualClock clock;
    std::shared_ptr<const CatalogSnapshot> snapshot;
    std::unique_ptr<queue::Store> store;
    std::shared_ptr<drivers::fake::FakeReceiptPrinter> printer =
        std::make_shared<drivers::fake::FakeReceiptPrinter>();
    test_support::OwnerThread owner;
    hal::CardData card = drivers::fake::sampleCards().front();
    std::unique_ptr<Journey> journey;
};

} // namespace

TEST_F(JourneyTest, ACardApplicationIsSubmittedPrintedAndRated)
{
    toForm();
    EXPECT_EQ(journey->identifiedBy(), IdentifiedBy::Card);
    EXPECT_EQ(journey->session().form().at("name"), card.name) << "prefilled from the card";
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_EQ(journey->state(), SessionState::Confirming);
    ASSERT_TRUE(journey->confirm());
    EXPECT_TRUE(journey->saving()) << "stored on the I/O worker: the GUI thread does not wait";
    EXPECT_EQ(journey->state(), SessionState::Confirming);
    EXPECT_FALSE(journey->confirm()) << "a second tap while it is stored does nothing";
    ASSERT_TRUE(owner.runPosted());
    EXPECT_FALSE(journey->saving());
    EXPECT_EQ(journey->state(), SessionState::Submitted);
    EXPECT_FALSE(journey->submissionId().empty());
    EXPECT_TRUE(journey->caseNo().empty()) << "queued: never a made-up case number";
    EXPECT_EQ(journey->receiptState(), ReceiptState::Printing);

    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->receiptState(), ReceiptState::Printed);
    ASSERT_EQ(printer->printed().size(), 1u);
    auto cases = store->list();
    ASSERT_TRUE(cases);
    EXPECT_EQ(cases->size(), 1u);

    ASSERT_TRUE(journey->toRating());
    EXPECT_FALSE(journey->rate(2, {})) << "a bad rating needs a reason";
    EXPECT_EQ(journey->message(), "请至少选择一项不满意的原因");
    ASSERT_TRUE(journey->rate(2, {"R01"}));
    EXPECT_EQ(journey->state(), SessionState::Finished);

    clock.advance(10s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::Idle) << "the thanks screen returns home";
    EXPECT_FALSE(journey->session().card());
}

TEST_F(JourneyTest, ManualEntryChecksTheIdNumberBeforeItCounts)
{
    ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
    ASSERT_TRUE(journey->startApplying());
    ASSERT_TRUE(journey->enterManually());
    ASSERT_EQ(journey->state(), SessionState::EnteringIdentity);
    auto wrong = card.idNumber;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_FALSE(journey->identifyManually(card.name, wrong));
    ASSERT_EQ(journey->problems().size(), 1u);
    EXPECT_EQ(journey->problems()[0].fieldId, "idNumber");
    EXPECT_EQ(journey->state(), SessionState::EnteringIdentity);

    ASSERT_TRUE(journey->identifyManually(card.name, card.idNumber));
    EXPECT_EQ(journey->state(), SessionState::FillingForm);
    EXPECT_EQ(journey->identifiedBy(), IdentifiedBy::Manual);
    EXPECT_EQ(journey->session().form().at("idNumber"), card.idNumber);
}

TEST_F(JourneyTest, AFieldsProblemShowsAsItIsTypedAndGoesWhenFixed)
{
    toForm();
    journey->setField("phone", "12345");
    ASSERT_EQ(journey->problems().size(), 1u);
    EXPECT_EQ(journey->problems()[0].message, "联系电话应为11位手机号码或带区号的固定电话");
    journey->setField("phone", "13800000000");
    EXPECT_TRUE(journey->problems().empty());
    journey->setField("phone", "");
    EXPECT_FALSE(journey->completeForm()) << "a required field left empty";
    ASSERT_EQ(journey->problems().size(), 1u);
    EXPECT_EQ(journey->problems()[0].message, "请填写联系电话");
}

TEST_F(JourneyTest, IdleTimeoutWarnsFifteenSecondsBeforeThenEndsAndWipes)
{
    toForm();
    journey->setField("phone", "13800000000");
    clock.advance(74s);
    journey->tick();
    EXPECT_FALSE(journey->idleWarning());
    clock.advance(1s);
    journey->tick();
    EXPECT_TRUE(journey->idleWarning());
    EXPECT_EQ(journey->secondsLeft(), 15);

    journey->touched(); // "需要更多时间吗？" → yes
    EXPECT_FALSE(journey->idleWarning());
    clock.advance(89s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::FillingForm);
    clock.advance(1s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::Idle);
    EXPECT_FALSE(journey->session().card());
    EXPECT_TRUE(journey->session().form().empty());
    EXPECT_EQ(journey->item(), nullptr);
}

TEST_F(JourneyTest, ElderModeDoublesEveryTimeoutAndThePromptStillComesFirst)
{
    journey->setElderMode(true); // 长辈版, tapped on the home screen
    toForm();
    clock.advance(149s);
    journey->tick();
    EXPECT_FALSE(journey->idleWarning()) << "the prompt comes 30 s before the 180 s end";
    clock.advance(1s);
    journey->tick();
    EXPECT_TRUE(journey->idleWarning());
    EXPECT_EQ(journey->secondsLeft(), 30);
    clock.advance(29s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::FillingForm);
    clock.advance(1s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::Idle);
}

TEST_F(JourneyTest, ElderModeKeepsTheThanksScreenTwiceAsLong)
{
    journey->setElderMode(true);
    toRating();
    ASSERT_TRUE(journey->skipRating());
    ASSERT_EQ(journey->state(), SessionState::Finished);
    clock.advance(19s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::Finished);
    clock.advance(1s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::Idle);
}

TEST_F(JourneyTest, PreferencesLastTheSessionAndTheNextCitizenStartsWithTheDefaults)
{
    EXPECT_TRUE(journey->preferences().isDefault());
    journey->setElderMode(true);
    EXPECT_TRUE(journey->preferences().voiceOn()) << "长辈版 speaks unless switched off";
    ASSERT_TRUE(journey->setLanguage("en_US"));
    ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
    ASSERT_TRUE(journey->back()); // home again: the same citizen
    EXPECT_TRUE(journey->preferences().elder);
    EXPECT_EQ(journey->preferences().language, "en_US");
    journey->setVoice(false);
    EXPECT_FALSE(journey->preferences().voiceOn());

    toForm();
    journey->end(); // 退出, or the idle timeout
    EXPECT_TRUE(journey->preferences().isDefault());
    EXPECT_FALSE(journey->preferences().voiceOn());
    EXPECT_EQ(journey->preferences().language, "zh_CN");
}

TEST_F(JourneyTest, VoiceCanBeSwitchedOnInTheStandardMode)
{
    journey->setVoice(true);
    EXPECT_TRUE(journey->preferences().voiceOn());
    EXPECT_FALSE(journey->preferences().elder);
}

TEST_F(JourneyTest, PreferencesChosenOnTheHomeScreenBySomeoneWhoLeftAreForgotten)
{
    journey->setElderMode(true);
    clock.advance(179s);
    journey->tick();
    EXPECT_TRUE(journey->preferences().elder);
    clock.advance(1s);
    journey->tick();
    EXPECT_TRUE(journey->preferences().isDefault());
    EXPECT_EQ(journey->state(), SessionState::Idle);
}

TEST_F(JourneyTest, AnUnknownLanguageIsRefusedAndChangesNothing)
{
    ASSERT_TRUE(journey->setLanguage("en_US"));
    const auto refused = journey->setLanguage("fr_FR");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, make_error_code(ApplicationErrc::unknown_language));
    EXPECT_EQ(journey->preferences().language, "en_US");
    EXPECT_FALSE(journey->setLanguage(""));
}

TEST_F(JourneyTest, AnotherPersonsCardEndsTheSessionTheSameCardDoesNot)
{
    toForm();
    journey->cardRead(card);
    EXPECT_EQ(journey->state(), SessionState::FillingForm) << "the same card put back";
    journey->cardRead(drivers::fake::sampleCards().at(1));
    EXPECT_EQ(journey->state(), SessionState::Idle);
    EXPECT_FALSE(journey->session().card());
}

TEST_F(JourneyTest, PaperOutIsExplainedWithTheQrOnScreenAndTheReprintWorks)
{
    printer->setCondition(hal::PrinterCondition::PaperOut);
    toSubmitted();
    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->receiptState(), ReceiptState::Failed);
    EXPECT_NE(journey->message().find("二维码"), std::string::npos) << journey->message();
    EXPECT_EQ(journey->receiptQrText(), "https://zwfw.example.gov.cn/r/" + journey->submissionId());

    printer->setCondition(hal::PrinterCondition::Ready); // paper loaded
    journey->reprint();
    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->receiptState(), ReceiptState::Printed);
    EXPECT_EQ(printer->printed().size(), 1u);
}

TEST_F(JourneyTest, AReceiptPrintedAfterItsSessionEndedIsNotShown)
{
    toSubmitted();
    ASSERT_TRUE(test_support::pollUntil([&] { return printer->printed().size() == 1; }));
    journey->end(); // the citizen left while the paper came out
    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->state(), SessionState::Idle);
    EXPECT_EQ(journey->receiptState(), ReceiptState::None);
}

TEST_F(JourneyTest, ADeliveredCaseShowsItsNumberAndTheQrCarriesIt)
{
    toSubmitted();
    journey->caseDelivered("another-submission", "510703-20261123-000999");
    EXPECT_TRUE(journey->caseNo().empty());
    journey->caseDelivered(journey->submissionId(), "510703-20261123-000123");
    EXPECT_EQ(journey->caseNo(), "510703-20261123-000123");
    EXPECT_EQ(journey->receiptQrText(), "https://zwfw.example.gov.cn/r/510703-20261123-000123");
}

TEST_F(JourneyTest, WithoutAQueueNothingPretendsToBeSubmitted)
{
    journey->setStore(nullptr);
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    EXPECT_FALSE(journey->confirm());
    EXPECT_EQ(journey->state(), SessionState::Confirming);
    EXPECT_NE(journey->message().find("服务窗口"), std::string::npos);
}

TEST_F(JourneyTest, AFullQueueSendsTheCitizenToACounter)
{
    store.reset();
    queue::StoreOptions tiny;
    tiny.clock = &clock;
    tiny.diskReserveBytes = std::uint64_t{1} << 62; // no disk is that big: the disk is "full"
    auto opened = queue::Store::open(dir / "full.db", tiny);
    ASSERT_TRUE(opened);
    store = std::move(*opened);
    journey->setStore(store.get());
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_TRUE(journey->confirm());
    ASSERT_TRUE(owner.runPosted()); // the queue's refusal
    EXPECT_EQ(journey->message(), storeFullMessage);
    EXPECT_EQ(journey->state(), SessionState::Confirming);
    EXPECT_FALSE(journey->saving()) << "the citizen can go back, or to a counter";
}

TEST_F(JourneyTest, BackFromAGuideFoundBySearchReturnsToTheSearch)
{
    ASSERT_TRUE(journey->openSearch());
    ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::Searching);
    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::Idle);

    ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::Idle) << "from home, back is home";
}

TEST_F(JourneyTest, BackFromTheFormToTheGuideForgetsTheCitizen)
{
    toForm();
    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::Browsing);
    EXPECT_FALSE(journey->session().card());
    EXPECT_TRUE(journey->session().form().empty());
    EXPECT_EQ(journey->session().itemCode(), "X1");
}

TEST_F(JourneyTest, AGuideOnlyItemTakesNoApplication)
{
    ASSERT_TRUE(journey->chooseItem(snapshot, "G1"));
    EXPECT_FALSE(journey->startApplying());
    EXPECT_EQ(journey->state(), SessionState::Browsing);
    EXPECT_FALSE(journey->chooseItem(snapshot, "NOPE"));
}

TEST_F(JourneyTest, APhoneAppsIdentityCodeIdentifiesLikeACardAndARefusalIsTold)
{
    ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
    ASSERT_TRUE(journey->startApplying());
    journey->codeRefused("二维码已过期，请在手机上刷新后重试。");
    EXPECT_EQ(journey->message(), "二维码已过期，请在手机上刷新后重试。");
    EXPECT_EQ(journey->state(), SessionState::Identifying);

    hal::CardData resolved; // what POST /v1/identity/resolve gives: no photo, no address
    resolved.name = card.name;
    resolved.idNumber = card.idNumber;
    ASSERT_TRUE(journey->identifyByCode(std::move(resolved)));
    EXPECT_EQ(journey->state(), SessionState::FillingForm);
    EXPECT_EQ(journey->identifiedBy(), IdentifiedBy::Code);
    EXPECT_EQ(journey->session().form().at("idNumber"), card.idNumber);
    EXPECT_TRUE(journey->message().empty());

    journey->codeRefused("不是身份码");
    EXPECT_TRUE(journey->message().empty()) << "a code scanned later in the session is ignored";
}

// Part of issue 14's privacy proof: a whole application (card, form, queue, receipt, rating)
// ended by the idle timeout leaves neither the name, nor the ID number, nor the phone number
// anywhere in this process's writable memory. The values come from literals (read-only) so the
// test's own copies are not findings (and are used by no other test of this program: a global
// std::string of another test holding the same number would be a finding).
TEST_F(JourneyTest, AnEndedSessionLeavesNothingOfTheCitizenInMemory)
{
    ASSERT_TRUE(base::heapScrubbingActive())
        << "main() restarts with the kiosk's allocator settings";
    const auto name = test_support::HiddenText("欧阳明远");
    const auto idNumber = test_support::HiddenText("350203197707071235");
    const auto phone = test_support::HiddenText("13912345678");
    {
        hal::CardData citizen;
        citizen.name = "欧阳明远";
        citizen.idNumber = "350203197707071235";
        citizen.address = "北京市朝阳区";
        ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
        ASSERT_TRUE(journey->startApplying());
        journey->cardRead(std::move(citizen));
        std::string typed("13912345678"); // as the screen hands it over; the test's copy
        journey->setField("phone", typed);
        base::secureZero(typed); // is the test's to zero, like the view-model does with its own
        ASSERT_TRUE(journey->completeForm());
        ASSERT_TRUE(journey->confirm());
        ASSERT_TRUE(owner.runPosted()); // stored
        ASSERT_TRUE(owner.runPosted()); // the receipt
        ASSERT_TRUE(journey->toRating());
        ASSERT_TRUE(journey->rate(5, {}));
        clock.advance(91s);
        journey->tick();
        ASSERT_EQ(journey->state(), SessionState::Idle);
    }
    EXPECT_EQ(test_support::findInWritableMemory(name), std::nullopt);
    EXPECT_EQ(test_support::findInWritableMemory(idNumber), std::nullopt);
    EXPECT_EQ(test_support::findInWritableMemory(phone), std::nullopt);
}

TEST_F(JourneyTest, AnItemThatNeedsTheNetworkCannotStartWhileThePlatformIsOutOfReach)
{
    auto catalog = parseCatalog(catalogJson);
    ASSERT_TRUE(catalog);
    catalog->items[0].online = OnlineMode::Required;
    auto online = CatalogSnapshot::prepare(std::make_shared<const Catalog>(std::move(*catalog)));
    journey->setPlatformReachable(false);
    ASSERT_TRUE(journey->chooseItem(online, "X1"));
    EXPECT_FALSE(journey->startApplying());
    EXPECT_EQ(journey->state(), SessionState::Browsing);
    EXPECT_NE(journey->message().find("网络中断"), std::string::npos);

    ASSERT_TRUE(journey->back());
    ASSERT_TRUE(journey->chooseItem(snapshot, "X1")); // online: preferred queues offline
    EXPECT_TRUE(journey->startApplying());

    journey->end();
    journey->setPlatformReachable(true);
    ASSERT_TRUE(journey->chooseItem(online, "X1"));
    EXPECT_TRUE(journey->startApplying());
}

TEST_F(JourneyTest, WithoutATabletTheScreenAsks)
{
    toRating();
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::Screen);
    ASSERT_TRUE(journey->rate(5, {}));
    EXPECT_EQ(evaluationsQueued(), 1u);
}

TEST_F(JourneyTest, ARatingOnTheConnectedTabletIsStoredOnceAndTheJourneyMovesOn)
{
    auto tablet = connectTablet();
    toRating();
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::Tablet);
    ASSERT_EQ(tablet->requests().size(), 1u);
    EXPECT_EQ(tablet->requests().front().caseRef, journey->submissionId());

    ASSERT_TRUE(tablet->rate({2, {"R01"}, ""}));
    ASSERT_TRUE(owner.runPosted()) << "the tablet's answer comes back to the GUI thread";
    EXPECT_EQ(journey->state(), SessionState::Finished);
    EXPECT_EQ(evaluationsQueued(), 1u);
    EXPECT_FALSE(journey->rate(5, {})) << "一次一评: nothing more to rate";
    EXPECT_EQ(evaluationsQueued(), 1u);
}

TEST_F(JourneyTest, ATabletLostMidRatingMovesThePromptToTheScreen)
{
    auto tablet = connectTablet();
    toRating();
    tablet->unplug();
    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->state(), SessionState::Rating);
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::Screen);
    EXPECT_EQ(journey->message(), "评价器暂时不能使用，请在屏幕上评价");
    ASSERT_TRUE(journey->rate(4, {}));
    EXPECT_EQ(journey->state(), SessionState::Finished);
    EXPECT_EQ(evaluationsQueued(), 1u);
}

TEST_F(JourneyTest, AKeyEvaluatorsBadLevelAsksOnlyForTheReasonsOnTheScreen)
{
    auto tablet = connectTablet();
    tablet->setInfo({"K4", "1.0", hal::TabletInput::Keys, 4});
    toRating();
    ASSERT_TRUE(tablet->rate({1, {}, ""}));
    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::Screen);
    EXPECT_EQ(journey->ratingLevelGiven(), 1);
    EXPECT_FALSE(journey->rate(1, {})) << "the reason is still missing";
    ASSERT_TRUE(journey->rate(5, {"R01"}))
        << "the evaluator's level stands, whatever the screen says";
    EXPECT_EQ(journey->state(), SessionState::Finished);
    EXPECT_EQ(evaluationsQueued(), 1u);
}

TEST_F(JourneyTest, NobodyRatingOnTheTabletFinishesTheJourneyWithoutARating)
{
    auto tablet = connectTablet();
    toRating();
    ASSERT_TRUE(tablet->walkAway());
    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->state(), SessionState::Finished);
    EXPECT_EQ(evaluationsQueued(), 0u);
}

TEST_F(JourneyTest, RatingOnTheScreenInsteadOrEndingWithdrawsTheTabletsPrompt)
{
    auto tablet = connectTablet();
    toRating();
    journey->rateOnScreenInstead();
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::Screen);
    ASSERT_EQ(tablet->cancelled().size(), 1u);
    EXPECT_FALSE(tablet->rate({5, {}, ""})) << "the tablet shows nothing any more";
    ASSERT_TRUE(journey->rate(3, {}));
    EXPECT_EQ(evaluationsQueued(), 1u);

    clock.advance(10s);
    journey->tick(); // home again
    toRating();
    ASSERT_EQ(journey->ratingPlace(), RatingPlace::Tablet);
    journey->end();
    EXPECT_EQ(tablet->cancelled().size(), 2u)
        << "the next citizen never sees the last one's prompt";
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::None);
}

TEST_F(JourneyTest, ACitizenWaitingForStaffIsNotSentAwayByTheIdleTimeout)
{
    toForm();
    journey->setHelpOpen(true); // 人工帮助: "请在这里稍候"
    clock.advance(90s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::FillingForm) << "waiting is what they were told";
    EXPECT_FALSE(journey->idleWarning());

    journey->setHelpOpen(false); // staff came: the idle timer starts again from now
    clock.advance(89s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::FillingForm);
    clock.advance(1s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::Idle);
}

TEST_F(JourneyTest, NobodyComingForTenMinutesStillEndsTheSession)
{
    toForm();
    journey->setHelpOpen(true);
    clock.advance(585s);
    journey->tick();
    EXPECT_TRUE(journey->idleWarning()) << "the prompt still asks fifteen seconds before";
    clock.advance(15s);
    journey->tick();
    EXPECT_EQ(journey->state(), SessionState::Idle) << "a citizen who left is not kept on screen";
    EXPECT_FALSE(journey->session().card());
}

TEST_F(JourneyTest, ARatingOnTheScreenWhileTheTabletAsksWithdrawsTheTabletsPrompt)
{
    auto tablet = connectTablet();
    toRating();
    ASSERT_EQ(journey->ratingPlace(), RatingPlace::Tablet);
    ASSERT_TRUE(journey->rate(5, {}));
    EXPECT_EQ(tablet->cancelled().size(), 1u);
    EXPECT_FALSE(tablet->rate({1, {"R01"}, ""})) << "一次一评: the tablet cannot rate it again";
    EXPECT_EQ(evaluationsQueued(), 1u);
}

TEST_F(JourneyTest, ACaseStoredAfterItsSessionEndedIsKeptButNotShown)
{
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_TRUE(journey->confirm());
    journey->end(); // the idle timeout, say, while the queue was answering
    ASSERT_TRUE(owner.runPosted());
    EXPECT_EQ(journey->state(), SessionState::Idle) << "the next citizen sees the home screen";
    EXPECT_TRUE(journey->submissionId().empty());
    EXPECT_TRUE(printer->printed().empty()) << "no receipt for someone who has gone";
    auto records = store->list();
    ASSERT_TRUE(records);
    EXPECT_EQ(records->size(), 1u) << "what the citizen confirmed is kept and will be delivered";
}

// --- the materials step (issue 14: materials) ---------------------------------------------

namespace {

/// A document camera whose preview stands still after its first frame (its clock does not
/// move), opened, for the materials step.
/// A fake document camera whose photos are this test's own (a random mark on the page): a memory
/// search for them cannot find what another test of this process left behind.
struct StillCamera {
    StillCamera() { (void)camera->open(); }
    ~StillCamera() { camera->close(); }
    base::ManualClock clock;
    std::shared_ptr<drivers::fake::FakeDocumentCamera> camera =
        std::make_shared<drivers::fake::FakeDocumentCamera>(clock, std::random_device{}() | 1u);
};

} // namespace

TEST_F(JourneyTest, WithoutADocumentCameraTheFormGoesStraightToTheConfirmation)
{
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    EXPECT_EQ(journey->state(), SessionState::Confirming) << "no camera: no material photos";
}

TEST_F(JourneyTest, AMaterialPhotographedGoesIntoTheQueueWithTheCaseAndIsWipedAtTheEnd)
{
    StillCamera still;
    journey->setDocumentCamera(still.camera);
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_EQ(journey->state(), SessionState::Photographing);
    ASSERT_EQ(journey->materials().entries().size(), 1u);
    EXPECT_EQ(journey->materials().entries()[0].name, "居民身份证");
    EXPECT_FALSE(journey->finishMaterials()) << "a required material has no photo";
    EXPECT_EQ(journey->state(), SessionState::Photographing);

    ASSERT_TRUE(journey->capturePhoto());
    ASSERT_TRUE(owner.runPosted()); // the still, taken on the step's worker
    EXPECT_EQ(journey->materials().entries()[0].status, MaterialStatus::Photographed);
    ASSERT_TRUE(journey->finishMaterials());
    ASSERT_EQ(journey->state(), SessionState::Confirming);
    EXPECT_FALSE(still.camera->previewing()) << "the camera is off past the materials";
    ASSERT_TRUE(journey->confirm());
    ASSERT_TRUE(owner.runPosted()); // stored on the journey's I/O worker

    // The queue holds the photo as a material of the case, and the case lists it.
    auto due = store->due(std::chrono::system_clock::now() + 1h, 10);
    ASSERT_TRUE(due);
    ASSERT_EQ(due->size(), 1u) << "materials first: the case waits for them";
    const auto& material = due->front();
    EXPECT_EQ(material.kind, queue::RecordKind::Material);
    EXPECT_EQ(material.submissionId, journey->submissionId());
    EXPECT_EQ(material.contentType, "image/jpeg");
    EXPECT_EQ(static_cast<unsigned char>(material.body.at(0)), 0xFF);
    auto records = store->list();
    ASSERT_TRUE(records);
    EXPECT_EQ(std::ranges::count(*records, queue::RecordKind::Case, &queue::RecordSummary::kind),
              1);

    ASSERT_TRUE(owner.runPosted()); // the receipt
    journey->end();
    EXPECT_TRUE(journey->session().photos().empty());
    EXPECT_TRUE(journey->materials().entries().empty());
}

TEST_F(JourneyTest, BackFromTheConfirmationShowsThePhotosAgainAndBackFromThemTheFormKeepsAll)
{
    StillCamera still;
    journey->setDocumentCamera(still.camera);
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_TRUE(journey->capturePhoto());
    ASSERT_TRUE(owner.runPosted());
    ASSERT_TRUE(journey->finishMaterials());
    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::Photographing);
    EXPECT_EQ(journey->materials().entries()[0].status, MaterialStatus::Photographed);
    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::FillingForm);
    EXPECT_EQ(journey->session().form().at("phone"), "13800000000");
    EXPECT_EQ(journey->session().photos().size(), 1u) << "nothing lost going back";
    ASSERT_TRUE(journey->back());
    EXPECT_TRUE(journey->session().photos().empty()) << "back to the guide forgets the citizen";
}

TEST_F(JourneyTest, AMissingCameraSendsTheCitizenToACounterForTheMaterialAndTheApplicationGoesOn)
{
    StillCamera still;
    still.camera->unplug();
    journey->setDocumentCamera(still.camera);
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_EQ(journey->state(), SessionState::Photographing);
    if (journey->materials().cameraState() != CameraState::Failed) {
        ASSERT_TRUE(owner.runPosted()); // the preview's failure, from the camera's thread
    }
    EXPECT_EQ(journey->materials().cameraState(), CameraState::Failed);
    EXPECT_NE(journey->materials().message().find("服务窗口"), std::string::npos);
    EXPECT_EQ(journey->materials().entries()[0].status, MaterialStatus::AtCounter);
    ASSERT_TRUE(journey->finishMaterials());
    ASSERT_TRUE(journey->confirm());
    ASSERT_TRUE(owner.runPosted()); // stored
    EXPECT_EQ(journey->state(), SessionState::Submitted);
}

TEST_F(JourneyTest, AnotherPersonsCardWhilePhotographingEndsTheSessionAndWipesThePhotos)
{
    StillCamera still;
    journey->setDocumentCamera(still.camera);
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_TRUE(journey->capturePhoto());
    ASSERT_TRUE(owner.runPosted());
    ASSERT_FALSE(journey->session().photos().empty());
    journey->cardRead(drivers::fake::sampleCards().at(1));
    EXPECT_EQ(journey->state(), SessionState::Idle);
    EXPECT_TRUE(journey->session().photos().empty());
    EXPECT_FALSE(still.camera->previewing());
}

// The privacy proof for the photos: the end of the JPEG photographed (the bytes that only the
// final, zeroed, buffers of the encoder ever held, with the end-of-image marker) is nowhere in
// this process's writable memory once the session that submitted it has ended.
TEST_F(JourneyTest, AnEndedSessionLeavesNothingOfItsPhotosInMemory)
{
    StillCamera still;
    std::optional<test_support::HiddenText> tail;
    {
        auto reference = still.camera->capture(); // the camera's page encodes the same each time
        ASSERT_TRUE(reference);
        const auto& bytes = reference->bytes();
        ASSERT_GT(bytes.size(), 64u);
        tail.emplace(
            std::string_view(reinterpret_cast<const char*>(bytes.data()) + bytes.size() - 48, 48));
    } // the reference photo zeroes itself here
    journey->setDocumentCamera(still.camera);
    toForm();
    journey->setField("phone", "13800000000");
    ASSERT_TRUE(journey->completeForm());
    ASSERT_TRUE(journey->capturePhoto());
    ASSERT_TRUE(owner.runPosted());
    ASSERT_NE(test_support::findInWritableMemory(*tail), std::nullopt)
        << "the search finds the photo while the session holds it";
    ASSERT_TRUE(journey->finishMaterials());
    ASSERT_TRUE(journey->confirm());
    ASSERT_TRUE(owner.runPosted()); // stored
    ASSERT_TRUE(owner.runPosted()); // the receipt
    clock.advance(91s);
    journey->tick();
    ASSERT_EQ(journey->state(), SessionState::Idle);
    EXPECT_EQ(test_support::findInWritableMemory(*tail), std::nullopt);
}
