// SPDX-License-Identifier: Apache-2.0
// The libusb backend for real: libusb talks usbdevfs to an emulated reader (umockdev), in
// both transfer profiles, with the profile found from the descriptors, and the reader
// leaving the bus in the middle of a read and coming back.
#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/card_reader/usb/usb_link.h"
#include "drivers/fake/fake_card_reader.h"
#include "tests/support/idcard_sim/usb_reader_sim.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <thread>

using namespace std::chrono_literals;
using namespace drivers::card_reader;
using Profile = test_support::UsbReaderSimulator::Profile;

namespace {

SamReaderOptions fast()
{
    SamReaderOptions options;
    options.pollInterval = 30ms;
    options.reconnectInterval = 30ms;
    options.sequencer.commandTimeout = 300ms;
    return options;
}

class UsbReader : public testing::TestWithParam<Profile> {};

TEST_P(UsbReader, TheProfileIsFoundFromTheEndpointsAndACardIsRead)
{
    test_support::UsbReaderSimulator sim(GetParam());
    auto link = openUsbLink(UsbOptions{}); // Auto
    ASSERT_TRUE(link) << link.error().message;
    EXPECT_EQ((*link)->describe(),
              GetParam() == Profile::Split ? "usb 0400:c35a (split)" : "usb 0400:c35a (single)");
    sim.device().present(drivers::fake::sampleCards()[1]);
    auto status = (*link)->exchange(sam::Command::SamStatus, 500ms);
    ASSERT_TRUE(status) << status.error().message;
    EXPECT_EQ(status->sw3, 0x90);
    auto found = (*link)->exchange(sam::Command::FindCard, 500ms);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->sw3, 0x9F);
    EXPECT_GE(sim.urbsSubmitted(), 4u) << "the exchange went through usbdevfs URBs";
}

TEST_P(UsbReader, ConfiguredIdsAreUsed)
{
    test_support::UsbReaderSimulator sim(GetParam(), 0x1234, 0xABCD);
    EXPECT_FALSE(openUsbLink(UsbOptions{})) << "0400:c35a is not attached";
    auto options = parseUsbSpec("usb:1234:abcd");
    ASSERT_TRUE(options);
    auto link = openUsbLink(*options);
    ASSERT_TRUE(link) << link.error().message;
}

TEST_P(UsbReader, UnplugInTheMiddleOfAReadAndReplugRecovers)
{
    test_support::UsbReaderSimulator sim(GetParam());
    SamCardReader reader(
        "usb", [] { return openUsbLink(UsbOptions{}); }, fast());
    ASSERT_TRUE(reader.open());
    sim.device().present(drivers::fake::sampleCards()[0]);
    std::thread unplugger;
    sim.device().setCommandHook([&](std::uint16_t command) {
        if (command != 0x3001 || unplugger.joinable())
            return true;
        // The reader drops off the bus while the card is being read (from another thread:
        // this hook runs inside umockdev's ioctl handler).
        unplugger = std::thread([&] { sim.unplug(); });
        return false;
    });
    auto interrupted = reader.readCard(2s);
    ASSERT_FALSE(interrupted);
    EXPECT_EQ(interrupted.error().code, hal::errc::no_device);
    EXPECT_EQ(reader.status().state, hal::DeviceState::Disconnected);

    unplugger.join();
    sim.device().setCommandHook({});
    sim.plug();
    ASSERT_TRUE(test_support::pollUntil([&] {
        return reader.status().state == hal::DeviceState::Ready;
    })) << reader.status().detail;
    auto card = reader.readCard(2s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ((*card)->idNumber, drivers::fake::sampleCards()[0].idNumber);
}

TEST(UsbSpec, ParsesIdsAndProfiles)
{
    auto split = parseUsbSpec("usb:0400:C35A:split");
    ASSERT_TRUE(split);
    EXPECT_EQ(split->vendorId, 0x0400);
    EXPECT_EQ(split->productId, 0xC35A);
    EXPECT_EQ(split->profile, UsbProfile::Split);
    EXPECT_EQ(parseUsbSpec("usb:0400:c35a:single")->profile, UsbProfile::Single);
    EXPECT_FALSE(parseUsbSpec("usb:0400:c35a:double"));
    EXPECT_FALSE(parseUsbSpec("usb:400:c35a"));
    EXPECT_FALSE(parseUsbSpec("serial:/dev/ttyACM0"));
}

INSTANTIATE_TEST_SUITE_P(Profiles, UsbReader, testing::Values(Profile::Split, Profile::Single),
                         [](const testing::TestParamInfo<Profile>& param) {
                             return std::string(test_support::toString(param.param));
                         });

} // namespace

int main(int argc, char** argv)
{
    test_support::reexecUnderUmockdev(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
