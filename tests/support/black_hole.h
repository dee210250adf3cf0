// SPDX-License-Identifier: Apache-2.0
// test_support::BlackHole: a TCP port on 127.0.0.1 that takes no connection and refuses none,
// like a host that has gone from the network (its SYNs are dropped). It is a listener with
// backlog 0 whose one queued connection is never accepted: the kernel then drops further
// SYNs, and a connect(2) to it waits until the caller gives up.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace test_support {

class BlackHole {
public:
    BlackHole()
    {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener_ < 0 ||
            ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 0) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        port_ = ntohs(address.sin_port);
        held_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0); // fills the accept queue
        if (held_ >= 0 && ::connect(held_, reinterpret_cast<sockaddr*>(&address), length) != 0) {
            ::close(held_);
            held_ = -1;
        }
    }
    ~BlackHole()
    {
        for (const int fd : {held_, listener_})
            if (fd >= 0)
                ::close(fd);
    }
    BlackHole(const BlackHole&) = delete;
    BlackHole& operator=(const BlackHole&) = delete;

    /// False if the port could not be set up (the test cannot run).
    [[nodiscard]] bool ok() const { return held_ >= 0; }
    [[nodiscard]] std::uint16_t port() const { return port_; }

private:
    int listener_ = -1;
    int held_ = -1;
    std::uint16_t port_ = 0;
};

} // namespace test_support
