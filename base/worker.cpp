// SPDX-License-Identifier: Apache-2.0
#include "base/worker.h"

#include "base/log.h"

#include <cerrno>
#include <exception>
#include <sys/resource.h>
#include <unistd.h>

namespace base {

namespace {

/// Linux nice values are per thread; raising one's own needs no privilege, and failing to is
/// harmless (only slower frames).
void runNicerThan(int nice)
{
    const auto self = static_cast<id_t>(::gettid());
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, self);
    if (errno == 0 && current >= nice)
        return; // the whole process already runs nicer: never raise a thread above it
    (void)::setpriority(PRIO_PROCESS, self, nice);
}

} // namespace

Worker::Worker(Options options, const Clock& clock) : options_(std::move(options)), clock_(clock) {}

Worker::~Worker()
{
    stop();
}

void Worker::start(Step step, std::chrono::milliseconds firstWait)
{
    std::lock_guard guard(lifecycle_);
    if (thread_.joinable()) {
        thread_.request_stop();
        thread_.join();
    }
    {
        std::lock_guard lock(mutex_);
        triggered_ = false;
    }
    thread_ = std::jthread([this, step = std::move(step), firstWait](std::stop_token stop) {
        loop(std::move(stop), step, firstWait);
    });
}

void Worker::trigger()
{
    {
        std::lock_guard lock(mutex_);
        triggered_ = true;
    }
    wake_.notify_all();
}

void Worker::stop()
{
    if (thread_.get_id() == std::this_thread::get_id()) {
        thread_.request_stop(); // a step stopping its own worker: the loop ends after it
        return;
    }
    std::lock_guard guard(lifecycle_);
    if (!thread_.joinable())
        return;
    thread_.request_stop(); // wakes the wait below through its stop_token
    thread_.join();
}

std::uint64_t Worker::rounds() const
{
    std::lock_guard lock(mutex_);
    return rounds_;
}

bool runGuarded(std::string_view name, const std::function<void()>& body) noexcept
{
    try {
        body();
        return true;
    } catch (const std::exception& failure) {
        log::error(name, std::string("unexpected failure: ") + failure.what());
    } catch (...) {
        log::error(name, "unexpected failure of unknown type");
    }
    return false;
}

std::chrono::milliseconds Worker::runStep(std::stop_token stop, const Step& step)
{
    auto wait = options_.afterFailure; // a step that threw runs again after this
    (void)runGuarded(options_.name, [&] { wait = step(std::move(stop)); });
    return wait;
}

bool Worker::sleep(std::stop_token stop, std::chrono::milliseconds wait)
{
    std::unique_lock lock(mutex_);
    if (wait > std::chrono::milliseconds(0)) {
        const auto deadline = wait == idle ? Clock::SteadyTime::max() : clock_.deadlineIn(wait);
        (void)clock_.waitUntil(lock, wake_, deadline, stop, [this] { return triggered_; });
    }
    triggered_ = false; // this round serves every trigger made before it starts
    return !stop.stop_requested();
}

void Worker::loop(std::stop_token stop, const Step& step, std::chrono::milliseconds firstWait)
{
    if (options_.nice > 0)
        runNicerThan(options_.nice);
    auto wait = firstWait;
    while (sleep(stop, wait)) {
        wait = runStep(stop, step);
        std::lock_guard lock(mutex_);
        ++rounds_;
    }
}

} // namespace base
