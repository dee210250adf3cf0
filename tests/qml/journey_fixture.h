// SPDX-License-Identifier: Apache-2.0
// ScreenJourney: a real kiosk::core::Journey for tests that show the screens (the screenshot
// and screen-reader tests): a queue on disk in a temporary folder, the fake receipt printer (and
// the fake document camera for the materials screen),
// the session view-model over a catalog view-model, and the steps that take a citizen with
// the sample resident card from the guide of an application item to the thanks screen.
#pragma once

#include "base/clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_camera.h"
#include "drivers/fake/fake_document_printer.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/fake/fake_review_tablet.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "offline_queue/store.h"
#include "qml/catalog_view_model.h"
#include "qml/session_view_model.h"
#include "tests/support/fake_platform.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QMetaObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <string>

namespace test_support {

/// The first popular item the kiosk can take an application for.
inline std::string applicationItem(const kiosk::core::Catalog& catalog)
{
    for (const auto* item : catalog.popular(catalog.items.size()))
        if (kiosk::core::canApplyAtKiosk(*item))
            return item->code;
    return {};
}

/// The first enabled item whose flow is `flow` with an A4 printer (a progress lookup, a
/// certificate).
inline std::string itemOfFlow(const kiosk::core::Catalog& catalog, kiosk::core::ItemFlow flow)
{
    for (const auto& item : catalog.items)
        if (item.enabled && kiosk::core::itemFlow(item, true) == flow)
            return item.code;
    return {};
}

/// A case number as the platform would give it, so pictures and trees are the same every run
/// (the kiosk's own reference is a random UUID).
inline constexpr auto fixtureCaseNo = "510703-20261124-000123";

/// One step of a test: moves the journey on.
using Drive = std::function<void(kiosk::core::Journey&)>;

class ScreenJourney {
public:
    /// `catalog` shows the catalog the items come from and must outlive this. `adjust` may
    /// change the journey's options (the idle prompt's timing, for one).
    explicit ScreenJourney(kiosk::ui::CatalogViewModel& catalog,
                           const std::function<void(kiosk::core::JourneyOptions&)>& adjust = {})
        : catalog_(catalog)
    {
        auto store = queue::Store::open(queueDir_.filePath("queue.db").toStdString());
        if (!store)
            throw std::runtime_error(store.error().describe());
        store_ = std::move(*store);
        kiosk::core::JourneyOptions options;
        options.kioskId = "SC-510703-0042";
        options.receipt.location = "涪城区城郊街道便民服务中心";
        options.receipt.qrUrlTemplate = "https://zwfw.example.gov.cn/r/{ref}";
        if (adjust)
            adjust(options);
        journey_ = std::make_unique<kiosk::core::Journey>(
            base::systemClock(), options, [](std::function<void()> task) {
                QMetaObject::invokeMethod(qApp, std::move(task), Qt::QueuedConnection);
            });
        journey_->setStore(store_.get());
        (void)printer_->open();
        journey_->setPrinter(printer_);
        // The online lookups: a platform that knows two cases of the citizen and has a
        // certificate, and the fake A4 printer.
        platform_.setCases(
            {{"510703-20261120-000087", "11510703060000000X400000083",
              "城乡居民基本养老保险参保登记", "in_review", "2026-11-20T15:42:00+08:00"},
             {"510703-20261102-000015", "11510703010000000X400000001", "居民身份证换领",
              "completed", "2026-11-06T09:05:00+08:00"}});
        journey_->setPlatform(&platform_);
        journey_->setDocumentPrinter(a4_);
        catalog_.setCertificatePrinting(true);
        session_ = std::make_unique<kiosk::ui::SessionViewModel>(*journey_, catalog_);
        (void)camera_->open();
    }
    ~ScreenJourney()
    {
        session_->materials()->setCamera(nullptr);
        camera_->close();
        if (materialsCamera_)
            materialsCamera_->close();
    }
    ScreenJourney(const ScreenJourney&) = delete;
    ScreenJourney& operator=(const ScreenJourney&) = delete;

    [[nodiscard]] kiosk::core::Journey& journey() { return *journey_; }
    [[nodiscard]] kiosk::ui::SessionViewModel& session() { return *session_; }
    [[nodiscard]] drivers::fake::FakeReceiptPrinter& printer() { return *printer_; }
    [[nodiscard]] drivers::fake::FakeDocumentCamera& camera() { return *camera_; }
    /// The camera the materials screen uses instead of the fake (opened here; the screenshot
    /// test gives an image: camera over tests/data/document-page.jpg).
    void useCamera(std::shared_ptr<hal::DocumentCamera> camera)
    {
        (void)camera->open();
        materialsCamera_ = std::move(camera);
    }
    [[nodiscard]] FakePlatform& platform() { return platform_; }
    [[nodiscard]] drivers::fake::FakeDocumentPrinter& a4() { return *a4_; }

