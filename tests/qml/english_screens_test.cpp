// SPDX-License-Identifier: Apache-2.0
// Every screen of the journey in English (en_US): Main.qml with the real core::Journey moved to
// each screen, as the screen-reader test does, after the citizen chose English. Every visible
// text and every accessible name a screen reader gets must be free of Chinese characters, except
// data: what the catalog says (item names, departments, the region, form labels, materials,
// guides), the citizen's own card and typed values, the platform's answers, and the language
// button's "中文" (the other language, named in itself). A failure names the screen, the item and
// the text. Also: the switch itself (the AccessBar's button, the session's end back to zh_CN),
// and that the check finds Chinese where there is some (the home screen in zh_CN).
#include "base/citizen_text.h"
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/citizen_words.h"
#include "kiosk/core/journey.h"
#include "kiosk/core/maintenance_access.h"
#include "qml/catalog_view_model.h"
#include "qml/citizen_words.h"
#include "qml/maintenance_view_model.h"
#include "qml/session_view_model.h"
#include "qml/ui_language.h"
#include "qml/uplink_status.h"
#include "tests/qml/journey_fixture.h"
#include "tests/qml/journey_screens.h"
#include "tests/qml/qt_environment.h"
#include "tests/support/shipped_catalog.h"

#include <gtest/gtest.h>

#include <QAccessible>
#include <QCoreApplication>
#include <QDateTime>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

using kiosk::core::Journey;
using test_support::ScreenJourney;

/// Han characters, CJK punctuation and full-width forms: none of it belongs in English text.
const QRegularExpression& chinese()
{
    static const QRegularExpression pattern(
        QStringLiteral("[\\x{3000}-\\x{303F}\\x{3400}-\\x{9FFF}\\x{FF00}-\\x{FFEF}]"));
    return pattern;
}

void collectStrings(const nlohmann::json& json, std::vector<QString>& out)
{
    if (json.is_string())
        out.push_back(QString::fromStdString(json.get<std::string>()));
    else if (json.is_structured())
        for (const auto& element : json)
            collectStrings(element, out);
}

/// What may stay Chinese on an English screen: data, never the UI's own words.
std::vector<QString> dataStrings(const kiosk::core::Catalog& catalog)
{
    std::vector<QString> out;
    collectStrings(kiosk::core::toJson(catalog), out);
    for (const auto& card : drivers::fake::sampleCards())
        for (const auto& text :
             {card.name, kiosk::core::maskName(card.name), card.address, card.nation, card.issuer})
            out.push_back(QString::fromStdString(text));
    // What the fixture types into the form, and its platform's cases.
    for (const auto* text : {"涪城区临园路东段", "城乡居民基本养老保险参保登记", "居民身份证换领"})
        out.push_back(QString::fromUtf8(text));
    out.push_back(QStringLiteral("中文")); // the language button: the other language
    std::ranges::sort(out, [](const QString& a, const QString& b) { return a.size() > b.size(); });
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](const QString& text) { return !text.contains(chinese()); }),
              out.end());
    return out;
}

/// `text` less every piece of data in it; what is left is the UI's own words.
QString withoutData(QString text, const std::vector<QString>& data)
{
    if (!text.contains(chinese()))
        return {};
    for (const auto& piece : data)
        if (text.contains(piece))
            text.replace(piece, QStringLiteral("…"));
    return text;
}

using test_support::objectPath;

/// Every visible text item (Text, TextInput, TextEdit) under `item` inside the window.
void visibleTexts(QQuickItem* item, const QRectF& window, std::vector<QQuickItem*>& out)
{
    if (item == nullptr || !item->isVisible() || item->opacity() <= 0)
        return;
    const bool text = item->inherits("QQuickText") || item->inherits("QQuickTextInput") ||
                      item->inherits("QQuickTextEdit");
    if (text && !item->property("text").toString().trimmed().isEmpty() &&
        item->mapRectToScene(item->boundingRect()).intersects(window))
        out.push_back(item);
    for (auto* child : item->childItems())
        visibleTexts(child, window, out);
}

void accessibleNames(QAccessibleInterface* node, std::vector<QAccessibleInterface*>& out)
{
    if (node == nullptr)
        return;
    for (int i = 0; i < node->childCount(); ++i) {
        auto* child = node->child(i);
        if (child == nullptr || child->state().invisible || child->state().offscreen)
            continue;
        out.push_back(child);
        accessibleNames(child, out);
    }
}

} // namespace

