// SPDX-License-Identifier: Apache-2.0
// Renders Main.qml with the shipped catalog (home, one guide, search by initials and search
// by a synonym, every step of an application driven through the real journey with the fake
// card and printer, portrait and landscape; home with the staff marker of a held upload queue;
// the form's on-screen keyboards alone, KeyboardScreenshots), saves the pictures as PNG and
// checks that each image is the right size and really shows something: several colours, dark
// text, the blue top bar. They go to the build tree (tests/qml/screenshots/) unless
// `--output-dir DIR` says otherwise: scripts/screenshots passes docs/screenshots to refresh
// the committed ones, so a test run never changes the source tree.
#include "base/clock.h"
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/registry.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "kiosk/core/maintenance_access.h"
#include "kiosk/core/service_catalog.h"
#include "offline_queue/store.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"
#include "qml/maintenance_view_model.h"
#include "qml/session_view_model.h"
#include "qml/uplink_status.h"
#include "tests/qml/journey_fixture.h"
#include "tests/qml/journey_screens.h"
#include "tests/qml/qt_environment.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cstring>
#include <functional>
#include <iostream>
#include <memory>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

/// Qt's warnings during a test: a QML error (a delegate that fails to load, a binding on
/// an undefined value) often still renders something plausible, so any warning fails.
QStringList& qtWarnings()
{
    static QStringList warnings;
    return warnings;
}

void recordWarnings(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    // Containers and CI runners often lack XDG_RUNTIME_DIR; Qt says so and carries on.
    if (type != QtDebugMsg && type != QtInfoMsg && !message.startsWith("QStandardPaths:"))
        qtWarnings().append(message);
}

/// Where the pictures go: the build tree's KIOSK_SCREENSHOT_DIR, or --output-dir.
QString& outputDir()
{
    static QString dir = QStringLiteral(KIOSK_SCREENSHOT_DIR);
    return dir;
}

/// The catalog the kiosk ships (kiosk/data/catalog.json): the screenshots show what
/// citizens will see, 200 items and all.
kiosk::core::Catalog screenshotCatalog()
{
    auto catalog = kiosk::core::loadCatalogFile(kiosk::core::shippedCatalogPath().string());
    if (!catalog)
        throw std::runtime_error(catalog.error().describe());
    return std::move(*catalog);
}

/// The guide shown in the screenshots: the most popular item that can be applied for
/// (it has a form, materials and the 开始办理 button), else the most popular item.
std::string showcaseItem(const kiosk::core::Catalog& catalog)
{
    const auto popular = catalog.popular(catalog.items.size());
    for (const auto* item : popular)
        if (item->kind == kiosk::core::ItemKind::Apply)
            return item->code;
    return popular.empty() ? catalog.items.front().code : popular.front()->code;
}

struct ImageStats {
    int distinctColours = 0;
    double darkTextShare = 0; ///< pixels dark enough to be body text
};

ImageStats measure(const QImage& image)
{
    QSet<QRgb> colours;
    qint64 dark = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            colours.insert(pixel);
            if (qRed(pixel) < 80 && qGreen(pixel) < 80 && qBlue(pixel) < 80)
                ++dark;
        }
    return {static_cast<int>(colours.size()),
            double(dark) / (double(image.width()) * image.height())};
}

using test_support::applicationItem;
using test_support::Drive;

class Screenshots : public ::testing::Test {
protected:
    void SetUp() override
    {
        viewModel_.setCatalog(&catalog_);
        qtWarnings().clear();
        fixture_ = std::make_unique<test_support::ScreenJourney>(viewModel_);
    }

    Drive toForm()
    {
        return [this](kiosk::core::Journey& journey) {
            fixture_->toForm(journey);
        };
    }
    Drive toConfirm()
    {
        return [this](kiosk::core::Journey& journey) {
            fixture_->toConfirm(journey);
        };
    }
    Drive toSubmitted()
    {
        return [this](kiosk::core::Journey& journey) {
            fixture_->toSubmitted(journey);
        };
    }

    void TearDown() override
    {
        EXPECT_TRUE(qtWarnings().isEmpty()) << qtWarnings().join('\n').toStdString();
    }

