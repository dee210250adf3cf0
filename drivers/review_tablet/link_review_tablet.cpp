// SPDX-License-Identifier: Apache-2.0
#include "drivers/review_tablet/link_review_tablet.h"

#include "base/log.h"
#include "hal/errc.h"

#include <array>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace drivers::review_tablet {

namespace {

constexpr std::string_view kLog = "drivers/review_tablet";
/// At most this much is read per worker round, so pings and deadlines are seen in a flood.
constexpr std::size_t kReadsPerRound = 16;
constexpr std::size_t kReadChunk = 4096;
constexpr std::chrono::milliseconds kCloseWriteTimeout{50};

std::size_t index(LineProblem problem)
{
    return static_cast<std::size_t>(problem);
}

base::Error deviceError(hal::errc code, std::string message)
{
    return base::Error{make_error_code(code), std::move(message)};
}

} // namespace

LinkReviewTablet::Wakeup::Wakeup() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

LinkReviewTablet::Wakeup::~Wakeup()
{
    if (fd_ >= 0)
        ::close(fd_);
}

void LinkReviewTablet::Wakeup::signal() const
{
    const std::uint64_t one = 1;
    (void)!::write(fd_, &one, sizeof one);
}

void LinkReviewTablet::Wakeup::drain() const
{
    std::uint64_t count = 0;
    (void)!::read(fd_, &count, sizeof count);
}

LinkReviewTablet::LinkReviewTablet(std::string backend, std::string where, LinkOpener opener,
                                   TabletOptions options)
    : hal::ReviewTablet(std::move(backend), "review tablet at " + where), where_(std::move(where)),
      opener_(std::move(opener)), options_(options), splitter_(options.maxLineBytes),
      worker_({std::string(kLog)}, *options.clock)
{
}

LinkReviewTablet::~LinkReviewTablet()
{
    closeImpl();
}

ProblemCounts LinkReviewTablet::problems() const
{
    ProblemCounts counts{};
    for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i] = problems_[i].load();
    return counts;
}

void LinkReviewTablet::idle()
{
    if (connected_)
        enqueue(encodeIdle());
}

base::Result<void> LinkReviewTablet::openImpl()
{
    auto link = opener_(std::stop_token{});
    if (!link)
        return base::fail(link.error());
    attach(std::move(*link));
    worker_.start([this](std::stop_token stop) { return step(std::move(stop)); });
    return {};
}

void LinkReviewTablet::closeImpl()
{
    worker_.stop();
    if (link_) {
        // Lines the kiosk queued last (idle, cancel) still go out: the tablet must not keep
        // showing a prompt nobody waits for. A short bound: closing never waits on the tablet.
        std::deque<std::string> lines;
        {
            std::lock_guard lock(mutex_);
            lines.swap(outbox_);
        }
        for (const auto& line : lines)
            if (!link_->write(line, kCloseWriteTimeout))
                break;
    }
    dropLink();
    failPending(deviceError(hal::errc::cancelled, "the review tablet was closed"));
}

void LinkReviewTablet::dropLink()
{
    if (link_)
        logSuppressed();
    link_.reset();
    connected_ = false;
    std::lock_guard lock(mutex_);
    outbox_.clear();
    deadline_.reset();
}

base::Result<void> LinkReviewTablet::showImpl(const std::string& requestId,
                                              const hal::RatingRequest& request)
{
    if (!connected_)
        return base::fail(hal::errc::no_device, "review tablet " + where_ + " is not connected");
    auto line = encodeShow(requestId, request);
    if (!line)
        return base::fail(line.error());
    {
        std::lock_guard lock(mutex_);
        deadline_ =
            Deadline{requestId, options_.clock->deadlineIn(request.timeout + options_.answerGrace)};
    }
    enqueue(std::move(*line));
    return {};
}

void LinkReviewTablet::cancelImpl(const std::string& requestId)
{
    clearDeadline(requestId);
    if (connected_)
        enqueue(encodeCancel(requestId));
}

void LinkReviewTablet::enqueue(std::string line)
{
    {
        std::lock_guard lock(mutex_);
        outbox_.push_back(std::move(line));
    }
    wakeup_.signal();
}

void LinkReviewTablet::clearDeadline(const std::string& requestId)
{
    std::lock_guard lock(mutex_);
    if (deadline_ && deadline_->requestId == requestId)
        deadline_.reset();
}

