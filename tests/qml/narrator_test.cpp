// SPDX-License-Identifier: Apache-2.0
// 语音播报 over the real journey: Main.qml with a Narrator on the fake engine (fake_tts/, which
// records what it is asked to say), the real core::Journey (queue on disk, fake printer, card
// and camera) moved to each screen. Asserts the words spoken per screen, 重听, voice off =
// silence, the session's end, a missing engine or voice, and that no full name, ID number,
// phone number or address of the citizen is ever spoken.
#include "drivers/fake/fake_card_reader.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "qml/catalog_view_model.h"
#include "qml/narrator.h"
#include "qml/session_view_model.h"
#include "tests/qml/fake_tts/fake_tts.h"
#include "tests/qml/journey_fixture.h"
#include "tests/qml/journey_screens.h"
#include "tests/qml/qt_environment.h"
#include "tests/support/shipped_catalog.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTest>
#include <QtPlugin>
#include <QtQml/qqmlextensionplugin.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)
Q_IMPORT_PLUGIN(FakeTtsPlugin)

namespace {

namespace fake_tts = test_support::fake_tts;
using test_support::Drive;

/// Lets every posted say() reach the engine (the speech thread's loop) before a test looks
/// for something that must not have been said.
void drain()
{
    QTest::qWait(100);
}

/// Nothing of the sample card's citizen in `said` but what the screens show masked: not the name
/// (nor the given name), no run of six digits (an ID number's region, a phone number), not the
/// address or the phone number the fixture types.
void expectNoPersonalData(const QStringList& said)
{
    const auto card = drivers::fake::sampleCards().front();
    const QString name = QString::fromStdString(card.name);
    const QString id = QString::fromStdString(card.idNumber);
    const QRegularExpression longDigits("[0-9]{6,}");
    for (const QString& text : said) {
        EXPECT_FALSE(text.contains(name)) << text.toStdString();
        EXPECT_FALSE(text.contains(name.mid(1))) << text.toStdString(); // the given name
        EXPECT_FALSE(text.contains(id.left(6))) << text.toStdString();
        EXPECT_FALSE(longDigits.match(text).hasMatch()) << text.toStdString();
        EXPECT_FALSE(text.contains("13800000000")) << text.toStdString();
        EXPECT_FALSE(text.contains("临园路")) << text.toStdString();
    }
}

class Narration : public ::testing::Test {
protected:
    void SetUp() override
    {
        viewModel_.setCatalog(&catalog_);
        fake_tts::clear();
        fake_tts::setHasVoices(true);
        fixture_ = std::make_unique<test_support::ScreenJourney>(viewModel_);
        narrator_ = std::make_unique<kiosk::ui::Narrator>(QStringLiteral("fake"));
        ASSERT_TRUE(QTest::qWaitFor([&] { return narrator_->started(); }, 5000));
        ASSERT_TRUE(narrator_->available());
    }
    void TearDown() override
    {
        window_ = nullptr;
        engine_.reset();
        fixture_->journey().end();
        narrator_.reset();
    }

    /// Shows Main.qml with the narrator, 长辈版 on (voice on by default) unless `elder` is
    /// false, and lets `drive` move the journey on.
    void show(const Drive& drive = {}, bool elder = true)
    {
        window_ = nullptr;
        engine_.reset(); // one Main speaking at a time
        engine_ = std::make_unique<QQmlApplicationEngine>();
        window_ = test_support::showMain(
            *engine_,
            {.catalog = &viewModel_, .session = &fixture_->session(), .narrator = narrator_.get()},
            {1080, 1920});
        ASSERT_NE(window_, nullptr) << "Main.qml did not load";
        if (elder)
            fixture_->journey().setElderMode(true);
        if (drive)
            drive(fixture_->journey());
    }

    /// Waits until the last text said is `expected` (or 5 s), then compares.
    void expectSaid(const QString& expected)
    {
        (void)QTest::qWaitFor([&] { return lastSaid() == expected; }, 5000);
        EXPECT_EQ(lastSaid().toStdString(), expected.toStdString());
    }
    [[nodiscard]] static QString lastSaid()
    {
        const QStringList said = fake_tts::spoken();
        return said.isEmpty() ? QString() : said.last();
    }

