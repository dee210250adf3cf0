// SPDX-License-Identifier: Apache-2.0
#include "base/manual_clock.h"

#include <algorithm>

namespace base {

ManualClock::ManualClock(TimePoint wallStart)
    : wallNs_(std::chrono::duration_cast<std::chrono::nanoseconds>(wallStart.time_since_epoch())
                  .count())
{
}

Clock::TimePoint ManualClock::defaultStart()
{
    // 2026-11-23T10:00:00+08:00
    return TimePoint(std::chrono::seconds(1'795'399'200));
}

Clock::TimePoint ManualClock::now() const
{
    return TimePoint(
        std::chrono::duration_cast<TimePoint::duration>(std::chrono::nanoseconds(wallNs_.load())));
}

Clock::SteadyTime ManualClock::steadyNow() const
{
    return SteadyTime(std::chrono::duration_cast<SteadyTime::duration>(
        std::chrono::nanoseconds(steadyNs_.load())));
}

void ManualClock::advance(std::chrono::nanoseconds by)
{
    wallNs_ += by.count();
    steadyNs_ += by.count();
    // Taking each waiter's lock before notifying closes the gap between its check of the
    // deadline and its going to sleep: it either saw the new time or is asleep and is woken.
    std::lock_guard guard(waitersMutex_);
    for (const auto& waiter : waiters_) {
        {
            std::lock_guard held(*waiter.mutex);
        }
        waiter.wake->notify_all();
    }
}

void ManualClock::setWallTime(TimePoint time)
{
    wallNs_ = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

void ManualClock::enlist(const Waiter& waiter) const
{
    std::lock_guard guard(waitersMutex_);
    waiters_.push_back(waiter);
    ++waitsBegun_;
    waitsChanged_.notify_all();
}

void ManualClock::dismiss(const Waiter& waiter) const
{
    std::lock_guard guard(waitersMutex_);
    const auto found = std::find_if(waiters_.begin(), waiters_.end(), [&](const Waiter& w) {
        return w.mutex == waiter.mutex && w.wake == waiter.wake;
    });
    if (found != waiters_.end())
        waiters_.erase(found);
}

bool ManualClock::waitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable_any& wake,
                            SteadyTime deadline, std::stop_token stop, const Ready& ready) const
{
    if (ready() || steadyNow() >= deadline || stop.stop_requested())
        return ready();
    const Waiter waiter{lock.mutex(), &wake};
    // The waiter's lock is not held while enlisting: advance() takes the clock's list first and
    // the waiters' locks second, so holding both the other way round could deadlock.
    lock.unlock();
    enlist(waiter);
    lock.lock();
    wake.wait(lock, stop, [&] { return ready() || steadyNow() >= deadline; });
    lock.unlock();
    dismiss(waiter);
    lock.lock();
    return ready();
}

std::uint64_t ManualClock::waitsBegun() const
{
    std::lock_guard guard(waitersMutex_);
    return waitsBegun_;
}

std::size_t ManualClock::waiting() const
{
    std::lock_guard guard(waitersMutex_);
    return waiters_.size();
}

bool ManualClock::awaitWaits(std::uint64_t count, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(waitersMutex_);
    return waitsChanged_.wait_for(lock, timeout, [&] { return waitsBegun_ >= count; });
}

} // namespace base
