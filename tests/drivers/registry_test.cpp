// SPDX-License-Identifier: Apache-2.0
// Tests of drivers::createDevices, of the DeviceManager's retries (on a ManualClock) and of the
// fakes' own scripting.
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/registry.h"
#include "hal/id_number.h"
#include "tests/support/manual_time.h"

#include <gtest/gtest.h>

#include <mutex>

namespace {

constexpr std::chrono::seconds retryInterval{1};

hal::DeviceManagerOptions retriesOn(const base::Clock& clock)
{
    hal::DeviceManagerOptions options;
    options.retryInterval = retryInterval;
    options.clock = &clock;
    return options;
}

} // namespace

TEST(DriverRegistry, FakeSpecsCreateFourClosedDevices)
{
    auto devices = drivers::createDevices({});
    ASSERT_TRUE(devices.complete());
    ASSERT_TRUE(devices.devices.cardReader && devices.devices.codeScanner &&
                devices.devices.receiptPrinter && devices.devices.reviewTablet);
    EXPECT_EQ(devices.devices.cardReader->status().state, hal::DeviceState::Closed);
    EXPECT_EQ(devices.devices.cardReader->status().backend, "fake");
}

TEST(DriverRegistry, UnavailableBackendFailsItsClassOnlyNamingClassAndSpec)
{
    hal::DeviceSpecs specs;
    specs.reviewTablet = "bluetooth:00:11:22:33:44:55"; // no such review tablet backend
    specs.receiptPrinter = "usb:0fe6:811e";
    auto created = drivers::createDevices(specs);
    ASSERT_EQ(created.errors.size(), 1u);
    EXPECT_EQ(created.errors[0].code, base::errc::unsupported);
    EXPECT_NE(created.errors[0].message.find("review_tablet"), std::string::npos);
    EXPECT_NE(created.errors[0].message.find("bluetooth:00:11:22:33:44:55"), std::string::npos);
    EXPECT_FALSE(created.devices.reviewTablet);
    ASSERT_TRUE(created.devices.cardReader && created.devices.codeScanner &&
                created.devices.receiptPrinter)
        << "the other classes are still made";
    EXPECT_EQ(created.devices.receiptPrinter->status().backend, "usb:0fe6:811e");
    hal::DeviceManager manager(created.devices);
    EXPECT_EQ(manager.statuses().size(), 3u);
}

TEST(DriverRegistry, ReceiptPrinterSpecsCreateTheEscPosDriverWithTheProfile)
{
    for (const std::string spec :
         {"usb:0fe6:811e", "file:/dev/usb/lp0", "tcp:127.0.0.1:9100", "serial:/dev/ttyS1"}) {
        hal::DeviceSpecs specs;
        specs.receiptPrinter = spec;
        specs.receiptPrinterProfile = "generic-58";
        auto created = drivers::createDevices(specs);
        ASSERT_TRUE(created.complete()) << spec;
        EXPECT_EQ(created.devices.receiptPrinter->status().model, "ESC/POS generic-58") << spec;
    }
    hal::DeviceSpecs unknownProfile;
    unknownProfile.receiptPrinter = "tcp:127.0.0.1:9100";
    unknownProfile.receiptPrinterProfile = "epson-unknown";
    auto created = drivers::createDevices(unknownProfile);
    ASSERT_EQ(created.errors.size(), 1u);
    EXPECT_NE(created.errors[0].message.find("epson-unknown"), std::string::npos);
}

TEST(DriverRegistry, A4PrinterSpecIsFakeCupsOrNone)
{
    auto none = drivers::createDocumentPrinter("");
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
    EXPECT_EQ((*drivers::createDocumentPrinter("fake"))->describe(), "fake");
    EXPECT_EQ((*drivers::createDocumentPrinter("cups:Office_A4"))->describe(), "cups:Office_A4");
    EXPECT_FALSE(drivers::createDocumentPrinter("ipp://printer/x"));
}

TEST(DriverRegistry, SerialAndUsbCardReaderSpecsCreateTheSamDriver)
{
    hal::DeviceSpecs specs;
    specs.cardReader = "serial:/dev/nonexistent-idcard-reader";
    auto serial = drivers::createDevices(specs);
    ASSERT_TRUE(serial.complete());
    EXPECT_EQ(serial.devices.cardReader->status().backend, "serial");
    auto opened = serial.devices.cardReader->open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);

    specs.cardReader = "usb:0400:c35a";
    auto usb = drivers::createDevices(specs);
    ASSERT_TRUE(usb.complete());
    EXPECT_EQ(usb.devices.cardReader->status().backend, "usb");

    specs.cardReader = "usb:0400";
    auto bad = drivers::createDevices(specs);
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_NE(bad.errors[0].message.find("usb:VVVV:PPPP"), std::string::npos);
}

