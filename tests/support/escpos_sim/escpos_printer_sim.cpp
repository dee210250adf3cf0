// SPDX-License-Identifier: Apache-2.0
// The transports poll their descriptor in short slices on a base::Worker, so stop() and
// unplug() never wait long.
#include "tests/support/escpos_sim/escpos_printer_sim.h"

#include "drivers/receipt_printer/escpos_reader.h"
#include "drivers/receipt_printer/escpos_status.h"

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <stdexcept>
#include <sys/socket.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace test_support {

using namespace std::chrono_literals;
namespace rp = drivers::receipt_printer;

void EscPosPrinterModel::setCondition(hal::PrinterCondition condition)
{
    std::lock_guard lock(mutex_);
    condition_ = condition;
}

hal::PrinterCondition EscPosPrinterModel::condition() const
{
    std::lock_guard lock(mutex_);
    return condition_;
}

void EscPosPrinterModel::changeConditionAfter(std::size_t jobBytes, hal::PrinterCondition condition)
{
    std::lock_guard lock(mutex_);
    change_ = {received_.size() + jobBytes, condition};
}

void EscPosPrinterModel::disconnectAfter(std::size_t jobBytes)
{
    std::lock_guard lock(mutex_);
    disconnect_ = received_.size() + jobBytes;
}

void EscPosPrinterModel::setAnswers(bool answers)
{
    std::lock_guard lock(mutex_);
    answers_ = answers;
}

void EscPosPrinterModel::setRawAnswer(std::uint8_t byte)
{
    std::lock_guard lock(mutex_);
    rawAnswer_ = byte;
}

void EscPosPrinterModel::answerLate(std::chrono::milliseconds delay)
{
    std::lock_guard lock(mutex_);
    answerDelay_ = delay;
}

std::chrono::milliseconds EscPosPrinterModel::takeAnswerDelay()
{
    std::lock_guard lock(mutex_);
    return std::exchange(answerDelay_, 0ms);
}

std::vector<std::uint8_t> EscPosPrinterModel::received() const
{
    std::lock_guard lock(mutex_);
    return received_;
}

std::vector<std::string> EscPosPrinterModel::printedText() const
{
    auto document = rp::readEscPos(received());
    return document ? document->textLines() : std::vector<std::string>{};
}

std::size_t EscPosPrinterModel::statusQueries() const
{
    std::lock_guard lock(mutex_);
    return statusQueries_;
}

bool EscPosPrinterModel::takeDisconnect()
{
    std::lock_guard lock(mutex_);
    return std::exchange(disconnectNow_, false);
}

void EscPosPrinterModel::linkChanged()
{
    std::lock_guard lock(mutex_);
    pending_.clear();
}

void EscPosPrinterModel::countJobBytes()
{
    if (change_ && received_.size() >= change_->first) {
        condition_ = change_->second;
        change_.reset();
    }
    if (disconnect_ && received_.size() >= *disconnect_) {
        disconnectNow_ = true;
        disconnect_.reset();
    }
}

std::vector<std::uint8_t> EscPosPrinterModel::feed(std::span<const std::uint8_t> bytes)
{
    std::lock_guard lock(mutex_);
    std::vector<std::uint8_t> answers;
    pending_.insert(pending_.end(), bytes.begin(), bytes.end());
    std::size_t at = 0;
    while (at < pending_.size()) {
        // An unknown command goes to the job byte by byte (the test reading it fails then).
        auto length = rp::commandLength(std::span(pending_).subspan(at));
        const std::size_t take = length ? *length : 1;
        if (take == 0 || take > pending_.size() - at)
            break; // wait for the rest of the command
        const auto command = std::span(pending_).subspan(at, take);
        if (rp::isStatusQuery(command)) {
            ++statusQueries_;
            if (answers_)
                answers.push_back(rawAnswer_
                                      ? *rawAnswer_
                                      : rp::statusBytesFor(condition_)[(command[2] - 1u) & 3u]);
        } else {
            received_.insert(received_.end(), command.begin(), command.end());
            countJobBytes();
        }
        at += take;
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(at));
    return answers;
}

