// SPDX-License-Identifier: Apache-2.0
// The SAM's identity (the 12 FF answer), printed as vendors print it, for the audit trail.
#pragma once

#include "base/result.h"

#include <cstdint>
#include <span>
#include <string>

namespace drivers::card_reader::sam {

/// 16 bytes (u16 LE, u16 LE, u32 LE, u32 LE, u32 LE) -> "%02d.%02d-%08u-%010u-%010u".
/// base::errc::parse if fewer than 16 bytes.
[[nodiscard]] base::Result<std::string> formatSamId(std::span<const std::uint8_t> data);

} // namespace drivers::card_reader::sam
