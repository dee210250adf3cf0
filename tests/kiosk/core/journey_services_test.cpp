// SPDX-License-Identifier: Apache-2.0
// Tests of the journey's progress lookup (办件进度查询) and certificate printing (自助打印):
// identification leads to them by the item's kind, the platform is asked on the lookups'
// workers and the answers come back through the owner's post; a fake platform link, the fake
// A4 printer, a real queue on disk for receipts. The last tests run against platform-sim on
// loopback.
#include "kiosk/core/journey.h"

#include "base/heap_scrubbing.h"
#include "base/manual_clock.h"
#include "base/random.h"
#include "drivers/a4_printer/cups_printer.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_printer.h"
#include "drivers/fake/fake_review_tablet.h"
#include "kiosk/core/scanned_payload.h"
#include "offline_queue/store.h"
#include "offline_queue/sync_loop.h"
#include "tests/offline_queue/queue_fixture.h"
#include "tests/support/fake_platform.h"
#include "tests/support/manual_time.h"
#include "tests/support/memory_search.h"
#include "tests/support/poll_until.h"
#include "tests/support/private_cupsd.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <deque>
#include <set>

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
    "guide": { "legalBasis": "a", "timeLimitDays": 5, "fee": "不收费",
               "materials": [ { "name": "居民身份证", "required": true } ], "process": [ "a" ] },
    "form": { "fields": [
      { "id": "name", "label": "姓名", "type": "text", "required": true, "prefill": "card.name" },
      { "id": "phone", "label": "联系电话", "type": "phone", "required": true } ] } },
    { "code": "Q1", "name": "居民身份证办理进度查询", "department": "区公安分局", "theme": "户籍办理",
      "kind": "query", "auth": "idcard", "online": "required",
      "guide": { "legalBasis": "a", "timeLimitDays": 0, "fee": "不收费", "materials": [], "process": [ "a" ] },
      "form": { "fields": [] } },
    { "code": "Q2", "name": "社会保险费缴费记录查询", "department": "区税务局", "theme": "社会保险",
      "kind": "query", "auth": "idcard", "online": "required",
      "guide": { "legalBasis": "a", "timeLimitDays": 0, "fee": "不收费", "materials": [], "process": [ "a" ] },
      "form": { "fields": [] } },
    { "code": "11510703060000000X400000079", "name": "社会保险个人权益记录打印", "department": "区人力资源和社会保障局",
      "theme": "社会保险", "kind": "print", "auth": "idcard", "online": "required",
      "guide": { "legalBasis": "a", "timeLimitDays": 0, "fee": "不收费", "materials": [], "process": [ "a" ] },
      "form": { "fields": [ { "id": "period", "label": "打印期间", "type": "text", "required": true } ] } } ]
})";
constexpr auto printItem = "11510703060000000X400000079";

/// Tasks the journey posts to its owner thread, run when the test says.
class OwnerThread {
public:
    PostToOwner post()
    {
        return [this](std::function<void()> task) {
            std::lock_guard lock(mutex_);
            tasks_.push_back(std::move(task));
        };
    }
    /// Runs posted tasks until `done` holds (or fails after `bound`).
    template <class Done> bool runUntil(Done&& done, std::chrono::milliseconds bound = 10s)
    {
        return test_support::pollUntil(
            [&] {
                std::deque<std::function<void()>> tasks;
                {
                    std::lock_guard lock(mutex_);
                    tasks.swap(tasks_);
                }
                for (auto& task : tasks)
                    task();
                ran_ += tasks.size();
                return done();
            },
            bound);
    }

    /// How many posted tasks ran so far.
    [[nodiscard]] std::size_t ran() const { return ran_; }

private:
    std::mutex mutex_;
    std::deque<std::function<void()>> tasks_;
    std::size_t ran_ = 0;
};

class JourneyServicesTest : public ::testing::Test {
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
        options.receipt.qrUrlTemplate = "https://zwfw.example.gov.cn/r/{ref}";
        journey = std::make_unique<Journey>(clock, options, owner.post());
        journey->setStore(store.get());
        journey->setPlatform(&platform);
        journey->setDocumentPrinter(a4);
    }

    void identifyFor(const std::string& code)
    {
        ASSERT_TRUE(journey->chooseItem(snapshot, code));
        ASSERT_TRUE(journey->startApplying());
        journey->cardRead(card);
    }

    bool lookupDone()
    {
        return owner.runUntil([&] { return journey->progress().state() != LookupState::Waiting; });
    }
    bool certificateDone()
    {
        return owner.runUntil([&] { return !isBusy(journey->certificate().status()); });
    }

    test_support::TempDir dir;
    base::ManualClock clock;
    std::shared_ptr<const CatalogSnapshot> snapshot;
    std::unique_ptr<queue::Store> store;
    test_support::FakePlatform platform;
    std::shared_ptr<drivers::fake::FakeDocumentPrinter> a4 =
        std::make_shared<drivers::fake::FakeDocumentPrinter>();
    OwnerThread owner;
    hal::CardData card = drivers::fake::sampleCards().front();
    std::unique_ptr<Journey> journey;
};

} // namespace

