// SPDX-License-Identifier: Apache-2.0
// Issue 14 part 3 with the screens: a citizen's whole application on Main.qml (card read, the
// form typed into its entries as the on-screen keyboard does, confirmed, receipt, rating), then
// the session ends by the idle timeout. Afterwards nothing of the citizen is left: not in any
// property of any object of the QML tree or the view-models it reaches, and not in the
// process's writable memory (heap, the JavaScript heap, stacks), searched as UTF-8 and as
// UTF-16 (QString's encoding) through /proc/self/mem.
//
// The program restarts itself with freed memory overwritten, as the kiosk does
// (base/heap_scrubbing.h), and Main.qml collects the JavaScript garbage once home.
#include "base/heap_scrubbing.h"
#include "hal/card_reader.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "qml/catalog_view_model.h"
#include "qml/session_view_model.h"
#include "qml/uplink_status.h"
#include "tests/qml/journey_fixture.h"
#include "tests/qml/qt_environment.h"
#include "tests/support/memory_search.h"
#include "tests/support/shipped_catalog.h"

#include <gtest/gtest.h>

#include <QJsonDocument>
#include <QMetaProperty>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <iostream>
#include <set>
#include <string_view>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

using kiosk::core::SessionState;
using test_support::HiddenText;

/// The citizen, as literals (read-only memory: never a finding).
constexpr std::string_view kName = "欧阳明远";
constexpr std::u16string_view kName16 = u"欧阳明远";
constexpr std::string_view kIdNumber = "350203197707071235";
constexpr std::u16string_view kIdNumber16 = u"350203197707071235";
constexpr std::string_view kPhone = "13912345678";
constexpr std::u16string_view kPhone16 = u"13912345678";
constexpr std::string_view kAddress = "思明区演武路七号";
constexpr std::u16string_view kAddress16 = u"思明区演武路七号";

HiddenText utf16(std::u16string_view text)
{
    return HiddenText(std::string_view(reinterpret_cast<const char*>(text.data()),
                                       text.size() * sizeof(char16_t)));
}

/// Every string a value holds, QVariantMap and QVariantList included, as one text.
QString textOf(const QVariant& value)
{
    if (value.canConvert<QVariantMap>() || value.canConvert<QVariantList>())
        return QString::fromUtf8(QJsonDocument::fromVariant(value).toJson(QJsonDocument::Compact)) +
               value.toString();
    return value.toString();
}

/// Objects reachable from `object`: children, child items, and QObject-valued properties.
class ObjectTreeSearch {
public:
    explicit ObjectTreeSearch(std::vector<QString> needles) : needles_(std::move(needles)) {}

    void visit(QObject* object, const QString& path)
    {
        if (object == nullptr || !visited_.insert(object).second)
            return;
        ++objects_;
        const QMetaObject* meta = object->metaObject();
        for (int i = 0; i < meta->propertyCount(); ++i) {
            const QMetaProperty property = meta->property(i);
            const QVariant value = property.read(object);
            if (auto* inner = value.value<QObject*>(); inner != nullptr) {
                visit(inner, path + '.' + property.name());
                continue;
            }
            check(textOf(value), path + '.' + property.name());
        }
        for (const QByteArray& name : object->dynamicPropertyNames())
            check(textOf(object->property(name)), path + '.' + name);
        for (QObject* child : object->children())
            visit(child, path + '/' + child->metaObject()->className());
        if (auto* item = qobject_cast<QQuickItem*>(object))
            for (QQuickItem* child : item->childItems())
                visit(child, path + '/' + child->metaObject()->className());
    }

    [[nodiscard]] int objects() const { return objects_; }
    [[nodiscard]] const std::vector<QString>& findings() const { return findings_; }

private:
    void check(const QString& text, const QString& where)
    {
        ++properties_;
        for (const auto& needle : needles_)
            if (text.contains(needle))
                findings_.push_back(where);
    }

    std::vector<QString> needles_;
    std::set<QObject*> visited_;
    std::vector<QString> findings_;
    int objects_ = 0;
    int properties_ = 0;
};

