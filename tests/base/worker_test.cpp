// SPDX-License-Identifier: Apache-2.0
// Tests of base::Worker and base::ManualClock: steps run on the clock's time, triggers and
// stops are prompt, and nothing thrown by a step leaves its thread.
#include "base/manual_clock.h"
#include "base/worker.h"

#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>
#include <sys/resource.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

/// Starts `worker` with `step` and waits until its first round has ended and it sleeps.
void startAndSettle(base::Worker& worker, const base::ManualClock& clock, base::Worker::Step step)
{
    ASSERT_TRUE(test_support::startAndSettle(clock, [&] { worker.start(std::move(step)); }));
}

} // namespace

TEST(ManualClock, MovesOnlyWhenAdvanced)
{
    base::ManualClock clock;
    const auto wall = clock.now();
    const auto steady = clock.steadyNow();
    EXPECT_EQ(base::toRfc3339(wall), "2026-11-23T10:00:00+08:00");
    clock.advance(90s);
    EXPECT_EQ(clock.now() - wall, 90s);
    EXPECT_EQ(clock.steadyNow() - steady, 90s);
    clock.setWallTime(wall);
    EXPECT_EQ(clock.now(), wall);
    EXPECT_EQ(clock.steadyNow() - steady, 90s);
}

TEST(ManualClock, SleeperWakesWhenTimeReachesItsDeadline)
{
    base::ManualClock clock;
    std::atomic<bool> woke = false;
    std::jthread sleeper([&] {
        EXPECT_TRUE(clock.sleepFor(10s));
        woke = true;
    });
    ASSERT_TRUE(clock.awaitWaits(1));
    clock.advance(9s);
    EXPECT_EQ(clock.waiting(), 1u);
    EXPECT_FALSE(woke);
    clock.advance(1s);
    sleeper.join();
    EXPECT_TRUE(woke);
}

TEST(ManualClock, StopEndsASleepAtOnce)
{
    base::ManualClock clock;
    std::jthread sleeper([&](std::stop_token stop) { EXPECT_FALSE(clock.sleepFor(1h, stop)); });
    ASSERT_TRUE(clock.awaitWaits(1));
    sleeper.request_stop();
    sleeper.join();
    EXPECT_EQ(clock.waiting(), 0u);
}

TEST(SystemClock, FarDeadlineDoesNotOverflow)
{
    std::jthread sleeper([](std::stop_token stop) {
        EXPECT_FALSE(base::systemClock().sleepFor(std::chrono::nanoseconds::max(), stop));
    });
    std::this_thread::sleep_for(5ms);
    sleeper.request_stop();
}

TEST(Worker, RunsAtOnceThenAfterTheWaitTheStepAsksFor)
{
    base::ManualClock clock;
    base::Worker worker({"test/worker"}, clock);
    std::atomic<int> rounds = 0;
    startAndSettle(worker, clock, [&](std::stop_token) {
        ++rounds;
        return 5s;
    });
    EXPECT_EQ(rounds, 1);
    clock.advance(4s);
    EXPECT_EQ(rounds, 1);
    const auto waits = clock.waitsBegun();
    clock.advance(1s);
    ASSERT_TRUE(clock.awaitWaits(waits + 1));
    EXPECT_EQ(rounds, 2);
}

TEST(Worker, TriggerRunsTheNextStepWithoutTimePassing)
{
    base::ManualClock clock;
    base::Worker worker({"test/worker"}, clock);
    std::atomic<int> rounds = 0;
    startAndSettle(worker, clock, [&](std::stop_token) {
        ++rounds;
        return base::Worker::idle;
    });
    const auto waits = clock.waitsBegun();
    worker.trigger();
    ASSERT_TRUE(clock.awaitWaits(waits + 1));
    EXPECT_EQ(rounds, 2);
    EXPECT_EQ(worker.rounds(), 2u);
}

