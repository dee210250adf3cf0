// SPDX-License-Identifier: Apache-2.0
// The accessibility checker can fail (issue 15 part 2): small screens rendered offscreen, each
// a well-formed screen plus one faulty element, must give that fault and no other; the
// well-formed screen alone gives none in either mode.
#include "qml/screen_check.h"
#include "tests/qml/qt_environment.h"

#include <gtest/gtest.h>

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTest>

#include <iostream>
#include <memory>

namespace {

using kiosk::ui::FaultKind;
using kiosk::ui::ScreenCheckRules;

/// A screen that passes both modes: 48 px dark text on white, a multi-line paragraph 1.4
/// lines apart, a named 320x120 button of each kind; `extra` goes into an empty area below.
QString screenWith(const QString& extra)
{
    return QStringLiteral(R"(
import QtQuick
import QtQuick.Controls.Basic
Window {
    width: 1080
    height: 1080
    color: "#FFFFFF"
    Column {
        x: 40
        y: 40
        width: 1000
        spacing: 40
        Text { text: "请将身份证放在感应区"; font.pixelSize: 48; color: "#1A1A1A" }
        Text {
            width: 1000
            wrapMode: Text.Wrap
            lineHeight: 1.4
            text: "请携带本人居民身份证原件，按屏幕提示逐步填写申请信息，确认无误后提交申请。"
            font.pixelSize: 48
            color: "#1A1A1A"
        }
        Row {
            spacing: 40
            Rectangle {
                width: 320
                height: 120
                color: "#0B3D91"
                Accessible.role: Accessible.Button
                Accessible.name: label.text
                Text { id: label; anchors.centerIn: parent; text: "开始办理"; color: "white"; font.pixelSize: 48 }
                MouseArea { anchors.fill: parent }
            }
            Button {
                width: 320
                height: 120
                text: "返回"
                font.pixelSize: 48
                palette.button: "#FFFFFF"
                palette.buttonText: "#1A1A1A"
            }
        }
    }
    Item {
        x: 40
        y: 640
        width: 1000
        height: 400
        %1
    }
}
)")
        .arg(extra);
}

class ScreenCheck : public ::testing::Test {
protected:
    /// Renders the screen and checks it with `rules`; the table goes to the test's output.
    kiosk::ui::ScreenReport check(const QString& qml, const ScreenCheckRules& rules)
    {
        engine_ = std::make_unique<QQmlApplicationEngine>();
        engine_->loadData(qml.toUtf8());
        EXPECT_FALSE(engine_->rootObjects().isEmpty()) << "the screen did not load";
        if (engine_->rootObjects().isEmpty())
            return {};
        auto* window = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
        window->show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(window));
        auto report = kiosk::ui::checkScreen(*window, rules);
        std::cout << kiosk::ui::formatScreenReport(
            QString::fromUtf8(::testing::UnitTest::GetInstance()->current_test_info()->name()),
            *window, rules, report);
        return report;
    }

    /// Exactly `count` faults, all of `kind`.
    void expectOnly(const kiosk::ui::ScreenReport& report, FaultKind kind, int count = 1)
    {
        EXPECT_EQ(report.count(kind), count) << kiosk::ui::faultKindName(kind);
        EXPECT_EQ(int(report.faults.size()), count)
            << "other faults than " << kiosk::ui::faultKindName(kind);
    }

    std::unique_ptr<QQmlApplicationEngine> engine_;
};

TEST_F(ScreenCheck, AWellFormedScreenHasNoFaultInEitherMode)
{
    const auto standard = check(screenWith({}), ScreenCheckRules::standard());
    EXPECT_TRUE(standard.faults.empty());
    EXPECT_EQ(standard.summary.texts, 4);
    EXPECT_EQ(standard.summary.targets, 2);
    EXPECT_EQ(standard.summary.controls, 2);
    EXPECT_TRUE(check(screenWith({}), ScreenCheckRules::elderly()).faults.empty());
}

TEST_F(ScreenCheck, SmallText)
{
    const auto report =
        check(screenWith(R"(Text { text: "办理须知"; font.pixelSize: 20; color: "#1A1A1A" })"),
              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::SmallText);
    EXPECT_EQ(report.faults.at(0).value, 20);
    EXPECT_EQ(report.faults.at(0).minimum, 28);
}

TEST_F(ScreenCheck, TextBigEnoughForStandardIsSmallForElderly)
{
    const QString qml =
        screenWith(R"(Text { text: "办理须知"; font.pixelSize: 32; color: "#1A1A1A" })");
    EXPECT_TRUE(check(qml, ScreenCheckRules::standard()).faults.empty());
    expectOnly(check(qml, ScreenCheckRules::elderly()), FaultKind::SmallText);
}

TEST_F(ScreenCheck, TextThatShrinksToFitCountsWithItsDrawnSize)
{
    // 48 px asked for, shrunk to fit 200 px: drawn near the 20 px minimumPixelSize.
    const auto report = check(screenWith(R"(Text {
        width: 200; text: "城乡居民基本养老保险参保登记"; font.pixelSize: 48
        fontSizeMode: Text.HorizontalFit; minimumPixelSize: 20; color: "#1A1A1A" })"),
                              ScreenCheckRules::standard());
    EXPECT_EQ(report.count(FaultKind::SmallText), 1);
}

TEST_F(ScreenCheck, SmallTarget)
{
    const auto report = check(screenWith(R"(Rectangle {
        width: 200; height: 60; color: "#0B3D91"
        Accessible.role: Accessible.Button; Accessible.name: "关闭"
        MouseArea { anchors.fill: parent } })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::SmallTarget);
    EXPECT_EQ(report.faults.at(0).value, 60);
    EXPECT_EQ(report.faults.at(0).minimum, 96);
}