namespace test_support {
/// The screen's name in test logs (instead of its bytes).
[[maybe_unused]] void PrintTo(const JourneyScreen& screen, std::ostream* out)
{
    *out << screen.name;
}
} // namespace test_support

namespace {

class EnglishScreens : public ::testing::Test {
protected:
    void SetUp() override
    {
        viewModel_.setCatalog(&catalog_);
        fixture_ = std::make_unique<ScreenJourney>(viewModel_, [](kiosk::core::JourneyOptions& o) {
            o.warnBefore = o.idleTimeout; // the idle prompt on the first tick
        });
    }
    void TearDown() override
    {
        window_ = nullptr;
        language_.reset();
        engine_.reset();
        fixture_->journey().end();
    }

    static bool landscape() { return qEnvironmentVariableIsSet("KIOSK_TEST_LANDSCAPE"); }

    /// Main.qml with the session's language followed (as kiosk/app wires it).
    void show()
    {
        engine_ = std::make_unique<QQmlApplicationEngine>();
        engine_->addImportPath("qrc:/qt/qml");
        language_ =
            std::make_unique<kiosk::ui::UiLanguage>(*engine_, fixture_->session(), &viewModel_);
        engine_->setInitialProperties(
            {{"catalog", QVariant::fromValue(&viewModel_)},
             {"session", QVariant::fromValue(&fixture_->session())},
             {"uplink", QVariant::fromValue(&uplink_)},
             {"maintenance", QVariant::fromValue(&maintenance_)},
             {"clockOverride", QDateTime(QDate(2026, 11, 24), QTime(9, 30))},
             {"stillFrames", true}});
        engine_->load(QUrl("qrc:/qt/qml/Kiosk/Ui/Main.qml"));
        ASSERT_FALSE(engine_->rootObjects().isEmpty()) << "Main.qml did not load";
        window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
        ASSERT_NE(window_, nullptr);
        window_->resize(landscape() ? QSize(1920, 1080) : QSize(1080, 1920));
        window_->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window_));
    }

    void settle()
    {
        EXPECT_TRUE(test_support::settled(*window_, fixture_->journey()));
        QTest::qWait(50); // a popup's enter transition
    }

    /// The UI's own words left in Chinese on the window: "item: text" each.
    [[nodiscard]] std::vector<std::string> chineseLeft() const
    {
        std::vector<std::string> found;
        std::vector<QQuickItem*> texts;
        visibleTexts(window_->contentItem(), QRectF(QPointF(), window_->size()), texts);
        for (auto* text : texts) {
            const QString left = withoutData(text->property("text").toString(), data_);
            if (left.contains(chinese()))
                found.push_back("text at " + objectPath(text).toStdString() + ": \"" +
                                text->property("text").toString().simplified().toStdString() + '"');
        }
        std::vector<QAccessibleInterface*> nodes;
        accessibleNames(QAccessible::queryAccessibleInterface(window_), nodes);
        for (auto* node : nodes) {
            const QString name = node->text(QAccessible::Name);
            if (withoutData(name, data_).contains(chinese()))
                found.push_back(
                    "accessible name at " +
                    (node->object() ? objectPath(node->object()).toStdString() : std::string("?")) +
                    ": \"" + name.simplified().toStdString() + '"');
        }
        return found;
    }

    /// The technicians' screens: the real rules on a ManualClock, a device and a queue.
    void openMaintenance(bool signIn)
    {
        static constexpr std::string_view secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        if (!access_) {
            kiosk::core::MaintenanceOptions options;
            options.secret = *kiosk::core::decodeBase32(secret);
            auto access = kiosk::core::MaintenanceAccess::open(maintenanceDir_.path().toStdString(),
                                                               options, nullptr, maintenanceClock_);
            ASSERT_TRUE(access) << access.error().describe();
            kiosk::core::MaintenanceServices services;
            services.devices = [] {
                hal::DeviceStatus reader;
                reader.deviceClass = hal::DeviceClass::CardReader;
                reader.state = hal::DeviceState::Disconnected;
                return std::vector<hal::DeviceStatus>{reader};
            };
            services.queueCounts = [] {
                return base::Result<queue::QueueCounts>(
                    queue::QueueCounts{.pending = 1, .deadLetter = 2, .oldestPendingAgeS = 40});
            };
            services.linkState = [] {
                return std::string("down");
            };
            (*access)->setServices(std::move(services));
            access_ = std::move(*access);
            maintenance_.setAccess(access_.get());
        }
        maintenance_.requestAccess(); // what the hidden gesture does on the home screen
        if (signIn) {
            maintenanceClock_.advance(std::chrono::seconds(30));
            maintenance_.submitCode(QString::fromStdString(
                kiosk::core::totp(*kiosk::core::decodeBase32(secret), maintenanceClock_.now())));
        }
        settle();
    }

    kiosk::core::Catalog catalog_ = test_support::shippedCatalog();
    std::vector<QString> data_ = dataStrings(catalog_);
    base::ManualClock maintenanceClock_;
    QTemporaryDir maintenanceDir_;
    std::unique_ptr<kiosk::core::MaintenanceAccess> access_;
    kiosk::ui::MaintenanceViewModel maintenance_;
    kiosk::ui::CatalogViewModel viewModel_;
    kiosk::ui::UplinkStatus uplink_;
    std::unique_ptr<ScreenJourney> fixture_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    std::unique_ptr<kiosk::ui::UiLanguage> language_;
    QQuickWindow* window_ = nullptr;
};