TEST(DeviceManager, OpensAllAndReportsEveryStatusChange)
{
    auto devices = drivers::createDevices({});
    ASSERT_TRUE(devices.complete());
    hal::DeviceManager manager(devices.devices);
    int changes = 0;
    auto connection =
        manager.deviceStatusChanged.connect([&](const hal::DeviceStatus&) { ++changes; });
    EXPECT_TRUE(manager.openAll().empty());
    EXPECT_TRUE(manager.allReady());
    EXPECT_EQ(changes, 4);
    EXPECT_EQ(manager.statuses().size(), 4u);
}

TEST(DeviceManager, OneUnpluggedDeviceDoesNotStopTheOthers)
{
    auto devices = drivers::createDevices({});
    ASSERT_TRUE(devices.complete());
    std::static_pointer_cast<drivers::fake::FakeCardReader>(devices.devices.cardReader)->unplug();
    hal::DeviceManager manager(devices.devices);
    const auto errors = manager.openAll();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("card_reader"), std::string::npos);
    EXPECT_EQ(devices.devices.receiptPrinter->status().state, hal::DeviceState::Ready);
    EXPECT_FALSE(manager.allReady());
}

TEST(DeviceManager, AnAbsentDeviceWaitsNotConnectedAndOpensWhenPluggedIn)
{
    auto devices = drivers::createDevices({});
    ASSERT_TRUE(devices.complete());
    auto reader =
        std::static_pointer_cast<drivers::fake::FakeCardReader>(devices.devices.cardReader);
    reader->unplug();
    base::ManualClock clock;
    hal::DeviceManager manager(devices.devices, retriesOn(clock));
    std::vector<hal::DeviceState> seen;
    std::mutex seenMutex;
    auto connection = manager.deviceStatusChanged.connect([&](const hal::DeviceStatus& status) {
        std::lock_guard lock(seenMutex);
        if (status.deviceClass == hal::DeviceClass::CardReader)
            seen.push_back(status.state);
    });
    std::vector<base::Error> errors;
    ASSERT_TRUE(test_support::startAndSettle(clock, [&] { errors = manager.openAll(); }));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].code, hal::errc::no_device);

    for (int i = 0; i < 3; ++i) // several retries, still absent
        ASSERT_TRUE(test_support::advanceAndSettle(clock, retryInterval));
    const auto waiting = reader->status();
    EXPECT_EQ(waiting.state, hal::DeviceState::Disconnected);
    EXPECT_NE(waiting.detail.find("not connected"), std::string::npos) << waiting.detail;
    auto refused = reader->readCard(std::chrono::milliseconds(10));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, hal::errc::no_device) << "absent, not merely unopened";
    EXPECT_EQ(devices.devices.receiptPrinter->status().state, hal::DeviceState::Ready);

    reader->plug();
    EXPECT_FALSE(manager.allReady()) << "opened before the next retry was due";
    ASSERT_TRUE(test_support::advanceAndSettle(clock, retryInterval));
    EXPECT_TRUE(manager.allReady());
    reader->present(drivers::fake::sampleCards()[0]);
    auto card = reader->readCard(std::chrono::seconds(1));
    ASSERT_TRUE(card && *card);
    std::lock_guard lock(seenMutex);
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back(), hal::DeviceState::Ready) << "the late open is reported";
}

TEST(DeviceManager, CloseAllEndsTheWaitForAnAbsentDevice)
{
    auto devices = drivers::createDevices({});
    ASSERT_TRUE(devices.complete());
    auto reader =
        std::static_pointer_cast<drivers::fake::FakeCardReader>(devices.devices.cardReader);
    reader->unplug();
    base::ManualClock clock;
    hal::DeviceManager manager(devices.devices, retriesOn(clock));
    ASSERT_TRUE(
        test_support::startAndSettle(clock, [&] { EXPECT_EQ(manager.openAll().size(), 1u); }));
    // The retry worker sleeps until the next retry: closeAll() ends that wait at once.
    const auto took = test_support::timeToStop([&] { manager.closeAll(); });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
    EXPECT_EQ(clock.waiting(), 0u) << "the retry worker still waits";
    EXPECT_EQ(reader->status().state, hal::DeviceState::Closed);
    reader->plug();
    clock.advance(10 * retryInterval);
    EXPECT_EQ(reader->status().state, hal::DeviceState::Closed) << "no retries after closeAll";
    auto refused = reader->readCard(std::chrono::milliseconds(10));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, hal::errc::not_open);
}

