// SPDX-License-Identifier: Apache-2.0
// Every screen of the journey as a screen reader gets it: the QAccessible tree that Qt's AT-SPI
// bridge serves to Orca, walked from the window of Main.qml in portrait (and, as the
// landscape.* tests, in landscape: KIOSK_TEST_LANDSCAPE set) with the real
// core::Journey (queue on disk, fake printer and card) moved to each screen. The tree is
// printed (a reviewer reads it in the test log); a visible control without a name fails; each
// screen has a titled Pane; every visible text reaches the tree (Qt 6.4 leaves a plain Text
// out of it); every button has a press action, and one button per screen is pressed through
// it and does what a tap does.
#include "base/clock.h"
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "kiosk/core/maintenance_access.h"
#include "offline_queue/store.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"
#include "qml/maintenance_view_model.h"
#include "qml/screen_check.h"
#include "qml/session_view_model.h"
#include "qml/uplink_status.h"
#include "tests/qml/journey_fixture.h"
#include "tests/qml/journey_screens.h"
#include "tests/qml/qt_environment.h"
#include "tests/support/shipped_catalog.h"

#include <gtest/gtest.h>

#include <QAccessible>
#include <QDateTime>
#include <QGuiApplication>
#include <QMetaEnum>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <vector>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

QString roleName(QAccessible::Role role)
{
    const char* key = QMetaEnum::fromType<QAccessible::Role>().valueToKey(role);
    return key != nullptr ? QString::fromLatin1(key) : QString::number(role);
}

/// Roles a citizen operates: each needs a name for the screen reader to say what it does.
bool isControl(QAccessible::Role role)
{
    return kiosk::ui::isControlRole(role);
}

/// Where a node's item sits: the objectNames (or QML types) from the window down.
QString pathOf(const QObject* item)
{
    return test_support::objectPath(item);
}

QString pathOf(const QAccessibleInterface* node)
{
    return pathOf(node->object());
}

struct Node {
    QAccessibleInterface* iface;
    int depth;
};

/// The tree a screen reader walks: every node that is not invisible or offscreen, in order.
void collect(QAccessibleInterface* node, int depth, std::vector<Node>& out)
{
    if (node == nullptr)
        return;
    for (int i = 0; i < node->childCount(); ++i) {
        auto* child = node->child(i);
        if (child == nullptr || child->state().invisible || child->state().offscreen)
            continue;
        out.push_back({child, depth});
        collect(child, depth + 1, out);
    }
}

/// Every visible QML Text item under `item` with words in it, inside the window's rect.
void visibleTexts(QQuickItem* item, const QRectF& window, std::vector<QQuickItem*>& out)
{
    if (item == nullptr || !item->isVisible() || item->opacity() <= 0)
        return;
    if (item->inherits("QQuickText") && !item->property("text").toString().trimmed().isEmpty() &&
        item->mapRectToScene(item->boundingRect()).intersects(window))
        out.push_back(item);
    for (auto* child : item->childItems())
        visibleTexts(child, window, out);
}

/// A text reaches a screen reader when it is a node itself, or lies inside a node that speaks
/// for it: a control (its name says what it does), a picture (its name describes it), or a
/// node whose name contains the words.
bool reachesScreenReader(QQuickItem* text, const std::map<QObject*, QAccessibleInterface*>& nodes)
{
    const QString words = text->property("text").toString().simplified();
    for (QObject* object = text; object != nullptr; object = object->parent()) {
        const auto found = nodes.find(object);
        if (found == nodes.end())
            continue;
        const auto role = found->second->role();
        if (object == text || isControl(role) || role == QAccessible::Graphic ||
            role == QAccessible::Animation ||
            found->second->text(QAccessible::Name).simplified().contains(words))
            return true;
    }
    return false;
}

using test_support::Drive;

class ScreenAccessibility : public ::testing::Test {
protected:
    void SetUp() override
    {
        viewModel_.setCatalog(&catalog_);
        maintenance_.setAccess(access_.get());
        // The idle prompt shows on the first tick after any touch, so it can be read too.
        fixture_ = std::make_unique<test_support::ScreenJourney>(
            viewModel_,
            [](kiosk::core::JourneyOptions& options) { options.warnBefore = options.idleTimeout; });
    }

    void TearDown() override
    {
        window_ = nullptr;
        engine_.reset();
        fixture_->journey().end();
    }