class EnglishScreen : public EnglishScreens,
                      public ::testing::WithParamInterface<test_support::JourneyScreen> {};

TEST_P(EnglishScreen, ShowsNoChineseButData)
{
    const auto& screen = GetParam();
    if (screen.prepare)
        screen.prepare(*fixture_);
    ASSERT_TRUE(fixture_->session().setLanguage("en_US"));
    // KIOSK_TEST_ELDER: the same in 长辈版 (larger text), to look at the pictures for clipping.
    if (qEnvironmentVariableIsSet("KIOSK_TEST_ELDER"))
        fixture_->session().setElderMode(true);
    show();
    if (screen.drive)
        screen.drive(*fixture_, fixture_->journey());
    settle();
    if (screen.open)
        screen.open(*fixture_, *window_);
    settle();
    ASSERT_EQ(fixture_->session().language(), "en_US") << "the session kept its language";
    // For a reviewer: KIOSK_ENGLISH_SCREENSHOTS=<folder> saves each screen as it was checked.
    if (const auto folder = qEnvironmentVariable("KIOSK_ENGLISH_SCREENSHOTS"); !folder.isEmpty())
        window_->grabWindow().save(QStringLiteral("%1/%2-%3.png")
                                       .arg(folder, QString::fromStdString(screen.name),
                                            landscape() ? "landscape" : "portrait"));
    for (const auto& text : chineseLeft())
        ADD_FAILURE() << screen.name << (landscape() ? " (landscape)" : " (portrait)")
                      << ": Chinese left in the English UI: " << text;
}

// Every screen of every flow: the list the checker's walk and the screen-reader test share.
INSTANTIATE_TEST_SUITE_P(Journey, EnglishScreen,
                         ::testing::ValuesIn(test_support::journeyScreens()),
                         [](const ::testing::TestParamInfo<test_support::JourneyScreen>& param) {
                             return param.param.name;
                         });

TEST_F(EnglishScreens, TheTechniciansScreensToo)
{
    ASSERT_TRUE(fixture_->session().setLanguage("en_US"));
    show();
    settle();
    openMaintenance(false);
    ASSERT_EQ(maintenance_.state(), "login");
    for (const auto& text : chineseLeft())
        ADD_FAILURE() << "maintenance login: " << text;
    maintenance_.cancel();
    settle();
    openMaintenance(true);
    ASSERT_EQ(maintenance_.state(), "open");
    for (const auto& text : chineseLeft())
        ADD_FAILURE() << "maintenance: " << text;
    maintenance_.logout();
}

TEST_F(EnglishScreens, TheCheckFindsTheChineseUi)
{
    // The same walk in zh_CN finds the UI's own words: the check is not blind.
    show();
    settle();
    EXPECT_FALSE(chineseLeft().empty());
}