std::chrono::milliseconds LinkReviewTablet::step(std::stop_token stop)
{
    // poll() below watches the wakeup descriptor: stopping rings it.
    std::stop_callback onStop(stop, [this] { wakeup_.signal(); });
    if (!link_)
        return reconnect(stop);
    if (!flush() || !receive() || !keepAlive())
        return backoff_;
    expireRequest();
    // The cancel of an expired request may have found the link gone: wait before reconnecting.
    return link_ ? std::chrono::milliseconds(0) : backoff_;
}

std::chrono::milliseconds LinkReviewTablet::reconnect(std::stop_token stop)
{
    auto link = opener_(stop);
    if (!link) {
        backoff_ = std::min(backoff_ * 2, options_.reconnectMax);
        return backoff_;
    }
    attach(std::move(*link));
    base::log::info(kLog, "review tablet back on " + link_->describe());
    reportReconnected();
    return std::chrono::milliseconds(0);
}

void LinkReviewTablet::attach(std::unique_ptr<TabletLink> link)
{
    link_ = std::move(link);
    splitter_.reset();
    pingOutstanding_ = false;
    missed_ = 0;
    nextPing_ = options_.clock->deadlineIn(options_.pingInterval);
    unlogged_ = {};
    logged_ = {};
    {
        // What was queued for the old link means nothing on this one.
        std::lock_guard lock(mutex_);
        outbox_.clear();
    }
    connected_ = true;
}

void LinkReviewTablet::lose(const std::string& detail)
{
    dropLink();
    base::log::warning(kLog, "review tablet lost: " + detail);
    backoff_ = options_.reconnectFirst;
    // Disconnected first: whoever hears the failure below sees the tablet gone and moves the
    // prompt to the kiosk's screen.
    reportDisconnected(detail);
    failPending(deviceError(hal::errc::no_device, "the review tablet was lost: " + detail));
}

bool LinkReviewTablet::send(const std::string& line)
{
    if (auto written = link_->write(line, options_.writeTimeout); !written) {
        lose(written.error().message);
        return false;
    }
    return true;
}

bool LinkReviewTablet::flush()
{
    std::deque<std::string> lines;
    {
        std::lock_guard lock(mutex_);
        lines.swap(outbox_);
    }
    for (const auto& line : lines)
        if (!send(line))
            return false;
    return true;
}

bool LinkReviewTablet::receive()
{
    std::array<pollfd, 2> fds{{{link_->fd(), POLLIN, 0}, {wakeup_.fd(), POLLIN, 0}}};
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(options_.pollSlice.count()));
    if (ready <= 0)
        return true; // nothing, or EINTR: the next round looks again
    if (fds[1].revents != 0)
        wakeup_.drain();
    if (fds[0].revents == 0)
        return true;
    std::array<char, kReadChunk> buffer{};
    for (std::size_t i = 0; i < kReadsPerRound && link_; ++i) {
        auto got = link_->read(buffer);
        if (!got) {
            lose(got.error().message);
            return false;
        }
        if (*got == 0)
            break;
        splitter_.feed(
            std::string_view(buffer.data(), *got),
            [this](std::string_view line) { handleLine(line); },
            [this] { note(LineProblem::TooLong, "dropped up to its end"); });
    }
    return link_ != nullptr; // a line's answer may have failed to go out
}

bool LinkReviewTablet::keepAlive()
{
    const auto now = options_.clock->steadyNow();
    if (pingOutstanding_ && now >= pingSentAt_ + options_.pongTimeout) {
        pingOutstanding_ = false;
        if (++missed_ >= options_.missedPongs) {
            lose("no pong to " + std::to_string(missed_) + " pings");
            return false;
        }
    }
    if (now < nextPing_)
        return true;
    if (!send(encodePing(++pingSeq_)))
        return false;
    pingOutstanding_ = true;
    pingSentAt_ = now;
    nextPing_ = now + options_.pingInterval;
    return true;
}

void LinkReviewTablet::expireRequest()
{
    std::string id;
    {
        std::lock_guard lock(mutex_);
        if (!deadline_ || options_.clock->steadyNow() < deadline_->at)
            return;
        id = std::move(deadline_->requestId);
        deadline_.reset();
    }
    if (finish({id, hal::RatingOutcomeKind::TimedOut, {}, {}})) {
        base::log::info(kLog, "review tablet did not answer request " + id + " in time");
        (void)send(encodeCancel(id));
    }
}

void LinkReviewTablet::handleLine(std::string_view line)
{
    if (!link_)
        return; // the link ended on an earlier line of this read
    auto message = parseTabletLine(line);
    if (!message) {
        note(problemOf(message.error()), message.error().message);
        return;
    }
    handle(*message);
}