TEST(ItemFlow, EachKindLeadsToItsFlowAndPrintItemsNeedAnA4Printer)
{
    auto catalog = parseCatalog(catalogJson);
    ASSERT_TRUE(catalog);
    const auto& items = catalog->items;
    EXPECT_EQ(itemFlow(items[0], false), ItemFlow::Application);
    EXPECT_EQ(itemFlow(items[1], false), ItemFlow::ProgressLookup);
    EXPECT_EQ(itemFlow(items[2], true), ItemFlow::Counter) << "the platform has no such query";
    EXPECT_EQ(itemFlow(items[3], true), ItemFlow::Certificate);
    EXPECT_EQ(itemFlow(items[3], false), ItemFlow::Counter) << "no A4 printer: a counter";
    EXPECT_EQ(toString(ItemFlow::ProgressLookup), "progress_lookup");
}

TEST_F(JourneyServicesTest, AProgressLookupListsTheCitizensCasesNewestFirst)
{
    platform.setCases(
        {{"510703-20261120-000001", "X1", "失业保险金申领", "accepted", "2026-11-20T02:00:00Z"},
         {"510703-20261123-000002", "X1", "失业保险金申领", "completed",
          "2026-11-23T10:15:00+08:00"}});
    identifyFor("Q1");
    EXPECT_EQ(journey->state(), SessionState::LookingUp);
    EXPECT_EQ(journey->progress().state(), LookupState::Waiting);
    EXPECT_EQ(journey->progress().message(), "正在查询，请稍候……");
    ASSERT_TRUE(lookupDone());
    ASSERT_EQ(journey->progress().state(), LookupState::Found);
    const auto& rows = journey->progress().rows();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].caseNo, "510703-20261123-000002");
    EXPECT_EQ(rows[0].statusText, "已办结");
    EXPECT_EQ(rows[0].updatedText, "2026年11月23日 10:15");
    EXPECT_EQ(rows[1].statusText, "已受理");
    EXPECT_EQ(platform.paths(), std::vector<std::string>{"/v1/cases/query"});
    EXPECT_FALSE(journey->progress().fromReceipt());
}

TEST_F(JourneyServicesTest, NoCasesAndAnUnreachablePlatformAreToldInWords)
{
    identifyFor("Q1");
    ASSERT_TRUE(lookupDone());
    EXPECT_EQ(journey->progress().state(), LookupState::Empty);
    EXPECT_NE(journey->progress().message().find("没有查到"), std::string::npos);

    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::Browsing);
    EXPECT_EQ(journey->progress().state(), LookupState::None);
    EXPECT_FALSE(journey->session().card()) << "back to the guide forgets the citizen";

    platform.setLinkDown(true);
    ASSERT_TRUE(journey->startApplying());
    ASSERT_TRUE(journey->enterManually());
    ASSERT_TRUE(journey->identifyManually(card.name, card.idNumber));
    EXPECT_EQ(journey->state(), SessionState::LookingUp) << "typed identity works too";
    ASSERT_TRUE(lookupDone());
    EXPECT_EQ(journey->progress().state(), LookupState::Unreachable);
    EXPECT_NE(journey->progress().message().find("网络"), std::string::npos);
    EXPECT_NE(journey->progress().message().find("安全保存"), std::string::npos)
        << "the citizen hears that a case kept here is safe";
    EXPECT_NE(journey->progress().message().find("不需要重新办理"), std::string::npos)
        << "and need not apply again";
}

TEST_F(JourneyServicesTest, AScannedReceiptShowsItsCaseFromThisKiosksQueue)
{
    queue::CaseInput input = queue_test::sampleCase(0);
    input.body["itemCode"] = "X1";
    auto ref = store->enqueueCase(input);
    ASSERT_TRUE(ref) << ref.error().describe();
    auto records = store->list();
    ASSERT_TRUE(records);

    ASSERT_TRUE(journey->chooseItem(snapshot, "Q1"));
    ASSERT_TRUE(journey->startApplying());
    journey->receiptScanned(receiptProgress(*records, ref->submissionId));
    ASSERT_EQ(journey->state(), SessionState::LookingUp);
    ASSERT_EQ(journey->progress().state(), LookupState::Found);
    EXPECT_TRUE(journey->progress().fromReceipt());
    ASSERT_EQ(journey->progress().rows().size(), 1u);
    EXPECT_EQ(journey->progress().rows()[0].itemName, "失业保险金申领") << "the catalog's name";
    EXPECT_EQ(journey->progress().rows()[0].statusText, "已保存在本机，联网后自动提交");
    EXPECT_TRUE(platform.paths().empty()) << "no identity, no platform call";

    journey->end();
    ASSERT_TRUE(journey->chooseItem(snapshot, "Q1"));
    ASSERT_TRUE(journey->startApplying());
    journey->receiptScanned(std::nullopt); // another kiosk's receipt
    EXPECT_EQ(journey->progress().state(), LookupState::NotHere);
    EXPECT_NE(journey->progress().message().find("身份证"), std::string::npos);
}