    void toGuide(kiosk::core::Journey& journey) { fixture_->toGuide(journey); }
    void toIdentify(kiosk::core::Journey& journey) { fixture_->toIdentify(journey); }
    void toForm(kiosk::core::Journey& journey) { fixture_->toForm(journey); }
    void toConfirm(kiosk::core::Journey& journey) { fixture_->toConfirm(journey); }
    void toSubmitted(kiosk::core::Journey& journey) { fixture_->toSubmitted(journey); }
    void toRating(kiosk::core::Journey& journey) { fixture_->toRating(journey); }
    void toFinished(kiosk::core::Journey& journey) { fixture_->toFinished(journey); }

    /// The orientation under test: ctest runs every test in portrait and, with
    /// KIOSK_TEST_LANDSCAPE set, in landscape (a kiosk with its panel turned).
    static bool landscape() { return qEnvironmentVariableIsSet("KIOSK_TEST_LANDSCAPE"); }

    /// Shows Main.qml in the orientation under test, lets `drive` move the journey on and waits
    /// until the screen it names is in place.
    void show(const Drive& drive = {})
    {
        engine_ = std::make_unique<QQmlApplicationEngine>();
        window_ = test_support::showMain(
            *engine_, {&viewModel_, &fixture_->session(), &uplink_, &maintenance_},
            landscape() ? QSize(1920, 1080) : QSize(1080, 1920));
        ASSERT_NE(window_, nullptr) << "Main.qml did not load";
        if (drive)
            drive(fixture_->journey());
        settle();
    }

    /// Waits for the screen change (and any print) to finish.
    void settle()
    {
        EXPECT_TRUE(test_support::settled(*window_, fixture_->journey()));
        QTest::qWait(50); // a popup's enter transition, the accessibility cache
    }

    [[nodiscard]] std::vector<Node> tree() const
    {
        std::vector<Node> nodes;
        collect(QAccessible::queryAccessibleInterface(window_), 0, nodes);
        return nodes;
    }

    /// Prints the tree as a screen reader lists it: role "name" [objectName], indented.
    void print(const char* screen) const
    {
        std::cout << "---- accessible tree of " << screen
                  << (landscape() ? " (landscape)" : " (portrait)") << " ----\n";
        for (const auto& node : tree()) {
            const QString name = node.iface->text(QAccessible::Name);
            const QString objectName =
                node.iface->object() != nullptr ? node.iface->object()->objectName() : QString();
            std::cout << std::string(2 * std::size_t(node.depth), ' ')
                      << roleName(node.iface->role()).toStdString() << " \""
                      << name.simplified().toStdString() << '"'
                      << (objectName.isEmpty() ? "" : " [" + objectName.toStdString() + "]")
                      << '\n';
        }
    }

    /// The checks every screen passes; `titleOwner` is the objectName of the node that must
    /// be a Pane (or Dialog) with `title` as its name.
    void checkScreen(const char* screen, const QString& titleOwner, const QString& title)
    {
        print(screen);
        bool titled = false;
        for (const auto& node : tree()) {
            auto* iface = node.iface;
            const QString name = iface->text(QAccessible::Name).trimmed();
            if (isControl(iface->role())) {
                EXPECT_FALSE(name.isEmpty())
                    << screen << ": a " << roleName(iface->role()).toStdString()
                    << " without a name at " << pathOf(iface).toStdString();
            }
            if (iface->role() == QAccessible::Button) {
                ASSERT_NE(iface->actionInterface(), nullptr) << name.toStdString();
                EXPECT_TRUE(iface->actionInterface()->actionNames().contains(
                    QAccessibleActionInterface::pressAction()))
                    << screen << ": button \"" << name.toStdString() << "\" has no press action";
            }
            if (iface->object() != nullptr && iface->object()->objectName() == titleOwner) {
                titled = true;
                EXPECT_TRUE(iface->role() == QAccessible::Pane ||
                            iface->role() == QAccessible::Dialog)
                    << screen << ": " << roleName(iface->role()).toStdString();
                EXPECT_EQ(name, title) << screen;
            }
        }
        EXPECT_TRUE(titled) << screen << ": no accessible node " << titleOwner.toStdString();
        checkTextsReachable(screen);
    }

    /// The words on the screen are in the tree: Qt 6.4 leaves a Text without `Accessible`
    /// properties out of it, and Orca would never read them.
    void checkTextsReachable(const char* screen) const
    {
        std::map<QObject*, QAccessibleInterface*> nodes;
        for (const auto& node : tree())
            if (node.iface->object() != nullptr)
                nodes.emplace(node.iface->object(), node.iface);
        std::vector<QQuickItem*> texts;
        visibleTexts(window_->contentItem(), QRectF(QPointF(), window_->size()), texts);
        for (auto* text : texts)
            EXPECT_TRUE(reachesScreenReader(text, nodes))
                << screen << ": the text \""
                << text->property("text").toString().simplified().left(40).toStdString()
                << "\" is not in the accessible tree (" << pathOf(text).toStdString() << ')';
    }

