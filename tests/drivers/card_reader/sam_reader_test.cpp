// SPDX-License-Identifier: Apache-2.0
// SamCardReader over a pty against the reader simulator: the sequence, retries, faults,
// noise and split frames on the line, a hung reader, and unplug/replug in the middle of a read.
#include "base/manual_clock.h"
#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/card_reader/serial/serial_link.h"
#include "drivers/fake/fake_card_reader.h"
#include "hal/device_manager.h"
#include "tests/support/idcard_sim/pty_reader_sim.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <thread>

using namespace std::chrono_literals;
using drivers::card_reader::SamCardReader;
using drivers::card_reader::SamReaderOptions;

namespace {

constexpr std::uint16_t readCommand = 0x3001;

class SamReaderTest : public testing::Test {
protected:
    void SetUp() override { reader_ = makeReader(options()); }
    void TearDown() override { reader_.reset(); }

    static SamReaderOptions options()
    {
        SamReaderOptions options;
        options.pollInterval = 30ms;
        options.reconnectInterval = 30ms;
        options.sequencer.commandTimeout = 300ms;
        options.sequencer.readTimeout = 1000ms;
        return options;
    }

    std::unique_ptr<SamCardReader> makeReader(SamReaderOptions readerOptions)
    {
        const std::string path = sim_.path();
        return std::make_unique<SamCardReader>(
            "serial", [path] { return drivers::card_reader::SerialLink::open(path); },
            readerOptions);
    }

    static hal::CardData resident() { return drivers::fake::sampleCards()[0]; }

    test_support::TempDir dir_;
    test_support::PtyReaderSimulator sim_{dir_.path() / "ttyIDCARD"};
    // For the tests whose reader watches on a manual clock: a member declared before reader_,
    // so that it outlives the reader's watcher thread (a clock local to the test body was
    // destroyed before TearDown stopped the watcher, which then waited on a dead mutex).
    base::ManualClock manualClock_;
    std::unique_ptr<SamCardReader> reader_;
};

TEST_F(SamReaderTest, OpenReadsTheSamIdAndEveryCardCarriesIt)
{
    ASSERT_TRUE(reader_->open());
    EXPECT_EQ(reader_->samId(), test_support::SamDevice::samIdText);
    EXPECT_NE(reader_->status().model.find(test_support::SamDevice::samIdText), std::string::npos);
    sim_.device().present(resident());
    auto card = reader_->readCard(2s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ((*card)->samId, test_support::SamDevice::samIdText);
    EXPECT_EQ((*card)->name, resident().name);
    EXPECT_EQ((*card)->photo.size(), 1024u);
    EXPECT_EQ(sim_.device().commandsSeen(0x12FF), 1u) << "the SAM id is read once per connection";
}

TEST_F(SamReaderTest, FindSelectReadAndAddressRunInOrder)
{
    ASSERT_TRUE(reader_->open());
    sim_.device().present(resident(), "四川省成都市武侯区人民南路四段1号");
    auto card = reader_->readCard(2s);
    ASSERT_TRUE(card && *card);
    EXPECT_EQ((*card)->address, "四川省成都市武侯区人民南路四段1号")
        << "the appended (newer) address supersedes the printed one";
    EXPECT_GE(sim_.device().commandsSeen(0x2001), 1u);
    EXPECT_EQ(sim_.device().commandsSeen(0x2002), 1u);
    EXPECT_EQ(sim_.device().commandsSeen(readCommand), 1u);
    EXPECT_EQ(sim_.device().commandsSeen(0x3003), 1u);
}

TEST_F(SamReaderTest, ReadFailuresFortyOneThirtyOneThirtyTwoAreRetried)
{
    ASSERT_TRUE(reader_->open());
    sim_.device().present(resident());
    sim_.device().failNext(readCommand, 0x41);
    sim_.device().failNext(readCommand, 0x31);
    auto card = reader_->readCard(2s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ(sim_.device().commandsSeen(readCommand), 3u);
    EXPECT_EQ(reader_->status().state, hal::DeviceState::Ready);
}

TEST_F(SamReaderTest, ACardThatKeepsFailingIsAMediaErrorNotAFault)
{
    ASSERT_TRUE(reader_->open());
    sim_.device().present(resident());
    sim_.device().failAlways(readCommand, 0x32);
    auto card = reader_->readCard(2s);
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().code, hal::errc::media);
    EXPECT_NE(card.error().message.find("hold still"), std::string::npos);
    EXPECT_EQ(reader_->status().state, hal::DeviceState::Ready);
}

TEST_F(SamReaderTest, SamFaultsSixtyAndSixtySixPutTheReaderInFaultUntilItRecovers)
{
    // The watcher looks at the reader once per pollInterval of a ManualClock: each look is one
    // advance, so "still in fault after a look" needs no real sleep.
    base::ManualClock& clock = manualClock_;
    auto readerOptions = options();
    readerOptions.clock = &clock;
    reader_ = makeReader(readerOptions);
    ASSERT_TRUE(test_support::startAndSettle(clock, [&] { ASSERT_TRUE(reader_->open()); }));
    sim_.device().present(resident());
    sim_.device().failAlways(0x2001, 0x60);
    sim_.device().failAlways(0x11FF, 0x66);
    auto card = reader_->readCard(2s);
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().code, hal::errc::device_fault);
    EXPECT_EQ(reader_->status().state, hal::DeviceState::Fault);
    EXPECT_NE(reader_->status().detail.find("SAM self-test failed"), std::string::npos);
    auto refused = reader_->readCard(10ms);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, hal::errc::device_fault);

