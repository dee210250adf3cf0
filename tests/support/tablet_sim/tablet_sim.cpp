// SPDX-License-Identifier: Apache-2.0
// The tablet side of the link, from the spec. Plain POSIX and nlohmann-json; one thread reads
// what the kiosk sends and answers pings; the test's thread plays the citizen.
#include "tests/support/tablet_sim/tablet_sim.h"

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <stdexcept>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace test_support {

using nlohmann::json;

namespace {
constexpr std::chrono::milliseconds kPollSlice{5};

void closeFd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}
} // namespace

TabletSim::TabletSim(TabletSimOptions options) : options_(std::move(options)) {}

std::unique_ptr<TabletSim> TabletSim::onPty(std::filesystem::path link, TabletSimOptions options)
{
    std::unique_ptr<TabletSim> sim(new TabletSim(std::move(options)));
    sim->link_ = std::move(link);
    {
        std::lock_guard lock(sim->mutex_);
        sim->openPty();
    }
    sim->thread_ = std::thread([raw = sim.get()] { raw->run(); });
    return sim;
}

std::unique_ptr<TabletSim> TabletSim::onTcp(std::uint16_t port, TabletSimOptions options)
{
    std::unique_ptr<TabletSim> sim(new TabletSim(std::move(options)));
    sim->tcp_ = true;
    sim->port_ = port;
    {
        std::lock_guard lock(sim->mutex_);
        sim->listen();
    }
    sim->thread_ = std::thread([raw = sim.get()] { raw->run(); });
    return sim;
}

TabletSim::~TabletSim()
{
    running_ = false;
    if (thread_.joinable())
        thread_.join();
    std::lock_guard lock(mutex_);
    closeConnection();
    closeFd(listener_);
    if (!tcp_) {
        std::error_code ignored;
        std::filesystem::remove(link_, ignored);
    }
}

void TabletSim::openPty()
{
    termios raw{};
    cfmakeraw(&raw);
    char name[256] = {};
    int deviceSide = -1;
    if (::openpty(&connection_, &deviceSide, name, &raw, nullptr) != 0)
        throw std::runtime_error("openpty failed");
    // Only the kiosk holds the device side: while it has it closed the controller sees a
    // hang-up, and the kiosk opening it is the "connect" on which the tablet says hello (a
    // USB CDC-ACM tablet sees DTR rise).
    ::close(deviceSide);
    ::fcntl(connection_, F_SETFL, ::fcntl(connection_, F_GETFL) | O_NONBLOCK);
    std::error_code ignored;
    std::filesystem::remove(link_, ignored);
    std::filesystem::create_symlink(name, link_);
    partial_.clear();
    attached_ = false;
}

void TabletSim::listen()
{
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 4) != 0)
        throw std::runtime_error("tablet sim: cannot listen on port " + std::to_string(port_));
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
}

std::string TabletSim::spec() const
{
    if (tcp_)
        return "tcp:127.0.0.1:" + std::to_string(port_);
    return "serial:" + link_.string();
}

bool TabletSim::connected() const
{
    std::lock_guard lock(mutex_);
    return connection_ >= 0 && (tcp_ || attached_);
}

void TabletSim::run()
{
    while (running_)
        serviceOnce();
}

void TabletSim::serviceOnce()
{
    pollfd fds[2] = {{-1, POLLIN, 0}, {-1, POLLIN, 0}};
    {
        std::lock_guard lock(mutex_);
        fds[0].fd = listener_;
        fds[1].fd = connection_;
    }
    ::poll(fds, 2, static_cast<int>(kPollSlice.count()));
    if (fds[0].revents & POLLIN)
        accept();
    if (!tcp_ && fds[1].fd >= 0 && watchAttachment((fds[1].revents & POLLHUP) != 0))
        return;
    if (fds[1].revents != 0)
        readLines();
}