TEST_F(JourneyServicesTest, AReceiptScannedForAnApplicationIsRefusedAsNoIdentity)
{
    ASSERT_TRUE(journey->chooseItem(snapshot, "X1"));
    ASSERT_TRUE(journey->startApplying());
    journey->receiptScanned(std::nullopt);
    EXPECT_EQ(journey->state(), SessionState::Identifying);
    EXPECT_NE(journey->message().find("不是身份二维码"), std::string::npos);
}

/// What the scanner's worker hands over for a receipt (JourneyLinks::deliverReceipt).
std::optional<ReceiptCase> scanned(queue::Store& store, const std::string& ref)
{
    auto records = store.list();
    return records ? findReceiptCase(*records, ref) : std::nullopt;
}

std::size_t evaluationsOf(queue::Store& store, const std::string& submissionId)
{
    const auto records = store.list();
    return records ? std::ranges::count_if(*records,
                                           [&](const queue::RecordSummary& r) {
                                               return r.kind == queue::RecordKind::Evaluation &&
                                                      r.submissionId == submissionId;
                                           })
                   : 0;
}

TEST_F(JourneyServicesTest, AReceiptScannedAtHomeShowsItsCaseWithoutAnyIdentity)
{
    queue::CaseInput input = queue_test::sampleCase(0);
    input.body["itemCode"] = "X1";
    auto ref = store->enqueueCase(input);
    ASSERT_TRUE(ref) << ref.error().describe();

    journey->receiptCaseScanned(snapshot, scanned(*store, ref->submissionId));
    ASSERT_EQ(journey->state(), SessionState::ReceiptShown);
    ASSERT_EQ(journey->progress().state(), LookupState::Found);
    EXPECT_TRUE(journey->progress().fromReceipt());
    ASSERT_EQ(journey->progress().rows().size(), 1u);
    EXPECT_EQ(journey->progress().rows()[0].itemName, "失业保险金申领");
    EXPECT_EQ(journey->progress().rows()[0].statusText, "已保存在本机，联网后自动提交");
    EXPECT_FALSE(journey->session().card()) << "a receipt identifies nobody";
    EXPECT_EQ(journey->identifiedBy(), IdentifiedBy::None);
    EXPECT_TRUE(journey->canRateReceipt());
    EXPECT_TRUE(journey->message().empty());
    EXPECT_TRUE(platform.paths().empty()) << "no identity, no platform call";

    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->state(), SessionState::Idle);
    EXPECT_TRUE(journey->progress().rows().empty());
    EXPECT_TRUE(journey->submissionId().empty());

    ASSERT_TRUE(journey->chooseItem(snapshot, "Q2"));    // from a guide as well
    journey->receiptCaseScanned(snapshot, std::nullopt); // another kiosk's receipt
    EXPECT_EQ(journey->state(), SessionState::ReceiptShown);
    EXPECT_EQ(journey->progress().state(), LookupState::NotHere);
    EXPECT_FALSE(journey->canRateReceipt());
    EXPECT_FALSE(journey->rateReceipt());
}

TEST_F(JourneyServicesTest, AReceiptsCaseIsRatedOnceThenNeverAskedAgain)
{
    queue::CaseInput input = queue_test::sampleCase(0);
    input.body["itemCode"] = "X1";
    auto ref = store->enqueueCase(input);
    ASSERT_TRUE(ref);

    journey->receiptCaseScanned(snapshot, scanned(*store, ref->submissionId));
    ASSERT_TRUE(journey->rateReceipt());
    ASSERT_EQ(journey->state(), SessionState::Rating);
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::Screen) << "no tablet: on the screen";
    ASSERT_TRUE(journey->rate(5, {}));
    EXPECT_EQ(journey->state(), SessionState::Finished);
    EXPECT_EQ(evaluationsOf(*store, ref->submissionId), 1u) << "one evaluation record queued";

    journey->end();
    journey->receiptCaseScanned(snapshot, scanned(*store, ref->submissionId));
    ASSERT_EQ(journey->state(), SessionState::ReceiptShown);
    EXPECT_EQ(journey->receiptRating(), ReceiptRating::AlreadyRated);
    EXPECT_FALSE(journey->canRateReceipt()) << "no second prompt";
    EXPECT_EQ(journey->message(), "您已评价过此件，感谢您的反馈。");
    EXPECT_FALSE(journey->rateReceipt());
    EXPECT_EQ(journey->state(), SessionState::ReceiptShown);
    EXPECT_EQ(evaluationsOf(*store, ref->submissionId), 1u);
}

