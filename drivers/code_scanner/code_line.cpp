// SPDX-License-Identifier: Apache-2.0
// LineAssembler and the AIM symbology identifiers of the formats kiosks meet.
#include "drivers/code_scanner/code_line.h"

#include <array>
#include <utility>

namespace drivers {

namespace {

struct AimFormat {
    char letter; ///< the symbology character after ']'
    std::string_view format;
    std::string_view prefix; ///< what a scanner sends for the common modifier
};

constexpr std::array kAimFormats{
    AimFormat{'Q', "QRCode", "]Q1"},  AimFormat{'d', "DataMatrix", "]d1"},
    AimFormat{'C', "Code128", "]C0"}, AimFormat{'E', "EAN-13", "]E0"},
    AimFormat{'A', "Code39", "]A0"},  AimFormat{'L', "PDF417", "]L0"},
    AimFormat{'z', "Aztec", "]z0"},   AimFormat{'I', "ITF", "]I0"},
    AimFormat{'F', "Codabar", "]F0"}, AimFormat{'G', "Code93", "]G0"},
};

} // namespace

std::optional<std::string> LineAssembler::add(char c, bool isTerminator)
{
    if (isTerminator) {
        const bool wasOverflowing = std::exchange(overflowing_, false);
        if (wasOverflowing || line_.empty()) {
            line_.clear();
            return std::nullopt;
        }
        return std::exchange(line_, {});
    }
    if (overflowing_)
        return std::nullopt;
    if (line_.size() >= maxLength_) {
        overflowing_ = true;
        ++dropped_;
        line_.clear();
        line_.shrink_to_fit();
        return std::nullopt;
    }
    line_.push_back(c);
    return std::nullopt;
}

void LineAssembler::reset()
{
    line_.clear();
    overflowing_ = false;
}

hal::ScannedCode codeFromLine(std::string line)
{
    if (line.size() >= 3 && line[0] == ']' && line[2] >= '0' && line[2] <= '9') {
        for (const auto& aim : kAimFormats)
            if (aim.letter == line[1])
                return {std::string(aim.format), line.substr(3)};
    }
    return {"Unknown", std::move(line)};
}

std::string aimPrefixFor(std::string_view format)
{
    for (const auto& aim : kAimFormats)
        if (aim.format == format)
            return std::string(aim.prefix);
    return {};
}

} // namespace drivers
