// SPDX-License-Identifier: Apache-2.0
// LoopbackHttp: a one-file HTTP/1.1 server on 127.0.0.1 for download tests. It answers every
// request with the same status and body (with or without Content-Length), one connection at a
// time, and counts the requests.
#pragma once

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace test_support {

class LoopbackHttp {
public:
    LoopbackHttp(std::string body, int status = 200, bool announceLength = true)
        : body_(std::move(body)), status_(status), announceLength_(announceLength)
    {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
        ::listen(listener_, 4);
        socklen_t length = sizeof address;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::jthread([this](std::stop_token stop) { serve(stop); });
    }
    LoopbackHttp(const LoopbackHttp&) = delete;
    LoopbackHttp& operator=(const LoopbackHttp&) = delete;
    ~LoopbackHttp()
    {
        thread_.request_stop();
        ::shutdown(listener_, SHUT_RDWR);
        thread_.join();
        ::close(listener_);
    }
    [[nodiscard]] std::string url(const std::string& path = "/update.raucb") const
    {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    [[nodiscard]] int requests() const { return requests_.load(); }

private:
    void serve(const std::stop_token& stop)
    {
        while (!stop.stop_requested()) {
            const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0)
                return;
            ++requests_;
            std::string request;
            char buffer[4096];
            while (request.find("\r\n\r\n") == std::string::npos) {
                const auto got = ::read(client, buffer, sizeof buffer);
                if (got <= 0)
                    break;
                request.append(buffer, static_cast<std::size_t>(got));
            }
            std::string head =
                "HTTP/1.1 " + std::to_string(status_) + " X\r\nConnection: close\r\n";
            if (announceLength_)
                head += "Content-Length: " + std::to_string(body_.size()) + "\r\n";
            head += "\r\n";
            write(client, head);
            write(client, body_);
            ::close(client);
        }
    }
    static void write(int fd, const std::string& bytes)
    {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto wrote = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (wrote <= 0)
                return;
            done += static_cast<std::size_t>(wrote);
        }
    }

    std::string body_;
    int status_;
    bool announceLength_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<int> requests_{0};
    std::jthread thread_;
};

} // namespace test_support