    void tap(const char* objectName)
    {
        auto* button = window_->findChild<QQuickItem*>(QString::fromLatin1(objectName));
        ASSERT_NE(button, nullptr) << objectName;
        QMetaObject::invokeMethod(button, "clicked");
    }

    /// The visible item named `objectName`, searched in the visual tree (a Repeater's and a
    /// GridView's rows have no QObject parent; hidden pages hold items of the same name).
    [[nodiscard]] QQuickItem* visibleItem(const QString& objectName) const
    {
        const std::function<QQuickItem*(QQuickItem*)> find = [&](QQuickItem* item) {
            if (!item->isVisible())
                return static_cast<QQuickItem*>(nullptr);
            if (item->objectName() == objectName)
                return item;
            for (auto* child : item->childItems())
                if (auto* found = find(child))
                    return found;
            return static_cast<QQuickItem*>(nullptr);
        };
        return find(window_->contentItem());
    }

    [[nodiscard]] QString itemName() const { return fixture_->session().itemName(); }
    [[nodiscard]] QString screen() const { return fixture_->session().screen(); }

    kiosk::core::Catalog catalog_ = test_support::shippedCatalog();
    kiosk::ui::CatalogViewModel viewModel_;
    std::unique_ptr<test_support::ScreenJourney> fixture_;
    std::unique_ptr<kiosk::ui::Narrator> narrator_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
};

// --- the words per screen ------------------------------------------------------------------

TEST_F(Narration, Home)
{
    show();
    expectSaid("欢迎使用政务服务自助终端。请点选要办理的事项，也可以点“搜索事项”，用拼音查找。");
}

TEST_F(Narration, ElderHomePagesSayTheirThemesAndItemsAndWhereThePageStands)
{
    show();
    expectSaid("欢迎使用政务服务自助终端。请点选要办理的事项，也可以点“搜索事项”，用拼音查找。");
    const auto nameOf = [this](const QString& objectName) {
        auto* item = visibleItem(objectName);
        return item != nullptr ? item->property("name").toString() : QString();
    };

    tap("elderThemesButton");
    const QString firstTheme = nameOf("elderThemeTile_0");
    ASSERT_FALSE(firstTheme.isEmpty());
    (void)QTest::qWaitFor([] { return lastSaid().startsWith("按主题查找。"); }, 5000);
    EXPECT_TRUE(lastSaid().startsWith("按主题查找。第1页，共")) << lastSaid().toStdString();
    EXPECT_TRUE(lastSaid().contains("本页的主题有：" + firstTheme + "、"))
        << lastSaid().toStdString();
    EXPECT_TRUE(lastSaid().endsWith("请点选主题，或点“返回”回到首页。"))
        << lastSaid().toStdString();

    auto* home =
        window_->property("stack").value<QObject*>()->property("currentItem").value<QObject*>();
    ASSERT_NE(home, nullptr);
    QMetaObject::invokeMethod(home, "showItems", Q_ARG(QVariant, firstTheme)); // the tile's tap
    const QString firstItem = nameOf("pagedItemRow_0");
    ASSERT_FALSE(firstItem.isEmpty());
    (void)QTest::qWaitFor([&] { return lastSaid().startsWith(firstTheme); }, 5000);
    EXPECT_TRUE(lastSaid().startsWith(firstTheme + "（")) << lastSaid().toStdString();
    EXPECT_TRUE(lastSaid().contains("第1页，共")) << lastSaid().toStdString();
    EXPECT_TRUE(lastSaid().contains("本页的事项有：" + firstItem)) << lastSaid().toStdString();
    EXPECT_TRUE(lastSaid().endsWith("请点选要办理的事项。")) << lastSaid().toStdString();

    auto* nextPage = visibleItem("nextPageButton"); // the items page's, not the themes page's
    ASSERT_NE(nextPage, nullptr);
    QMetaObject::invokeMethod(nextPage, "clicked");
    (void)QTest::qWaitFor([] { return lastSaid().contains("第2页"); }, 5000);
    EXPECT_TRUE(lastSaid().contains("第2页，共")) << lastSaid().toStdString();
    EXPECT_FALSE(lastSaid().contains(firstItem)) << "page 2 still says page 1's first item";

    // Back to the start page: the home screen's own summary again.
    tap("elderItemsBackButton");
    tap("elderThemesBackButton");
    expectSaid("欢迎使用政务服务自助终端。请点选要办理的事项，也可以点“搜索事项”，用拼音查找。");
}

TEST_F(Narration, Search)
{
    show([](kiosk::core::Journey& journey) { ASSERT_TRUE(journey.openSearch()); });
    expectSaid("搜索事项。请用下方的字母键输入拼音或拼音首字母，找到后点选事项。");
}

TEST_F(Narration, Guide)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toGuide(journey); });
    ASSERT_EQ(screen(), "guide");
    expectSaid(itemName() + "。这是办事指南。准备好后，请点“开始办理”。");
}