TEST(DeviceManager, SerialCardReaderAbsentAtStartIsNotConnectedNotFault)
{
    hal::DeviceSpecs specs;
    specs.cardReader = "serial:/dev/nonexistent-idcard-reader";
    auto devices = drivers::createDevices(specs);
    ASSERT_TRUE(devices.complete());
    base::ManualClock clock;
    hal::DeviceManager manager(devices.devices, retriesOn(clock));
    ASSERT_EQ(manager.openAll().size(), 1u);
    const auto status = devices.devices.cardReader->status();
    EXPECT_EQ(status.state, hal::DeviceState::Disconnected);
    EXPECT_EQ(hal::toString(status.state), "disconnected");
    EXPECT_TRUE(status.detail.starts_with("not connected: ")) << status.detail;
}

TEST(FakeCardReader, FailNextReturnsTheInjectedErrorOnce)
{
    drivers::fake::FakeCardReader reader;
    ASSERT_TRUE(reader.open());
    reader.failNext({make_error_code(hal::errc::device_fault), "SAM fault 0x60"});
    auto failed = reader.readCard(std::chrono::milliseconds(10));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, hal::errc::device_fault);
    EXPECT_TRUE(reader.readCard(std::chrono::milliseconds(10)));
}

TEST(FakeCardReader, SampleCardsHaveValidChecksumsWhereTheTypeHasOne)
{
    for (const auto& card : drivers::fake::sampleCards()) {
        if (card.type != hal::CardType::ForeignPermanent2017) {
            EXPECT_TRUE(hal::hasValidIdNumberChecksum(card.idNumber)) << hal::toString(card.type);
        }
    }
}

TEST(DriverRegistry, CodeScannerSpecsCreateTheirBackends)
{
    const std::pair<std::string, std::string> cases[] = {
        {"camera:/dev/video9", "camera"},     {"image:/tmp/receipt.png", "camera"},
        {"video:/tmp/hall.avi", "camera"},    {"serial:/dev/ttyACM9", "serial"},
        {"evdev:/dev/input/event9", "evdev"}, {"fake", "fake"},
    };
    for (const auto& [spec, backend] : cases) {
        hal::DeviceSpecs specs;
        specs.codeScanner = spec;
        auto devices = drivers::createDevices(specs);
        ASSERT_TRUE(devices.complete());
        EXPECT_EQ(devices.devices.codeScanner->status().backend, backend) << spec;
        EXPECT_EQ(devices.devices.codeScanner->status().state, hal::DeviceState::Closed) << spec;
    }
    hal::DeviceSpecs bad;
    bad.codeScanner = "serial:";
    EXPECT_FALSE(drivers::createDevices(bad).complete()) << "a spec without a path is refused";
}

TEST(DriverRegistry, SerialAndTcpReviewTabletSpecsCreateTheLinkDriver)
{
    hal::DeviceSpecs specs;
    specs.reviewTablet = "serial:/dev/nonexistent-review-tablet";
    auto serial = drivers::createDevices(specs);
    ASSERT_TRUE(serial.complete());
    EXPECT_EQ(serial.devices.reviewTablet->status().backend, "serial");
    auto opened = serial.devices.reviewTablet->open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);

    specs.reviewTablet = "tcp:127.0.0.1:7000";
    auto tcp = drivers::createDevices(specs);
    ASSERT_TRUE(tcp.complete());
    EXPECT_EQ(tcp.devices.reviewTablet->status().backend, "tcp");

    specs.reviewTablet = "tcp:127.0.0.1";
    auto bad = drivers::createDevices(specs);
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_NE(bad.errors[0].message.find("review_tablet"), std::string::npos);
    EXPECT_EQ(bad.devices.reviewTablet, nullptr);
    EXPECT_NE(bad.devices.cardReader, nullptr); // the other classes are still made
}
