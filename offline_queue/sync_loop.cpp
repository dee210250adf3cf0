// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/sync_loop.h"

#include "base/log.h"
#include "offline_queue/delivery.h"

#include <algorithm>

namespace queue {

namespace {
constexpr std::string_view logCategory = "queue/sync";
}

std::string_view toString(LinkState value)
{
    switch (value) {
    case LinkState::Unknown:
        return "unknown";
    case LinkState::Up:
        return "up";
    case LinkState::Down:
        return "down";
    case LinkState::Unauthorized:
        return "unauthorized";
    }
    return "unknown";
}

SyncLoop::SyncLoop(Store& store, Uplink& uplink, const base::Clock& clock, SyncOptions options)
    : store_(store), uplink_(uplink), clock_(clock), options_(options)
{
}

SyncLoop::~SyncLoop()
{
    stop();
}

void SyncLoop::start()
{
    std::lock_guard lock(mutex_);
    if (running_)
        return;
    running_ = true;
    thread_ = std::thread([this] { run(); });
}

void SyncLoop::stop()
{
    {
        std::lock_guard lock(mutex_);
        running_ = false;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void SyncLoop::notify()
{
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_all();
}

LinkState SyncLoop::linkState() const
{
    std::lock_guard lock(mutex_);
    return linkState_;
}

void SyncLoop::setLinkState(LinkState state)
{
    {
        std::lock_guard lock(mutex_);
        if (linkState_ == state)
            return;
        linkState_ = state;
    }
    if (state == LinkState::Unauthorized)
        base::log::error(
            logCategory,
            "the platform refused the kiosk's credentials (401/403); holding the queue");
    else
        base::log::info(logCategory, "platform link " + std::string(toString(state)));
    linkStateChanged.emit(state);
}

std::chrono::milliseconds SyncLoop::backoff(int attempts)
{
    // Full jitter (uniform in [0, min(cap, base * 2^attempts)]): retries of many kiosks after
    // an outage spread out instead of arriving together.
    const auto exponent = std::min(attempts, 20);
    const auto ceiling = std::min<std::int64_t>(
        options_.backoffCap.count(), options_.backoffBase.count() * (std::int64_t{1} << exponent));
    std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(ceiling, 1));
    return std::chrono::milliseconds(pick(random_));
}

base::Result<std::size_t> SyncLoop::runPass()
{
    auto due = store_.due(clock_.now(), options_.batchSize);
    if (!due)
        return base::fail(due.error());
    std::size_t settled = 0;
    for (const auto& record : *due) {
        const auto verdict = classify(record.kind, uplink_.send(requestFor(record)));
        const auto now = clock_.now();
        base::Result<void> marked;
        switch (verdict.disposition) {
        case Disposition::Delivered:
            marked = store_.markDelivered(record.id, verdict.result, now);
            ++settled;
            break;
        case Disposition::DeadLetter:
            base::log::warning(logCategory, "record " + std::to_string(record.id) + " (" +
                                                std::string(toString(record.kind)) +
                                                ") rejected: " + verdict.reason);
            marked = store_.markDeadLetter(record.id, verdict.reason);
            ++settled;
            break;
        case Disposition::Retry:
            marked = store_.markRetry(
                record.id, verdict.reason,
                now + (verdict.retryAfter ? std::chrono::duration_cast<std::chrono::milliseconds>(
                                                *verdict.retryAfter)
                                          : backoff(record.attempts)));
            break;
        case Disposition::Hold:
            // Nothing is marked: the record waits, untouched, for the credentials to be fixed.
            setLinkState(LinkState::Unauthorized);
            return settled;
        }
        if (!marked)
            return base::fail(marked.error());
        setLinkState(verdict.linkDown ? LinkState::Down : LinkState::Up);
        if (verdict.linkDown)
            break; // the rest would fail the same way; they keep their turn
    }
    return settled;
}

std::chrono::milliseconds SyncLoop::idleWait()
{
    if (linkState() == LinkState::Unauthorized)
        return options_.backoffCap;
    auto next = store_.nextAttempt();
    if (!next || !*next)
        return options_.idlePoll;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(**next - clock_.now());
    return std::clamp(wait, std::chrono::milliseconds(0), options_.idlePoll);
}

void SyncLoop::run()
{
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (!running_)
                return;
            notified_ = false;
        }
        auto settled = runPass();
        if (!settled)
            base::log::error(logCategory, settled.error().describe());
        // Work was done: more may be due now (a case whose materials just went out).
        const auto wait = settled && *settled > 0 ? std::chrono::milliseconds(0) : idleWait();
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, wait, [this] { return !running_ || notified_; });
    }
}

} // namespace queue
