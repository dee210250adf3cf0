// SPDX-License-Identifier: Apache-2.0
// Tests of the card watch: it reads only while asked, hands over each card once, says a
// failure once (not once per poll), and reads a real reader driver (the SAM protocol over a
// pty, from the reader simulator).
#include "kiosk/core/read_watch.h"

#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/card_reader/serial/serial_link.h"
#include "drivers/fake/fake_card_reader.h"
#include "tests/support/idcard_sim/pty_reader_sim.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

using namespace std::chrono_literals;
using kiosk::core::CardWatch;

namespace {

/// What the watch's signals said, from its worker.
struct Heard {
    std::mutex mutex;
    std::vector<std::string> names;
    std::vector<std::error_code> failures;

    std::size_t cards()
    {
        std::lock_guard lock(mutex);
        return names.size();
    }
    std::size_t failed()
    {
        std::lock_guard lock(mutex);
        return failures.size();
    }
};

struct Listening {
    Listening(CardWatch& watch, Heard& heard)
        : card(watch.itemRead.connect([&heard](const hal::CardData& read) {
              std::lock_guard lock(heard.mutex);
              heard.names.push_back(read.name);
          })),
          failure(watch.readFailed.connect([&heard](const base::Error& error) {
              std::lock_guard lock(heard.mutex);
              heard.failures.push_back(error.code);
          }))
    {
    }
    base::Connection card;
    base::Connection failure;
};

} // namespace

TEST(CardWatch, ReadsOnlyWhileAskedAndHandsEachCardOverOnce)
{
    auto reader = std::make_shared<drivers::fake::FakeCardReader>();
    ASSERT_TRUE(reader->open());
    CardWatch watch(reader, base::systemClock(), 20ms);
    Heard heard;
    Listening listening(watch, heard);

    reader->present(drivers::fake::sampleCards().front());
    std::this_thread::sleep_for(100ms); // would be long enough to read it, were it asked
    EXPECT_EQ(heard.cards(), 0u) << "no card is read on the home screen";

    watch.setWatching(true);
    ASSERT_TRUE(test_support::pollUntil([&] { return heard.cards() == 1; }));
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(heard.cards(), 1u) << "a card left on the reader is one card";
    EXPECT_EQ(heard.names.front(), drivers::fake::sampleCards().front().name);

    reader->remove();
    reader->present(drivers::fake::sampleCards().at(1));
    ASSERT_TRUE(test_support::pollUntil([&] { return heard.cards() == 2; }));
    watch.setWatching(false);
}

TEST(CardWatch, TheSameFailureIsSaidOnceNotOncePerPoll)
{
    auto reader = std::make_shared<drivers::fake::FakeCardReader>();
    ASSERT_TRUE(reader->open());
    CardWatch watch(reader, base::systemClock(), 20ms);
    Heard heard;
    Listening listening(watch, heard);
    reader->failNext({hal::errc::media, "the card could not be read"});
    watch.setWatching(true);
    ASSERT_TRUE(test_support::pollUntil([&] { return heard.failed() == 1; }));
    EXPECT_EQ(heard.failures.front(), hal::errc::media);

    reader->close(); // the reader is gone: every read fails alike
    ASSERT_TRUE(test_support::pollUntil([&] { return heard.failed() == 2; }, 5s));
    std::this_thread::sleep_for(1200ms); // another poll of the closed reader
    EXPECT_EQ(heard.failed(), 2u) << "the same failure again is not said again";
}

TEST(CardWatch, ReadsARealReaderOverItsSerialLine)
{
    test_support::TempDir dir;
    test_support::PtyReaderSimulator sim(dir.path() / "ttyIDCARD");
    const std::string path = sim.path();
    drivers::card_reader::SamReaderOptions options;
    options.pollInterval = 30ms;
    options.sequencer.commandTimeout = 300ms;
    options.sequencer.readTimeout = 1000ms;
    auto reader = std::make_shared<drivers::card_reader::SamCardReader>(
        "serial", [path] { return drivers::card_reader::SerialLink::open(path); }, options);
    ASSERT_TRUE(reader->open());
    CardWatch watch(reader, base::systemClock(), 200ms);
    Heard heard;
    Listening listening(watch, heard);
    watch.setWatching(true);

    sim.device().present(drivers::fake::sampleCards().front());
    ASSERT_TRUE(test_support::pollUntil([&] { return heard.cards() == 1; }, 5s));
    EXPECT_EQ(heard.names.front(), drivers::fake::sampleCards().front().name);
}
