// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/serial/serial_link.h"

#include "base/secure_buffer.h"
#include "hal/errc.h"

#include <array>
#include <poll.h>

namespace drivers::card_reader {

// Deadlines here become poll(2) timeouts, which the kernel waits out: the real steady clock,
// not base::Clock.
using Clock = std::chrono::steady_clock;

base::Result<std::unique_ptr<sam::Link>> SerialLink::open(const std::string& path,
                                                          const SerialOptions& options)
{
    auto port = SerialPort::open(path, options);
    if (!port)
        return base::fail(port.error());
    return std::unique_ptr<sam::Link>(new SerialLink(std::move(*port)));
}

base::Result<sam::Response> SerialLink::exchange(sam::Command command,
                                                 std::chrono::milliseconds timeout)
{
    // A late answer to an earlier command must not be taken for this one's.
    if (auto discarded = port_.discardInput(); !discarded)
        return base::fail(discarded.error());
    decoder_.reset();
    const auto deadline = Clock::now() + timeout;
    if (auto written = port_.write(sam::encode(command), timeout); !written)
        return base::fail(written.error());
    std::array<std::uint8_t, 2048> chunk{};
    for (;;) {
        if (auto response = decoder_.next())
            return std::move(*response);
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            break;
        auto got = port_.read(chunk, left);
        if (!got)
            return base::fail(got.error());
        decoder_.feed(std::span(chunk).first(*got));
        base::secureZero(chunk.data(), *got);
    }
    decoder_.reset();
    return base::fail(hal::errc::timeout, "reader on " + port_.path() + " did not answer within " +
                                              std::to_string(timeout.count()) + " ms");
}

bool SerialLink::alive()
{
    pollfd pfd{port_.fd(), 0, 0};
    if (::poll(&pfd, 1, 0) < 0)
        return true; // poll itself failing says nothing about the reader
    return (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) == 0;
}

} // namespace drivers::card_reader