TEST_F(JourneyServicesTest, AReceiptsCaseIsRatedOnTheConnectedTabletToo)
{
    queue::CaseInput input = queue_test::sampleCase(0);
    input.body["itemCode"] = "X1";
    auto ref = store->enqueueCase(input);
    ASSERT_TRUE(ref);
    auto tablet = std::make_shared<drivers::fake::FakeReviewTablet>();
    ASSERT_TRUE(tablet->open());
    journey->setTablet(tablet);

    journey->receiptCaseScanned(snapshot, scanned(*store, ref->submissionId));
    ASSERT_TRUE(journey->rateReceipt());
    EXPECT_EQ(journey->ratingPlace(), RatingPlace::Tablet);
    ASSERT_EQ(tablet->requests().size(), 1u);
    EXPECT_EQ(tablet->requests().front().caseRef, ref->submissionId);
    EXPECT_EQ(tablet->requests().front().itemName, "失业保险金申领");
    ASSERT_TRUE(tablet->rate({4, {}, ""}));
    ASSERT_TRUE(owner.runUntil([&] { return journey->state() == SessionState::Finished; }));
    EXPECT_EQ(evaluationsOf(*store, ref->submissionId), 1u);
    journey->setTablet(nullptr);
}

TEST_F(JourneyServicesTest, ARatingStoredSinceTheScanIsNotAskedForAgain)
{
    queue::CaseInput input = queue_test::sampleCase(0);
    input.body["itemCode"] = "X1";
    auto ref = store->enqueueCase(input);
    ASSERT_TRUE(ref);
    journey->receiptCaseScanned(snapshot, scanned(*store, ref->submissionId));
    ASSERT_TRUE(journey->canRateReceipt());
    ApplicationService service(snapshot->catalog(), *store, "SC-510703-0042", clock);
    ASSERT_TRUE(service.rateCase(ref->submissionId, "X1", {4, {}, ""}, "tablet"));

    auto refused = journey->rateReceipt();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ApplicationErrc::already_rated);
    EXPECT_EQ(journey->state(), SessionState::ReceiptShown);
    EXPECT_EQ(journey->message(), "您已评价过此件，感谢您的反馈。");
    EXPECT_EQ(evaluationsOf(*store, ref->submissionId), 1u);
}

TEST_F(JourneyServicesTest, ABadOrForeignCodeAtHomeIsToldNotIgnored)
{
    const auto bad = classifyPayload("ZWFW-RECEIPT:../../etc/passwd");
    ASSERT_FALSE(bad);
    ASSERT_EQ(bad.error().code, PayloadErrc::bad_receipt);
    journey->codeRefused(std::string(citizenMessage(bad.error())));
    EXPECT_EQ(journey->state(), SessionState::Idle);
    EXPECT_NE(journey->message().find("回执的二维码无法识别"), std::string::npos);

    ASSERT_TRUE(journey->openSearch()); // a move clears it; the search screen takes scans too
    EXPECT_TRUE(journey->message().empty());
    journey->codeRefused(std::string(kNotAReceiptMessage));
    EXPECT_EQ(journey->message(), kNotAReceiptMessage);
}

TEST_F(JourneyServicesTest, ThePlatformsRefusalOfTheRatingIsToldKindlyWhileTheCaseIsOnScreen)
{
    queue::CaseInput input = queue_test::sampleCase(0);
    input.body["itemCode"] = "X1";
    auto ref = store->enqueueCase(input);
    ASSERT_TRUE(ref);
    journey->receiptCaseScanned(snapshot, scanned(*store, ref->submissionId));
    ASSERT_TRUE(journey->rateReceipt());
    ASSERT_TRUE(journey->rate(4, {}));
    ASSERT_EQ(journey->state(), SessionState::Finished);

    journey->ratingRefused("1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b"); // another case's
    EXPECT_TRUE(journey->message().empty());
    journey->ratingRefused(ref->submissionId);
    EXPECT_EQ(journey->message(), "您已评价过此件，感谢您的反馈。");
}

