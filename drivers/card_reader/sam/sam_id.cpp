// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/sam/sam_id.h"

#include <cstdio>

namespace drivers::card_reader::sam {

namespace {
std::uint32_t littleEndian(std::span<const std::uint8_t> bytes)
{
    std::uint32_t value = 0;
    for (std::size_t i = bytes.size(); i-- > 0;)
        value = (value << 8) | bytes[i];
    return value;
}
} // namespace

base::Result<std::string> formatSamId(std::span<const std::uint8_t> data)
{
    if (data.size() < 16)
        return base::fail(base::errc::parse,
                          "SAM id: " + std::to_string(data.size()) + " bytes, 16 expected");
    char text[64];
    std::snprintf(text, sizeof text, "%02u.%02u-%08u-%010u-%010u", littleEndian(data.subspan(0, 2)),
                  littleEndian(data.subspan(2, 2)), littleEndian(data.subspan(4, 4)),
                  littleEndian(data.subspan(8, 4)), littleEndian(data.subspan(12, 4)));
    return std::string(text);
}

} // namespace drivers::card_reader::sam
