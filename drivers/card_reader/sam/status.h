// SPDX-License-Identifier: Apache-2.0
// SW3, the SAM's status byte: what each code means and what the driver does about it.
#pragma once

#include <cstdint>
#include <string_view>

namespace drivers::card_reader::sam {

/// SW3 values from the spec's table.
enum class Status : std::uint8_t {
    Success = 0x90,
    CardFound = 0x9F,
    HostChecksumError = 0x10,
    HostLengthError = 0x11,
    CommandError = 0x21,
    NotPermitted = 0x23,
    Unrecognised = 0x24,
    CardAuthenticationFailed = 0x31,
    SamAuthenticationFailed = 0x32,
    VerificationError = 0x33,
    UnknownCardType = 0x40,
    ReadFailed = 0x41,
    RandomNumberFailed = 0x47,
    SelfTestFailed = 0x60,
    NotAuthorised = 0x66,
    NoCard = 0x80,
    SelectFailed = 0x81,
    NoContent = 0x91,
};

/// What the sequencer does with a status.
enum class Disposition {
    Ok,          ///< 90, 9F
    NoCard,      ///< 80, 81: nothing (usable) on the reader; keep polling
    Retry,       ///< 41, 31, 32: the card moved or a handshake failed; start over
    DeviceFault, ///< 60, 66: the SAM itself is broken or not authorised; a technician acts
    NoContent,   ///< 91: the card does not carry the requested content
    CardError,   ///< 33, 40, 47: the card cannot be read
    HostError,   ///< 10, 11, 21, 23, 24 and unknown codes: the exchange went wrong
};

[[nodiscard]] Disposition dispositionOf(std::uint8_t sw3);

/// A technician-facing description of `sw3` ("SAM self-test failed"); never personal data.
[[nodiscard]] std::string_view describe(std::uint8_t sw3);

} // namespace drivers::card_reader::sam
