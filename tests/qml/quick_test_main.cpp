// SPDX-License-Identifier: Apache-2.0
// The Qt Quick Test runner of tests/qml/quick/tst_*.qml: the screens get the real
// view-models over the fixture catalog as the context property `fixtureCatalog`, and a real
// journey (a queue on disk in a temporary folder, the fake receipt printer and card reader)
// as `fixtureSession`, with `fixtureDevices` to put a card on the reader, take the paper out or
// attach (and unplug) the fake document camera.
#include "base/clock.h"
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_camera.h"
#include "drivers/fake/fake_document_printer.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "kiosk/core/audit_verify.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "kiosk/core/maintenance_access.h"
#include "kiosk/core/scanned_payload.h"
#include "offline_queue/store.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"
#include "qml/maintenance_view_model.h"
#include "qml/session_view_model.h"
#include "tests/support/fake_platform.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <algorithm>
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

    /// A case of item `itemCode` stored in the journey's queue (as if applied for earlier);
    /// returns its submission id, the ref its receipt's QR carries while it is queued.
    Q_INVOKABLE QString storeCase(const QString& itemCode)
    {
        queue::CaseInput input;
        input.body = {{"kioskId", "SC-510703-0042"},
                      {"itemCode", itemCode.toStdString()},
                      {"form", {{"phone", "13808161234"}}},
                      {"createdAt", "2026-11-24T09:12:00+08:00"}};
        auto ref = store_ ? store_->enqueueCase(std::move(input))
                          : base::Result<queue::SubmissionRef>(
                                base::fail(base::errc::unsupported, "no queue"));
        return ref ? QString::fromStdString(ref->submissionId) : QString();
    }
    /// A receipt scanned on an idle screen, as JourneyLinks hands it over: a code with a bad
    /// id is refused with its words; a receipt's case comes from the queue.
    Q_INVOKABLE void scanReceiptCode(const QString& text)
    {
        auto payload = kiosk::core::classifyPayload(text.toStdString());
        if (!payload) {
            session_.deliverCodeRefusal(std::string(kiosk::core::citizenMessage(payload.error())));
            return;
        }
        session_.deliverReceiptCase(
            kiosk::core::findReceiptCase(*store_->list(), payload->receiptRef));
    }
    void setStore(queue::Store* store) { store_ = store; }

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
    queue::Store* store_ = nullptr;
};

/// Waits for what a citizen's eye waits for: the screen laid out. Screens change at once under
/// the software renderer (Main.qml), so a test may find the new screen before its rows and
/// keys have their places; a tap then would land where nothing is drawn.
class FixtureFrames : public QObject {
    Q_OBJECT

public:
    /// True once nothing in `window` waits to be laid out (polished), within 5 s.
    Q_INVOKABLE bool waitForLayout(QQuickWindow* window) const
    {
        return window != nullptr && QQuickTest::qWaitForPolish(window);
    }
};