TEST_F(Narration, IdentifySaysWhereTheCardGoes)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toIdentify(journey); });
    ASSERT_EQ(screen(), "identify");
    expectSaid("请将身份证放在感应区。正在办理：" + itemName() +
               "。也可以把手机上的电子身份证二维码对准扫码口，或点“手工输入身份信息”。");
}

TEST_F(Narration, ManualIdentity)
{
    show([this](kiosk::core::Journey& journey) {
        fixture_->toIdentify(journey);
        ASSERT_TRUE(journey.enterManually());
    });
    expectSaid("请输入姓名和身份证号码，输入完成后点“下一步”。");
}

TEST_F(Narration, Form)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toForm(journey); });
    ASSERT_EQ(screen(), "form");
    expectSaid("请填写申请信息。身份证上的信息已经填好，请填写其余各项，完成后点“下一步”。");
    // Typing is not read out: the same summary, not said again.
    const int count = narrator_->handedOver();
    fixture_->journey().setField("phone", "1380000");
    EXPECT_EQ(narrator_->handedOver(), count);
}

TEST_F(Narration, Materials)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toMaterials(journey); });
    ASSERT_EQ(screen(), "materials");
    const QString first = fixture_->session().materials()->currentName();
    expectSaid("请拍摄申请材料。请把“" + first + "”平放在高拍仪下，然后点“拍照”。");
}

TEST_F(Narration, ConfirmSaysTheApplicantMasked)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toConfirm(journey); });
    ASSERT_EQ(screen(), "confirm");
    expectSaid(
        "请核对申请信息。办理事项：" + itemName() +
        "。申请人：李某某，身份证号码尾号0021。确认无误请点“确认提交”，需要修改请点“返回修改”。");
}

TEST_F(Narration, Submitted)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toSubmitted(journey); });
    ASSERT_EQ(screen(), "submitted");
    expectSaid("申请已提交，受理编号显示在屏幕上。回执已打印，请从出纸口取走回执。");
}

TEST_F(Narration, Rating)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toRating(journey); });
    expectSaid("请对本次服务进行评价：点选满意程度，然后点“提交评价”；不想评价请点“跳过”。");
}

TEST_F(Narration, RatingOnTheTablet)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toRatingOnTablet(journey); });
    expectSaid("请在旁边的评价器上为本次服务评价，也可以在屏幕上评价。");
}

TEST_F(Narration, Finished)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toFinished(journey); });
    expectSaid("感谢您的使用。请带好您的身份证和回执。屏幕将自动返回首页。");
}

TEST_F(Narration, ProgressListsTheCases)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toProgress(journey); });
    ASSERT_EQ(screen(), "progress");
    const QString said = [&] {
        (void)QTest::qWaitFor([&] { return lastSaid().contains("共2件"); }, 5000);
        return lastSaid();
    }();
    EXPECT_TRUE(said.startsWith("办理进度查询。查询人：李某某，身份证号码尾号0021。共2件。"))
        << said.toStdString();
    EXPECT_TRUE(said.contains("城乡居民基本养老保险参保登记，")) << said.toStdString();
    EXPECT_TRUE(said.contains("居民身份证换领，")) << said.toStdString();
}

TEST_F(Narration, Document)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toDocument(journey); });
    ASSERT_EQ(screen(), "document");
    expectSaid("打印完成，请取走证明材料。证明材料含有您的个人信息，请妥善保管。");
}

