// SPDX-License-Identifier: Apache-2.0
// Fuzzes the ID card reader's host side from the wire up: the stream decoder (fed in pieces
// whose sizes come from the input), the one-frame decoder, and every parser a decoded
// response reaches (card record, text layouts, appended address, SAM id, number checks).
// A reader, or a device pretending to be one, controls every byte here.
#include "drivers/card_reader/card_checks.h"
#include "drivers/card_reader/card_record.h"
#include "drivers/card_reader/card_text.h"
#include "drivers/card_reader/sam/frame.h"
#include "drivers/card_reader/sam/sam_id.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

void parseEverything(std::span<const std::uint8_t> data)
{
    using namespace drivers::card_reader;
    if (auto card = decodeCardRecord(data)) {
        (void)idNumberValid(*card);
        (void)expired(*card, "2026-11-24");
    }
    (void)parseAppendedAddress(data);
    (void)sam::formatSamId(data);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace drivers::card_reader;
    const std::span<const std::uint8_t> input(data, size);
    if (auto card = decodeCardFrame(input))
        (void)idNumberValid(*card);

    // The same bytes as a stream: chunk sizes from the first byte, so the fuzzer explores
    // frames split at every position.
    sam::StreamDecoder decoder;
    const std::size_t chunk = size == 0 ? 1 : (data[0] % 64) + 1;
    for (std::size_t at = 0; at < size; at += chunk) {
        decoder.feed(input.subspan(at, std::min(chunk, size - at)));
        while (auto response = decoder.next())
            parseEverything(response->data);
    }
    return 0;
}
