// SPDX-License-Identifier: Apache-2.0
// The lifecycle contract every device class shares, written once and called from each
// class's suite with one operation of that class.
#pragma once

#include "hal/errc.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

namespace contract {

/// `operate(device)` runs one operation of the class and returns its Result.
template <class H, class Operate>
void expectOperationBeforeOpenFailsNotOpen(H& harness, Operate operate)
{
    auto result = operate(harness.device());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::not_open);
    EXPECT_EQ(harness.device().status().state, hal::DeviceState::Closed);
}

template <class H> void expectOpenMakesReadyAndCloseCloses(H& harness)
{
    ASSERT_TRUE(harness.device().open());
    EXPECT_EQ(harness.device().status().state, hal::DeviceState::Ready);
    EXPECT_EQ(harness.device().status().health, hal::Health::Ok);
    ASSERT_TRUE(harness.device().open()) << "opening an open device is harmless";
    harness.device().close();
    EXPECT_EQ(harness.device().status().state, hal::DeviceState::Closed);
}

template <class H, class Operate>
void expectUnplugGivesNoDeviceAndReplugRecovers(H& harness, Operate operate)
{
    ASSERT_TRUE(harness.device().open());
    // State transitions, not notifications: a driver may publish its status again without a
    // new state (a printer's first status poll after open, a health detail), at any time.
    std::mutex seenMutex;
    std::vector<hal::DeviceState> seen{harness.device().status().state};
    auto connection = harness.device().statusChanged.connect([&](const hal::DeviceStatus& status) {
        const std::lock_guard lock(seenMutex);
        if (seen.back() != status.state)
            seen.push_back(status.state);
    });

    harness.unplug();
    EXPECT_EQ(harness.device().status().state, hal::DeviceState::Disconnected);
    auto whileUnplugged = operate(harness.device());
    ASSERT_FALSE(whileUnplugged);
    EXPECT_EQ(whileUnplugged.error().code, hal::errc::no_device);

    harness.plug();
    EXPECT_EQ(harness.device().status().state, hal::DeviceState::Ready) << "no reopen needed";
    EXPECT_TRUE(operate(harness.device())) << "operations work again after replug";
    const auto counters = harness.device().status().counters;
    EXPECT_EQ(counters.disconnects, 1u);
    EXPECT_EQ(counters.reconnects, 1u);
    connection.reset();
    ASSERT_GE(seen.size(), 3u);
    EXPECT_EQ(seen[0], hal::DeviceState::Ready);
    EXPECT_EQ(seen[1], hal::DeviceState::Disconnected);
    EXPECT_EQ(seen[2], hal::DeviceState::Ready);
}

} // namespace contract
