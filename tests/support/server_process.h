// SPDX-License-Identifier: Apache-2.0
// test_support::ServerProcess: a server program a test starts on a loopback port (nghttpx,
// mosquitto): forked and executed, waited for until it listens, ended with SIGTERM; and
// freeLoopbackPort() to choose its port.
#pragma once

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <netinet/in.h>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace test_support {

/// A TCP port of 127.0.0.1 that was free a moment ago. Another program may take it before the
/// server binds it: callers try again with another.
inline int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

/// Whether 127.0.0.1:`port` accepts a TCP connection now (a server is listening on it).
inline bool loopbackPortAccepts(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool accepts = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return accepts;
}

class ServerProcess {
public:
    ServerProcess() = default;
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    ~ServerProcess() { terminate(); }

    /// Starts the program argv[0] with `argv`; false when it could not be forked.
    bool start(std::vector<std::string> argv)
    {
        std::vector<char*> args;
        for (auto& arg : argv)
            args.push_back(arg.data());
        args.push_back(nullptr);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ == 0) {
            // Ended with the thread that started it, should a test crash past the destructor.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent)
                ::_exit(127);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        return pid_ > 0;
    }

    /// Waits up to 10 s until 127.0.0.1:`port` accepts a connection. False, with the server
    /// ended, when it exited first (the port was taken?) or never listened.
    bool waitUntilListening(int port)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                return false;
            }
            if (loopbackPortAccepts(port))
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        terminate();
        return false;
    }

    /// SIGTERM, and waits for it to exit.
    void terminate()
    {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
};

} // namespace test_support