TEST_F(ScreenCheck, ATargetHalfOffTheScreenIsASmallTarget)
{
    // A keyboard pushed down past the window's edge: the last row's keys are cut in half.
    const auto report = check(screenWith(R"(Rectangle {
        y: 380; width: 200; height: 120; color: "#0B3D91"
        Accessible.role: Accessible.Button; Accessible.name: "清空"
        MouseArea { anchors.fill: parent } })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::SmallTarget);
    EXPECT_EQ(report.faults.at(0).value, 60);
    EXPECT_EQ(report.faults.at(0).detail, "200x60 on screen, of 200x120");
}

TEST_F(ScreenCheck, SmallTapHandlerTarget)
{
    const auto report = check(screenWith(R"(Rectangle {
        width: 300; height: 80; color: "#EEEEEE"
        Accessible.role: Accessible.Button; Accessible.name: "关闭提示"
        TapHandler {} })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::SmallTarget);
}

TEST_F(ScreenCheck, LowContrast)
{
    const auto report =
        check(screenWith(R"(Text { text: "办理须知"; font.pixelSize: 48; color: "#999999" })"),
              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::LowContrast);
    EXPECT_NEAR(report.faults.at(0).value, 2.85, 0.01); // #999999 on white
    EXPECT_EQ(report.faults.at(0).detail, "#999999 on #FFFFFF");
}

TEST_F(ScreenCheck, LowContrastIsMeasuredOnTheRenderedBackground)
{
    // The text's colour is fine on white, but it is drawn on a mid blue.
    const auto report = check(screenWith(R"(Rectangle {
        width: 400; height: 120; color: "#1565C0"
        Text { anchors.centerIn: parent; text: "办理须知"; font.pixelSize: 48; color: "#1A1A1A" } })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::LowContrast);
    EXPECT_EQ(report.faults.at(0).detail, "#1A1A1A on #1565C0");
}

TEST_F(ScreenCheck, ADisabledControlsFadedLabelHasNoContrastMinimum)
{
    // WCAG 1.4.3's exception for inactive components: 下一步 greyed out until the form is done.
    const auto report = check(screenWith(R"(Rectangle {
        width: 320; height: 120; color: "#0B3D91"; enabled: false; opacity: 0.5
        Accessible.role: Accessible.Button; Accessible.name: "下一步"
        Text { anchors.centerIn: parent; text: "下一步"; color: "white"; font.pixelSize: 48 }
        MouseArea { anchors.fill: parent } })"),
                              ScreenCheckRules::standard());
    EXPECT_TRUE(report.faults.empty());
}

TEST_F(ScreenCheck, ElderlyBodyTextNeedsSevenToOneLargeTextFourAndAHalf)
{
    // #666666 on white is 5.7:1: enough for standard, and for elderly large text only.
    const QString body =
        screenWith(R"(Text { text: "办理须知"; font.pixelSize: 48; color: "#666666" })");
    EXPECT_TRUE(check(body, ScreenCheckRules::standard()).faults.empty());
    expectOnly(check(body, ScreenCheckRules::elderly()), FaultKind::LowContrast);
    const QString large =
        screenWith(R"(Text { text: "办理须知"; font.pixelSize: 64; color: "#666666" })");
    EXPECT_TRUE(check(large, ScreenCheckRules::elderly()).faults.empty());
}

TEST_F(ScreenCheck, ClippedTextTooWideForItsBox)
{
    const auto report = check(screenWith(R"(Text {
        width: 300; text: "城乡居民基本养老保险参保登记"; font.pixelSize: 48; color: "#1A1A1A" })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::ClippedText);
}

TEST_F(ScreenCheck, ElidedTextIsClipped)
{
    const auto report = check(screenWith(R"(Text {
        width: 300; elide: Text.ElideRight; text: "城乡居民基本养老保险参保登记"
        font.pixelSize: 48; color: "#1A1A1A" })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::ClippedText);
    EXPECT_EQ(report.faults.at(0).detail, "elided");
}

TEST_F(ScreenCheck, TextCutByAClippingParent)
{
    const auto report = check(screenWith(R"(Rectangle {
        width: 300; height: 120; clip: true; color: "#FFFFFF"
        Text { x: 100; text: "城乡居民基本养老保险"; font.pixelSize: 48; color: "#1A1A1A" } })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::ClippedText);
    EXPECT_EQ(report.faults.at(0).detail, "cut by a clipping parent");
}

