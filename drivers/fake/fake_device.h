// SPDX-License-Identifier: Apache-2.0
// FakeDevice<Interface>: the scripting every fake shares: unplug/plug, injected failures, waiting.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "hal/errc.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace drivers::fake {

/// Base of the fakes. Tests and the demo script a fake from any thread: unplug() and plug()
/// drive the hal lifecycle exactly as a real driver's hot-plug thread would, and
/// failNext() makes the next operation return the given error.
template <class Interface> class FakeDevice : public Interface {
public:
    /// The device goes away: operations in progress and new ones return errc::no_device.
    void unplug()
    {
        {
            std::lock_guard lock(mutex_);
            plugged_ = false;
        }
        changed_.notify_all();
        this->reportDisconnected("unplugged");
    }

    /// The device comes back; an open device is Ready again without being reopened.
    void plug()
    {
        {
            std::lock_guard lock(mutex_);
            plugged_ = true;
        }
        changed_.notify_all();
        this->reportReconnected();
    }

    /// Whose time the operations' timeouts follow (tests pass a base::ManualClock). Set it
    /// before any operation waits; the default is the machine's clock.
    void setClock(const base::Clock& clock) { clock_ = &clock; }

    /// The next operation fails with `error` (once per call; calls queue up).
    void failNext(base::Error error)
    {
        std::lock_guard lock(mutex_);
        failures_.push_back(std::move(error));
    }

protected:
    explicit FakeDevice(std::string model) : Interface("fake", std::move(model)) {}

    base::Result<void> openImpl() override
    {
        std::lock_guard lock(mutex_);
        if (!plugged_)
            return base::fail(hal::errc::no_device, "fake device is unplugged");
        open_ = true;
        return {};
    }

    void closeImpl() override
    {
        {
            std::lock_guard lock(mutex_);
            open_ = false;
        }
        changed_.notify_all();
    }

    /// Waits until `ready()` holds (returns true), the timeout passes (false), or the
    /// device is unplugged or closed (an error). Call with `lock` held on mutex_.
    template <class Ready>
    base::Result<bool> waitUntil(std::unique_lock<std::mutex>& lock,
                                 std::chrono::milliseconds timeout, Ready ready)
    {
        const bool woke = clock_->waitFor(lock, changed_, timeout, {},
                                          [&] { return !plugged_ || !open_ || ready(); });
        if (!plugged_)
            return base::fail(hal::errc::no_device, "fake device was unplugged");
        if (!open_)
            return base::fail(hal::errc::cancelled, "fake device was closed");
        return woke;
    }

    /// The failure injected by failNext(), if any. Call with mutex_ held.
    std::optional<base::Error> takeFailure()
    {
        if (failures_.empty())
            return std::nullopt;
        auto error = std::move(failures_.front());
        failures_.pop_front();
        return error;
    }

    /// True if failNext() queued a failure. Call with mutex_ held.
    bool failurePending() const { return !failures_.empty(); }

    /// Wakes waiters after the script changed something guarded by mutex_.
    void notifyChanged() { changed_.notify_all(); }

    mutable std::mutex mutex_;

private:
    std::condition_variable_any changed_;
    const base::Clock* clock_ = &base::systemClock();
    std::deque<base::Error> failures_;
    bool plugged_ = true;
    bool open_ = false;
};

} // namespace drivers::fake