    /// Shows Main.qml at `size`, optionally opens the guide of `itemCode` or the search screen
    /// with `query` typed, or lets `drive` move the journey on, and grabs the frame.
    QImage render(QSize size, const std::string& itemCode = {}, const QString& query = {},
                  const Drive& drive = {})
    {
        fixture_->journey().end();
        if (elder_)
            fixture_->session().setElderMode(true); // 长辈版, tapped first
        QQmlApplicationEngine engine;
        // A fixed clock and still frames keep the committed screenshots stable run to run.
        auto* window = test_support::showMain(
            engine, {&viewModel_, &fixture_->session(), &uplink_, &maintenance_}, size);
        if (window == nullptr)
            return {};
        if (!itemCode.empty()) {
            QMetaObject::invokeMethod(window, "showGuide",
                                      Q_ARG(QVariant, QString::fromStdString(itemCode)));
            EXPECT_TRUE(
                QTest::qWaitFor([&] { return !window->property("switching").toBool(); }, 5000));
        }
        if (!query.isEmpty()) {
            QMetaObject::invokeMethod(window, "showSearch");
            auto* stack = window->property("stack").value<QObject*>();
            EXPECT_TRUE(
                QTest::qWaitFor([&] { return !window->property("switching").toBool(); }, 5000));
            stack->property("currentItem").value<QObject*>()->setProperty("query", query);
        }
        if (!homePage_.isEmpty()) {
            auto* stack = window->property("stack").value<QObject*>();
            stack->property("currentItem").value<QObject*>()->setProperty("page", homePage_);
            if (!homeTheme_.isEmpty())
                QMetaObject::invokeMethod(stack->property("currentItem").value<QObject*>(),
                                          "showItems", Q_ARG(QVariant, homeTheme_));
        }
        if (drive) {
            drive(fixture_->journey());
            EXPECT_TRUE(test_support::settled(*window, fixture_->journey()));
        }
        EXPECT_TRUE(QTest::qWaitForWindowExposed(window));
        return window->grabWindow();
    }

    /// Renders the screen as renderOneAndCheck does, once in the standard mode and once in
    /// 长辈版 (the same file name with "elder-" before it).
    void renderAndCheck(const std::string& fileName, QSize size, const std::string& itemCode = {},
                        const QString& query = {}, const Drive& drive = {})
    {
        renderOneAndCheck(fileName, size, itemCode, query, drive);
        elder_ = true;
        renderOneAndCheck("elder-" + fileName, size, itemCode, query, drive);
        elder_ = false;
    }

    void renderOneAndCheck(const std::string& fileName, QSize size,
                           const std::string& itemCode = {}, const QString& query = {},
                           const Drive& drive = {}, bool mostlyDarkText = true)
    {
        SCOPED_TRACE(fileName);
        const QImage image = render(size, itemCode, query, drive);
        ASSERT_FALSE(image.isNull()) << "Main.qml did not load";
        EXPECT_EQ(image.size(), size);

        const QString path = QDir(outputDir()).filePath(QString::fromStdString(fileName));
        QDir().mkpath(outputDir());
        EXPECT_TRUE(image.save(path, "PNG")) << path.toStdString();

        const auto stats = measure(image);
        EXPECT_GE(stats.distinctColours, 50) << "looks blank";
        if (mostlyDarkText) {
            EXPECT_GE(stats.darkTextShare, 0.005) << "hardly any dark text";
        }
        // The top bar (government blue) is where it belongs.
        EXPECT_EQ(image.pixelColor(4, 4), QColor("#0B3D91"));
    }

    /// Every step of an application, in portrait and in landscape.
    void renderJourney(const std::string& step, const Drive& drive)
    {
        renderAndCheck(step + "-portrait.png", {1080, 1920}, {}, {}, drive);
        renderAndCheck(step + "-landscape.png", {1920, 1080}, {}, {}, drive);
    }

    kiosk::core::Catalog catalog_ = screenshotCatalog();
    kiosk::ui::CatalogViewModel viewModel_;
    kiosk::ui::UplinkStatus uplink_;
    std::unique_ptr<test_support::ScreenJourney> fixture_;
    bool elder_ = false; ///< render in 长辈版
    QString homePage_;   ///< 长辈版's home screen: which of its pages (start | themes | items)
    QString homeTheme_;  ///< ... and on the items page, the theme chosen
    kiosk::ui::MaintenanceViewModel maintenance_; ///< no access: closed, unless a test opens it
};