TEST_F(JourneyServicesTest, ACertificateIsFetchedAndPrintedAndTheCitizenSeesEachState)
{
    identifyFor(printItem);
    EXPECT_EQ(journey->state(), SessionState::PrintingDocument);
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::Fetching);
    EXPECT_FALSE(journey->back()) << "no going back while the certificate prints";
    ASSERT_TRUE(certificateDone());
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::Done);
    EXPECT_NE(journey->certificate().message().find("取走"), std::string::npos);
    ASSERT_EQ(a4->printed().size(), 1u);
    EXPECT_TRUE(a4->printed()[0].starts_with("%PDF-"));
    EXPECT_EQ(platform.paths(), std::vector<std::string>{"/v1/documents"});
    ASSERT_TRUE(journey->back());
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::None);
}

TEST_F(JourneyServicesTest, PrinterFaultsAreToldAndAnAbortedJobCanBePrintedAgain)
{
    a4->failNext(hal::DocumentJobState::Aborted, "job-completed-with-errors");
    identifyFor(printItem);
    ASSERT_TRUE(certificateDone());
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::JobAborted);
    EXPECT_NE(journey->certificate().message().find("中止"), std::string::npos);
    EXPECT_TRUE(a4->printed().empty());

    journey->retryCertificate();
    ASSERT_TRUE(certificateDone());
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::Done);
    EXPECT_EQ(a4->printed().size(), 1u);

    journey->retryCertificate(); // done: nothing prints twice
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::Done);
}

TEST_F(JourneyServicesTest, NoDocumentAndNoLinkAreToldWithoutPrinting)
{
    platform.setDocument(false);
    identifyFor(printItem);
    ASSERT_TRUE(certificateDone());
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::NoDocument);

    journey->end();
    platform.setLinkDown(true);
    identifyFor(printItem);
    ASSERT_TRUE(certificateDone());
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::Unreachable);
    EXPECT_TRUE(canRetry(journey->certificate().status()));
    EXPECT_TRUE(a4->printed().empty());
}

TEST_F(JourneyServicesTest, WithoutAnA4PrinterAPrintItemSendsToACounter)
{
    journey->setDocumentPrinter(nullptr);
    ASSERT_TRUE(journey->chooseItem(snapshot, printItem));
    EXPECT_EQ(journey->flowOf(*journey->item()), ItemFlow::Counter);
    EXPECT_FALSE(journey->startApplying());
    EXPECT_EQ(journey->state(), SessionState::Browsing);
    ASSERT_TRUE(journey->chooseItem(snapshot, "Q2"));
    EXPECT_FALSE(journey->startApplying()) << "a query the platform cannot answer";
}

TEST_F(JourneyServicesTest, WithTheLinkDownALookupCannotStartAndTheCitizenHearsTheCasesAreSafe)
{
    journey->setPlatformReachable(false);
    ASSERT_TRUE(journey->chooseItem(snapshot, "Q1"));
    EXPECT_FALSE(journey->startApplying());
    EXPECT_EQ(journey->state(), SessionState::Browsing);
    EXPECT_NE(journey->message().find("安全保存"), std::string::npos) << journey->message();
    ASSERT_TRUE(journey->chooseItem(snapshot, printItem));
    EXPECT_FALSE(journey->startApplying());
    EXPECT_NE(journey->message().find("网络中断"), std::string::npos);
}

TEST_F(JourneyServicesTest, AnotherPersonsCardEndsALookup)
{
    identifyFor("Q1");
    ASSERT_TRUE(lookupDone());
    journey->cardRead(card);
    EXPECT_EQ(journey->state(), SessionState::LookingUp) << "the same card put back";
    journey->cardRead(drivers::fake::sampleCards().at(1));
    EXPECT_EQ(journey->state(), SessionState::Idle);
}

TEST_F(JourneyServicesTest, AnAnswerArrivingAfterTheSessionEndedIsNotShown)
{
    identifyFor("Q1");
    ASSERT_TRUE(test_support::pollUntil([&] { return platform.paths().size() == 1; }));
    journey->end(); // the citizen left while the platform was asked
    ASSERT_TRUE(owner.runUntil([&] { return owner.ran() == 1; })) << "the answer came";
    EXPECT_EQ(journey->progress().state(), LookupState::None);
    EXPECT_TRUE(journey->progress().rows().empty());
}