bool TabletSim::watchAttachment(bool hungUp)
{
    std::lock_guard lock(mutex_);
    if (hungUp) {
        // Nobody has the port open: poll() reports the hang-up at once, so wait a slice.
        attached_ = false;
        partial_.clear();
        std::this_thread::sleep_for(kPollSlice);
        return true;
    }
    if (!attached_) {
        if (options_.helloOnConnect)
            hello();
        attached_ = true;
    }
    return false;
}

void TabletSim::accept()
{
    std::lock_guard lock(mutex_);
    if (listener_ < 0)
        return;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
        return;
    closeConnection(); // one kiosk at a time: a new connection replaces the old
    connection_ = fd;
    partial_.clear();
    if (options_.helloOnConnect)
        hello();
}

void TabletSim::readLines()
{
    std::vector<std::string> lines;
    {
        std::lock_guard lock(mutex_);
        if (connection_ < 0)
            return;
        char buffer[4096];
        const ssize_t got = ::read(connection_, buffer, sizeof buffer);
        if (got == 0 && tcp_) {
            closeConnection(); // the kiosk closed the connection
            return;
        }
        if (got <= 0)
            return; // pty: EIO while the kiosk has the port closed; EAGAIN
        partial_.append(buffer, static_cast<std::size_t>(got));
        for (auto end = partial_.find('\n'); end != std::string::npos; end = partial_.find('\n')) {
            lines.push_back(partial_.substr(0, end));
            partial_.erase(0, end + 1);
        }
    }
    for (const auto& line : lines)
        handle(line);
}

void TabletSim::handle(const std::string& line)
{
    json message = json::parse(line, nullptr, false);
    if (message.is_discarded() || !message.is_object())
        message = json{{"unparsed", line}};
    std::lock_guard lock(mutex_);
    received_.push_back(message);
    // A kiosk line of the wrong shape is recorded above, for the test to see; never answered.
    const auto text = [&](const char* key) {
        return message.contains(key) && message[key].is_string() ? message[key].get<std::string>()
                                                                 : std::string{};
    };
    const std::string type = text("type");
    const std::string id = text("requestId");
    if (type == "ping" && !message["seq"].is_number_integer())
        return;
    if (type == "ping" && options_.answerPings) {
        write(json{{"type", "pong"}, {"seq", message["seq"]}}.dump() + "\n");
    } else if (type == "show") {
        shown_ = message;
        if (options_.autoLevel) {
            write(json{{"type", "rating"},
                       {"requestId", id},
                       {"level", *options_.autoLevel},
                       {"reasons", options_.autoReasons}}
                      .dump() +
                  "\n");
            shown_.reset();
        }
    } else if ((type == "cancel" && shown_ && (*shown_)["requestId"] == id) || type == "idle") {
        shown_.reset();
    }
    // error reason_required: the prompt stays; the citizen must now choose a reason.
}

void TabletSim::write(const std::string& line)
{
    std::string_view rest = line;
    for (int attempts = 0; connection_ >= 0 && !rest.empty() && attempts < 100000; ++attempts) {
        const ssize_t sent = tcp_ ? ::send(connection_, rest.data(), rest.size(), MSG_NOSIGNAL)
                                  : ::write(connection_, rest.data(), rest.size());
        if (sent > 0) {
            rest.remove_prefix(static_cast<std::size_t>(sent));
        } else if (sent < 0 && (errno == EAGAIN || errno == EINTR)) {
            pollfd pfd{connection_, POLLOUT, 0};
            ::poll(&pfd, 1, 10);
        } else {
            return; // the kiosk is gone
        }
    }
}

void TabletSim::closeConnection()
{
    closeFd(connection_);
    partial_.clear();
    attached_ = false;
}

void TabletSim::hello()
{
    json message = {{"type", "hello"}, {"model", options_.model}, {"firmware", options_.firmware}};
    if (options_.keys == "touch")
        message["keys"] = "touch";
    else
        message["keys"] = std::stoi(options_.keys);
    write(message.dump() + "\n");
}