TEST_F(Screenshots, HomePortrait)
{
    renderAndCheck("home-portrait.png", {1080, 1920});
}

TEST_F(Screenshots, HomeLandscape)
{
    renderAndCheck("home-landscape.png", {1920, 1080});
}

/// 长辈版's home screen has pages of its own: the themes, and a theme's items a page at a time.
TEST_F(Screenshots, ElderHomePages)
{
    elder_ = true;
    homePage_ = "themes";
    // White words on the coloured theme tiles: little dark text on this page by design.
    renderOneAndCheck("elder-home-themes-portrait.png", {1080, 1920}, {}, {}, {}, false);
    renderOneAndCheck("elder-home-themes-landscape.png", {1920, 1080}, {}, {}, {}, false);
    homePage_ = "items";
    homeTheme_ = "社会保险";
    renderOneAndCheck("elder-home-items-portrait.png", {1080, 1920});
    renderOneAndCheck("elder-home-items-landscape.png", {1920, 1080});
    elder_ = false;
    homePage_.clear();
    homeTheme_.clear();
}

TEST_F(Screenshots, GuidePortrait)
{
    renderAndCheck("guide-portrait.png", {1080, 1920}, showcaseItem(catalog_));
}

TEST_F(Screenshots, GuideLandscape)
{
    renderAndCheck("guide-landscape.png", {1920, 1080}, showcaseItem(catalog_));
}

TEST_F(Screenshots, SearchPortrait)
{
    // 社会保险 by its initials, as typed on the letter keys.
    renderAndCheck("search-portrait.png", {1080, 1920}, {}, "shbx");
}

TEST_F(Screenshots, SearchLandscape)
{
    renderAndCheck("search-landscape.png", {1920, 1080}, {}, "shbx");
}

TEST_F(Screenshots, SearchSynonymPortrait)
{
    // SB for 社保, the everyday word: 社会保险 items, each saying "社保 → 社会保险".
    renderAndCheck("search-synonym-portrait.png", {1080, 1920}, {}, "sb");
}

TEST_F(Screenshots, SearchSynonymLandscape)
{
    renderAndCheck("search-synonym-landscape.png", {1920, 1080}, {}, "shebao");
}

TEST_F(Screenshots, HomeQueueHeldPortrait)
{
    // For the technicians' section of the README: the staff marker of a held upload queue.
    uplink_.setQueueHeld(true);
    renderAndCheck("home-queue-held-portrait.png", {1080, 1920});
    const QImage image = render({1080, 1920});
    // The calm notice strip under the 128 px top bar, not an alarm colour.
    EXPECT_EQ(image.pixelColor(4, 128 + 10), QColor("#FFF3CD"));
}

TEST_F(Screenshots, MaintenancePortrait)
{
    // For the README's maintenance section: the screen after the gesture and the code, with
    // a disconnected card reader, a queue with dead letters and the link down.
    base::ManualClock clock;
    QTemporaryDir dir;
    kiosk::core::MaintenanceOptions options;
    const std::string_view secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    options.secret = *kiosk::core::decodeBase32(secret);
    auto access =
        kiosk::core::MaintenanceAccess::open(dir.path().toStdString(), options, nullptr, clock);
    ASSERT_TRUE(access);
    kiosk::core::MaintenanceServices services;
    services.devices = [] {
        std::vector<hal::DeviceStatus> devices(4);
        devices[0].deviceClass = hal::DeviceClass::CardReader;
        devices[0].state = hal::DeviceState::Disconnected;
        devices[0].health = hal::Health::Fault;
        devices[0].detail = "not connected: /dev/ttyACM0";
        devices[1].deviceClass = hal::DeviceClass::CodeScanner;
        devices[1].state = hal::DeviceState::Ready;
        devices[2].deviceClass = hal::DeviceClass::ReceiptPrinter;
        devices[2].state = hal::DeviceState::Ready;
        devices[3].deviceClass = hal::DeviceClass::ReviewTablet;
        devices[3].state = hal::DeviceState::Ready;
        return devices;
    };
    services.queueCounts = [] {
        return base::Result<queue::QueueCounts>(queue::QueueCounts{
            .pending = 3, .delivered = 41, .deadLetter = 2, .oldestPendingAgeS = 620});
    };
    services.catalogVersion = [] {
        return std::int64_t{2026112401};
    };
    services.linkState = [] {
        return std::string("down");
    };
    for (const auto& [id, label] :
         {std::pair{"audit_verify", "校验审计记录"}, std::pair{"print_test", "打印测试凭条"}})
        services.diagnostics.push_back({id, label, [] {
                                            return base::Result<std::string>("ok");
                                        }});
    (*access)->setServices(std::move(services));
    maintenance_.setAccess(access->get());
    maintenance_.requestAccess();
    clock.advance(std::chrono::seconds(30));
    maintenance_.submitCode(QString::fromStdString(kiosk::core::totp(options.secret, clock.now())));
    ASSERT_EQ(maintenance_.state(), "open");

    const QImage image = render({1080, 1920});
    maintenance_.logout();
    maintenance_.setAccess(nullptr);
    ASSERT_FALSE(image.isNull());
    const QString path = QDir(outputDir()).filePath("maintenance-portrait.png");
    QDir().mkpath(outputDir());
    EXPECT_TRUE(image.save(path, "PNG")) << path.toStdString();
    const auto stats = measure(image);
    EXPECT_GE(stats.distinctColours, 50) << "looks blank";
    EXPECT_GE(stats.darkTextShare, 0.005) << "hardly any dark text";
    // The maintenance band, not the citizen's blue bar.
    EXPECT_EQ(image.pixelColor(4, 4), QColor("#37474F"));
}

