// SPDX-License-Identifier: Apache-2.0
// LinkReviewTablet: hal::ReviewTablet over the tablet link protocol (serial or TCP). One
// worker owns the link: it reads and answers lines, pings every 5 s, declares the tablet
// lost after three missed pongs, and reconnects with backoff. Callers never wait on it.
#pragma once

#include "base/worker.h"
#include "drivers/review_tablet/line_splitter.h"
#include "drivers/review_tablet/tablet_link.h"
#include "drivers/review_tablet/tablet_message.h"
#include "hal/review_tablet.h"

#include <array>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace drivers::review_tablet {

struct TabletOptions {
    std::chrono::milliseconds pingInterval{5000};  ///< the spec: the kiosk pings every 5 s
    std::chrono::milliseconds pongTimeout{2000};   ///< the spec: pong within 2 s
    int missedPongs = 3;                           ///< this many missed pongs: disconnected
    std::chrono::milliseconds reconnectFirst{500}; ///< first wait after a loss; doubles
    std::chrono::milliseconds reconnectMax{30000}; ///< ... up to this
    /// How long past the request's own timeoutS the kiosk waits for the tablet's answer
    /// before it ends the request itself (TimedOut) and cancels it on the tablet.
    std::chrono::milliseconds answerGrace{5000};
    /// The worker's poll() slice (real time): bounds how late a ping or a deadline is seen.
    std::chrono::milliseconds pollSlice{50};
    std::chrono::milliseconds writeTimeout{1000};
    std::chrono::milliseconds connectTimeout{2000}; ///< TCP connect
    std::size_t maxLineBytes = kMaxLineBytes;
    /// Whose time pings, pong deadlines, request deadlines and backoff follow.
    const base::Clock* clock = &base::systemClock();
};

/// Refused lines since the tablet object was made, per LineProblem.
using ProblemCounts = std::array<std::uint64_t, 5>;

class LinkReviewTablet final : public hal::ReviewTablet {
public:
    /// `backend` is "serial" or "tcp"; `opener` opens the link (again after a loss).
    LinkReviewTablet(std::string backend, std::string where, LinkOpener opener,
                     TabletOptions options = {});
    ~LinkReviewTablet() override;

    /// Tells the tablet to show its idle screen (no prompt).
    void idle();
    [[nodiscard]] ProblemCounts problems() const;

protected:
    base::Result<void> openImpl() override;
    void closeImpl() override;
    base::Result<void> showImpl(const std::string& requestId,
                                const hal::RatingRequest& request) override;
    void cancelImpl(const std::string& requestId) override;

private:
    /// Wakes the worker's poll() (a line to send, stop).
    class Wakeup {
    public:
        Wakeup();
        ~Wakeup();
        Wakeup(const Wakeup&) = delete;
        Wakeup& operator=(const Wakeup&) = delete;
        void signal() const;
        void drain() const;
        [[nodiscard]] int fd() const { return fd_; }

    private:
        int fd_;
    };

    // All of these run on the worker (or in open/close while it is stopped).
    std::chrono::milliseconds step(std::stop_token stop);
    std::chrono::milliseconds reconnect(std::stop_token stop);
    void attach(std::unique_ptr<TabletLink> link);
    void lose(const std::string& detail);
    /// Ends the link (logging what was suppressed on it) and forgets what was queued for it.
    void dropLink();
    bool flush();
    bool receive();
    bool keepAlive();
    void expireRequest();
    bool send(const std::string& line);
    void handleLine(std::string_view line);
    void handle(const TabletMessage& message);
    void handleRating(const RatingMessage& message);
    void handleError(const ErrorMessage& message);
    void note(LineProblem problem, const std::string& detail);
    void enqueue(std::string line);
    void clearDeadline(const std::string& requestId);

    const std::string where_;
    LinkOpener opener_;
    TabletOptions options_;
    Wakeup wakeup_;

    // Worker-owned.
    std::unique_ptr<TabletLink> link_;
    LineSplitter splitter_;
    bool pingOutstanding_ = false;
    std::int64_t pingSeq_ = 0;
    int missed_ = 0;
    base::Clock::SteadyTime pingSentAt_{};
    base::Clock::SteadyTime nextPing_{};
    std::chrono::milliseconds backoff_{0};
    /// Per problem, on this connection: logged once, then only counted (a flood of bad lines
    /// must not flood the journal); the count is logged when the connection ends.
    std::array<std::uint64_t, 5> unlogged_{};
    std::array<bool, 5> logged_{};
    void logSuppressed();

    // Shared with callers' threads.
    std::atomic<bool> connected_{false};
    mutable std::mutex mutex_; ///< guards outbox_ and deadline_
    std::deque<std::string> outbox_;
    struct Deadline {
        std::string requestId;
        base::Clock::SteadyTime at;
    };
    std::optional<Deadline> deadline_;
    std::array<std::atomic<std::uint64_t>, 5> problems_{};

    base::Worker worker_; ///< last: stopped before the members it uses go
};

/// The driver for a configured spec: "serial:/dev/ttyACM2" (or a /dev/serial/by-id/ link) or
/// "tcp:HOST:PORT". Errors: base::errc::invalid_argument for anything else.
[[nodiscard]] base::Result<std::unique_ptr<LinkReviewTablet>>
makeReviewTablet(const std::string& spec, TabletOptions options = {});

} // namespace drivers::review_tablet