namespace {

/// Reads what is there on `fd`, feeds the model, writes its answers. False when the other
/// side is gone.
bool pump(int fd, EscPosPrinterModel& model)
{
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 10) <= 0)
        return true;
    std::uint8_t buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
        return false;
    if (n < 0)
        return true;
    const auto answers = model.feed(std::span(buffer, static_cast<std::size_t>(n)));
    if (!answers.empty())
        std::this_thread::sleep_for(model.takeAnswerDelay());
    if (!answers.empty() && ::write(fd, answers.data(), answers.size()) < 0)
        return false;
    return !model.takeDisconnect();
}

} // namespace

// --- pty ------------------------------------------------------------------------------------

PtyPrinterSim::PtyPrinterSim() : worker_({"test/pty_printer"}, base::systemClock())
{
    plug();
    worker_.start([this](std::stop_token) { return serve(); });
}

PtyPrinterSim::~PtyPrinterSim()
{
    worker_.stop();
    std::lock_guard lock(mutex_);
    closeLocked();
}

std::string PtyPrinterSim::devicePath() const
{
    std::lock_guard lock(mutex_);
    return path_;
}

void PtyPrinterSim::closeLocked()
{
    if (controller_ >= 0)
        ::close(controller_);
    if (device_ >= 0)
        ::close(device_);
    controller_ = device_ = -1;
    model_.linkChanged();
}

void PtyPrinterSim::unplug()
{
    std::lock_guard lock(mutex_);
    closeLocked();
}

void PtyPrinterSim::plug()
{
    std::lock_guard lock(mutex_);
    closeLocked();
    termios raw{};
    cfmakeraw(&raw);
    char name[256] = {};
    if (::openpty(&controller_, &device_, name, &raw, nullptr) != 0)
        throw std::runtime_error("openpty failed");
    ::fcntl(controller_, F_SETFL, ::fcntl(controller_, F_GETFL) | O_NONBLOCK);
    path_ = name;
}

std::chrono::milliseconds PtyPrinterSim::serve()
{
    std::lock_guard lock(mutex_);
    if (controller_ < 0)
        return 10ms;
    if (!pump(controller_, model_))
        closeLocked();
    return 0ms;
}

// --- TCP ------------------------------------------------------------------------------------

TcpPrinterSim::TcpPrinterSim() : worker_({"test/tcp_printer"}, base::systemClock())
{
    listen();
    worker_.start([this](std::stop_token) { return serve(); });
}

TcpPrinterSim::~TcpPrinterSim()
{
    worker_.stop();
    unplug();
}

std::string TcpPrinterSim::spec() const
{
    return "tcp:127.0.0.1:" + std::to_string(port_);
}

void TcpPrinterSim::listen()
{
    std::lock_guard lock(mutex_);
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port_);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 4) != 0)
        throw std::runtime_error("cannot listen on loopback");
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
}

void TcpPrinterSim::unplug()
{
    std::lock_guard lock(mutex_);
    if (connection_ >= 0)
        ::close(connection_);
    if (listener_ >= 0)
        ::close(listener_);
    connection_ = listener_ = -1;
}

void TcpPrinterSim::plug()
{
    listen();
}

std::chrono::milliseconds TcpPrinterSim::serve()
{
    std::lock_guard lock(mutex_);
    if (listener_ >= 0) {
        const int accepted = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (accepted >= 0) { // a printer serves one host at a time: the newest
            if (connection_ >= 0)
                ::close(connection_);
            connection_ = accepted;
            model_.linkChanged();
        }
    }
    if (connection_ < 0)
        return 5ms;
    if (!pump(connection_, model_)) {
        ::close(connection_);
        connection_ = -1;
    }
    return 0ms;
}

} // namespace test_support
