// SPDX-License-Identifier: Apache-2.0
// SessionViewModel: what the screens read of the journey. Card data reaches QML only masked,
// the form's values only for what the citizen types, and nothing of the citizen is left in
// any property once the session ends.
#include "base/clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_camera.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "qml/catalog_view_model.h"
#include "qml/session_view_model.h"

#include <gtest/gtest.h>

#include <QMetaProperty>
#include <QVariantList>
#include <QVariantMap>

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
