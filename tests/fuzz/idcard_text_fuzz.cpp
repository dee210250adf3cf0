// SPDX-License-Identifier: Apache-2.0
// Fuzzes the card text parsers directly on a text block (any length: short blocks must be
// refused, long ones read only to 256 bytes), so the fuzzer spends its time in the layouts,
// the UTF-16 decoder, the date, sex and nation fields and the number checks.
#include "drivers/card_reader/card_checks.h"
#include "drivers/card_reader/card_text.h"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace drivers::card_reader;
    const std::span<const std::uint8_t> input(data, size);
    if (auto card = parseCardText(input)) {
        (void)idNumberValid(*card);
        (void)expired(*card, "2026-11-24");
    }
    (void)utf16leToUtf8(input);
    return 0;
}
