// SPDX-License-Identifier: Apache-2.0
// Worker: the one background loop of the project (sync, heartbeat, catalog sync, hot-plug
// polling, device retries): a step run on a std::jthread, then again after the wait the step
// asked for, at once when triggered, and never again once stopped.
#pragma once

#include "base/clock.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace base {

/// Runs `body`, catching whatever it throws: logged under `name` by type and message (bodies
/// never put personal data in exceptions), so nothing leaves the thread and ends the process.
/// Every thread body of the kiosk goes through here (a Worker's steps do); false if it threw.
bool runGuarded(std::string_view name, const std::function<void()>& body) noexcept;

/// Runs `step` on its own thread: first at once, then whenever the wait the step returned has
/// passed on the clock, or trigger() was called. stop() asks the step to finish through its
/// std::stop_token (I/O registers a std::stop_callback to abort) and joins the thread.
///
/// The worker holds no lock while the step runs, so trigger() and stop() never wait for I/O.
/// An exception thrown by a step is caught, logged with the worker's name, and the step runs
/// again after `Options::afterFailure`: nothing that goes wrong in a step ends the process.
class Worker {
public:
    /// One round of work; returns how long to wait before the next one (Worker::idle: until
    /// triggered). The token is stopped when the worker is asked to stop.
    using Step = std::function<std::chrono::milliseconds(std::stop_token)>;
    static constexpr std::chrono::milliseconds idle = std::chrono::milliseconds::max();

    struct Options {
        std::string name;                             ///< for the log: "queue/sync"
        std::chrono::milliseconds afterFailure{1000}; ///< wait after a step threw
        /// Above 0: the thread runs at this nice value (or the process's, if nicer), so that
        /// long background work (preparing 20,000 items keeps a core busy for a second) never
        /// makes the GUI thread of a two-core kiosk wait for a time slice.
        int nice = 0;
    };

    Worker(Options options, const Clock& clock);
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;
    ~Worker();

    /// Starts the thread with `step`, run first after `firstWait` (a poller whose caller has
    /// just looked waits a period first); a worker already running is stopped first.
    void start(Step step, std::chrono::milliseconds firstWait = std::chrono::milliseconds(0));
    /// Runs the next step now (or as soon as the one running returns).
    void trigger();
    /// Asks the step to stop and waits for the thread to end. From the worker's own thread
    /// (a step stopping its worker) it only asks. Idempotent.
    void stop();

    /// How many steps have run to completion (or thrown): tests wait on this.
    [[nodiscard]] std::uint64_t rounds() const;

private:
    void loop(std::stop_token stop, const Step& step, std::chrono::milliseconds firstWait);
    /// Sleeps until `wait` passes, trigger() or stop; true unless stopped.
    bool sleep(std::stop_token stop, std::chrono::milliseconds wait);
    std::chrono::milliseconds runStep(std::stop_token stop, const Step& step);

    Options options_;
    const Clock& clock_;
    mutable std::mutex mutex_;
    std::condition_variable_any wake_;
    bool triggered_ = false;
    std::uint64_t rounds_ = 0;
    std::mutex lifecycle_; ///< serialises start() and stop()
    std::jthread thread_;
};

} // namespace base
