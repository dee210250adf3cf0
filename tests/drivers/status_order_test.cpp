// SPDX-License-Identifier: Apache-2.0
// hal::Device delivers one device's status changes in the order they happened, even when two
// threads change it at once and a slot is slow (base::Signal's part of issue 12).
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
