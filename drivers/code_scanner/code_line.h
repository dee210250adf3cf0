// SPDX-License-Identifier: Apache-2.0
// Lines from USB scanners (serial and keyboard wedge): assembling terminated lines with a
// length cap, and reading the optional AIM symbology identifier (ISO/IEC 15424) in front.
#pragma once

#include "hal/code_scanner.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace drivers {

/// The longest code a USB scanner may send; longer lines are dropped whole.
inline constexpr std::size_t kMaxCodeLength = 4096;

/// Collects characters into lines. A line ends at a terminator; empty lines (the LF of a
/// CR LF pair) are skipped; a line longer than the cap is dropped up to its terminator, so a
/// hostile or garbled stream can neither grow memory nor yield a truncated code.
class LineAssembler {
public:
    explicit LineAssembler(std::size_t maxLength = kMaxCodeLength) : maxLength_(maxLength) {}

    /// Adds one character; returns the finished line when `c` ended one.
    std::optional<std::string> add(char c, bool isTerminator);
    void reset();
    /// Lines dropped for being too long since construction.
    [[nodiscard]] std::size_t droppedLines() const { return dropped_; }

private:
    std::size_t maxLength_;
    std::string line_;
    bool overflowing_ = false;
    std::size_t dropped_ = 0;
};

/// Turns a scanner's line into a code. Scanners programmed to send AIM identifiers prefix
/// "]Q1" (QR), "]d2" (Data Matrix), "]C0" (Code 128), ...: the prefix gives the format and is
/// removed. Without one the format is "Unknown".
[[nodiscard]] hal::ScannedCode codeFromLine(std::string line);

/// The AIM identifier for a ZXing format name ("QRCode" -> "]Q1"), empty if none is known.
[[nodiscard]] std::string aimPrefixFor(std::string_view format);

} // namespace drivers