TEST_F(Narration, IdlePromptIsSpoken)
{
    fixture_ = std::make_unique<test_support::ScreenJourney>(
        viewModel_,
        [](kiosk::core::JourneyOptions& options) { options.warnBefore = options.idleTimeout; });
    show([this](kiosk::core::Journey& journey) {
        fixture_->toForm(journey);
        fixture_->session().tick();
    });
    ASSERT_TRUE(fixture_->session().idleWarning());
    expectSaid("需要更多时间吗？如需继续办理，请点“需要，继续办理”；否则将结束办理并返回首页，已填"
               "写的内容会被清除。");
}

TEST_F(Narration, HelpCalledSaysStaffAreComing)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toForm(journey); });
    fixture_->session().setHelpCalled(true);
    expectSaid(
        "已通知网点工作人员，请在这里稍候，工作人员会来帮您。请填写申请信息。身份证上的信息已经"
        "填好，请填写其余各项，完成后点“下一步”。");
}

// --- switching, repeating, stopping --------------------------------------------------------

TEST_F(Narration, RepeatSaysTheSummaryAgain)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toIdentify(journey); });
    const QString summary =
        "请将身份证放在感应区。正在办理：" + itemName() +
        "。也可以把手机上的电子身份证二维码对准扫码口，或点“手工输入身份信息”。";
    expectSaid(summary);
    const auto before = fake_tts::spoken().count(summary);
    tap("repeatButton");
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return fake_tts::spoken().count(summary) == before + 1; }, 5000));
    // Each text interrupts the one before it.
    EXPECT_EQ(fake_tts::events().mid(fake_tts::events().size() - 2),
              QStringList({"stop", "say:" + summary}));
}

TEST_F(Narration, VoiceOffIsSilentOnEveryScreen)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toFinished(journey); }, false);
    ASSERT_EQ(screen(), "finished");
    tap("repeatButton");
    // Nothing was handed to the engine (decided on the GUI thread), so nothing can be said.
    EXPECT_EQ(narrator_->handedOver(), 0);
    drain();
    EXPECT_TRUE(fake_tts::spoken().isEmpty()) << fake_tts::spoken().join('|').toStdString();
}

TEST_F(Narration, VoiceSwitchedOnInTheStandardModeSpeaksAndOffStops)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toIdentify(journey); }, false);
    ASSERT_EQ(narrator_->handedOver(), 0);
    tap("voiceButton");
    ASSERT_TRUE(fixture_->session().voiceOn());
    expectSaid("请将身份证放在感应区。正在办理：" + itemName() +
               "。也可以把手机上的电子身份证二维码对准扫码口，或点“手工输入身份信息”。");
    const int count = narrator_->handedOver();
    tap("voiceButton");
    ASSERT_FALSE(fixture_->session().voiceOn());
    ASSERT_TRUE(QTest::qWaitFor([&] { return fake_tts::events().last() == "stop"; }, 5000));
    // Off: another screen and 重听 say nothing.
    ASSERT_TRUE(fixture_->journey().enterManually());
    tap("repeatButton");
    EXPECT_EQ(narrator_->handedOver(), count);
}

TEST_F(Narration, TheSessionsEndStopsSpeechAndSaysNothingOfTheCitizen)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toConfirm(journey); });
    ASSERT_TRUE(QTest::qWaitFor([&] { return lastSaid().startsWith("请核对申请信息"); }, 5000));
    const int count = narrator_->handedOver();
    fixture_->journey().end();
    ASSERT_EQ(screen(), "home");
    ASSERT_TRUE(QTest::qWaitFor([&] { return fake_tts::events().last() == "stop"; }, 5000));
    tap("repeatButton");
    // The preferences went with the citizen: the home screen of the next one is silent.
    EXPECT_EQ(narrator_->handedOver(), count);
    drain();
    EXPECT_EQ(fake_tts::events().last(), "stop");
}

