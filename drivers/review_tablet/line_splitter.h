// SPDX-License-Identifier: Apache-2.0
// drivers::review_tablet::LineSplitter: cuts a byte stream into '\n'-terminated lines and
// refuses lines over the protocol's bound without ever holding more than the bound.
#pragma once

#include "drivers/review_tablet/tablet_message.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace drivers::review_tablet {

class LineSplitter {
public:
    using OnLine = std::function<void(std::string_view line)>;
    /// Called once per over-long line (its bytes are dropped up to the next '\n').
    using OnTooLong = std::function<void()>;

    explicit LineSplitter(std::size_t maxLine = kMaxLineBytes) : maxLine_(maxLine) {}

    /// Feeds bytes; each finished line (without '\n' and a trailing '\r') goes to `onLine`.
    /// Empty lines are skipped.
    void feed(std::string_view bytes, const OnLine& onLine, const OnTooLong& onTooLong);
    /// Forgets a partial line (a new connection starts a new line).
    void reset();

private:
    std::size_t maxLine_;
    std::string partial_;
    bool skipping_ = false; ///< inside an over-long line, until its '\n'
};

} // namespace drivers::review_tablet
