// SPDX-License-Identifier: Apache-2.0
// base::connectTcp: a TCP connection with a deadline and a stop token. connect(2) has neither:
// a host that drops the SYNs holds a blocking connect for about two minutes, and a worker in
// it cannot be stopped. The review tablet, the receipt printer over TCP and the fleet link's
// broker check connect with it.
#pragma once

#include "base/result.h"

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>

namespace base {

/// Connects to `host`:`port`, trying the name's addresses in turn, within `timeout` in all,
/// and gives up at once when `stop` is requested. Returns the connected socket, non-blocking
/// and close-on-exec, owned by the caller. Errors, each message starting "tcp HOST:PORT: ":
/// errc::not_found (the name does not resolve), errc::timeout (no answer in time),
/// std::errc::operation_canceled (`stop`), or the connect's errno (refused, unreachable).
[[nodiscard]] Result<int> connectTcp(const std::string& host, std::uint16_t port,
                                     std::chrono::milliseconds timeout, std::stop_token stop = {});

} // namespace base
