// SPDX-License-Identifier: Apache-2.0
// Fuzzes what a review tablet sends: the bytes go through the line splitter (with a small
// bound, so over-long lines are reached too) and every line through the message parser; the
// input is also parsed whole as one line. Nothing may crash, throw or read out of bounds.
#include "drivers/review_tablet/line_splitter.h"
#include "drivers/review_tablet/tablet_message.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace drivers::review_tablet;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto parse = [](std::string_view line) {
        if (auto message = parseTabletLine(line); !message)
            (void)problemOf(message.error());
    };
    LineSplitter splitter(512);
    splitter.feed(input, parse, [] {});
    parse(input);
    return 0;
}