TEST_F(Screenshots, JourneyIdentify)
{
    renderJourney("journey-1-identify", [this](kiosk::core::Journey& journey) {
        ASSERT_TRUE(journey.chooseItem(viewModel_.snapshot(), applicationItem(catalog_)));
        ASSERT_TRUE(journey.startApplying());
    });
}

TEST_F(Screenshots, JourneyManualIdentity)
{
    renderJourney("journey-2-manual-identity", [this](kiosk::core::Journey& journey) {
        ASSERT_TRUE(journey.chooseItem(viewModel_.snapshot(), applicationItem(catalog_)));
        ASSERT_TRUE(journey.startApplying());
        ASSERT_TRUE(journey.enterManually());
    });
}

TEST_F(Screenshots, JourneyForm)
{
    renderJourney("journey-3-form", [this](kiosk::core::Journey& journey) {
        toForm()(journey);
        journey.setField("phone", "1380000"); // half typed: its problem shows under it
    });
}

TEST_F(Screenshots, JourneyConfirm)
{
    renderJourney("journey-4-confirm", toConfirm());
}

TEST_F(Screenshots, JourneyMaterials)
{
    // The document camera as the demo has it: a still picture through the V4L2 driver's image:
    // source.
    auto camera = drivers::createDocumentCamera("image:" KIOSK_DOCUMENT_PAGE);
    ASSERT_TRUE(camera) << camera.error().describe();
    fixture_->useCamera(*camera);
    renderJourney("journey-3a-materials", [this](kiosk::core::Journey& journey) {
        fixture_->toMaterialPhotographed(journey);
    });
}

TEST_F(Screenshots, JourneyMaterialsCameraMissing)
{
    fixture_->camera().unplug();
    renderJourney("journey-3b-materials-no-camera",
                  [this](kiosk::core::Journey& journey) { fixture_->toMaterials(journey); });
}

TEST_F(Screenshots, JourneySubmitted)
{
    renderJourney("journey-5-submitted", toSubmitted());
}

TEST_F(Screenshots, JourneyPaperOut)
{
    fixture_->printer().setCondition(hal::PrinterCondition::PaperOut);
    renderJourney("journey-6-paper-out", toSubmitted());
}

TEST_F(Screenshots, JourneyRating)
{
    renderJourney("journey-7-rating",
                  [this](kiosk::core::Journey& journey) { fixture_->toRating(journey); });
}

TEST_F(Screenshots, JourneyRatingOnTheTablet)
{
    renderJourney("journey-7-rating-tablet",
                  [this](kiosk::core::Journey& journey) { fixture_->toRatingOnTablet(journey); });
}

TEST_F(Screenshots, JourneyProgress)
{
    renderJourney("journey-8-progress",
                  [this](kiosk::core::Journey& journey) { fixture_->toProgress(journey); });
}

TEST_F(Screenshots, JourneyProgressUnreachable)
{
    // The platform out of reach: said so, and that a case kept on this kiosk is safe.
    fixture_->platform().setLinkDown(true);
    renderJourney("journey-9-progress-unreachable",
                  [this](kiosk::core::Journey& journey) { fixture_->toProgress(journey); });
}