void LinkReviewTablet::handle(const TabletMessage& message)
{
    if (const auto* hello = std::get_if<HelloMessage>(&message)) {
        setInfo(hello->info);
        const std::string model = hello->info.model.empty() ? "review tablet" : hello->info.model;
        setModel(hello->info.firmware.empty() ? model : model + " " + hello->info.firmware);
        base::log::info(kLog, "review tablet " + model + " on " + link_->describe() + ", input " +
                                  std::string(hal::toString(hello->info.input)));
    } else if (const auto* ping = std::get_if<PingMessage>(&message)) {
        (void)send(encodePong(ping->seq));
    } else if (const auto* pong = std::get_if<PongMessage>(&message)) {
        if (pingOutstanding_ && pong->seq == pingSeq_) {
            pingOutstanding_ = false;
            missed_ = 0;
        }
    } else if (const auto* rating = std::get_if<RatingMessage>(&message)) {
        handleRating(*rating);
    } else if (const auto* timeout = std::get_if<TimeoutMessage>(&message)) {
        if (finish({timeout->requestId, hal::RatingOutcomeKind::TimedOut, {}, {}}))
            clearDeadline(timeout->requestId);
        else
            note(LineProblem::Stale, "timeout for request " + timeout->requestId);
    } else if (const auto* error = std::get_if<ErrorMessage>(&message)) {
        handleError(*error);
    }
}

void LinkReviewTablet::handleRating(const RatingMessage& message)
{
    switch (answer(message.requestId, message.rating)) {
    case Answer::Stale:
        note(LineProblem::Stale, "rating for request " + message.requestId);
        break;
    case Answer::AskAgain:
        (void)send(encodeReasonRequired(message.requestId));
        break;
    case Answer::Finished:
        clearDeadline(message.requestId);
        break;
    }
}

void LinkReviewTablet::handleError(const ErrorMessage& message)
{
    const auto pending = pendingRequest();
    if (!pending || (message.requestId && *message.requestId != *pending)) {
        note(LineProblem::Stale, "error " + message.code + " for no request shown");
        return;
    }
    const auto code = message.code == "busy" ? hal::errc::busy : hal::errc::protocol;
    base::log::warning(kLog, "review tablet refused request " + *pending + ": " + message.code);
    if (finish({*pending,
                hal::RatingOutcomeKind::Failed,
                {},
                deviceError(code, "the review tablet answered " + message.code)}))
        clearDeadline(*pending);
}

void LinkReviewTablet::note(LineProblem problem, const std::string& detail)
{
    ++problems_[index(problem)];
    if (logged_[index(problem)]) {
        ++unlogged_[index(problem)];
        return;
    }
    logged_[index(problem)] = true;
    base::log::warning(kLog, "review tablet on " + where_ + ": " + std::string(toString(problem)) +
                                 " ignored (" + detail + "); more are counted, not logged");
}

void LinkReviewTablet::logSuppressed()
{
    for (std::size_t i = 0; i < unlogged_.size(); ++i)
        if (unlogged_[i] > 0)
            base::log::warning(kLog, "review tablet on " + where_ + ": " +
                                         std::to_string(unlogged_[i]) + " more " +
                                         std::string(toString(static_cast<LineProblem>(i))) +
                                         " ignored");
    unlogged_ = {};
}

base::Result<std::unique_ptr<LinkReviewTablet>> makeReviewTablet(const std::string& spec,
                                                                 TabletOptions options)
{
    if (spec.starts_with("serial:") && spec.size() > 7) {
        const std::string path = spec.substr(7);
        return std::make_unique<LinkReviewTablet>(
            "serial", path, [path](std::stop_token) { return openSerialLink(path); }, options);
    }
    if (spec.starts_with("tcp:")) {
        auto address = parseHostPort(std::string_view(spec).substr(4));
        if (!address)
            return base::fail(address.error().withContext("review_tablet \"" + spec + "\""));
        auto [host, port] = *address;
        const auto timeout = options.connectTimeout;
        return std::make_unique<LinkReviewTablet>(
            "tcp", spec.substr(4),
            [host, port, timeout](std::stop_token stop) {
                return openTcpLink(host, port, timeout, std::move(stop));
            },
            options);
    }
    return base::fail(base::errc::invalid_argument,
                      "review_tablet \"" + spec + "\": expected serial:DEV or tcp:HOST:PORT");
}

} // namespace drivers::review_tablet
