// SPDX-License-Identifier: Apache-2.0
// Contract of hal::CardReader, run against every backend that has a harness.
#include "drivers/fake/fake_card_reader.h"
#include "fake_harnesses.h"
#include "lifecycle_contract.h"
#include "sam_harnesses.h"
#include "tests/support/poll_until.h"

#include <thread>

using namespace std::chrono_literals;

namespace {

using contract::CardReaderHarness;

class CardReaderContract : public testing::TestWithParam<contract::Backend<CardReaderHarness>> {
protected:
    void SetUp() override { harness_ = GetParam().create(); }
    hal::CardReader& reader() { return harness_->device(); }
    static hal::CardData card() { return drivers::fake::sampleCards().front(); }
    /// True once a read runs on another thread (the device reports Busy while it does).
    bool readUnderWay() const
    {
        return test_support::pollUntil(
            [&] { return harness_->device().status().state == hal::DeviceState::Busy; });
    }

    std::unique_ptr<CardReaderHarness> harness_;
};

auto readQuickly = [](hal::CardReader& reader) {
    return reader.readCard(10ms);
};

TEST_P(CardReaderContract, ReadBeforeOpenFailsNotOpen)
{
    contract::expectOperationBeforeOpenFailsNotOpen(*harness_, readQuickly);
}

TEST_P(CardReaderContract, OpenMakesReadyAndCloseCloses)
{
    contract::expectOpenMakesReadyAndCloseCloses(*harness_);
}

TEST_P(CardReaderContract, UnplugGivesNoDeviceAndReplugRecovers)
{
    contract::expectUnplugGivesNoDeviceAndReplugRecovers(*harness_, readQuickly);
}

TEST_P(CardReaderContract, NoCardIsANormalOutcomeNotAnError)
{
    ASSERT_TRUE(reader().open());
    auto result = reader().readCard(20ms);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_FALSE(*result);
}

TEST_P(CardReaderContract, CardLeftOnReaderIsReportedOnceUntilRemoved)
{
    ASSERT_TRUE(reader().open());
    harness_->presentCard(card());
    auto first = reader().readCard(2s);
    ASSERT_TRUE(first && *first);
    EXPECT_EQ((*first)->idNumber, card().idNumber);
    EXPECT_EQ((*first)->type, hal::CardType::Resident);

    auto again = reader().readCard(50ms);
    ASSERT_TRUE(again);
    EXPECT_FALSE(*again) << "the same card must not be reported twice";

    harness_->removeCard();
    harness_->presentCard(card());
    auto afterReplace = reader().readCard(2s);
    ASSERT_TRUE(afterReplace && *afterReplace);
    EXPECT_EQ(reader().status().counters.operations, 3u);
}

TEST_P(CardReaderContract, CardPresentedDuringWaitIsRead)
{
    ASSERT_TRUE(reader().open());
    std::thread citizen([&] {
        EXPECT_TRUE(readUnderWay());
        harness_->presentCard(card());
    });
    auto result = reader().readCard(5s);
    citizen.join();
    ASSERT_TRUE(result && *result);
}

TEST_P(CardReaderContract, UnplugDuringReadEndsTheReadWithNoDevice)
{
    ASSERT_TRUE(reader().open());
    std::thread technician([&] {
        EXPECT_TRUE(readUnderWay());
        harness_->unplug();
    });
    auto result = reader().readCard(5s);
    technician.join();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::no_device);
    EXPECT_EQ(reader().status().state, hal::DeviceState::Disconnected);
}

TEST_P(CardReaderContract, ConcurrentOperationIsRefusedBusy)
{
    ASSERT_TRUE(reader().open());
    // The first read waits for a card for as long as the test needs; a card ends it.
    std::thread waiting([&] {
        auto first = reader().readCard(30s);
        EXPECT_TRUE(first && *first) << "the first read ends with the card";
    });
    const bool underWay = readUnderWay();
    auto second = reader().readCard(10ms);
    harness_->presentCard(card());
    waiting.join();
    ASSERT_TRUE(underWay);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, hal::errc::busy);
}

#ifndef KIOSK_CONTRACT_USB
INSTANTIATE_TEST_SUITE_P(Backends, CardReaderContract,
                         testing::Values(
                             contract::Backend<CardReaderHarness>{
                                 "fake",
                                 [] {
                                     return std::make_unique<contract::FakeCardReaderHarness>();
                                 }},
                             contract::Backend<CardReaderHarness>{
                                 "serial",
                                 [] {
                                     return std::make_unique<contract::SerialSamHarness>();
                                 }}),
                         contract::backendName<CardReaderHarness>);
#else
// The libusb backend runs in its own executable, under umockdev's preload.
using Profile = test_support::UsbReaderSimulator::Profile;
INSTANTIATE_TEST_SUITE_P(
    Backends, CardReaderContract,
    testing::Values(
        contract::Backend<CardReaderHarness>{"libusb_split",
                                             [] {
                                                 return std::make_unique<contract::UsbSamHarness>(
                                                     Profile::Split);
                                             }},
        contract::Backend<CardReaderHarness>{"libusb_single",
                                             [] {
                                                 return std::make_unique<contract::UsbSamHarness>(
                                                     Profile::Single);
                                             }}),
    contract::backendName<CardReaderHarness>);
#endif

} // namespace

#ifdef KIOSK_CONTRACT_USB
int main(int argc, char** argv)
{
    test_support::reexecUnderUmockdev(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
#endif
