// SPDX-License-Identifier: Apache-2.0
// The accessibility walk (issue 15 part 2): every screen of every flow (journeyScreens(): home,
// search, guide, the application's steps, progress, certificates, the idle prompt and the help
// dialog) reached through the real journey on Main.qml, in portrait and landscape, in Chinese
// and in English, checked by qml/screen_check.h in the standard mode and in 长辈版, a table
// printed per screen.
//
// A screen passes when its faults are exactly those listed as known below (none today, in
// either mode); the lists are printed with each table and fail the walk both when a screen gets
// a new fault and when one goes away (then a list is lowered: they only shrink). Thresholds are
// never loosened here: they are qml/screen_check.h's.
#include "qml/screen_check.h"
#include "tests/qml/journey_screens.h"
#include "tests/qml/qt_environment.h"
#include "tests/support/shipped_catalog.h"

#include <gtest/gtest.h>

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <array>
#include <iostream>
#include <map>
#include <memory>
#include <string>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

using kiosk::ui::FaultKind;
using kiosk::ui::ScreenCheckRules;
using Counts = std::map<FaultKind, int>;

constexpr std::array allKinds{FaultKind::SmallText,       FaultKind::SmallTarget,
                              FaultKind::LowContrast,     FaultKind::ClippedText,
                              FaultKind::OverlappingText, FaultKind::NamelessControl,
                              FaultKind::TightLineSpacing};

/// Faults known today, by "screen/orientation[/en]". Standard mode: none.
const std::map<std::string, Counts>& knownStandardFaults()
{
    static const std::map<std::string, Counts> known;
    return known;
}

/// 长辈版: none. While the mode was being built (issue 15 part 1) this listed the faults
/// found: 82 on 35 of 40 screens with its first cut (3c22752, 2026-12-06), then 1. A fault
/// found now fails the walk.
const std::map<std::string, Counts>& knownElderlyFaults()
{
    static const std::map<std::string, Counts> known;
    return known;
}

QString describe(const Counts& counts)
{
    QStringList parts;
    for (const auto& [kind, count] : counts)
        parts << QString("%1 %2").arg(count).arg(kiosk::ui::faultKindName(kind));
    return parts.isEmpty() ? QString("none") : parts.join(", ");
}

/// The list's entry for `key` as C++, to paste into the list above.
std::string entryCode(const std::string& key, const Counts& counts)
{
    static const std::map<FaultKind, const char*> names{
        {FaultKind::SmallText, "SmallText"},
        {FaultKind::SmallTarget, "SmallTarget"},
        {FaultKind::LowContrast, "LowContrast"},
        {FaultKind::ClippedText, "ClippedText"},
        {FaultKind::OverlappingText, "OverlappingText"},
        {FaultKind::NamelessControl, "NamelessControl"},
        {FaultKind::TightLineSpacing, "TightLineSpacing"}};
    QStringList kinds;
    for (const auto& [kind, count] : counts)
        kinds << QString("{K::%1, %2}").arg(names.at(kind)).arg(count);
    return QString("{\"%1\", {%2}},")
        .arg(QString::fromStdString(key), kinds.join(", "))
        .toStdString();
}

bool sameScreen(const kiosk::ui::ScreenReport& a, const kiosk::ui::ScreenReport& b)
{
    if (a.summary.texts != b.summary.texts || a.summary.targets != b.summary.targets ||
        a.summary.controls != b.summary.controls)
        return false;
    for (const auto kind : allKinds)
        if (a.count(kind) != b.count(kind))
            return false;
    return true;
}

/// The report once the screen has stopped changing: two checks 50 ms apart agree. The form's
/// keyboards are made in idle moments between frames, later on a loaded machine, and a check
/// in between saw two keyboards at once.
kiosk::ui::ScreenReport steadyReport(QQuickWindow& window, const ScreenCheckRules& rules)
{
    auto report = kiosk::ui::checkScreen(window, rules);
    for (int i = 0; i < 40; ++i) {
        QTest::qWait(50);
        auto again = kiosk::ui::checkScreen(window, rules);
        if (sameScreen(report, again))
            return again;
        report = std::move(again);
    }
    ADD_FAILURE() << "the screen kept changing for 2 s";
    return report;
}

/// With KIOSK_WALK_GRAB_DIR set, each screen checked is saved there as a picture
/// (<screen>_<orientation>[_en]_<mode>.png), to see what a table describes.
void saveGrab(const std::string& key, QQuickWindow& window, const ScreenCheckRules& rules)
{
    const QString folder = qEnvironmentVariable("KIOSK_WALK_GRAB_DIR");
    if (folder.isEmpty())
        return;
    const QString name = QString::fromStdString(key).replace('/', '_') + '_' + rules.mode + ".png";
    if (!window.grabWindow().save(folder + '/' + name))
        ADD_FAILURE() << "could not save " << name.toStdString() << " in KIOSK_WALK_GRAB_DIR";
}

struct WalkCase {
    std::size_t screen;
    bool landscape;
    bool english;
};

std::vector<WalkCase> walkCases()
{
    std::vector<WalkCase> cases;
    for (std::size_t i = 0; i < test_support::journeyScreens().size(); ++i)
        for (const bool landscape : {false, true})
            for (const bool english : {false, true})
                cases.push_back({i, landscape, english});
    return cases;
}

