// SPDX-License-Identifier: Apache-2.0
// The on-screen keyboards as a screen reader sees them: the QAccessible tree that Qt's AT-SPI
// bridge serves to Orca. Every key is a button with a Chinese name and a press action, and
// pressing keys through the action interface types into the field as taps do.
#include "qml/fonts.h"
#include "tests/qml/qt_environment.h"

#include <gtest/gtest.h>

#include <QAccessible>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QStringList>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>
#include <vector>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

/// A window with a field and `keyboard` attached to it.
class Keyboard {
public:
    explicit Keyboard(const QString& keyboard)
    {
        engine_.addImportPath("qrc:/qt/qml");
        engine_.loadData(QStringLiteral(R"(
import QtQuick
import Kiosk.Ui
Window {
    width: 1080
    height: 1200
    visible: true
    property alias fieldText: field.text
    TextInput {
        id: field
        width: 1016
        height: 80
        focus: true
    }
    %1 {
        y: 100
        width: 1016
        target: field
    }
}
)")
                             .arg(keyboard)
                             .toUtf8());
        if (!engine_.rootObjects().isEmpty())
            window_ = qobject_cast<QQuickWindow*>(engine_.rootObjects().first());
        if (window_ != nullptr)
            (void)QTest::qWaitForWindowExposed(window_);
    }

    [[nodiscard]] bool loaded() const { return window_ != nullptr; }
    [[nodiscard]] QString fieldText() const { return window_->property("fieldText").toString(); }

    /// Every accessible button under the window, as a screen reader lists them.
    [[nodiscard]] std::vector<QAccessibleInterface*> buttons() const
    {
        std::vector<QAccessibleInterface*> found;
        collect(QAccessible::queryAccessibleInterface(window_), found);
        return found;
    }

    /// Presses the button named `name` through its action interface; false when none is.
    bool press(const QString& name) const
    {
        for (auto* button : buttons())
            if (button->text(QAccessible::Name) == name && button->actionInterface() != nullptr) {
                button->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
                return true;
            }
        return false;
    }

    /// The names of the buttons whose name starts with `prefix`, in tree order.
    [[nodiscard]] QStringList names(const QString& prefix) const
    {
        QStringList found;
        for (auto* button : buttons())
            if (button->text(QAccessible::Name).startsWith(prefix))
                found.append(button->text(QAccessible::Name));
        return found;
    }

private:
    static void collect(QAccessibleInterface* node, std::vector<QAccessibleInterface*>& out)
    {
        if (node == nullptr)
            return;
        for (int i = 0; i < node->childCount(); ++i) {
            auto* child = node->child(i);
            if (child != nullptr && child->role() == QAccessible::Button)
                out.push_back(child);
            collect(child, out);
        }
    }

    QQmlApplicationEngine engine_;
    QQuickWindow* window_ = nullptr;
};

struct KeyboardCase {
    const char* type;
    std::size_t keys; ///< shown before anything is typed
};

class EveryKeyboard : public ::testing::TestWithParam<KeyboardCase> {};

TEST_P(EveryKeyboard, EveryKeyIsAButtonNamedInChineseWithAPressAction)
{
    const Keyboard keyboard(QString::fromLatin1(GetParam().type));
    ASSERT_TRUE(keyboard.loaded());
    const auto buttons = keyboard.buttons();
    EXPECT_EQ(buttons.size(), GetParam().keys);
    const QRegularExpression hanzi("[\\x{4e00}-\\x{9fff}]");
    for (auto* button : buttons) {
        const QString name = button->text(QAccessible::Name);
        EXPECT_TRUE(name.contains(hanzi)) << "a key named \"" << name.toStdString() << '"';
        ASSERT_NE(button->actionInterface(), nullptr) << name.toStdString();
        EXPECT_TRUE(button->actionInterface()->actionNames().contains(
            QAccessibleActionInterface::pressAction()))
            << name.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(Keyboards, EveryKeyboard,
                         ::testing::Values(KeyboardCase{"PinyinKeyboard", 10 + 26 + 6},
                                           KeyboardCase{"DigitKeyboard", 12},
                                           KeyboardCase{"IdNumberKeyboard", 13},
                                           KeyboardCase{"PhoneKeyboard", 12}),
                         [](const ::testing::TestParamInfo<KeyboardCase>& keyboard) {
                             return std::string(keyboard.param.type);
                         });

TEST(KeyboardAccessibility, PinyinTypedAndChosenThroughPressActions)
{
    const Keyboard keyboard("PinyinKeyboard");
    ASSERT_TRUE(keyboard.loaded());
    for (const char* letter : {"S", "H", "E", "B", "A", "O"})
        ASSERT_TRUE(keyboard.press(QStringLiteral("字母 ") + letter)) << letter;
    ASSERT_TRUE(keyboard.press("候选词 社保")) << "the candidate bar offers 社保";
    EXPECT_EQ(keyboard.fieldText(), "社保");
    EXPECT_TRUE(keyboard.press("删除"));
    EXPECT_EQ(keyboard.fieldText(), "社");
}

TEST(KeyboardAccessibility, IdNumberTypedThroughPressActions)
{
    const Keyboard keyboard("IdNumberKeyboard");
    ASSERT_TRUE(keyboard.loaded());
    for (const QChar c : QStringLiteral("11010519491231002X"))
        ASSERT_TRUE(
            keyboard.press(c == 'X' ? QStringLiteral("字母 X") : QStringLiteral("数字 ") + c));
    EXPECT_EQ(keyboard.fieldText(), "11010519491231002X");
    EXPECT_TRUE(keyboard.press("清空"));
    EXPECT_EQ(keyboard.fieldText(), "");
}

TEST(KeyboardAccessibility, ADisabledKeyIgnoresItsPressAction)
{
    const Keyboard keyboard("PinyinKeyboard");
    ASSERT_TRUE(keyboard.loaded());
    for (const char* letter : {"M", "A"})
        ASSERT_TRUE(keyboard.press(QStringLiteral("字母 ") + letter));
    const QStringList firstPage = keyboard.names("候选词 ");
    ASSERT_EQ(firstPage.size(), 6);
    ASSERT_TRUE(keyboard.press("上一页候选词")) << "listed, though disabled on the first page";
    EXPECT_EQ(keyboard.names("候选词 "), firstPage);
    ASSERT_TRUE(keyboard.press("下一页候选词"));
    EXPECT_NE(keyboard.names("候选词 "), firstPage) << "an enabled key does page";
}

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"keyboard_accessibility_test", true, nullptr}));
    return RUN_ALL_TESTS();
}
