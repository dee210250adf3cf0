// SPDX-License-Identifier: Apache-2.0
// drivers::EvdevCodeScanner: a USB scanner in keyboard-wedge mode, read from its evdev node
// (/dev/input/eventN) with an exclusive grab so its keystrokes never reach the screen.
#pragma once

#include "drivers/code_scanner/code_line.h"
#include "drivers/code_scanner/hotplug_monitor.h"
#include "hal/code_scanner.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
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

class EvdevCodeScanner final : public hal::CodeScanner {
public:
    /// `path` is an evdev node, or (tests, replays) a FIFO or file of recorded input_events:
    /// those are read the same way but not grabbed.
    explicit EvdevCodeScanner(std::string path, EvdevScannerOptions options = {});
    ~EvdevCodeScanner() override;

protected:
    base::Result<void> openImpl() override;
    void closeImpl() override;
    base::Result<std::optional<hal::ScannedCode>>
    scanImpl(std::chrono::milliseconds timeout) override;

private:
    base::Result<int> openNode() const;
    /// Waits up to `timeout` and reads what came. Call with fdMutex_ held.
    base::Result<void> readSome(std::chrono::milliseconds timeout);
    void closeNode();
    void deviceLost(const std::string& detail);
    bool reopen();

    const std::string path_;
    const EvdevScannerOptions options_;
    HotplugMonitor monitor_;
    std::atomic<bool> lost_ = false; ///< the device went away; reopen() clears it
    std::mutex fdMutex_;             ///< guards fd_, lines_, decoder_
    int fd_ = -1;
    bool replay_ = false; ///< a regular file: end of file means "no more input", not unplug
    std::deque<std::string> lines_;
    WedgeDecoder decoder_;
};

} // namespace drivers
