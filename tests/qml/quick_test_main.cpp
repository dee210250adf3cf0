// SPDX-License-Identifier: Apache-2.0
// The Qt Quick Test runner of tests/qml/quick/tst_*.qml: the screens get the real
// view-models over the fixture catalog as the context property `fixtureCatalog`, and a real
// journey (a queue on disk in a temporary folder, the fake receipt printer and card reader)
// as `fixtureSession`, with `fixtureDevices` to put a card on the reader, take the paper out or
// attach (and unplug) the fake document camera.
#include "base/clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_camera.h"
#include "drivers/fake/fake_document_printer.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "offline_queue/store.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"
#include "qml/session_view_model.h"
#include "tests/support/fake_platform.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <cstdio>
#include <cstdlib>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

kiosk::core::Catalog loadFixture()
{
    auto catalog = kiosk::core::loadCatalogFile(KIOSK_FIXTURE_CATALOG);
    if (!catalog) {
        std::fprintf(stderr, "fixture catalog: %s\n", catalog.error().describe().c_str());
        std::exit(EXIT_FAILURE);
    }
    return std::move(*catalog);
}

std::unique_ptr<queue::Store> openQueue(const QTemporaryDir& dir)
{
    auto opened = queue::Store::open(dir.filePath("queue.db").toStdString());
    if (!opened) {
        std::fprintf(stderr, "test queue: %s\n", opened.error().describe().c_str());
        std::exit(EXIT_FAILURE);
    }
    return std::move(*opened);
}

} // namespace

/// What the tests do to the devices: put a sample card on the reader, take the paper out,
/// scan a receipt, cut the platform off, make the A4 printer fail.
class FixtureDevices : public QObject {
    Q_OBJECT

public:
    FixtureDevices(kiosk::ui::SessionViewModel& session, drivers::fake::FakeReceiptPrinter& printer,
                   test_support::FakePlatform& platform, drivers::fake::FakeDocumentPrinter& a4)
        : session_(session), printer_(printer), platform_(platform), a4_(a4)
    {
        (void)camera_->open();
    }
    ~FixtureDevices() override
    {
        session_.materials()->setCamera(nullptr);
        camera_->close();
    }

    /// The fake document camera configured or not ([devices] document_camera): with it, an
    /// item's materials are photographed between the form and the confirmation.
    Q_INVOKABLE void useCamera(bool use)
    {
        session_.materials()->setCamera(use ? camera_ : nullptr);
        if (!use)
            camera_->plug();
    }
    /// The camera unplugged (or back).
    Q_INVOKABLE void plugCamera(bool plugged)
    {
        if (plugged)
            camera_->plug();
        else
            camera_->unplug();
    }

    /// The platform cannot be reached (true) or answers again.
    Q_INVOKABLE void setPlatformDown(bool down) { platform_.setLinkDown(down); }
    /// The next certificate job ends "aborted" or "stopped" (the print system's words).
    Q_INVOKABLE void failNextCertificate(const QString& state)
    {
        a4_.failNext(state == "stopped" ? hal::DocumentJobState::Stopped
                                        : hal::DocumentJobState::Aborted,
                     "scripted failure");
    }
    Q_INVOKABLE int certificatesPrinted() const { return static_cast<int>(a4_.printed().size()); }
    /// A receipt of this kiosk scanned, its case still queued (or, with an empty reference,
    /// another kiosk's receipt).
    Q_INVOKABLE void scanReceipt(const QString& itemCode)
    {
        std::optional<kiosk::core::ProgressRow> row;
        if (!itemCode.isEmpty()) {
            row.emplace();
            row->itemName = itemCode.toStdString();
            row->status = "queued";
            row->statusText = "已保存在本机，联网后自动提交";
            row->updatedText = "2026年11月24日 09:12";
        }
        session_.deliverReceiptScan(std::move(row));
    }

    /// Sample card `index` (0: a resident) read by the reader.
    Q_INVOKABLE void putCard(int index)
    {
        session_.deliverCard(drivers::fake::sampleCards().at(static_cast<std::size_t>(index)));
    }
    /// A read that failed ("media": the card could not be read; "gone": no reader).
    Q_INVOKABLE void failRead(const QString& kind)
    {
        session_.deliverCardFailure(base::Error{
            kind == "gone" ? hal::errc::no_device : hal::errc::media, "scripted failure"});
    }
    Q_INVOKABLE void setPaperOut(bool out)
    {
        printer_.setCondition(out ? hal::PrinterCondition::PaperOut : hal::PrinterCondition::Ready);
    }
    Q_INVOKABLE int receiptsPrinted() const { return static_cast<int>(printer_.printed().size()); }

private:
    kiosk::ui::SessionViewModel& session_;
    drivers::fake::FakeReceiptPrinter& printer_;
    std::shared_ptr<drivers::fake::FakeDocumentCamera> camera_ =
        std::make_shared<drivers::fake::FakeDocumentCamera>();
    test_support::FakePlatform& platform_;
    drivers::fake::FakeDocumentPrinter& a4_;
};

class Setup : public QObject {
    Q_OBJECT

public:
    Setup()
    {
        viewModel_.setCatalog(&catalog_);
        (void)printer_->open();
        journey_.setPrinter(printer_);
        journey_.setStore(store_.get());
        platform_.setCases({{"510703-20261120-000087", "11510703060000000X400009003",
                             "社会保障卡挂失", "in_review", "2026-11-20T15:42:00+08:00"}});
        journey_.setPlatform(&platform_);
        journey_.setDocumentPrinter(a4_);
        viewModel_.setCertificatePrinting(true);
    }

public slots:
    void applicationAvailable()
    {
        if (!kiosk::ui::useChineseFont())
            qWarning("WenQuanYi Micro Hei is not installed; text metrics will differ");
    }

    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath("qrc:/qt/qml");
        engine->rootContext()->setContextProperty("fixtureCatalog", &viewModel_);
        engine->rootContext()->setContextProperty("fixtureSession", &session_);
        engine->rootContext()->setContextProperty("fixtureDevices", &devices_);
    }

private:
    kiosk::core::Catalog catalog_ = loadFixture();
    kiosk::ui::CatalogViewModel viewModel_;
    QTemporaryDir queueDir_;
    std::unique_ptr<queue::Store> store_ = openQueue(queueDir_);
    kiosk::core::Journey journey_{base::systemClock(), options(), [](std::function<void()> task) {
                                      QMetaObject::invokeMethod(qApp, std::move(task),
                                                                Qt::QueuedConnection);
                                  }};
    kiosk::ui::SessionViewModel session_{journey_, viewModel_};
    std::shared_ptr<drivers::fake::FakeReceiptPrinter> printer_ =
        std::make_shared<drivers::fake::FakeReceiptPrinter>();
    test_support::FakePlatform platform_;
    std::shared_ptr<drivers::fake::FakeDocumentPrinter> a4_ =
        std::make_shared<drivers::fake::FakeDocumentPrinter>();
    FixtureDevices devices_{session_, *printer_, platform_, *a4_};

    kiosk::core::JourneyOptions options()
    {
        kiosk::core::JourneyOptions o;
        o.kioskId = "SC-510703-0042";
        o.receipt.location = "涪城区城郊街道便民服务中心";
        o.receipt.qrUrlTemplate = "https://zwfw.example.gov.cn/r/{ref}";
        return o;
    }
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_ui, Setup)

#include "quick_test_main.moc"