class ResidualData : public ::testing::Test {
protected:
    void SetUp() override
    {
        viewModel_.setCatalog(&catalog_);
        fixture_ = std::make_unique<test_support::ScreenJourney>(
            viewModel_, [](kiosk::core::JourneyOptions& options) {
                options.idleTimeout = std::chrono::seconds(3);
                options.warnBefore = std::chrono::seconds(1);
            });
        engine_ = std::make_unique<QQmlApplicationEngine>();
        engine_->addImportPath("qrc:/qt/qml");
        engine_->setInitialProperties({{"catalog", QVariant::fromValue(&viewModel_)},
                                       {"session", QVariant::fromValue(&fixture_->session())},
                                       {"uplink", QVariant::fromValue(&uplink_)},
                                       {"stillFrames", true}});
        engine_->load(QUrl("qrc:/qt/qml/Kiosk/Ui/Main.qml"));
        ASSERT_FALSE(engine_->rootObjects().isEmpty()) << "Main.qml did not load";
        window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
        ASSERT_NE(window_, nullptr);
        window_->resize(1080, 1920);
        window_->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window_));
    }

    void TearDown() override { fixture_->journey().end(); }

    [[nodiscard]] kiosk::core::Journey& journey() { return fixture_->journey(); }

    /// Waits until the screen `screen` is in place.
    void settleOn(const QString& screen)
    {
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                return fixture_->session().screen() == screen &&
                       !window_->property("switching").toBool();
            },
            5000))
            << "on " << fixture_->session().screen().toStdString() << ", not "
            << screen.toStdString();
    }

    /// Types into the form's entry of `fieldId` as the on-screen keyboard does (its text).
    void type(const std::string& fieldId, std::u16string_view text)
    {
        auto* entry =
            window_->findChild<QObject*>(QString::fromStdString("field_" + fieldId + "_entry"));
        QString typed;
        if (entry == nullptr) { // a field below the list's fold, not created yet: as it would
            typed = QString::fromUtf16(text.data(), qsizetype(text.size()));
            fixture_->session().setField(QString::fromStdString(fieldId), typed);
            return;
        }
        for (const char16_t c : text) {
            typed.append(QChar(c)); // one key at a time, like the keyboard
            entry->setProperty("text", typed);
        }
    }

    /// The application, as a citizen makes it, up to the confirmation screen.
    void fillIn()
    {
        fixture_->toIdentify(journey());
        settleOn("identify");
        {
            hal::CardData citizen;
            citizen.name = kName;
            citizen.idNumber = kIdNumber;
            citizen.address = "福建省厦门市思明区";
            citizen.birthDate = "1977-07-07";
            journey().cardRead(std::move(citizen));
        }
        settleOn("form");
        for (const auto& field : journey().item()->form.fields) {
            if (journey().session().form().contains(field.id))
                continue;
            using T = kiosk::core::FieldType;
            if (field.type == T::Choice)
                fixture_->session().setField(QString::fromStdString(field.id),
                                             QString::fromStdString(field.options.front()));
            else if (field.type == T::Date)
                type(field.id, u"2026-11-01");
            else
                type(field.id, field.type == T::Phone ? kPhone16 : kAddress16);
        }
        ASSERT_TRUE(journey().completeForm());
        settleOn("confirm");
    }

    /// ... then confirmed, the receipt printed and the service rated: the thanks screen.
    void applyAndRate()
    {
        fillIn();
        ASSERT_TRUE(journey().confirm());
        ASSERT_TRUE(
            QTest::qWaitFor([&] { return journey().state() == SessionState::Submitted; }, 5000));
        journey().caseDelivered(journey().submissionId(), test_support::fixtureCaseNo);
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return journey().receiptState() != kiosk::core::ReceiptState::Printing; }, 5000));
        settleOn("submitted");
        ASSERT_TRUE(journey().toRating());
        settleOn("rating");
        ASSERT_TRUE(journey().rate(5, {}));
        settleOn("finished");
    }

    kiosk::core::Catalog catalog_ = test_support::shippedCatalog();
    kiosk::ui::CatalogViewModel viewModel_;
    kiosk::ui::UplinkStatus uplink_;
    std::unique_ptr<test_support::ScreenJourney> fixture_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
};

TEST_F(ResidualData, TheSearchesFindTheCitizenWhileTheSessionIsOn)
{
    // The searches below can fail: on the confirmation screen the phone number is shown.
    fillIn();
    ObjectTreeSearch tree({QString::fromUtf16(kPhone16.data(), kPhone16.size())});
    tree.visit(window_, "Main");
    EXPECT_FALSE(tree.findings().empty());
    EXPECT_NE(test_support::findInWritableMemory(utf16(kPhone16)), std::nullopt);
}

TEST_F(ResidualData, AnEndedSessionLeavesNothingOfTheCitizenInTheScreensOrTheProcess)
{
    ASSERT_TRUE(base::heapScrubbingActive())
        << "main() restarts with the kiosk's allocator settings";
    applyAndRate();
    // Nobody touches the screen: the idle prompt, then the end, then home.
    ASSERT_TRUE(QTest::qWaitFor([&] { return journey().state() == SessionState::Idle; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window_->property("atHome").toBool(); }, 5000));
    QTest::qWait(600); // Main.qml's collection after the session (250 ms), deferred deletes
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();

    {
        // The needles as QStrings live only in this block: freed, they are overwritten.
        ObjectTreeSearch tree({QString::fromUtf16(kName16.data(), kName16.size()),
                               QString::fromUtf16(kIdNumber16.data(), kIdNumber16.size()),
                               QString::fromUtf16(kPhone16.data(), kPhone16.size()),
                               QString::fromUtf16(kAddress16.data(), kAddress16.size())});
        tree.visit(window_, "Main");
        std::cout << "object tree: " << tree.objects() << " objects searched\n";
        for (const auto& where : tree.findings())
            ADD_FAILURE() << "citizen data in " << where.toStdString();
    }

    const std::pair<const char*, HiddenText> needles[] = {
        {"name (UTF-8)", HiddenText(kName)},          {"name (UTF-16)", utf16(kName16)},
        {"ID number (UTF-8)", HiddenText(kIdNumber)}, {"ID number (UTF-16)", utf16(kIdNumber16)},
        {"phone (UTF-8)", HiddenText(kPhone)},        {"phone (UTF-16)", utf16(kPhone16)},
        {"address (UTF-8)", HiddenText(kAddress)},    {"address (UTF-16)", utf16(kAddress16)}};
    for (const auto& [what, needle] : needles)
        if (const auto found = test_support::findInWritableMemory(needle))
            ADD_FAILURE() << what << " left in memory at " << std::hex << found->address << " ("
                          << (found->mapping.empty() ? "anonymous" : found->mapping) << ")";
}

} // namespace

int main(int argc, char** argv)
{
    if (auto scrubbed = base::restartWithHeapScrubbing(argv); !scrubbed)
        std::fprintf(stderr, "%s\n", scrubbed.error().describe().c_str());
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"residual_data_test", false, nullptr}));
    return RUN_ALL_TESTS();
}