TEST_F(ScreenCheck, TextScrolledOutOfAListIsNotClipped)
{
    // A list shows what fits and scrolls to the rest: rows past its end are not faults.
    const auto report = check(screenWith(R"(ListView {
        width: 1000; height: 300; clip: true
        model: 10
        delegate: Text { width: 1000; height: 120; text: "事项 " + index; font.pixelSize: 48; color: "#1A1A1A" } })"),
                              ScreenCheckRules::standard());
    EXPECT_TRUE(report.faults.empty());
}

TEST_F(ScreenCheck, AScrollingViewSqueezedToASliverHidesItsTexts)
{
    // The form's fields in landscape were in a Flickable its layout made 1 px wide.
    const auto report = check(screenWith(R"(Flickable {
        width: 1; height: 300; clip: true; contentHeight: field.height
        Text { id: field; width: 1000; text: "联系电话（必填）"; font.pixelSize: 48; color: "#1A1A1A" } })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::ClippedText);
    EXPECT_EQ(report.faults.at(0).detail, "a scrolling view 1x300 px hides its content");
}

TEST_F(ScreenCheck, OverlappingTexts)
{
    const auto report = check(screenWith(R"(
        Text { text: "办理须知"; font.pixelSize: 48; color: "#1A1A1A" }
        Text { x: 100; y: 20; text: "材料清单"; font.pixelSize: 48; color: "#1A1A1A" })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::OverlappingText);
}

TEST_F(ScreenCheck, TouchTargetWithoutAnAccessibleControl)
{
    const auto report = check(screenWith(R"(Rectangle {
        width: 300; height: 120; color: "#0B3D91"
        MouseArea { anchors.fill: parent } })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::NamelessControl);
    EXPECT_EQ(report.faults.at(0).detail, "a touch target with no accessible control");
}

TEST_F(ScreenCheck, ButtonWithoutAName)
{
    const auto report = check(screenWith(R"(Button {
        width: 320; height: 120; palette.button: "#FFFFFF"; icon.color: "#1A1A1A" })"),
                              ScreenCheckRules::standard());
    expectOnly(report, FaultKind::NamelessControl);
    EXPECT_EQ(report.faults.at(0).detail, "no accessible name");
}

TEST_F(ScreenCheck, TightLineSpacingInElderlyMode)
{
    const QString qml = screenWith(R"(Text {
        width: 1000; wrapMode: Text.Wrap; lineHeight: 1.0; font.pixelSize: 48; color: "#1A1A1A"
        text: "请携带本人居民身份证原件，按屏幕提示逐步填写申请信息，确认无误后提交申请。" })");
    EXPECT_TRUE(check(qml, ScreenCheckRules::standard()).faults.empty());
    const auto report = check(qml, ScreenCheckRules::elderly());
    expectOnly(report, FaultKind::TightLineSpacing);
}

TEST_F(ScreenCheck, ContrastRatioIsWcags)
{
    EXPECT_NEAR(kiosk::ui::contrastRatio(Qt::black, Qt::white), 21.0, 1e-9);
    EXPECT_NEAR(kiosk::ui::contrastRatio(QColor("#767676"), Qt::white), 4.54, 0.01);
    EXPECT_NEAR(kiosk::ui::contrastRatio(Qt::white, QColor("#0B3D91")), 10.04, 0.01);
}

TEST_F(ScreenCheck, RulesScaleWithTheWindowsShortSide)
{
    // 540x960: half the reference panel, so 14 px text is the standard floor there.
    const QString qml = QStringLiteral(R"(
import QtQuick
Window {
    width: 540; height: 960; color: "#FFFFFF"
    Text { x: 20; y: 20; text: "办理须知"; font.pixelSize: 14; color: "#1A1A1A" }
    Text { x: 20; y: 80; text: "办理须知"; font.pixelSize: 13; color: "#1A1A1A" }
})");
    const auto report = check(qml, ScreenCheckRules::standard());
    expectOnly(report, FaultKind::SmallText);
    EXPECT_EQ(report.faults.at(0).minimum, 14);
}

TEST_F(ScreenCheck, UnderAModalPopupOnlyThePopupCounts)
{
    // The small text is under the dimmed modal popup: nobody can read or reach it now.
    const auto report = check(screenWith(R"(
        Text { text: "办理须知"; font.pixelSize: 20; color: "#1A1A1A" }
        Popup {
            visible: true; modal: true; x: 100; y: -500; width: 600; height: 300
            background: Rectangle { color: "#FFFFFF" }
            contentItem: Text { text: "需要更多时间吗？"; font.pixelSize: 48; color: "#1A1A1A" }
        })"),
                              ScreenCheckRules::standard());
    EXPECT_TRUE(report.faults.empty());
    EXPECT_EQ(report.summary.texts, 1);
}

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"screen_check_test", true, nullptr}));
    return RUN_ALL_TESTS();
}