TEST_F(Narration, TheEnglishUiSpeaksEnglishWithTheEnglishVoiceAndChineseWithTheMandarinOne)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toIdentify(journey); });
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return fake_tts::events().contains("voice:Chinese (Mandarin, latin as Pinyin)"); },
        5000));
    ASSERT_TRUE(fixture_->journey().setLanguage("en_US"));
    // The screen's summary in English (UiLanguage translates it), said with the English voice.
    tap("repeatButton");
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return lastSaid().startsWith("Please place your ID card on the reader"); }, 5000))
        << lastSaid().toStdString();
    EXPECT_TRUE(fake_tts::events().contains("voice:English (America)"));
    // Words with no Latin letter (an untranslated text) go back to the Mandarin voice.
    const QString chinese = QStringLiteral("请将身份证放在感应区");
    narrator_->say(chinese);
    ASSERT_TRUE(QTest::qWaitFor([&] { return lastSaid() == chinese; }, 5000));
    const QStringList events = fake_tts::events();
    EXPECT_EQ(events.mid(events.size() - 3),
              QStringList({"voice:Chinese (Mandarin, latin as Pinyin)", "stop", "say:" + chinese}));
}

// --- personal data -------------------------------------------------------------------------

TEST_F(Narration, NoFullNameIdNumberPhoneOrAddressIsEverSpoken)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toFinished(journey); });
    drain();
    fixture_->journey().end();
    show([this](kiosk::core::Journey& journey) { fixture_->toProgress(journey); });
    drain();
    const QStringList said = fake_tts::spoken();
    ASSERT_GE(said.size(), 8) << said.join('|').toStdString();
    expectNoPersonalData(said);
}

// --- a speech engine that is not there -----------------------------------------------------

TEST(NarratorWithoutEngine, AMissingEngineIsSilentAndNeverBlocks)
{
    fake_tts::clear();
    kiosk::ui::Narrator narrator(QStringLiteral("no-such-engine"));
    narrator.setVoiceOn(true);
    narrator.say("请将身份证放在感应区");
    ASSERT_TRUE(QTest::qWaitFor([&] { return narrator.started(); }, 5000));
    EXPECT_FALSE(narrator.available());
    narrator.say("请将身份证放在感应区");
    narrator.stop();
    EXPECT_EQ(narrator.handedOver(), 0);
    drain();
    EXPECT_TRUE(fake_tts::events().isEmpty());
}

TEST(NarratorWithoutEngine, AnEngineWithoutTheVoiceIsSilent)
{
    fake_tts::clear();
    fake_tts::setHasVoices(false);
    kiosk::ui::Narrator narrator(QStringLiteral("fake"));
    narrator.setVoiceOn(true);
    narrator.say("请将身份证放在感应区");
    ASSERT_TRUE(QTest::qWaitFor([&] { return narrator.started(); }, 5000));
    fake_tts::setHasVoices(true);
    EXPECT_FALSE(narrator.available());
    narrator.say("请将身份证放在感应区");
    drain();
    EXPECT_TRUE(fake_tts::spoken().isEmpty());
}

TEST(NarratorWithoutEngine, AChineseTextIsSaidInMandarinWhateverTheUiLanguage)
{
    using kiosk::ui::Narrator;
    EXPECT_EQ(Narrator::speakingLanguage("请将身份证放在感应区。", "en_US"), "zh_CN");
    EXPECT_EQ(Narrator::speakingLanguage("Applying for: 居民身份证换领", "en_US"), "en_US");
    EXPECT_EQ(Narrator::speakingLanguage("Please put your ID card on the reader.", "zh_CN"),
              "zh_CN");
}

TEST(NarratorWithoutEngine, TheEngineFromTheEnvironment)
{
    qunsetenv("KIOSK_TTS_ENGINE");
    EXPECT_EQ(kiosk::ui::Narrator::engineFromEnvironment(), "speechd");
    qputenv("KIOSK_TTS_ENGINE", "fake");
    EXPECT_EQ(kiosk::ui::Narrator::engineFromEnvironment(), "fake");
    qunsetenv("KIOSK_TTS_ENGINE");
    EXPECT_EQ(kiosk::ui::Narrator::voiceFor("zh_CN"), "Chinese (Mandarin, latin as Pinyin)");
}

// --- every screen of every flow (journey_screens.h) ------------------------------------------