/// The technicians' side (tst_maintenance.qml): the codes of a ManualClock that moves 30 s
/// per code asked, dead letters in the journey's queue, and the audit trail's records.
class FixtureMaintenance : public QObject {
    Q_OBJECT

public:
    FixtureMaintenance(queue::Store& store, base::ManualClock& clock, const QTemporaryDir& dir)
        : store_(store), clock_(clock), dir_(dir)
    {
    }
    static constexpr std::string_view secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    /// The code of the next 30 s step (a code opens once).
    Q_INVOKABLE QString nextCode()
    {
        clock_.advance(std::chrono::seconds(30));
        return QString::fromStdString(
            kiosk::core::totp(*kiosk::core::decodeBase32(secret), clock_.now()));
    }
    /// Time passes on the maintenance clock (the idle limit).
    Q_INVOKABLE void advanceSeconds(int seconds) { clock_.advance(std::chrono::seconds(seconds)); }
    /// The lock's 15 minutes pass.
    Q_INVOKABLE void waitOutLock() { clock_.advance(std::chrono::minutes(16)); }
    /// `count` cases that the platform refused for good.
    Q_INVOKABLE void addDeadLetters(int count)
    {
        for (int i = 0; i < count; ++i) {
            queue::CaseInput input;
            input.body = {{"itemCode", "TEST"}, {"form", nlohmann::json::object()}};
            auto ref = store_.enqueueCase(std::move(input));
            if (ref)
                (void)store_.markDeadLetter(ref->caseRecordId, "refused");
        }
    }
    Q_INVOKABLE int deadLetters() const
    {
        auto counts = store_.counts();
        return counts ? static_cast<int>(counts->deadLetter) : -1;
    }
    /// How many records of `event` the audit trail holds.
    Q_INVOKABLE int audited(const QString& event) const
    {
        auto records = kiosk::core::readAuditRecords(dir_.path().toStdString(), "");
        if (!records)
            return -1;
        return static_cast<int>(std::count_if(records->begin(), records->end(), [&](const auto& r) {
            return r.value("event", "") == event.toStdString();
        }));
    }

private:
    queue::Store& store_;
    base::ManualClock& clock_;
    const QTemporaryDir& dir_;
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
        devices_.setStore(store_.get());
        platform_.setCases({{"510703-20261120-000087", "11510703060000000X400009003",
                             "社会保障卡挂失", "in_review", "2026-11-20T15:42:00+08:00"}});
        journey_.setPlatform(&platform_);
        journey_.setDocumentPrinter(a4_);
        viewModel_.setCertificatePrinting(true);
        maintenance_.setAccess(access_.get());
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
        engine->rootContext()->setContextProperty("fixtureMaintenance", &maintenance_);
        engine->rootContext()->setContextProperty("fixtureMaintenanceDesk", &desk_);
        engine->rootContext()->setContextProperty("fixtureFrames", &frames_);
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
    base::ManualClock maintenanceClock_;
    QTemporaryDir maintenanceDir_;
    std::unique_ptr<kiosk::core::AuditTrail> audit_ = openAudit();
    std::unique_ptr<kiosk::core::MaintenanceAccess> access_ = openAccess();
    kiosk::ui::MaintenanceViewModel maintenance_;
    FixtureMaintenance desk_{*store_, maintenanceClock_, maintenanceDir_};
    FixtureFrames frames_;

    std::unique_ptr<kiosk::core::AuditTrail> openAudit()
    {
        auto trail = kiosk::core::AuditTrail::open(maintenanceDir_.path().toStdString(), {},
                                                   maintenanceClock_);
        if (!trail) {
            std::fprintf(stderr, "test audit trail: %s\n", trail.error().describe().c_str());
            std::exit(EXIT_FAILURE);
        }
        return std::move(*trail);
    }
    /// The real rules over the journey's queue, with a fake device list and link state.
    std::unique_ptr<kiosk::core::MaintenanceAccess> openAccess()
    {
        kiosk::core::MaintenanceOptions options;
        options.secret = *kiosk::core::decodeBase32(FixtureMaintenance::secret);
        auto access = kiosk::core::MaintenanceAccess::open(
            maintenanceDir_.path().toStdString(), options, audit_.get(), maintenanceClock_);
        if (!access) {
            std::fprintf(stderr, "test maintenance: %s\n", access.error().describe().c_str());
            std::exit(EXIT_FAILURE);
        }
        kiosk::core::MaintenanceServices services;
        services.devices = [] {
            hal::DeviceStatus printer;
            printer.deviceClass = hal::DeviceClass::ReceiptPrinter;
            printer.backend = "fake";
            printer.state = hal::DeviceState::Ready;
            return std::vector<hal::DeviceStatus>{printer};
        };
        services.queueCounts = [this] {
            return store_->counts();
        };
        services.retryDeadLetters = [this] {
            return store_->retryDeadLetters();
        };
        services.catalogVersion = [] {
            return std::int64_t{2026112401};
        };
        services.linkState = [] {
            return std::string("down");
        };
        services.diagnostics.push_back({"audit_verify", "校验审计记录", [this] {
                                            return base::Result<std::string>("审计记录完整");
                                        }});
        (*access)->setServices(std::move(services));
        return std::move(*access);
    }

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