    /// Presses the visible button named `name` through its action interface, as Orca does;
    /// false when there is none.
    /// Roles a screen reader offers to press: buttons, and the choices made of buttons.
    static bool pressable(QAccessible::Role role)
    {
        return role == QAccessible::Button || role == QAccessible::RadioButton ||
               role == QAccessible::CheckBox;
    }

    bool press(const QString& name)
    {
        for (const auto& node : tree())
            if (pressable(node.iface->role()) && node.iface->text(QAccessible::Name) == name &&
                node.iface->actionInterface() != nullptr) {
                node.iface->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
                settle();
                return true;
            }
        return false;
    }

    [[nodiscard]] QString screen() const { return fixture_->session().screen(); }
    [[nodiscard]] QString itemName() const { return fixture_->session().itemName(); }

    kiosk::core::Catalog catalog_ = test_support::shippedCatalog();
    kiosk::ui::CatalogViewModel viewModel_;
    kiosk::ui::UplinkStatus uplink_;
    std::unique_ptr<test_support::ScreenJourney> fixture_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;

    // The technicians' screens: the real rules on a ManualClock, a fixed device and queue.
    static constexpr std::string_view maintenanceSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    base::ManualClock maintenanceClock_;
    QTemporaryDir maintenanceDir_;
    std::unique_ptr<kiosk::core::MaintenanceAccess> access_ = [this] {
        kiosk::core::MaintenanceOptions options;
        options.secret = *kiosk::core::decodeBase32(maintenanceSecret);
        auto access = kiosk::core::MaintenanceAccess::open(maintenanceDir_.path().toStdString(),
                                                           options, nullptr, maintenanceClock_);
        if (!access)
            throw std::runtime_error(access.error().describe());
        kiosk::core::MaintenanceServices services;
        services.devices = [] {
            hal::DeviceStatus reader;
            reader.deviceClass = hal::DeviceClass::CardReader;
            reader.state = hal::DeviceState::Disconnected;
            reader.detail = "not connected";
            return std::vector<hal::DeviceStatus>{reader};
        };
        services.queueCounts = [] {
            return base::Result<queue::QueueCounts>(
                queue::QueueCounts{.pending = 1, .deadLetter = 2, .oldestPendingAgeS = 40});
        };
        services.retryDeadLetters = [] {
            return base::Result<std::int64_t>(2);
        };
        services.catalogVersion = [] {
            return std::int64_t{2026112401};
        };
        services.linkState = [] {
            return std::string("up");
        };
        services.diagnostics.push_back({"audit_verify", "校验审计记录", [] {
                                            return base::Result<std::string>("审计记录完整");
                                        }});
        (*access)->setServices(std::move(services));
        return std::move(*access);
    }();
    kiosk::ui::MaintenanceViewModel maintenance_;
};

TEST_F(ScreenAccessibility, Home)
{
    show();
    ASSERT_EQ(screen(), "home");
    checkScreen("home", "homeScreen", "首页");
    ASSERT_TRUE(press("搜索事项：输入拼音或首字母"));
    EXPECT_EQ(screen(), "search");
}

TEST_F(ScreenAccessibility, HomeItemTilesAndThemesArePressable)
{
    // Tiles are Rectangles with a MouseArea: on Qt 6.4 their Press did nothing until each got
    // an Accessible.onPressAction (found by the AT-SPI walk, tests/qml/atspi_walk.py).
    show();
    ASSERT_TRUE(press("居民身份证换领"));
    EXPECT_EQ(screen(), "guide");
    EXPECT_EQ(itemName(), "居民身份证换领");
}

TEST_F(ScreenAccessibility, Search)
{
    show([](kiosk::core::Journey& journey) { ASSERT_TRUE(journey.openSearch()); });
    ASSERT_EQ(screen(), "search");
    checkScreen("search", "searchScreen", "搜索事项");
    ASSERT_TRUE(press("‹ 返回"));
    EXPECT_EQ(screen(), "home");
}

TEST_F(ScreenAccessibility, Guide)
{
    show([this](kiosk::core::Journey& journey) { toGuide(journey); });
    ASSERT_EQ(screen(), "guide");
    checkScreen("guide", "guideScreen", itemName());
    ASSERT_TRUE(press("开始办理"));
    EXPECT_EQ(screen(), "identify");
}

