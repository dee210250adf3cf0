// SPDX-License-Identifier: Apache-2.0
// SessionViewModel: what the screens read of the journey. Card data reaches QML only masked,
// the form's values only for what the citizen types, and nothing of the citizen is left in
// any property once the session ends.
#include "base/clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_camera.h"
#include "drivers/fake/fake_document_printer.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "offline_queue/store.h"
#include "qml/catalog_view_model.h"
#include "qml/session_view_model.h"
#include "tests/support/fake_platform.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <QMetaProperty>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QVariantList>
#include <QVariantMap>

#include <mutex>
#include <vector>

namespace {

constexpr auto cardLoss = "11510703060000000X400009003"; // 社会保障卡挂失: name, ID, phone

class SessionViewModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto loaded = kiosk::core::loadCatalogFile(KIOSK_FIXTURE_CATALOG);
        ASSERT_TRUE(loaded) << loaded.error().describe();
        catalog = std::move(*loaded);
        catalogViewModel.setCatalog(&catalog);
    }

    /// Every property of the view-model as text, to search for the citizen's data.
    QString everything() const
    {
        QString all;
        const auto* meta = session.metaObject();
        for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i)
            all += meta->property(i).read(&session).toString() + "\n";
        for (const auto& list : {session.fields(), session.summary()})
            for (const auto& row : list)
                for (const auto& value : row.toMap())
                    all += value.toString() + "\n";
        for (const auto& value : session.values())
            all += value.toString() + "\n";
        return all;
    }

    kiosk::core::Catalog catalog;
    kiosk::ui::CatalogViewModel catalogViewModel;
    kiosk::core::Journey journey{base::systemClock(), {}, [](std::function<void()>) {
                                 }};
    kiosk::ui::SessionViewModel session{journey, catalogViewModel};
    hal::CardData card = drivers::fake::sampleCards().front();
};

} // namespace

TEST_F(SessionViewModelTest, TheScreenFollowsTheJourney)
{
    EXPECT_EQ(session.screen(), "home");
    EXPECT_TRUE(session.idle());
    session.chooseItem(cardLoss);
    EXPECT_EQ(session.screen(), "guide");
    EXPECT_FALSE(session.idle());
    session.startApplying();
    EXPECT_EQ(session.screen(), "identify");
    session.enterManually();
    EXPECT_EQ(session.screen(), "manual_identity");
    session.back();
    EXPECT_EQ(session.screen(), "identify");
}

TEST_F(SessionViewModelTest, ServingPreferencesAreMirroredAndGoWithTheSession)
{
    QSignalSpy changed(&session, &kiosk::ui::SessionViewModel::changed);
    EXPECT_FALSE(session.elderMode());
    EXPECT_FALSE(session.voiceOn());
    EXPECT_EQ(session.language(), "zh_CN");

    session.setElderMode(true);
    EXPECT_TRUE(session.elderMode());
    EXPECT_TRUE(session.voiceOn()) << "长辈版 speaks by default";
    EXPECT_GE(changed.count(), 1);
    session.setVoiceOn(false);
    EXPECT_FALSE(session.voiceOn());
    EXPECT_TRUE(session.setLanguage("en_US"));
    EXPECT_FALSE(session.setLanguage("xx_XX"));
    EXPECT_EQ(session.language(), "en_US");

    session.chooseItem(cardLoss);
    session.end();
    EXPECT_FALSE(session.elderMode());
    EXPECT_FALSE(session.voiceOn());
    EXPECT_EQ(session.language(), "zh_CN");
}

