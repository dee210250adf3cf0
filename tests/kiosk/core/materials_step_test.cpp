// SPDX-License-Identifier: Apache-2.0
// Tests of the materials step: which materials, capture on the step's worker into the
// session, retake, next, skip (optional only), and the counter when the camera is missing or
// fails, with the fake document camera.
#include "kiosk/core/materials_step.h"

#include "base/manual_clock.h"
#include "drivers/fake/fake_document_camera.h"
#include "hal/errc.h"
#include "tests/support/owner_thread.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>

using namespace kiosk::core;

namespace {

CatalogItem itemWithMaterials()
{
    CatalogItem item;
    item.code = "X2";
    item.name = "城乡居民基本养老保险参保登记";
    item.guide.materials = {
        {"居民身份证", true}, {"居民户口簿", true}, {"本人银行卡或存折", false}};
    return item;
}

class MaterialsStepTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(camera->open());
        step.setCamera(camera);
    }
    void TearDown() override { camera->close(); }

    /// Enters the step and waits for the preview's first frame: the camera's clock stands
    /// still, so no other frame comes (and a failure injected next hits the still).
    void begin()
    {
        std::atomic<int> frames = 0;
        auto counted = camera->preview.connect([&](const hal::PreviewFrame&) { ++frames; });
        step.begin(item);
        ASSERT_TRUE(test_support::pollUntil([&] { return frames > 0; }));
    }

    /// 拍照 and the still's outcome back on the owner thread.
    void takePhoto()
    {
        ASSERT_TRUE(step.capture());
        EXPECT_EQ(step.cameraState(), CameraState::Capturing);
        ASSERT_TRUE(posted.runPosted());
    }

    CatalogItem item = itemWithMaterials();
    Session session;
    test_support::OwnerThread posted;
    int changes = 0;
    base::ManualClock cameraClock;
    std::shared_ptr<drivers::fake::FakeDocumentCamera> camera =
        std::make_shared<drivers::fake::FakeDocumentCamera>(cameraClock);
    MaterialsStep step{session, base::systemClock(), posted.post(), [this] {
                           ++changes;
                       }};
};

} // namespace

TEST(MaterialsToPhotograph, ListsEveryMaterialOfTheGuideInOrderWithItsRequiredFlag)
{
    const auto entries = materialsToPhotograph(itemWithMaterials());
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].name, "居民身份证");
    EXPECT_TRUE(entries[1].required);
    EXPECT_FALSE(entries[2].required);
    EXPECT_EQ(entries[2].status, MaterialStatus::Pending);
}

TEST(MaterialsStep, AppliesOnlyWithACameraConfiguredAndMaterialsListed)
{
    Session session;
    MaterialsStep step{session, base::systemClock(), [](std::function<void()>) {},
                       [] {
                       }};
    EXPECT_FALSE(step.appliesTo(itemWithMaterials())) << "no camera: no material photos";
    step.setCamera(std::make_shared<drivers::fake::FakeDocumentCamera>());
    EXPECT_TRUE(step.appliesTo(itemWithMaterials()));
    EXPECT_FALSE(step.appliesTo(CatalogItem{})) << "nothing to photograph";
}

TEST_F(MaterialsStepTest, AStillIsTakenIntoTheSessionAndTheListMovesOn)
{
    begin();
    EXPECT_EQ(step.cameraState(), CameraState::Previewing);
    EXPECT_TRUE(camera->previewing());
    EXPECT_FALSE(step.complete());
    EXPECT_FALSE(step.next()) << "the current material has no photo yet";
    EXPECT_NE(step.message().find("请先拍摄"), std::string::npos);

    takePhoto();
    EXPECT_EQ(step.cameraState(), CameraState::Previewing) << "the preview stays for a retake";
    EXPECT_EQ(step.entries()[0].status, MaterialStatus::Photographed);
    ASSERT_TRUE(session.photos().contains("居民身份证"));
    const auto& jpeg = session.photos().at("居民身份证").bytes();
    ASSERT_GE(jpeg.size(), 2u);
    EXPECT_EQ(jpeg[0], 0xFF); // a JPEG's SOI marker
    EXPECT_EQ(jpeg[1], 0xD8);
    EXPECT_GT(changes, 0);
    ASSERT_TRUE(step.next());
    EXPECT_EQ(step.current(), 1u);
}