TEST_F(ScreenAccessibility, Identify)
{
    show([this](kiosk::core::Journey& journey) { toIdentify(journey); });
    ASSERT_EQ(screen(), "identify");
    checkScreen("identify", "identifyScreen", "请将身份证放在感应区");
    ASSERT_TRUE(press("手工输入身份信息"));
    EXPECT_EQ(screen(), "manual_identity");
}

TEST_F(ScreenAccessibility, ManualIdentity)
{
    show([this](kiosk::core::Journey& journey) {
        toIdentify(journey);
        ASSERT_TRUE(journey.enterManually());
    });
    ASSERT_EQ(screen(), "manual_identity");
    checkScreen("manual_identity", "manualIdentityScreen", "请输入姓名和身份证号码");
    ASSERT_TRUE(press("返回"));
    EXPECT_EQ(screen(), "identify");
}

TEST_F(ScreenAccessibility, Form)
{
    show([this](kiosk::core::Journey& journey) {
        toForm(journey);
        journey.setField("phone", "1380000"); // half typed: its problem shows under it
    });
    ASSERT_EQ(screen(), "form");
    checkScreen("form", "formScreen", "请填写申请信息");
    ASSERT_TRUE(press("返回"));
    EXPECT_NE(screen(), "form");
}

TEST_F(ScreenAccessibility, Confirm)
{
    show([this](kiosk::core::Journey& journey) { toConfirm(journey); });
    ASSERT_EQ(screen(), "confirm");
    checkScreen("confirm", "confirmScreen", "请核对申请信息");
    ASSERT_TRUE(press("确认提交"));
    EXPECT_EQ(screen(), "submitted");
}

TEST_F(ScreenAccessibility, Materials)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toMaterialPhotographed(journey); });
    ASSERT_EQ(screen(), "materials");
    checkScreen("materials", "materialsScreen", "请拍摄申请材料");
    ASSERT_TRUE(press("重拍"));
    EXPECT_EQ(fixture_->journey().materials().entries().front().status,
              kiosk::core::MaterialStatus::Pending);
    EXPECT_EQ(screen(), "materials");
}

TEST_F(ScreenAccessibility, MaterialsCameraMissing)
{
    fixture_->camera().unplug();
    show([this](kiosk::core::Journey& journey) { fixture_->toMaterials(journey); });
    ASSERT_EQ(screen(), "materials");
    checkScreen("materials_no_camera", "materialsScreen", "请拍摄申请材料");
    ASSERT_TRUE(press("完成"));
    EXPECT_EQ(screen(), "confirm");
}

TEST_F(ScreenAccessibility, Submitted)
{
    show([this](kiosk::core::Journey& journey) { toSubmitted(journey); });
    ASSERT_EQ(screen(), "submitted");
    checkScreen("submitted", "submittedScreen", "申请已提交");
    ASSERT_TRUE(press("下一步：评价"));
    EXPECT_EQ(screen(), "rating");
}

TEST_F(ScreenAccessibility, SubmittedPaperOut)
{
    // The receipt did not come out: the QR code on the screen and 重新打印 are offered.
    fixture_->printer().setCondition(hal::PrinterCondition::PaperOut);
    show([this](kiosk::core::Journey& journey) { toSubmitted(journey); });
    ASSERT_EQ(screen(), "submitted");
    checkScreen("submitted, paper out", "submittedScreen", "申请已提交");
    fixture_->printer().setCondition(hal::PrinterCondition::Ready);
    ASSERT_TRUE(press("重新打印"));
    EXPECT_EQ(fixture_->printer().printed().size(), 1U) << "the reprint came out";
}

TEST_F(ScreenAccessibility, Rating)
{
    show([this](kiosk::core::Journey& journey) { toRating(journey); });
    ASSERT_EQ(screen(), "rating");
    checkScreen("rating", "ratingScreen", "请对本次服务进行评价");
    ASSERT_TRUE(press("跳过"));
    EXPECT_EQ(screen(), "finished");
}

TEST_F(ScreenAccessibility, RatingOnTheTablet)
{
    // The prompt is on the review tablet: the screen says so and offers to rate here.
    show([this](kiosk::core::Journey& journey) { fixture_->toRatingOnTablet(journey); });
    ASSERT_EQ(screen(), "rating");
    checkScreen("rating on the tablet", "ratingScreen", "请对本次服务进行评价");
    ASSERT_TRUE(press("在屏幕上评价"));
    EXPECT_EQ(fixture_->tablet().cancelled().size(), 1U) << "the tablet's prompt was withdrawn";
    checkScreen("rating moved to the screen", "ratingScreen", "请对本次服务进行评价");
    ASSERT_TRUE(press("非常满意"));
    ASSERT_TRUE(press("提交评价"));
    EXPECT_EQ(screen(), "finished");
}