bool TabletSim::rate(int level, std::vector<std::string> reasons, std::string comment)
{
    std::lock_guard lock(mutex_);
    if (!shown_)
        return false;
    json message = {{"type", "rating"},
                    {"requestId", (*shown_)["requestId"]},
                    {"level", level},
                    {"reasons", std::move(reasons)}};
    if (!comment.empty())
        message["comment"] = std::move(comment);
    write(message.dump() + "\n");
    // A bad rating without a reason keeps the prompt until the kiosk says reason_required.
    if (!(level <= 2 && message["reasons"].empty()) || options_.keys != "touch")
        shown_.reset();
    return true;
}

void TabletSim::rateFor(const std::string& requestId, int level, std::vector<std::string> reasons)
{
    awaitConnection();
    std::lock_guard lock(mutex_);
    write(json{{"type", "rating"}, {"requestId", requestId}, {"level", level}, {"reasons", reasons}}
              .dump() +
          "\n");
}

bool TabletSim::timeOut()
{
    std::lock_guard lock(mutex_);
    if (!shown_)
        return false;
    write(json{{"type", "timeout"}, {"requestId", (*shown_)["requestId"]}}.dump() + "\n");
    shown_.reset();
    return true;
}

void TabletSim::sendError(const std::string& code)
{
    awaitConnection();
    std::lock_guard lock(mutex_);
    write(json{{"type", "error"}, {"code", code}, {"message", "simulated"}}.dump() + "\n");
    if (code == "busy" || code == "bad_request")
        shown_.reset();
}

void TabletSim::sendHello(const std::string& keys)
{
    awaitConnection();
    std::lock_guard lock(mutex_);
    options_.keys = keys;
    hello();
}

void TabletSim::sendPing(std::int64_t seq)
{
    awaitConnection();
    std::lock_guard lock(mutex_);
    write(json{{"type", "ping"}, {"seq", seq}}.dump() + "\n");
}

void TabletSim::sendRaw(const std::string& bytes)
{
    awaitConnection();
    std::lock_guard lock(mutex_);
    write(bytes);
}

void TabletSim::flood(std::size_t count, const std::string& line)
{
    std::string lines;
    lines.reserve(count * (line.size() + 1));
    for (std::size_t i = 0; i < count; ++i)
        lines += line + "\n";
    sendRaw(lines);
}

void TabletSim::setAnswerPings(bool answer)
{
    std::lock_guard lock(mutex_);
    options_.answerPings = answer;
}

void TabletSim::setAutoRate(std::optional<int> level, std::vector<std::string> reasons)
{
    std::lock_guard lock(mutex_);
    options_.autoLevel = level;
    options_.autoReasons = std::move(reasons);
}

void TabletSim::unplug()
{
    std::lock_guard lock(mutex_);
    closeConnection();
    shown_.reset();
    if (tcp_) {
        closeFd(listener_);
    } else {
        std::error_code ignored;
        std::filesystem::remove(link_, ignored);
    }
}

void TabletSim::plug()
{
    std::lock_guard lock(mutex_);
    if (tcp_)
        listen();
    else
        openPty();
}

void TabletSim::dropConnection()
{
    std::lock_guard lock(mutex_);
    if (tcp_)
        closeConnection();
    shown_.reset();
}

std::vector<json> TabletSim::received() const
{
    std::lock_guard lock(mutex_);
    return received_;
}

std::optional<json> TabletSim::shown() const
{
    std::lock_guard lock(mutex_);
    return shown_;
}

std::size_t TabletSim::count(const std::string& type, const std::string& code) const
{
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& message : received_)
        if (message.contains("type") && message["type"] == type &&
            (code.empty() || (message.contains("code") && message["code"] == code)))
            ++n;
    return n;
}

bool TabletSim::waitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return done();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

void TabletSim::awaitConnection() const
{
    // A TCP kiosk may have connected before this thread accepted it: lines written before
    // would be lost, and a script means them for the kiosk.
    (void)waitFor([this] { return connected(); }, std::chrono::seconds(5));
}

bool TabletSim::waitForShown(std::chrono::milliseconds timeout) const
{
    return waitFor([this] { return shown().has_value(); }, timeout);
}

} // namespace test_support
