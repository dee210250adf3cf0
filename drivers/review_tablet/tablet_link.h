// SPDX-License-Identifier: Apache-2.0
// drivers::review_tablet::TabletLink: the byte pipe to a tablet: a serial line (USB CDC-ACM,
// 115200 8N1) or a TCP connection the kiosk opens to the tablet's host:port.
#pragma once

#include "base/result.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>

namespace drivers::review_tablet {

/// One open connection, owned by the driver's worker (not thread-safe). Errors use hal::errc:
/// no_device when the tablet went away (unplugged, connection closed or reset).
class TabletLink {
public:
    virtual ~TabletLink() = default;
    /// The descriptor to poll() for input. Still owned by the link.
    [[nodiscard]] virtual int fd() const = 0;
    /// Reads what has arrived, without waiting; 0 when nothing has.
    [[nodiscard]] virtual base::Result<std::size_t> read(std::span<char> buffer) = 0;
    /// Writes every byte, waiting up to `timeout` for the link to take them.
    [[nodiscard]] virtual base::Result<void> write(std::string_view bytes,
                                                   std::chrono::milliseconds timeout) = 0;
    /// "serial /dev/ttyACM2", "tcp 10.0.0.7:7000": for messages.
    [[nodiscard]] virtual std::string describe() const = 0;
};

/// Opens (again after a loss) the link; `stop` ends a connect attempt early.
using LinkOpener = std::function<base::Result<std::unique_ptr<TabletLink>>(std::stop_token stop)>;

[[nodiscard]] base::Result<std::unique_ptr<TabletLink>> openSerialLink(const std::string& path);

/// Connects to host:port, giving up after `timeout` (or when `stop` is requested). A refused
/// or unreachable tablet is no_device.
[[nodiscard]] base::Result<std::unique_ptr<TabletLink>>
openTcpLink(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout,
            std::stop_token stop = {});

/// Splits "HOST:PORT" ("[::1]:7000" for IPv6); errors are base::errc::invalid_argument.
[[nodiscard]] base::Result<std::pair<std::string, std::uint16_t>>
parseHostPort(std::string_view text);

} // namespace drivers::review_tablet
