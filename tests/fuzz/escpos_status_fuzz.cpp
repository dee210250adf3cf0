// SPDX-License-Identifier: Apache-2.0
// Fuzzes what a receipt printer (or anything pretending to be one on port 9100) sends back:
// the DLE EOT answer decoder on every 4-byte window, and the ESC/POS tokenizer over the
// same bytes in pieces (the simulated printers and the reader share it).
#include "drivers/receipt_printer/escpos_reader.h"
#include "drivers/receipt_printer/escpos_status.h"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace drivers::receipt_printer;
    const std::span<const std::uint8_t> input(data, size);
    (void)decodeStatus(input);
    for (std::size_t at = 0; at + 4 <= size; ++at)
        if (auto status = decodeStatus(input.subspan(at, 4)))
            (void)hal::toString(status->condition);
    for (std::size_t at = 0; at < size;) {
        auto length = commandLength(input.subspan(at));
        if (!length || *length == 0)
            break;
        (void)isStatusQuery(input.subspan(at, std::min(*length, size - at)));
        at += *length;
    }
    return 0;
}