TEST_F(JourneyServicesTest, ClassificationOfPrintFailures)
{
    using S = hal::DocumentJobState;
    const auto fail = [](auto code) {
        return base::Error{code, "x"};
    };
    EXPECT_EQ(certificateFailure(fail(base::errc::not_found), std::nullopt),
              CertificateStatus::QueueMissing);
    EXPECT_EQ(certificateFailure(fail(hal::errc::device_fault), S::Queued),
              CertificateStatus::PrinterStopped);
    EXPECT_EQ(certificateFailure(fail(hal::errc::device_fault), std::nullopt),
              CertificateStatus::PrinterStopped);
    EXPECT_EQ(certificateFailure(fail(hal::errc::device_fault), S::Stopped),
              CertificateStatus::JobAborted);
    EXPECT_EQ(certificateFailure(fail(hal::errc::no_device), std::nullopt),
              CertificateStatus::NoPrintSystem);
    EXPECT_EQ(certificateFailure(fail(queue::UplinkErrc::rejected), std::nullopt),
              CertificateStatus::PlatformFailed);
    for (auto status : {CertificateStatus::PrinterStopped, CertificateStatus::JobAborted,
                        CertificateStatus::QueueMissing, CertificateStatus::NoPrintSystem,
                        CertificateStatus::TimedOut, CertificateStatus::Cancelled})
        EXPECT_FALSE(certificateStatusMessage(status).empty()) << toString(status);
}

// The session's end wipes what the lookups held: the ID number sent, the case list and the
// card; a certificate's PDF is zeroed once printed (certificate.cpp).
TEST_F(JourneyServicesTest, EndedLookupsLeaveNoIdNumberInMemory)
{
    ASSERT_TRUE(base::heapScrubbingActive())
        << "main() restarts with the kiosk's allocator settings";
    const auto idNumber = test_support::HiddenText("350203197707071235");
    {
        hal::CardData citizen;
        citizen.name = "欧阳明远";
        citizen.idNumber = "350203197707071235";
        ASSERT_TRUE(journey->chooseItem(snapshot, "Q1"));
        ASSERT_TRUE(journey->startApplying());
        journey->cardRead(std::move(citizen));
        ASSERT_TRUE(lookupDone());
        journey->end();
        hal::CardData again; // the same citizen prints a certificate
        again.name = "欧阳明远";
        again.idNumber = "350203197707071235";
        ASSERT_TRUE(journey->chooseItem(snapshot, printItem));
        ASSERT_TRUE(journey->startApplying());
        journey->cardRead(std::move(again));
        ASSERT_TRUE(certificateDone());
        journey->end();
    }
    EXPECT_EQ(test_support::findInWritableMemory(idNumber), std::nullopt);
}

// Against platform-sim on loopback: a case delivered by the sync loop is found by the lookup
// with the same ID, and its certificate (the simulator's PDF) comes out of the A4 printer.
TEST_F(JourneyServicesTest, AgainstPlatformSimTheDeliveredCaseIsFoundAndItsCertificatePrints)
{
    auto sim = platform_sim::Server::start(queue_test::simOptions());
    ASSERT_TRUE(sim) << sim.error().describe();
    auto uplink = queue_test::makeSimUplink((*sim)->baseUrl());
    auto input = queue_test::sampleCase(0); // 51070319520308002X, item printItem
    ASSERT_TRUE(store->enqueueCase(input));
    queue::SyncLoop loop(*store, *uplink, clock, queue_test::quickOptions());
    ASSERT_TRUE(queue_test::drain(loop, *store, clock));
    journey->setPlatform(uplink.get());

    hal::CardData citizen = card;
    citizen.idNumber = "51070319520308002X";
    ASSERT_TRUE(journey->chooseItem(snapshot, "Q1"));
    ASSERT_TRUE(journey->startApplying());
    journey->cardRead(citizen);
    ASSERT_TRUE(lookupDone());
    ASSERT_EQ(journey->progress().state(), LookupState::Found);
    ASSERT_EQ(journey->progress().rows().size(), 1u);
    EXPECT_EQ(journey->progress().rows()[0].caseNo, (*sim)->snapshot().cases.at(0).caseNo);
    EXPECT_EQ(journey->progress().rows()[0].statusText, "已接收");

    journey->end();
    ASSERT_TRUE(journey->chooseItem(snapshot, printItem));
    ASSERT_TRUE(journey->startApplying());
    journey->cardRead(citizen);
    ASSERT_TRUE(certificateDone());
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::Done);
    ASSERT_EQ(a4->printed().size(), 1u);
    EXPECT_TRUE(a4->printed()[0].starts_with("%PDF-"));
}

