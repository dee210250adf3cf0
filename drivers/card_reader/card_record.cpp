// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/card_record.h"

#include "drivers/card_reader/card_text.h"
#include "drivers/card_reader/sam/status.h"
#include "hal/errc.h"

#include <cstdio>
#include <optional>

namespace drivers::card_reader {

namespace {

std::size_t bigEndian16(std::span<const std::uint8_t> data, std::size_t at)
{
    return (static_cast<std::size_t>(data[at]) << 8) | data[at + 1];
}

struct Layout {
    std::size_t textAt = 0;
    std::size_t textLength = 0;
    std::size_t photoLength = 0;
};

/// Which of the two forms the lengths describe, if either fills `data` exactly.
std::optional<Layout> layoutOf(std::span<const std::uint8_t> data)
{
    if (data.size() >= 4) {
        const auto text = bigEndian16(data, 0), photo = bigEndian16(data, 2);
        if (4 + text + photo == data.size())
            return Layout{4, text, photo};
    }
    if (data.size() >= 6) {
        const auto text = bigEndian16(data, 0), photo = bigEndian16(data, 2),
                   fingerprint = bigEndian16(data, 4);
        if (6 + text + photo + fingerprint == data.size())
            return Layout{6, text, photo};
    }
    return std::nullopt;
}

} // namespace

base::Result<hal::CardData> decodeCardRecord(std::span<const std::uint8_t> data)
{
    const auto layout = layoutOf(data);
    if (!layout)
        return base::fail(hal::errc::protocol,
                          "card record: the length fields do not match the frame");
    if (layout->textLength < textBlockSize)
        return base::fail(hal::errc::protocol, "card record: text block of " +
                                                   std::to_string(layout->textLength) +
                                                   " bytes, 256 expected");
    auto card = parseCardText(data.subspan(layout->textAt, layout->textLength));
    if (!card)
        return base::fail(hal::errc::protocol, card.error().message);
    const auto photo = data.subspan(layout->textAt + layout->textLength, layout->photoLength);
    card->photo.assign(photo.begin(), photo.end());
    return card;
}

base::Result<hal::CardData> decodeCardFrame(std::span<const std::uint8_t> frame)
{
    auto response = sam::decode(frame);
    if (!response)
        return base::fail(response.error());
    if (response->sw3 != static_cast<std::uint8_t>(sam::Status::Success)) {
        const auto status = response->sw3;
        response->wipe();
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02X", status);
        return base::fail(hal::errc::media, std::string("the frame carries SAM status ") + hex +
                                                " (" + std::string(sam::describe(status)) +
                                                "), not a card record");
    }
    auto card = decodeCardRecord(response->data);
    response->wipe();
    return card;
}

} // namespace drivers::card_reader
