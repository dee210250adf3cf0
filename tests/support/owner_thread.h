// SPDX-License-Identifier: Apache-2.0
// OwnerThread: stands in for the GUI thread of a Qt-free journey in tests. What the journey's
// workers post to their owner (a printed receipt, a tablet's answer) waits here until the test
// runs it, so the test sees each step in order.
#pragma once

#include "tests/support/poll_until.h"

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>

namespace test_support {

/// Tasks the journey posts to its owner thread, run when the test says.
class OwnerThread {
public:
    /// The journey's PostToOwner.
    std::function<void(std::function<void()>)> post()
    {
        return [this](std::function<void()> task) {
            std::lock_guard lock(mutex_);
            tasks_.push_back(std::move(task));
        };
    }
    /// Waits (up to `timeout`) for a posted task and runs every one posted so far.
    bool runPosted(std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        const bool came = test_support::pollUntil(
            [&] {
                std::lock_guard lock(mutex_);
                return !tasks_.empty();
            },
            timeout);
        std::deque<std::function<void()>> tasks;
        {
            std::lock_guard lock(mutex_);
            tasks.swap(tasks_);
        }
        for (auto& task : tasks)
            task();
        return came;
    }

private:
    std::mutex mutex_;
    std::deque<std::function<void()>> tasks_;
};

} // namespace test_support