TEST_F(EnglishScreens, TheLanguageButtonSwitchesAndTheSessionsEndRestoresChinese)
{
    show();
    settle();
    auto* button = window_->findChild<QQuickItem*>("languageButton");
    ASSERT_NE(button, nullptr);
    EXPECT_EQ(button->property("text").toString(), "English");
    QMetaObject::invokeMethod(button, "clicked");
    settle();
    EXPECT_EQ(fixture_->session().language(), "en_US");
    EXPECT_EQ(kiosk::ui::UiLanguage::shown(), "en_US");
    EXPECT_EQ(button->property("text").toString(), QStringLiteral("中文"));
    for (const auto& text : chineseLeft())
        ADD_FAILURE() << "after the switch on screen: " << text;

    fixture_->journey().end(); // the citizen left: the next one starts in Chinese
    settle();
    EXPECT_EQ(kiosk::ui::UiLanguage::shown(), "zh_CN");
    EXPECT_EQ(button->property("text").toString(), "English");
    EXPECT_FALSE(chineseLeft().empty());
}

TEST_F(EnglishScreens, AnItemWithAnEnglishNameShowsItInEnglish)
{
    // The catalog's optional nameEn: shown in en_US, the Chinese name in zh_CN.
    auto& item = catalog_.items.front();
    item.nameEn = "Renewal of the resident ID card";
    viewModel_.setCatalog(&catalog_);
    show();
    settle();
    ASSERT_TRUE(fixture_->journey().chooseItem(viewModel_.snapshot(), item.code));
    settle();
    EXPECT_EQ(fixture_->session().itemName(), QString::fromStdString(item.name));
    ASSERT_TRUE(fixture_->session().setLanguage("en_US"));
    settle();
    EXPECT_EQ(fixture_->session().itemName(), "Renewal of the resident ID card");
    EXPECT_EQ(viewModel_.guide(QString::fromStdString(item.code)).value("name").toString(),
              "Renewal of the resident ID card");
}

TEST_F(EnglishScreens, KioskCoresTextsAreTranslatedWithTheirPartsKept)
{
    using kiosk::ui::citizenWords;
    using Text = base::CitizenText;
    namespace words = kiosk::core::words;
    show();
    // zh_CN: as kiosk/core wrote them.
    EXPECT_EQ(citizenWords(Text::tr("请填写姓名")), QStringLiteral("请填写姓名"));
    ASSERT_TRUE(fixture_->session().setLanguage("en_US"));
    settle();
    EXPECT_EQ(citizenWords(Text::tr("请填写姓名")), "Please fill in your name");
    // A template: the field's label is catalog data and stays.
    EXPECT_EQ(citizenWords(Text::format(words::fillIn, {"联系电话"})),
              QStringLiteral("Please fill in 联系电话"));
    EXPECT_EQ(citizenWords(Text::format(words::dateTime, {"2026", "11", "20", "15", "42"})),
              "2026-11-20 15:42");
    // A part that is a marked text itself, and a list of names.
    EXPECT_EQ(citizenWords(Text::format(words::receiptNotPrinted, {Text::tr("打印已取消。")})),
              "Printing was cancelled. Or photograph the QR code on the screen to check your "
              "progress.");
    EXPECT_EQ(citizenWords(Text::format(words::photographFirst, {"居民户口簿"})),
              QStringLiteral("Please photograph “居民户口簿” first."));
    EXPECT_EQ(citizenWords(Text::format(words::materialsToCounter,
                                        {std::string("居民户口簿") + Text::tr("、") + "照片"})),
              QStringLiteral("The document camera is not available right now. Please bring "
                             "“居民户口簿, 照片” to a service counter. What you have entered is "
                             "saved, and you can go on to submit your application."));
    // Text no one marked: shown as it is.
    EXPECT_EQ(citizenWords("某个未标记的文字"), QStringLiteral("某个未标记的文字"));
    EXPECT_EQ(citizenWords(""), QString());
}

TEST_F(EnglishScreens, EveryTemplateOfKioskCoreIsTranslated)
{
    show();
    ASSERT_TRUE(fixture_->session().setLanguage("en_US"));
    settle();
    for (const auto text : kiosk::core::words::templates()) {
        const std::string source(text);
        const QString english = QCoreApplication::translate("base::CitizenText", source.c_str());
        EXPECT_FALSE(english.contains(chinese())) << source;
        EXPECT_TRUE(english.contains("%1")) << source << " -> " << english.toStdString();
    }
}

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"english_screens_test", true, nullptr}));
    return RUN_ALL_TESTS();
}
