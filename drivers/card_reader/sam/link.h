// SPDX-License-Identifier: Apache-2.0
// sam::Link: one request/response exchange with the SAM over some transport (serial, USB).
#pragma once

#include "base/result.h"
#include "drivers/card_reader/sam/frame.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace drivers::card_reader::sam {

/// A transport that carries SAM frames. Owned and used by one thread at a time.
/// Errors use hal::errc: no_device when the reader went away, timeout when it did not
/// answer in time, protocol when the answer could not be a frame.
class Link {
public:
    virtual ~Link() = default;
    /// Sends `command` and returns the reader's response (checksum verified).
    [[nodiscard]] virtual base::Result<Response> exchange(Command command,
                                                          std::chrono::milliseconds timeout) = 0;
    /// False once the transport knows the reader is gone (hang-up, hot-plug removal); a
    /// cheap check that does not talk to the reader.
    [[nodiscard]] virtual bool alive() = 0;
    /// "serial /dev/ttyACM0", "usb 0400:c35a (split)": for diagnostics.
    [[nodiscard]] virtual std::string describe() const = 0;
};

/// Opens the transport afresh (at start and after a replug). no_device while it is absent.
using LinkOpener = std::function<base::Result<std::unique_ptr<Link>>()>;

} // namespace drivers::card_reader::sam