// A kiosk stopped (systemd, the watchdog) while a lookup or a certificate waits on a slow
// platform: the journey's workers abandon the request, they do not wait for the answer.
TEST_F(JourneyServicesTest, EndingTheJourneyMidRequestDoesNotWaitForTheSlowPlatform)
{
    for (const auto* code : {"Q1", printItem}) {
        auto sim = platform_sim::Server::start(queue_test::simOptions());
        ASSERT_TRUE(sim) << sim.error().describe();
        platform_sim::Faults slow;
        slow.latencyMs = 2000; // the platform takes 2 s to answer
        ASSERT_TRUE((*sim)->setFaults(slow));
        auto uplink = queue_test::makeSimUplink((*sim)->baseUrl());
        journey->setPlatform(uplink.get());
        ASSERT_TRUE(journey->chooseItem(snapshot, code));
        ASSERT_TRUE(journey->startApplying());
        journey->cardRead(card);
        ASSERT_TRUE(test_support::pollUntil([&] {
            return (*sim)->snapshot().counters.requests == 1;
        })) << code;
        const auto took = test_support::timeToStop([&] { journey.reset(); });
        EXPECT_LT(took, test_support::stopBound) << code << ": " << took.count() << " ms";
        SetUp(); // a new journey for the next round
    }
}

TEST_F(JourneyServicesTest, AgainstPlatformSimALateRatingArrivesOnceAndASecondIsRefusedKindly)
{
    auto sim = platform_sim::Server::start(queue_test::simOptions());
    ASSERT_TRUE(sim) << sim.error().describe();
    auto uplink = queue_test::makeSimUplink((*sim)->baseUrl());
    queue::SyncLoop loop(*store, *uplink, clock, queue_test::quickOptions());
    auto first = store->enqueueCase(queue_test::sampleCase(0)); // item printItem
    auto second = store->enqueueCase(queue_test::sampleCase(0));
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(queue_test::drain(loop, *store, clock));
    const auto caseNo = (*sim)->snapshot().cases.at(0).caseNo;

    // The receipt's URL carries the case number once delivered.
    const auto payload = classifyPayload(receiptUrl("https://zwfw.example.gov.cn/r/{ref}", caseNo),
                                         "https://zwfw.example.gov.cn/r/{ref}");
    ASSERT_TRUE(payload && payload->kind == PayloadKind::Receipt);
    journey->receiptCaseScanned(snapshot, scanned(*store, payload->receiptRef));
    ASSERT_EQ(journey->state(), SessionState::ReceiptShown);
    EXPECT_EQ(journey->progress().rows().at(0).caseNo, caseNo);
    ASSERT_TRUE(journey->rateReceipt());
    ASSERT_TRUE(journey->rate(5, {}));
    ASSERT_TRUE(queue_test::drain(loop, *store, clock));
    auto evaluations = (*sim)->snapshot().evaluations;
    ASSERT_EQ(evaluations.size(), 1u);
    EXPECT_EQ(evaluations[0].caseNo, caseNo);
    EXPECT_EQ(evaluations[0].channel, "kiosk");
    EXPECT_EQ(evaluations[0].level, 5);

    // The second case was rated elsewhere first (the platform's own QR page): the platform
    // refuses this kiosk's rating with 409 already_rated.
    const auto key = base::makeUuidV4();
    const nlohmann::json elsewhere{{"evaluationId", key},
                                   {"kioskId", queue_test::kioskId},
                                   {"submissionId", second->submissionId},
                                   {"itemCode", printItem},
                                   {"channel", "qr"},
                                   {"level", 3},
                                   {"reasons", nlohmann::json::array()},
                                   {"comment", ""},
                                   {"evaluatedAt", "2026-11-23T10:16:40+08:00"}};
    auto rated =
        uplink->send({"POST", "/v1/evaluations", "application/json", elsewhere.dump(), key, {}});
    ASSERT_TRUE(rated);
    ASSERT_EQ(rated->status, 201);

    journey->end();
    journey->receiptCaseScanned(snapshot, scanned(*store, second->submissionId));
    ASSERT_TRUE(journey->canRateReceipt()) << "this kiosk cannot know of the other rating";
    ASSERT_TRUE(journey->rateReceipt());
    ASSERT_TRUE(journey->rate(4, {}));
    ASSERT_TRUE(queue_test::drain(loop, *store, clock));
    const auto records = store->list();
    ASSERT_TRUE(records);
    const auto refused = std::ranges::find_if(*records, [&](const queue::RecordSummary& r) {
        return r.kind == queue::RecordKind::Evaluation && r.submissionId == second->submissionId;
    });
    ASSERT_NE(refused, records->end());
    EXPECT_EQ(refused->state, queue::RecordState::DeadLetter) << "not retried forever";
    EXPECT_NE(refused->lastError.find("409 already_rated"), std::string::npos);
    const int attempts = refused->attempts;
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(loop.runPass());
        clock.advance(1min);
    }
    EXPECT_EQ(store->show(refused->id)->summary.attempts, attempts);
    EXPECT_EQ((*sim)->snapshot().evaluations.size(), 2u) << "the first rating stands";

    journey->end();
    journey->receiptCaseScanned(snapshot, scanned(*store, second->submissionId));
    EXPECT_EQ(journey->receiptRating(), ReceiptRating::AlreadyRated);
    EXPECT_EQ(journey->message(), "您已评价过此件，感谢您的反馈。");
    EXPECT_FALSE(journey->canRateReceipt());
}

