// SPDX-License-Identifier: Apache-2.0
// The hal lifecycle through a fake: one device's status changes arrive in the order they
// happened, even from two threads with a slow slot; an operation's timeout follows the clock.
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"

#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

TEST(DeviceStatus, ChangesFromTwoThreadsArriveInOrderAndTheLastIsTheCurrentOne)
{
    drivers::fake::FakeCardReader reader;
    ASSERT_TRUE(reader.open());
    std::mutex seenMutex;
    std::vector<std::string> seen; // hal::toString(state), readable in a failure
    std::atomic<bool> firstInside = false;
    std::atomic<bool> release = false;
    auto connection = reader.statusChanged.connect([&](const hal::DeviceStatus& status) {
        if (status.state == hal::DeviceState::Disconnected && !firstInside.exchange(true))
            while (!release) // a slow slot: the unplug's delivery is still running...
                std::this_thread::yield();
        std::lock_guard lock(seenMutex);
        seen.emplace_back(hal::toString(status.state));
    });
    std::jthread unplugger([&] { reader.unplug(); });
    ASSERT_TRUE(test_support::pollUntil([&] { return firstInside.load(); }));
    reader.plug(); // ...when another thread plugs the reader back in
    release = true;
    unplugger.join();
    ASSERT_TRUE(test_support::pollUntil([&] {
        std::lock_guard lock(seenMutex);
        return seen.size() == 2;
    }));
    std::lock_guard lock(seenMutex);
    EXPECT_EQ(seen, (std::vector<std::string>{"disconnected", "ready"}));
    EXPECT_EQ(seen.back(), hal::toString(reader.status().state));
}

TEST(FakeDevice, AReadTimesOutOnTheClockNotOnTheWall)
{
    base::ManualClock clock;
    drivers::fake::FakeCardReader reader;
    reader.setClock(clock);
    ASSERT_TRUE(reader.open());
    std::atomic<bool> done = false;
    std::jthread citizen([&] {
        auto read = reader.readCard(std::chrono::seconds(30));
        EXPECT_TRUE(read && !*read) << "no card within the timeout is a normal outcome";
        done = true;
    });
    ASSERT_TRUE(clock.awaitWaits(1));
    clock.advance(std::chrono::seconds(29));
    EXPECT_FALSE(done);
    clock.advance(std::chrono::seconds(1));
    citizen.join();
    EXPECT_TRUE(done);
}
