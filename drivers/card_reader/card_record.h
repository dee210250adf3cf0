// SPDX-License-Identifier: Apache-2.0
// The data of a read response (30 01 or 30 10) turned into a card: the length fields, the
// text block, the photo; checked against the frame so nothing is read out of bounds.
#pragma once

#include "base/result.h"
#include "drivers/card_reader/sam/frame.h"
#include "hal/card_reader.h"

#include <cstdint>
#include <span>

namespace drivers::card_reader {

/// Decodes the DATA of a successful read response. The form is recognised from the lengths:
/// TEXT_LEN PHOTO_LEN (30 01) or TEXT_LEN PHOTO_LEN FP_LEN (30 10), each big-endian, whose
/// sum must fill DATA exactly. Errors: hal::errc::protocol (lengths that do not add up, a
/// text block shorter than 256 bytes). The fingerprint is not kept.
[[nodiscard]] base::Result<hal::CardData> decodeCardRecord(std::span<const std::uint8_t> data);

/// Decodes one whole captured response frame: preamble, SW3 = 90, a card record.
/// Errors: base::errc::parse for a broken frame, hal::errc::protocol for a broken record,
/// hal::errc::media for a frame whose status is not success (the message names it).
[[nodiscard]] base::Result<hal::CardData> decodeCardFrame(std::span<const std::uint8_t> frame);

} // namespace drivers::card_reader