TEST_F(SessionViewModelTest, CardDataReachesTheScreensOnlyMasked)
{
    session.chooseItem(cardLoss);
    session.startApplying();
    journey.cardRead(card);
    ASSERT_EQ(session.screen(), "form");
    EXPECT_EQ(session.maskedName(), "李**");
    EXPECT_EQ(session.identifiedBy(), "card");
    session.setField("phone", "13800000000");
    const auto all = everything();
    EXPECT_FALSE(all.contains(QString::fromStdString(card.name)));
    EXPECT_FALSE(all.contains(QString::fromStdString(card.idNumber)));
    EXPECT_TRUE(all.contains("13800000000")) << "what the citizen typed is shown as typed";
    const auto fields = session.fields();
    ASSERT_EQ(fields.size(), 3);
    EXPECT_TRUE(fields[0].toMap()["locked"].toBool());
    EXPECT_EQ(fields[0].toMap()["shown"].toString(), "李**");
    EXPECT_FALSE(fields[2].toMap()["locked"].toBool());

    // The confirmation screen's summary masks them the same way.
    session.completeForm();
    ASSERT_EQ(session.screen(), "confirm");
    const auto confirming = everything();
    EXPECT_FALSE(confirming.contains(QString::fromStdString(card.name)));
    EXPECT_FALSE(confirming.contains(QString::fromStdString(card.idNumber)));
    EXPECT_TRUE(confirming.contains("李**"));
    EXPECT_TRUE(confirming.contains("13800000000"));
}

TEST_F(SessionViewModelTest, NothingOfTheCitizenIsLeftWhenTheSessionEnds)
{
    session.chooseItem(cardLoss);
    session.startApplying();
    journey.cardRead(card);
    session.setField("phone", "13800000000");
    session.completeForm();
    ASSERT_EQ(session.screen(), "confirm");
    ASSERT_FALSE(session.summary().isEmpty());
    session.end();
    EXPECT_EQ(session.screen(), "home");
    const auto all = everything();
    EXPECT_FALSE(all.contains("13800000000"));
    EXPECT_FALSE(all.contains(QString::fromUtf8("李")));
    EXPECT_TRUE(session.fields().isEmpty());
    EXPECT_TRUE(session.summary().isEmpty());
    EXPECT_TRUE(session.values().isEmpty());
    EXPECT_TRUE(session.maskedIdNumber().isEmpty());
}

// The materials step as the screens read it (MaterialsViewModel): a camera that is missing
// sends the materials to a counter, the confirmation lists them, and the end clears it all.
TEST_F(SessionViewModelTest, TheMaterialsScreenFollowsTheJourneyAndIsClearedAtTheEnd)
{
    auto camera = std::make_shared<drivers::fake::FakeDocumentCamera>();
    ASSERT_TRUE(camera->open());
    camera->unplug(); // refused at once: no frame and no capture needed
    auto* materials = session.materials();
    materials->setCamera(camera);
    session.chooseItem(cardLoss);
    session.startApplying();
    journey.cardRead(card);
    session.setField("phone", "13800000000");
    session.completeForm();
    ASSERT_EQ(session.screen(), "materials");
    EXPECT_EQ(materials->currentName(), "居民身份证");
    EXPECT_TRUE(materials->currentRequired());
    EXPECT_EQ(materials->cameraState(), "failed");
    EXPECT_EQ(materials->currentStatus(), "at_counter");
    EXPECT_TRUE(materials->message().startsWith("高拍仪暂时不能使用"));
    EXPECT_TRUE(materials->complete());
    materials->finish();
    ASSERT_EQ(session.screen(), "confirm");
    EXPECT_EQ(materials->summaryText(), "居民身份证（请到服务窗口补交）");

    session.end();
    EXPECT_TRUE(materials->entries().isEmpty());
    EXPECT_TRUE(materials->summaryText().isEmpty());
    EXPECT_EQ(materials->feed()->frames(), 0);
    EXPECT_TRUE(materials->feed()->frame().isNull());
    materials->setCamera(nullptr);
    camera->close();
}

namespace {

/// Tasks the journey posts to its owner thread, run by the test.
struct PostedTasks {
    std::mutex mutex;
    std::vector<std::function<void()>> tasks;
    /// Runs what was posted until `done` holds (bounded by pollUntil).
    template <class Done> bool runUntil(Done&& done)
    {
        return test_support::pollUntil([&] {
            std::vector<std::function<void()>> now;
            {
                std::lock_guard lock(mutex);
                now.swap(tasks);
            }
            for (auto& task : now)
                task();
            return done();
        });
    }
};

} // namespace

