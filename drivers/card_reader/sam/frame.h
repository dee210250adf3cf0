// SPDX-License-Identifier: Apache-2.0
// The SAM frame codec: command frames out, response frames in (preamble AA AA AA 96 69,
// big-endian LEN counting everything after itself, XOR checksum; see the spec).
#pragma once

#include "base/result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace drivers::card_reader::sam {

inline constexpr std::uint8_t preamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
inline constexpr std::size_t headerSize = 7;        ///< preamble + LEN_HI LEN_LO
inline constexpr std::size_t maxLength = 4096;      ///< larger LEN values are impossible
inline constexpr std::size_t minResponseLength = 4; ///< SW1 SW2 SW3 CHK

/// The host's commands (CMD, PARA).
enum class Command : std::uint16_t {
    ResetSam = 0x10FF,
    SamStatus = 0x11FF,
    SamId = 0x12FF,
    FindCard = 0x2001,
    SelectCard = 0x2002,
    ReadTextPhoto = 0x3001,
    ReadAppendedAddress = 0x3003,
    ReadTextPhotoFingerprint = 0x3010,
};

/// The complete request frame for `command` (no data bytes: no command needs any).
[[nodiscard]] std::vector<std::uint8_t> encode(Command command);

/// One response: the status bytes and the data between SW3 and CHK. The data may be a
/// citizen's identity record: the owner zeroes it (wipe()) once parsed.
struct Response {
    std::uint8_t sw1 = 0;
    std::uint8_t sw2 = 0;
    std::uint8_t sw3 = 0;
    std::vector<std::uint8_t> data;

    void wipe();
};

/// Decodes exactly one whole response frame (preamble first, nothing after it).
/// base::errc::parse for anything else: bad preamble, impossible length, bad checksum.
[[nodiscard]] base::Result<Response> decode(std::span<const std::uint8_t> frame);

/// Reassembles responses from a byte stream that may start mid-frame, carry line noise or
/// arrive in pieces: bytes before a preamble are dropped, and a frame with a bad checksum or
/// an impossible length is dropped and the search resumes one byte after its preamble.
class StreamDecoder {
public:
    StreamDecoder() = default;
    StreamDecoder(const StreamDecoder&) = delete;
    StreamDecoder& operator=(const StreamDecoder&) = delete;
    ~StreamDecoder() { reset(); }

    /// Appends received bytes.
    void feed(std::span<const std::uint8_t> bytes);
    /// The next complete, valid response, if the buffered bytes hold one.
    [[nodiscard]] std::optional<Response> next();
    /// How many frames were dropped (bad checksum or length) since construction.
    [[nodiscard]] std::size_t rejected() const { return rejected_; }
    /// Zeroes and drops every buffered byte.
    void reset();

private:
    void discardFront(std::size_t count);

    std::vector<std::uint8_t> buffer_;
    std::size_t rejected_ = 0;
};

} // namespace drivers::card_reader::sam