    sim_.device().clearFailure(0x2001);
    ASSERT_TRUE(test_support::advanceAndSettle(clock, readerOptions.pollInterval));
    EXPECT_EQ(reader_->status().state, hal::DeviceState::Fault) << "66: still not authorised";
    sim_.device().clearFailure(0x11FF);
    ASSERT_TRUE(test_support::advanceAndSettle(clock, readerOptions.pollInterval));
    ASSERT_EQ(reader_->status().state, hal::DeviceState::Ready) << reader_->status().detail;
    auto after = reader_->readCard(2s);
    EXPECT_TRUE(after && *after);
}

TEST_F(SamReaderTest, AReaderFaultyAtStartRefusesToOpen)
{
    sim_.device().failAlways(0x11FF, 0x66);
    auto opened = reader_->open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::device_fault);
    EXPECT_NE(opened.error().message.find("SAM not authorised"), std::string::npos);
}

TEST_F(SamReaderTest, AReaderFaultyAtStartIsOpenedOnceItsSamIsFixed)
{
    // The device manager retries every device that failed to open, not only absent ones:
    // a re-authorised SAM (or a freed port) needs no restart.
    sim_.device().failAlways(0x11FF, 0x66);
    hal::DeviceSet devices;
    std::shared_ptr<SamCardReader> reader = std::move(reader_);
    devices.cardReader = reader;
    base::ManualClock clock; // the manager's retries; the reader keeps the real clock
    hal::DeviceManagerOptions managerOptions;
    managerOptions.retryInterval = 1s;
    managerOptions.clock = &clock;
    hal::DeviceManager manager(devices, managerOptions);
    ASSERT_TRUE(
        test_support::startAndSettle(clock, [&] { EXPECT_EQ(manager.openAll().size(), 1u); }));
    EXPECT_EQ(reader->status().state, hal::DeviceState::Fault);
    EXPECT_NE(reader->status().detail.find("SAM not authorised"), std::string::npos);
    ASSERT_TRUE(test_support::advanceAndSettle(clock, managerOptions.retryInterval));
    EXPECT_EQ(reader->status().state, hal::DeviceState::Fault) << "retried, still not authorised";

    sim_.device().clearFailure(0x11FF);
    ASSERT_TRUE(test_support::advanceAndSettle(clock, managerOptions.retryInterval));
    ASSERT_EQ(reader->status().state, hal::DeviceState::Ready) << reader->status().detail;
    sim_.device().present(resident());
    auto card = reader->readCard(2s);
    EXPECT_TRUE(card && *card);
}