TEST_F(SessionViewModelTest, TheLookupAndTheCertificateAreMirroredAndGoWithTheSession)
{
    PostedTasks posted;
    test_support::FakePlatform platform;
    platform.setCases({{"510703-20261120-000087", cardLoss, "社会保障卡挂失", "approved",
                        "2026-11-20T15:42:00+08:00"}});
    kiosk::core::Journey services{base::systemClock(), {}, [&](std::function<void()> task) {
                                      std::lock_guard lock(posted.mutex);
                                      posted.tasks.push_back(std::move(task));
                                  }};
    services.setPlatform(&platform);
    services.setDocumentPrinter(std::make_shared<drivers::fake::FakeDocumentPrinter>());
    kiosk::ui::SessionViewModel view{services, catalogViewModel};

    view.chooseItem("11510703010000000X400009009"); // 居民身份证办理进度查询
    EXPECT_EQ(view.itemFlow(), "progress_lookup");
    view.startApplying();
    services.cardRead(card);
    EXPECT_EQ(view.screen(), "progress");
    EXPECT_EQ(view.lookupState(), "waiting");
    ASSERT_TRUE(posted.runUntil([&] { return view.lookupState() != "waiting"; }));
    EXPECT_EQ(view.lookupState(), "found");
    const auto rows = view.progressRows();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].toMap().value("statusText").toString(), "已通过");
    EXPECT_EQ(rows[0].toMap().value("updatedText").toString(), "2026年11月20日 15:42");

    view.end();
    view.chooseItem("11510703060000000X400009001"); // 社会保险个人参保证明打印
    EXPECT_EQ(view.itemFlow(), "certificate");
    view.startApplying();
    services.cardRead(card);
    EXPECT_EQ(view.screen(), "document");
    EXPECT_TRUE(view.certificateBusy());
    ASSERT_TRUE(posted.runUntil([&] { return !view.certificateBusy(); }));
    EXPECT_EQ(view.certificateState(), "done");
    EXPECT_FALSE(view.certificateCanRetry());

    view.end();
    EXPECT_TRUE(view.progressRows().isEmpty());
    EXPECT_EQ(view.lookupState(), "none");
    EXPECT_EQ(view.certificateState(), "none");
    EXPECT_EQ(view.maskedName(), "");
}

TEST_F(SessionViewModelTest, AReceiptScannedAtHomeShowsItsCaseOnlyAndIsRatedOnce)
{
    QTemporaryDir dir;
    auto store = queue::Store::open(dir.filePath("queue.db").toStdString());
    ASSERT_TRUE(store) << store.error().describe();
    queue::CaseInput input;
    input.body = {
        {"kioskId", "SC-510703-0042"},
        {"itemCode", cardLoss},
        {"applicant", {{"idType", "resident"}, {"idNumber", card.idNumber}, {"name", card.name}}},
        {"form", {{"phone", "13808161234"}}},
        {"createdAt", "2026-11-24T10:15:00+08:00"}};
    auto ref = (*store)->enqueueCase(std::move(input));
    ASSERT_TRUE(ref) << ref.error().describe();
    journey.setStore(store->get());
    auto scan = [&] {
        journey.receiptCaseScanned(
            catalogViewModel.snapshot(),
            kiosk::core::findReceiptCase(*(*store)->list(), ref->submissionId));
    };

    scan();
    EXPECT_EQ(session.screen(), "progress");
    EXPECT_TRUE(session.fromReceipt());
    const auto rows = session.progressRows();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].toMap().value("itemName").toString(), "社会保障卡挂失");
    EXPECT_TRUE(session.canRateReceipt());
    EXPECT_EQ(session.receiptRating(), "open");
    const auto shown = everything();
    EXPECT_FALSE(shown.contains(QString::fromStdString(card.name))) << "no name from a receipt";
    EXPECT_FALSE(shown.contains(QString::fromStdString(card.idNumber)));
    EXPECT_EQ(session.maskedName(), "");

    session.rateReceipt();
    EXPECT_EQ(session.screen(), "rating");
    session.rate(5, {});
    EXPECT_EQ(session.screen(), "finished");
    session.end();

    scan();
    EXPECT_EQ(session.screen(), "progress");
    EXPECT_FALSE(session.canRateReceipt()) << "no second prompt";
    EXPECT_EQ(session.receiptRating(), "already_rated");
    EXPECT_EQ(session.message(), "您已评价过此件，感谢您的反馈。");
    session.back();
    EXPECT_EQ(session.screen(), "home");
    EXPECT_TRUE(session.progressRows().isEmpty());
    journey.setStore(nullptr);
}