TEST_F(MaterialsStepTest, RetakeWipesThePhotoAndAnotherIsTaken)
{
    begin();
    takePhoto();
    EXPECT_FALSE(step.capture()) << "photographed: retake first";
    ASSERT_TRUE(step.retake());
    EXPECT_FALSE(session.photos().contains("居民身份证"));
    EXPECT_EQ(step.entries()[0].status, MaterialStatus::Pending);
    takePhoto();
    EXPECT_TRUE(session.photos().contains("居民身份证"));
}

TEST_F(MaterialsStepTest, OnlyAnOptionalMaterialCanBeSkipped)
{
    step.begin(item);
    EXPECT_FALSE(step.skip());
    EXPECT_NE(step.message().find("不能跳过"), std::string::npos);
    takePhoto();
    ASSERT_TRUE(step.next());
    takePhoto();
    ASSERT_TRUE(step.next());
    EXPECT_FALSE(step.complete());
    ASSERT_TRUE(step.skip()); // 本人银行卡或存折 is optional
    EXPECT_EQ(step.entries()[2].status, MaterialStatus::Skipped);
    EXPECT_TRUE(step.complete());
    EXPECT_EQ(session.photos().size(), 2u);
}

TEST_F(MaterialsStepTest, PhotosTheSessionHoldsCountAsDoneWhenTheStepIsVisitedAgain)
{
    begin();
    takePhoto();
    step.pause();
    EXPECT_FALSE(camera->previewing()) << "the camera is off away from the screen";
    step.begin(item);
    EXPECT_EQ(step.entries()[0].status, MaterialStatus::Photographed);
    EXPECT_EQ(step.current(), 1u) << "the first material without a photo";
}

TEST_F(MaterialsStepTest, AMissingCameraSendsTheMaterialsToACounterAndTheStepCanEnd)
{
    camera->unplug();
    step.begin(item);
    if (step.cameraState() != CameraState::Failed) {
        ASSERT_TRUE(
            posted.runPosted()); // refused on the camera's thread: told through previewFailed
    }
    EXPECT_EQ(step.cameraState(), CameraState::Failed);
    EXPECT_NE(step.message().find("高拍仪暂时不能使用"), std::string::npos);
    EXPECT_NE(step.message().find("服务窗口"), std::string::npos);
    EXPECT_NE(step.message().find("居民户口簿"), std::string::npos);
    EXPECT_NE(step.message().find("您填写的内容已保存"), std::string::npos);
    for (const auto& entry : step.entries())
        EXPECT_EQ(entry.status, MaterialStatus::AtCounter) << entry.name;
    EXPECT_TRUE(step.complete());
    EXPECT_FALSE(step.capture());
}

TEST_F(MaterialsStepTest, ACameraFailingAtTheCaptureKeepsThePhotosTakenAndSendsTheRestToACounter)
{
    begin();
    takePhoto();
    ASSERT_TRUE(step.next());
    camera->failNext(base::Error{hal::errc::no_device, "unplugged"});
    takePhoto();
    EXPECT_EQ(step.cameraState(), CameraState::Failed);
    EXPECT_EQ(step.entries()[0].status, MaterialStatus::Photographed);
    EXPECT_EQ(step.entries()[1].status, MaterialStatus::AtCounter);
    EXPECT_TRUE(session.photos().contains("居民身份证")) << "nothing lost";
    EXPECT_TRUE(step.complete());
}

TEST_F(MaterialsStepTest, AFailedStillOnAWorkingCameraAsksForAnotherTry)
{
    begin();
    camera->failNext(base::Error{hal::errc::timeout, "no frame"});
    takePhoto();
    EXPECT_EQ(step.cameraState(), CameraState::Previewing);
    EXPECT_EQ(step.entries()[0].status, MaterialStatus::Pending);
    EXPECT_NE(step.message().find("再拍一次"), std::string::npos);
}

TEST_F(MaterialsStepTest, AStillArrivingAfterTheSessionEndedIsDropped)
{
    begin();
    ASSERT_TRUE(step.capture());
    step.reset();
    EXPECT_FALSE(camera->previewing());
    // The still may have been taken before the reset dropped the job: it is dropped on arrival.
    (void)posted.runPosted(std::chrono::milliseconds(500));
    EXPECT_TRUE(session.photos().empty());
    EXPECT_TRUE(step.entries().empty());
    EXPECT_EQ(step.cameraState(), CameraState::Off);
}
