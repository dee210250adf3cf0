// SPDX-License-Identifier: Apache-2.0
// drivers::EvdevCodeScanner: a USB scanner in keyboard-wedge mode, read from its evdev node
// (/dev/input/eventN) with an exclusive grab so its keystrokes never reach the screen.
#pragma once

#include "drivers/code_scanner/code_line.h"
#include "drivers/code_scanner/line_scanner.h"

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

namespace drivers {

enum class WedgeTerminator { Enter, Tab };

struct EvdevScannerOptions {
    WedgeTerminator terminator = WedgeTerminator::Enter; ///< as the scanner is programmed
    std::size_t maxLength = kMaxCodeLength;
    std::chrono::milliseconds hotplugInterval{200};
};

/// Turns a stream of struct input_event into typed lines (US layout, shift tracked, key
/// repeats ignored). Partial events across reads are kept until complete.
class WedgeDecoder {
public:
    explicit WedgeDecoder(WedgeTerminator terminator, std::size_t maxLength = kMaxCodeLength);
    /// Feeds raw bytes as read from the device; finished lines are appended to `lines`.
    void feed(std::span<const std::uint8_t> bytes, std::deque<std::string>& lines);
    void reset();

private:
    void onKey(std::uint16_t code, std::int32_t value, std::deque<std::string>& lines);

    WedgeTerminator terminator_;
    LineAssembler assembler_;
    std::vector<std::uint8_t> pending_;
    bool leftShift_ = false;
    bool rightShift_ = false;
};

/// The scan loop and hot-plug are LineScanner's; this backend reads the input node.
class EvdevCodeScanner final : public LineScanner {
public:
    /// `path` is an evdev node, or (tests, replays) a FIFO or file of recorded input_events:
    /// those are read the same way but not grabbed.
    explicit EvdevCodeScanner(std::string path, EvdevScannerOptions options = {});
};

} // namespace drivers