TEST_F(SamReaderTest, GarbageAndBrokenFramesOnTheLineAreSkipped)
{
    ASSERT_TRUE(reader_->open());
    sim_.device().present(resident());
    // Noise, a frame with a bad checksum and one with an impossible length before the answer.
    std::vector<std::uint8_t> noise = {0x00, 0xFF, 0xAA, 0x13};
    const auto bad = test_support::responseFrame(0x90, std::vector<std::uint8_t>(8, 0x11));
    noise.insert(noise.end(), bad.begin(), bad.end() - 1);
    noise.push_back(static_cast<std::uint8_t>(bad.back() ^ 0x5A));
    noise.insert(noise.end(), {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x7F, 0xFF});
    sim_.device().injectBeforeNextAnswer(noise);
    auto card = reader_->readCard(2s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ((*card)->idNumber, resident().idNumber);
}

TEST_F(SamReaderTest, FramesArrivingInSmallPiecesAreReassembled)
{
    sim_.setChunking(7, 1ms);
    ASSERT_TRUE(reader_->open());
    sim_.device().present(resident());
    auto card = reader_->readCard(5s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ((*card)->name, resident().name);
}

TEST_F(SamReaderTest, AReaderThatStopsAnsweringTimesOut)
{
    ASSERT_TRUE(reader_->open());
    sim_.device().setSilent(true);
    auto card = reader_->readCard(50ms);
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().code, hal::errc::timeout);
}

TEST_F(SamReaderTest, UnplugInTheMiddleOfAReadAndReplugRecoversWithoutRestart)
{
    ASSERT_TRUE(reader_->open());
    sim_.device().present(resident());
    sim_.unplugOnCommand(readCommand);
    auto interrupted = reader_->readCard(2s);
    ASSERT_FALSE(interrupted);
    EXPECT_EQ(interrupted.error().code, hal::errc::no_device);
    EXPECT_EQ(reader_->status().state, hal::DeviceState::Disconnected);

    sim_.plug(); // a new pty behind the same path
    ASSERT_TRUE(test_support::pollUntil(
        [&] { return reader_->status().state == hal::DeviceState::Ready; }));
    auto card = reader_->readCard(2s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ(reader_->status().counters.disconnects, 1u);
    EXPECT_EQ(reader_->status().counters.reconnects, 1u);
}

TEST_F(SamReaderTest, FingerprintModeReadsThirtyTenAndKeepsTheTextAndPhoto)
{
    auto readerOptions = options();
    readerOptions.sequencer.mode = drivers::card_reader::sam::ReadMode::TextPhotoFingerprint;
    reader_ = makeReader(readerOptions);
    sim_.device().setFingerprintSize(1024);
    ASSERT_TRUE(reader_->open());
    sim_.device().present(drivers::fake::sampleCards()[3]);
    auto card = reader_->readCard(2s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ(sim_.device().commandsSeen(0x3010), 1u);
    EXPECT_EQ((*card)->type, hal::CardType::ForeignPermanent2023);
    EXPECT_EQ((*card)->nameEn, drivers::fake::sampleCards()[3].nameEn);
    EXPECT_EQ((*card)->photo.size(), 1024u) << "the fingerprint is not kept";
}

TEST_F(SamReaderTest, CloseReturnsPromptlyWhileTheWatcherWaits)
{
    base::ManualClock& clock = manualClock_; // time never reaches the watcher's next look
    auto readerOptions = options();
    readerOptions.pollInterval = 1h;
    readerOptions.clock = &clock;
    reader_ = makeReader(readerOptions);
    ASSERT_TRUE(test_support::startAndSettle(clock, [&] { ASSERT_TRUE(reader_->open()); }));
    const auto took = test_support::timeToStop([&] { reader_->close(); });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
    EXPECT_EQ(clock.waiting(), 0u) << "the watcher still waits";
    EXPECT_EQ(reader_->status().state, hal::DeviceState::Closed);
}

TEST_F(SamReaderTest, PollsFindAboutOncePerIntervalWhileWaiting)
{
    ASSERT_TRUE(reader_->open());
    const auto before = sim_.device().emptyFinds();
    auto none = reader_->readCard(400ms);
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);
    const auto polls = sim_.device().emptyFinds() - before;
    EXPECT_GE(polls, 3u);
    EXPECT_LE(polls, 25u) << "polling must not flood the reader";
}

} // namespace

TEST(SamReaderAtStart, AReaderPluggedInAfterTheKioskStartedBecomesReadyAndReads)
{
    test_support::TempDir dir;
    const auto path = (dir.path() / "ttyIDCARD").string();
    SamReaderOptions options;
    options.pollInterval = 30ms;
    options.reconnectInterval = 30ms;
    options.sequencer.commandTimeout = 300ms;
    hal::DeviceSet devices;
    auto reader = std::make_shared<SamCardReader>(
        "serial", [path] { return drivers::card_reader::SerialLink::open(path); }, options);
    devices.cardReader = reader;
    base::ManualClock clock; // the manager's retries; the reader keeps the real clock
    hal::DeviceManagerOptions managerOptions;
    managerOptions.retryInterval = 1s;
    managerOptions.clock = &clock;
    hal::DeviceManager manager(devices, managerOptions);
    std::vector<base::Error> errors;
    ASSERT_TRUE(test_support::startAndSettle(clock, [&] { errors = manager.openAll(); }));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].code, hal::errc::no_device);
    EXPECT_EQ(reader->status().state, hal::DeviceState::Disconnected);
    EXPECT_NE(reader->status().detail.find("not connected"), std::string::npos);

    for (int i = 0; i < 3; ++i) // a few retries find nothing
        ASSERT_TRUE(test_support::advanceAndSettle(clock, managerOptions.retryInterval));
    EXPECT_EQ(reader->status().state, hal::DeviceState::Disconnected);
    test_support::PtyReaderSimulator sim(path);
    ASSERT_TRUE(test_support::advanceAndSettle(clock, managerOptions.retryInterval));
    ASSERT_EQ(reader->status().state, hal::DeviceState::Ready) << reader->status().detail;
    EXPECT_EQ(reader->samId(), test_support::SamDevice::samIdText);
    sim.device().present(drivers::fake::sampleCards()[0]);
    auto card = reader->readCard(2s);
    ASSERT_TRUE(card && *card) << (card ? "no card" : card.error().message);
    EXPECT_EQ((*card)->samId, test_support::SamDevice::samIdText);
    manager.closeAll(); // before the simulator goes
}