namespace {

/// Where cups-pdf puts the jobs of a user it does not know (its packaged configuration).
const std::filesystem::path kAnonymousOut = "/var/spool/cups-pdf/ANONYMOUS";

std::set<std::filesystem::path> cupsPdfFiles()
{
    std::set<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(kAnonymousOut, error))
        files.insert(entry.path());
    return files;
}

std::string pdfText(const std::filesystem::path& pdf)
{
    std::string text;
    FILE* pipe = popen(("pdftotext '" + pdf.string() + "' - 2>/dev/null").c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        text.append(buffer.data(), n);
    pclose(pipe);
    return text;
}

/// The certificate flow end to end: platform-sim on loopback hands out the document of a
/// delivered case, the journey prints it through libcups on a private cupsd with the cups-pdf
/// printer (tests/support/private_cupsd.h, as drivers/a4_printer's own tests), and the screen
/// follows the job; what comes out is read back with pdftotext.
class CertificateThroughCups : public JourneyServicesTest {
protected:
    void SetUp() override
    {
        JourneyServicesTest::SetUp();
        cupsd_.addPdfQueue("kiosk-a4");
        options_.server = cupsd_.server();
        options_.user = "kiosk-journey-test"; // not a local account: cups-pdf's anonymous folder
        options_.pollInterval = 100ms;
        options_.timeout = 60s;
        auto sim = platform_sim::Server::start(queue_test::simOptions());
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        uplink_ = queue_test::makeSimUplink(sim_->baseUrl());
        ASSERT_TRUE(store->enqueueCase(queue_test::sampleCase(0))); // 51070319520308002X
        queue::SyncLoop loop(*store, *uplink_, clock, queue_test::quickOptions());
        ASSERT_TRUE(queue_test::drain(loop, *store, clock));
        journey->setPlatform(uplink_.get());
        before_ = cupsPdfFiles();
    }
    void TearDown() override
    {
        // Only this test's output: the files cups-pdf wrote that carry our case's document.
        for (const auto& file : cupsPdfFiles())
            if (!before_.contains(file) && pdfText(file).find(documentId()) != std::string::npos)
                std::filesystem::remove(file);
    }

    std::string documentId() const { return "DOC-" + sim_->snapshot().cases.at(0).caseNo; }

    /// The citizen of the delivered case asks for its certificate on `queue`.
    void printOn(const std::string& queue)
    {
        journey->setDocumentPrinter(
            std::make_shared<drivers::a4_printer::CupsDocumentPrinter>(queue, options_));
        hal::CardData citizen = card;
        citizen.idNumber = "51070319520308002X";
        ASSERT_TRUE(journey->chooseItem(snapshot, printItem));
        ASSERT_TRUE(journey->startApplying());
        journey->cardRead(citizen);
        ASSERT_TRUE(owner.runUntil([&] { return !isBusy(journey->certificate().status()); }, 60s));
    }

    test_support::PrivateCupsd cupsd_;
    drivers::a4_printer::CupsOptions options_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<queue::CurlUplink> uplink_;
    std::set<std::filesystem::path> before_;
};

} // namespace

TEST_F(CertificateThroughCups, TheDocumentComesOutOfCupsPdfAndTheScreenSaysDone)
{
    printOn("kiosk-a4");
    ASSERT_EQ(journey->certificate().status(), CertificateStatus::Done)
        << toString(journey->certificate().status());
    std::string found;
    test_support::pollUntil([&] { // cups-pdf renames its output last
        for (const auto& file : cupsPdfFiles())
            if (!before_.contains(file))
                if (auto text = pdfText(file); text.find(documentId()) != std::string::npos)
                    found = text;
        return !found.empty();
    });
    EXPECT_NE(found.find("Document " + documentId()), std::string::npos)
        << "cups-pdf wrote the certificate to " << kAnonymousOut;
}

TEST_F(CertificateThroughCups, AStoppedPrinterIsToldNotWaitedFor)
{
    cupsd_.stopQueue("kiosk-a4");
    printOn("kiosk-a4");
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::PrinterStopped)
        << toString(journey->certificate().status());
    EXPECT_NE(journey->certificate().message().find("停止"), std::string::npos);
}

TEST_F(CertificateThroughCups, AMissingQueueIsToldAsNotSetUp)
{
    printOn("no-such-queue");
    EXPECT_EQ(journey->certificate().status(), CertificateStatus::QueueMissing)
        << toString(journey->certificate().status());
}