TEST_F(ScreenAccessibility, Finished)
{
    show([this](kiosk::core::Journey& journey) { toFinished(journey); });
    ASSERT_EQ(screen(), "finished");
    checkScreen("finished", "finishedScreen", "感谢您的使用");
    ASSERT_TRUE(press("返回首页"));
    EXPECT_EQ(screen(), "home");
}

TEST_F(ScreenAccessibility, Progress)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toProgress(journey); });
    ASSERT_EQ(screen(), "progress");
    checkScreen("progress", "progressScreen", "办理进度查询");
    ASSERT_TRUE(press("‹ 返回"));
    EXPECT_EQ(screen(), "guide");
}

TEST_F(ScreenAccessibility, ProgressUnreachable)
{
    fixture_->platform().setLinkDown(true);
    show([this](kiosk::core::Journey& journey) { fixture_->toProgress(journey); });
    ASSERT_EQ(screen(), "progress");
    checkScreen("progress, platform unreachable", "progressScreen", "办理进度查询");
    ASSERT_TRUE(press("查询完毕"));
    EXPECT_EQ(screen(), "home");
}

TEST_F(ScreenAccessibility, Document)
{
    show([this](kiosk::core::Journey& journey) { fixture_->toDocument(journey); });
    ASSERT_EQ(screen(), "document");
    checkScreen("document", "documentScreen", "打印完成");
    ASSERT_TRUE(press("完成"));
    EXPECT_EQ(screen(), "home");
}

TEST_F(ScreenAccessibility, DocumentJobAborted)
{
    fixture_->a4().failNext(hal::DocumentJobState::Aborted, "job-completed-with-errors");
    show([this](kiosk::core::Journey& journey) { fixture_->toDocument(journey); });
    ASSERT_EQ(screen(), "document");
    checkScreen("document, job aborted", "documentScreen", "未能打印");
    ASSERT_TRUE(press("重新打印"));
    ASSERT_TRUE(QTest::qWaitFor([this] { return fixture_->a4().printed().size() == 1; }, 5000))
        << "the second job came out";
}

TEST_F(ScreenAccessibility, IdlePrompt)
{
    show([this](kiosk::core::Journey& journey) { toIdentify(journey); });
    fixture_->session().tick();
    ASSERT_TRUE(fixture_->session().idleWarning());
    settle();
    checkScreen("idle prompt", "idlePromptContent", "需要更多时间吗？");
    ASSERT_TRUE(press("需要，继续办理"));
    EXPECT_FALSE(fixture_->session().idleWarning());
}

TEST_F(ScreenAccessibility, HelpDialog)
{
    show();
    ASSERT_TRUE(press("人工帮助"));
    auto* dialog = window_->findChild<QObject*>("helpDialog");
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(dialog->property("opened").toBool());
    checkScreen("help dialog", "helpDialogContent", "需要帮助？");
    ASSERT_TRUE(press("知道了"));
    EXPECT_TRUE(QTest::qWaitFor([&] { return !dialog->property("visible").toBool(); }, 2000));
}

TEST_F(ScreenAccessibility, MaintenanceLogin)
{
    show();
    maintenance_.requestAccess(); // what the hidden gesture does on the home screen
    settle();
    ASSERT_EQ(maintenance_.state(), "login");
    checkScreen("maintenance login", "maintenanceLoginScreen", "维护人员验证");
    ASSERT_TRUE(press("取消"));
    EXPECT_EQ(maintenance_.state(), "closed");
}

TEST_F(ScreenAccessibility, Maintenance)
{
    show();
    maintenance_.requestAccess();
    maintenanceClock_.advance(std::chrono::seconds(30));
    maintenance_.submitCode(QString::fromStdString(
        kiosk::core::totp(*kiosk::core::decodeBase32(maintenanceSecret), maintenanceClock_.now())));
    settle();
    ASSERT_EQ(maintenance_.state(), "open");
    checkScreen("maintenance", "maintenanceScreen", "设备维护");
    ASSERT_TRUE(press("退出维护"));
    EXPECT_EQ(maintenance_.state(), "closed");
}

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"screen_accessibility_test", true, nullptr}));
    return RUN_ALL_TESTS();
}