std::string caseName(const WalkCase& c)
{
    return test_support::journeyScreens().at(c.screen).name +
           (c.landscape ? "_landscape" : "_portrait") + (c.english ? "_en" : "");
}

class ScreenCheckWalk : public ::testing::TestWithParam<WalkCase> {
protected:
    static void SetUpTestSuite()
    {
        catalog_ = std::make_unique<kiosk::core::Catalog>(test_support::shippedCatalog());
        viewModel_ = std::make_unique<kiosk::ui::CatalogViewModel>();
        viewModel_->setCatalog(catalog_.get());
    }
    static void TearDownTestSuite()
    {
        viewModel_.reset();
        catalog_.reset();
    }

    /// Checks the window with `rules`, prints the table and the known faults, and compares.
    void checkAgainst(const std::string& key, QQuickWindow& window, const ScreenCheckRules& rules,
                      const std::map<std::string, Counts>& knownFaults)
    {
        const auto report = steadyReport(window, rules);
        saveGrab(key, window, rules);
        std::cout << kiosk::ui::formatScreenReport(QString::fromStdString(key), window, rules,
                                                   report);
        const auto found = knownFaults.find(key);
        const Counts known = found != knownFaults.end() ? found->second : Counts{};
        if (!known.empty())
            std::cout << "   KNOWN " << rules.mode.toStdString()
                      << " faults (expected, the list must shrink): "
                      << describe(known).toStdString() << '\n';
        Counts now;
        for (const auto kind : allKinds)
            if (report.count(kind) > 0)
                now[kind] = report.count(kind);
        if (now != known)
            std::cout << "   the list's entry would now be (" << rules.mode.toStdString()
                      << "): " << (now.empty() ? "none, was " : "") << entryCode(key, now) << '\n';
        for (const auto kind : allKinds) {
            const int got = report.count(kind);
            const int expected = known.contains(kind) ? known.at(kind) : 0;
            EXPECT_LE(got, expected)
                << key << " (" << rules.mode.toStdString() << "): " << got - expected << " new "
                << faultKindName(kind) << " fault(s), see the table";
            EXPECT_GE(got, expected)
                << key << " (" << rules.mode.toStdString() << "): " << expected - got << " fewer "
                << faultKindName(kind) << " fault(s) than known: lower the list to " << got;
        }
    }

    static std::unique_ptr<kiosk::core::Catalog> catalog_;
    static std::unique_ptr<kiosk::ui::CatalogViewModel> viewModel_;
};

std::unique_ptr<kiosk::core::Catalog> ScreenCheckWalk::catalog_;
std::unique_ptr<kiosk::ui::CatalogViewModel> ScreenCheckWalk::viewModel_;

TEST_P(ScreenCheckWalk, MeetsTheRulesOfBothModes)
{
    const auto screen = test_support::journeyScreens().at(GetParam().screen);
    const std::string key = screen.name + (GetParam().landscape ? "/landscape" : "/portrait") +
                            (GetParam().english ? "/en" : "");
    test_support::ScreenJourney fixture(*viewModel_, [&](kiosk::core::JourneyOptions& options) {
        if (screen.idleWarningAtOnce)
            options.warnBefore = options.idleTimeout;
    });
    if (screen.prepare)
        screen.prepare(fixture);
    // English as the AccessBar's button chooses it: for the session, before its first screen.
    if (GetParam().english) {
        ASSERT_TRUE(fixture.session().setLanguage(QStringLiteral("en_US")));
    }
    QQmlApplicationEngine engine;
    auto* window =
        test_support::showMain(engine, {viewModel_.get(), &fixture.session(), nullptr, nullptr},
                               GetParam().landscape ? QSize(1920, 1080) : QSize(1080, 1920));
    ASSERT_NE(window, nullptr) << "Main.qml did not load";
    if (screen.drive)
        screen.drive(fixture, fixture.journey());
    ASSERT_TRUE(test_support::settled(*window, fixture.journey()));
    if (screen.open)
        screen.open(fixture, *window);
    ASSERT_TRUE(test_support::settled(*window, fixture.journey()));
    QTest::qWait(20); // a popup's first frame
    ASSERT_EQ(fixture.session().screen(), screen.screen);

    checkAgainst(key, *window, ScreenCheckRules::standard(), knownStandardFaults());
    fixture.session().setElderMode(true); // 长辈版, as its button in the AccessBar does
    ASSERT_TRUE(test_support::settled(*window, fixture.journey()));
    // The switch is a tap: it ends the idle warning, so what was opened is opened again.
    if (screen.open)
        screen.open(fixture, *window);
    ASSERT_TRUE(test_support::settled(*window, fixture.journey()));
    QTest::qWait(20);
    ASSERT_EQ(fixture.session().screen(), screen.screen);
    checkAgainst(key, *window, ScreenCheckRules::elderly(), knownElderlyFaults());
    fixture.journey().end();
}

INSTANTIATE_TEST_SUITE_P(Flows, ScreenCheckWalk, ::testing::ValuesIn(walkCases()),
                         [](const auto& param) { return caseName(param.param); });

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"screen_check_walk_test", true, nullptr}));
    return RUN_ALL_TESTS();
}