TEST_F(Screenshots, JourneyDocumentPrinted)
{
    renderJourney("journey-10-document",
                  [this](kiosk::core::Journey& journey) { fixture_->toDocument(journey); });
}

TEST_F(Screenshots, JourneyDocumentAborted)
{
    renderJourney("journey-11-document-aborted", [this](kiosk::core::Journey& journey) {
        fixture_->a4().failNext(hal::DocumentJobState::Aborted, "job-completed-with-errors");
        fixture_->toDocument(journey);
    });
}

/// The on-screen keyboards of the form screens, each alone on the screen's background at
/// the width a portrait form gives it (1016 px: 1080 less the margins); the pinyin keyboard
/// also at a landscape width, with "shehui" typed so the candidate bar shows its words.
class KeyboardScreenshots : public ::testing::Test {
protected:
    void SetUp() override { qtWarnings().clear(); }
    void TearDown() override
    {
        EXPECT_TRUE(qtWarnings().isEmpty()) << qtWarnings().join('\n').toStdString();
    }

    void renderAndCheck(const char* fileName, const QString& keyboard, int width,
                        const QString& letters = {})
    {
        const QString qml = QStringLiteral(R"(
import QtQuick
import Kiosk.Ui
Window {
    width: %1 + 64
    height: keyboard.height + 64
    color: Theme.background
    %2 {
        id: keyboard
        x: 32
        y: 32
        width: %1
        Component.onCompleted: {
            for (const letter of "%3")
                keyboard.input.type(letter)
        }
    }
}
)")
                                .arg(width)
                                .arg(keyboard, letters);
        QQmlApplicationEngine engine;
        engine.addImportPath("qrc:/qt/qml");
        engine.loadData(qml.toUtf8());
        ASSERT_FALSE(engine.rootObjects().isEmpty()) << keyboard.toStdString() << " did not load";
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        ASSERT_NE(window, nullptr);
        window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window));
        const QImage image = window->grabWindow();
        EXPECT_EQ(image.width(), width + 64);

        const QString path = QDir(outputDir()).filePath(fileName);
        QDir().mkpath(outputDir());
        EXPECT_TRUE(image.save(path, "PNG")) << path.toStdString();
        EXPECT_GE(measure(image).distinctColours, 50) << "looks blank";
        // The keys' outline, the government blue, below the top margin.
        bool blue = false;
        for (int x = 32; x < image.width() - 32 && !blue; ++x)
            for (int y = 32; y < image.height() - 32 && !blue; ++y)
                blue = image.pixelColor(x, y) == QColor("#0B3D91");
        EXPECT_TRUE(blue) << "no key drawn";
    }
};

TEST_F(KeyboardScreenshots, PinyinPortrait)
{
    renderAndCheck("keyboard-pinyin-portrait.png", "PinyinKeyboard", 1016, "shehui");
}

TEST_F(KeyboardScreenshots, PinyinLandscape)
{
    renderAndCheck("keyboard-pinyin-landscape.png", "PinyinKeyboard", 1856, "shehui");
}

TEST_F(KeyboardScreenshots, Digits)
{
    renderAndCheck("keyboard-digits.png", "DigitKeyboard", 1016);
}

TEST_F(KeyboardScreenshots, IdNumber)
{
    renderAndCheck("keyboard-id-number.png", "IdNumberKeyboard", 1016);
}

TEST_F(KeyboardScreenshots, Phone)
{
    renderAndCheck("keyboard-phone.png", "PhoneKeyboard", 1016);
}

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv); // takes the --gtest_* options out of argv
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--output-dir") == 0 && i + 1 < argc) {
            outputDir() = QString::fromLocal8Bit(argv[++i]);
        } else if (std::strncmp(argv[i], "--output-dir=", 13) == 0) {
            outputDir() = QString::fromLocal8Bit(argv[i] + 13);
        } else {
            std::cerr << "usage: qml_screenshot_test [--gtest_...] [--output-dir DIR]\n"
                         "  DIR: where the PNGs go (default "
                      << KIOSK_SCREENSHOT_DIR << ")\n";
            return 2;
        }
    }
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"screenshot_test", false, recordWarnings}));
    return RUN_ALL_TESTS();
}
