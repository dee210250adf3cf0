// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/sync_loop.h"

#include "base/log.h"
#include "offline_queue/delivery.h"

#include <algorithm>

namespace queue {

namespace {
constexpr std::string_view syncLoopLog = "queue/sync";
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
    : store_(store), uplink_(uplink), clock_(clock), options_(options),
      worker_({std::string(syncLoopLog)}, clock)
{
}

SyncLoop::~SyncLoop()
{
    stop();
}

void SyncLoop::start()
{
    worker_.start([this](std::stop_token stop) { return step(std::move(stop)); });
}

void SyncLoop::stop()
{
    worker_.stop();
}

void SyncLoop::notify()
{
    worker_.trigger();
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
            syncLoopLog,
            "the platform refused the kiosk's credentials (401/403); holding the queue");
    else
        base::log::info(syncLoopLog, "platform link " + std::string(toString(state)));
    linkStateChanged.publish(state);
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

std::chrono::milliseconds SyncLoop::backoffFor(const Verdict& verdict, int attempts)
{
    if (verdict.retryAfter)
        return std::chrono::duration_cast<std::chrono::milliseconds>(*verdict.retryAfter);
    return backoff(attempts);
}

base::Result<std::size_t> SyncLoop::runPass(std::stop_token stop)
{
    auto due = store_.due(clock_.now(), options_.batchSize);
    if (!due)
        return base::fail(due.error());
    if (due->empty())
        return std::size_t{0};
    std::vector<UplinkRequest> requests;
    requests.reserve(due->size());
    for (const auto& record : *due)
        requests.push_back(requestFor(record));
    const auto answers = uplink_.sendAll(requests, stop);
    const bool stopped = stop.stop_requested();

    std::vector<Settlement> settlements;
    std::size_t settled = 0;
    bool answered = false;
    bool held = false;
    const auto now = clock_.now();
    for (std::size_t i = 0; i < due->size(); ++i) {
        const auto& record = (*due)[i];
        if (stopped && !answers[i])
            continue; // abandoned, not failed: sent again under its key after the restart
        const auto verdict = classify(record.kind, answers[i]);
        answered = answered || !verdict.linkDown;
        Settlement settlement;
        settlement.id = record.id;
        settlement.text = verdict.reason;
        switch (verdict.disposition) {
        case Disposition::Delivered:
            settlement.outcome = Settlement::Outcome::Delivered;
            settlement.text = verdict.result;
            ++settled;
            break;
        case Disposition::DeadLetter:
            base::log::warning(syncLoopLog, "record " + std::to_string(record.id) + " (" +
                                                std::string(toString(record.kind)) +
                                                ") rejected: " + verdict.reason);
            settlement.outcome = Settlement::Outcome::DeadLetter;
            ++settled;
            break;
        case Disposition::Retry:
            settlement.next = now + backoffFor(verdict, record.attempts);
            break;
        case Disposition::Hold:
            // Nothing is marked: the record waits, untouched, for the credentials to be fixed.
            held = true;
            continue;
        }
        settlements.push_back(std::move(settlement));
    }
    // One transaction for the whole batch: one fsync, however many records were sent.
    if (auto marked = store_.settle(settlements); !marked)
        return base::fail(marked.error());
    if (!stopped || answered)
        setLinkState(held ? LinkState::Unauthorized : answered ? LinkState::Up : LinkState::Down);
    return settled;
}

bool SyncLoop::probe(std::stop_token stop)
{
    UplinkRequest request;
    request.method = "GET";
    request.path = options_.probePath;
    const auto answer = uplink_.send(request, std::move(stop));
    if (!answer)
        return false;
    if (answer->status == 401 || answer->status == 403) {
        setLinkState(LinkState::Unauthorized);
        return true;
    }
    if (auto woken = store_.wakeLinkFailures(clock_.now()); !woken)
        base::log::error(syncLoopLog, woken.error().describe());
    setLinkState(LinkState::Up);
    return true;
}

void SyncLoop::pruneIfDue()
{
    const auto now = clock_.now();
    if (lastPrune_ != base::Clock::TimePoint{} && now - lastPrune_ < options_.pruneInterval)
        return;
    lastPrune_ = now;
    if (auto pruned = store_.prune(now); !pruned)
        base::log::error(syncLoopLog, pruned.error().describe());
    else if (*pruned > 0)
        base::log::info(syncLoopLog, "deleted " + std::to_string(*pruned) +
                                         " dead letters past their retention");
}

std::chrono::milliseconds SyncLoop::idleWait()
{
    const auto state = linkState();
    if (state == LinkState::Unauthorized)
        return options_.backoffCap;
    if (state == LinkState::Down)
        return options_.probeInterval;
    auto next = store_.nextAttempt();
    if (!next || !*next)
        return options_.idlePoll;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(**next - clock_.now());
    return std::clamp(wait, std::chrono::milliseconds(0), options_.idlePoll);
}

std::chrono::milliseconds SyncLoop::step(std::stop_token stop)
{
    pruneIfDue();
    // While the link is down, a cheap probe decides; a pass would only fail record by record.
    if (linkState() == LinkState::Down && !probe(stop))
        return options_.probeInterval;
    auto settled = runPass(stop);
    if (!settled)
        base::log::error(syncLoopLog, settled.error().describe());
    // Work was done: more may be due now (a case whose materials just went out).
    return settled && *settled > 0 ? std::chrono::milliseconds(0) : idleWait();
}

} // namespace queue