/// The words each screen's summary starts with (the rest is checked above for the main ones).
QString opening(const std::string& name, const kiosk::ui::SessionViewModel& session)
{
    static const std::map<std::string, QString> openings{
        {"home", "欢迎使用政务服务自助终端。"},
        {"search", "搜索事项。"},
        {"identify", "请将身份证放在感应区。"},
        {"manual_identity", "请输入姓名和身份证号码"},
        {"form", "请填写申请信息。"},
        {"materials", "请拍摄申请材料。请把“"},
        {"materials_no_camera", "高拍仪暂时不能使用。请把申请材料带到服务窗口"},
        {"confirm", "请核对申请信息。办理事项："},
        {"submitted", "申请已提交，受理编号显示在屏幕上。回执已打印"},
        {"submitted_paper_out", "申请已提交，受理编号显示在屏幕上。请用手机拍下屏幕上的二维码"},
        {"rating", "请对本次服务进行评价"},
        {"rating_tablet", "请在旁边的评价器上为本次服务评价"},
        {"finished", "感谢您的使用。"},
        {"progress", "办理进度查询。查询人：李某某，身份证号码尾号0021。共2件。"},
        {"progress_unreachable", "办理进度查询。查询人：李某某，身份证号码尾号0021。"},
        {"document", "打印完成，请取走证明材料。"},
        {"document_aborted", "未能打印。"},
        {"idle_prompt", "需要更多时间吗？"},
        {"help_dialog", "欢迎使用政务服务自助终端。"},
        // 长辈版's home pages say their own words: the page, then the themes or items on it.
        {"home_themes", "按主题查找。第1页，共"},
        {"home_items", "社会保险（"}};
    if (name == "guide")
        return session.itemName() + "。这是办事指南。";
    const auto found = openings.find(name);
    return found != openings.end() ? found->second : QString();
}

class NarrationWalk : public ::testing::TestWithParam<std::size_t> {};

TEST_P(NarrationWalk, SaysTheScreensWordsAndNothingPersonal)
{
    const auto screen = test_support::journeyScreens().at(GetParam());
    fake_tts::clear();
    fake_tts::setHasVoices(true);
    const kiosk::core::Catalog catalog = test_support::shippedCatalog();
    kiosk::ui::CatalogViewModel viewModel;
    viewModel.setCatalog(&catalog);
    test_support::ScreenJourney fixture(viewModel, [&](kiosk::core::JourneyOptions& options) {
        if (screen.idleWarningAtOnce)
            options.warnBefore = options.idleTimeout;
    });
    if (screen.prepare)
        screen.prepare(fixture);
    kiosk::ui::Narrator narrator(QStringLiteral("fake"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return narrator.started(); }, 5000));
    auto engine = std::make_unique<QQmlApplicationEngine>();
    QQuickWindow* window = test_support::showMain(
        *engine, {.catalog = &viewModel, .session = &fixture.session(), .narrator = &narrator},
        {1080, 1920});
    ASSERT_NE(window, nullptr);
    fixture.journey().setElderMode(true);
    if (screen.drive)
        screen.drive(fixture, fixture.journey());
    ASSERT_TRUE(test_support::settled(*window, fixture.journey()));
    if (screen.open)
        screen.open(fixture, *window);
    ASSERT_EQ(fixture.session().screen(), screen.screen);

    const QString expected = opening(screen.name, fixture.session());
    ASSERT_FALSE(expected.isEmpty()) << "no words listed for " << screen.name;
    const auto last = [] {
        const QStringList said = fake_tts::spoken();
        return said.isEmpty() ? QString() : said.last();
    };
    (void)QTest::qWaitFor([&] { return last().startsWith(expected); }, 5000);
    EXPECT_TRUE(last().startsWith(expected))
        << screen.name << ": said \"" << last().toStdString() << "\", expected it to start with \""
        << expected.toStdString() << '"';
    expectNoPersonalData(fake_tts::spoken());
    // espeak-ng reads a mask's "*" as the English word "asterisk".
    for (const QString& text : fake_tts::spoken())
        EXPECT_FALSE(text.contains('*')) << text.toStdString();
    fixture.journey().end();
    engine.reset();
}

INSTANTIATE_TEST_SUITE_P(EveryScreen, NarrationWalk,
                         ::testing::Range(std::size_t{0}, test_support::journeyScreens().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& param) {
                             return test_support::journeyScreens().at(param.param).name;
                         });

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"narrator_test", false, nullptr}));
    return RUN_ALL_TESTS();
}