TEST(Worker, TriggerDuringAStepRunsAnotherRightAfter)
{
    base::ManualClock clock;
    base::Worker worker({"test/worker"}, clock);
    std::atomic<int> rounds = 0;
    startAndSettle(worker, clock, [&](std::stop_token) {
        if (++rounds == 2)
            worker.trigger(); // as if something was queued while the pass ran
        return base::Worker::idle;
    });
    const auto waits = clock.waitsBegun();
    worker.trigger();
    ASSERT_TRUE(clock.awaitWaits(waits + 1)); // asleep again only after the third round
    EXPECT_EQ(rounds, 3);
}

TEST(Worker, StopInterruptsTheStepThroughItsToken)
{
    base::Worker worker({"test/worker"}, base::systemClock());
    std::atomic<bool> inside = false;
    worker.start([&](std::stop_token stop) {
        inside = true;
        // Stands in for I/O that a std::stop_callback aborts.
        base::systemClock().sleepFor(1h, stop);
        return base::Worker::idle;
    });
    ASSERT_TRUE(test_support::pollUntil([&] { return inside.load(); }));
    worker.stop(); // returns, though the step "waited" an hour: the test would hang otherwise
    EXPECT_EQ(worker.rounds(), 1u);
}

TEST(Worker, AStepThatThrowsIsLoggedAndRunAgain)
{
    base::ManualClock clock;
    base::Worker worker({"test/worker", 2s}, clock);
    std::atomic<int> rounds = 0;
    startAndSettle(worker, clock, [&](std::stop_token) -> std::chrono::milliseconds {
        if (++rounds == 1)
            throw std::runtime_error("heartbeat answer of the wrong type");
        return base::Worker::idle;
    });
    EXPECT_EQ(rounds, 1);
    const auto waits = clock.waitsBegun();
    clock.advance(2s); // Options::afterFailure
    ASSERT_TRUE(clock.awaitWaits(waits + 1));
    EXPECT_EQ(rounds, 2);
}

TEST(Worker, AStepMayStopItsOwnWorker)
{
    base::ManualClock clock;
    base::Worker worker({"test/worker"}, clock);
    std::atomic<int> rounds = 0;
    worker.start([&](std::stop_token) {
        ++rounds;
        worker.stop();
        return 0ms;
    });
    ASSERT_TRUE(test_support::pollUntil([&] { return worker.rounds() == 1; }));
    worker.stop();
    EXPECT_EQ(rounds, 1);
}

TEST(Worker, RestartsAfterStop)
{
    base::ManualClock clock;
    base::Worker worker({"test/worker"}, clock);
    std::atomic<int> rounds = 0;
    auto step = [&](std::stop_token) {
        ++rounds;
        return base::Worker::idle;
    };
    startAndSettle(worker, clock, step);
    worker.stop();
    startAndSettle(worker, clock, step);
    EXPECT_EQ(rounds, 2);
}

TEST(RunGuarded, CatchesWhatABodyThrowsAndSaysSo)
{
    EXPECT_TRUE(base::runGuarded("test/thread", [] {}));
    EXPECT_FALSE(base::runGuarded("test/thread", [] { throw std::runtime_error("bad answer"); }));
    EXPECT_FALSE(base::runGuarded("test/thread", [] { throw 42; }));
}

// Background work (a 20,000-item catalog, the search index) must not take time slices from the
// GUI thread of a two-core kiosk: such workers ask for a nice value, per thread.
TEST(Worker, ANiceWorkerRunsItsStepsAtThatNiceValue)
{
    const auto niceOfThisThread = [] {
        errno = 0;
        return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    };
    const int before = niceOfThisThread();
    base::ManualClock clock;
    base::Worker worker({"test/nice", std::chrono::seconds(1), 10}, clock);
    std::atomic<int> niceInStep = -100;
    startAndSettle(worker, clock, [&](std::stop_token) {
        niceInStep = niceOfThisThread();
        return base::Worker::idle;
    });
    EXPECT_GE(niceInStep.load(), 10);
    EXPECT_EQ(niceOfThisThread(), before) << "only the worker's thread is nicer";
}