    // The steps, each from the home screen and through the ones before it.
    void toGuide(kiosk::core::Journey& journey)
    {
        const auto code = applicationItem(catalog_.snapshot()->catalog());
        ASSERT_TRUE(journey.chooseItem(catalog_.snapshot(), code));
    }
    void toIdentify(kiosk::core::Journey& journey)
    {
        toGuide(journey);
        ASSERT_TRUE(journey.startApplying());
    }
    void toForm(kiosk::core::Journey& journey)
    {
        toIdentify(journey);
        journey.cardRead(drivers::fake::sampleCards().front());
    }
    /// ... the form filled in as a citizen would (a phone number, the first of each choice).
    void toConfirm(kiosk::core::Journey& journey)
    {
        toForm(journey);
        for (const auto& field : journey.item()->form.fields) {
            if (journey.session().form().contains(field.id))
                continue;
            using T = kiosk::core::FieldType;
            journey.setField(field.id, field.type == T::Phone    ? "13800000000"
                                       : field.type == T::Choice ? field.options.front()
                                       : field.type == T::Date   ? "2026-11-01"
                                                                 : "涪城区临园路东段");
        }
        ASSERT_TRUE(journey.completeForm());
    }
    /// ... with the fake document camera attached: the form leads to the materials screen,
    /// which shows the camera's first preview frame (the fake's drawn page: the same every run).
    void toMaterials(kiosk::core::Journey& journey)
    {
        session_->materials()->setCamera(materialsCamera_ ? materialsCamera_ : camera_);
        toConfirm(journey);
        ASSERT_EQ(journey.state(), kiosk::core::SessionState::Photographing);
        // A frame, or the camera's failure (unplugged on purpose: nothing to preview).
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                return session_->materials()->feed()->frames() > 0 ||
                       journey.materials().cameraState() == kiosk::core::CameraState::Failed;
            },
            5000));
    }
    /// ... and the first material photographed.
    void toMaterialPhotographed(kiosk::core::Journey& journey)
    {
        toMaterials(journey);
        ASSERT_TRUE(journey.capturePhoto());
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                return journey.materials().entries().front().status ==
                       kiosk::core::MaterialStatus::Photographed;
            },
            5000));
    }
    /// ... submitted, with the platform's case number, once the receipt is done printing.
    void toSubmitted(kiosk::core::Journey& journey)
    {
        toConfirm(journey);
        ASSERT_TRUE(journey.confirm());
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return journey.state() == kiosk::core::SessionState::Submitted; }, 5000));
        journey.caseDelivered(journey.submissionId(), fixtureCaseNo);
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return journey.receiptState() != kiosk::core::ReceiptState::Printing; }, 5000));
    }
    void toRating(kiosk::core::Journey& journey)
    {
        toSubmitted(journey);
        ASSERT_TRUE(journey.toRating());
    }
    /// The rating prompt on a connected review tablet (the fake): the screen says so.
    void toRatingOnTablet(kiosk::core::Journey& journey)
    {
        (void)tablet_->open();
        journey.setTablet(tablet_);
        toRating(journey);
    }
    [[nodiscard]] drivers::fake::FakeReviewTablet& tablet() { return *tablet_; }
    void toFinished(kiosk::core::Journey& journey)
    {
        toRating(journey);
        ASSERT_TRUE(journey.skipRating());
    }
    /// A progress lookup by the sample card, once the platform answered.
    void toProgress(kiosk::core::Journey& journey)
    {
        identifyFor(journey, kiosk::core::ItemFlow::ProgressLookup);
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return journey.progress().state() != kiosk::core::LookupState::Waiting; }, 5000));
    }
    /// A certificate for the sample card, once the printer is done with it (or failed).
    void toDocument(kiosk::core::Journey& journey)
    {
        identifyFor(journey, kiosk::core::ItemFlow::Certificate);
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return !kiosk::core::isBusy(journey.certificate().status()); }, 5000));
    }

private:
    void identifyFor(kiosk::core::Journey& journey, kiosk::core::ItemFlow flow)
    {
        const auto code = itemOfFlow(catalog_.snapshot()->catalog(), flow);
        ASSERT_FALSE(code.empty()) << "no such item in the catalog";
        ASSERT_TRUE(journey.chooseItem(catalog_.snapshot(), code));
        ASSERT_TRUE(journey.startApplying());
        journey.cardRead(drivers::fake::sampleCards().front());
    }

    kiosk::ui::CatalogViewModel& catalog_;
    QTemporaryDir queueDir_;
    std::unique_ptr<queue::Store> store_;
    std::shared_ptr<drivers::fake::FakeReceiptPrinter> printer_ =
        std::make_shared<drivers::fake::FakeReceiptPrinter>();
    std::shared_ptr<drivers::fake::FakeReviewTablet> tablet_ =
        std::make_shared<drivers::fake::FakeReviewTablet>();
    std::shared_ptr<drivers::fake::FakeDocumentCamera> camera_ =
        std::make_shared<drivers::fake::FakeDocumentCamera>();
    std::shared_ptr<hal::DocumentCamera> materialsCamera_;
    FakePlatform platform_;
    std::shared_ptr<drivers::fake::FakeDocumentPrinter> a4_ =
        std::make_shared<drivers::fake::FakeDocumentPrinter>();
    std::unique_ptr<kiosk::core::Journey> journey_;
    std::unique_ptr<kiosk::ui::SessionViewModel> session_;
};

} // namespace test_support
