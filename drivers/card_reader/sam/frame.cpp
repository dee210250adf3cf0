// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/sam/frame.h"

#include "base/secure_buffer.h"

#include <algorithm>

namespace drivers::card_reader::sam {

namespace {

std::uint8_t xorOf(std::span<const std::uint8_t> bytes)
{
    std::uint8_t sum = 0;
    for (const auto byte : bytes)
        sum ^= byte;
    return sum;
}

bool startsWithPreamble(std::span<const std::uint8_t> bytes)
{
    return bytes.size() >= sizeof preamble && std::equal(preamble, preamble + 5, bytes.begin());
}

std::size_t lengthField(std::span<const std::uint8_t> header)
{
    return (static_cast<std::size_t>(header[5]) << 8) | header[6];
}

/// Checks LEN and CHK of a frame whose preamble and header were already seen; `frame` holds
/// exactly headerSize + LEN bytes.
bool checksumHolds(std::span<const std::uint8_t> frame)
{
    return xorOf(frame.subspan(5, frame.size() - 6)) == frame.back();
}

Response responseOf(std::span<const std::uint8_t> frame)
{
    Response response;
    response.sw1 = frame[7];
    response.sw2 = frame[8];
    response.sw3 = frame[9];
    response.data.assign(frame.begin() + 10, frame.end() - 1);
    return response;
}

bool plausibleLength(std::size_t length)
{
    return length >= minResponseLength && length <= maxLength;
}

} // namespace

std::vector<std::uint8_t> encode(Command command)
{
    const auto value = static_cast<std::uint16_t>(command);
    std::vector<std::uint8_t> frame{preamble[0],
                                    preamble[1],
                                    preamble[2],
                                    preamble[3],
                                    preamble[4],
                                    0x00,
                                    0x03,
                                    static_cast<std::uint8_t>(value >> 8),
                                    static_cast<std::uint8_t>(value & 0xFF),
                                    0x00};
    frame.back() = xorOf(std::span(frame).subspan(5, 4));
    return frame;
}

void Response::wipe()
{
    base::secureZero(data);
    data.clear();
}

base::Result<Response> decode(std::span<const std::uint8_t> frame)
{
    if (frame.size() < headerSize || !startsWithPreamble(frame))
        return base::fail(base::errc::parse, "SAM frame: no preamble");
    const auto length = lengthField(frame);
    if (!plausibleLength(length))
        return base::fail(base::errc::parse,
                          "SAM frame: impossible length " + std::to_string(length));
    if (frame.size() != headerSize + length)
        return base::fail(base::errc::parse, "SAM frame: LEN says " + std::to_string(length) +
                                                 " bytes follow, " +
                                                 std::to_string(frame.size() - headerSize) + " do");
    if (!checksumHolds(frame))
        return base::fail(base::errc::parse, "SAM frame: bad checksum");
    return responseOf(frame);
}

void StreamDecoder::feed(std::span<const std::uint8_t> bytes)
{
    if (buffer_.size() + bytes.size() > buffer_.capacity()) {
        // Grow by hand so the old allocation is zeroed before it is freed.
        std::vector<std::uint8_t> larger;
        larger.reserve(std::max<std::size_t>(2 * (buffer_.size() + bytes.size()), 8192));
        larger.assign(buffer_.begin(), buffer_.end());
        base::secureZero(buffer_);
        buffer_.swap(larger);
    }
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Response> StreamDecoder::next()
{
    for (;;) {
        // Drop everything before the next preamble; keep a tail that may be its beginning.
        const auto found = std::search(buffer_.begin(), buffer_.end(), preamble, preamble + 5);
        auto garbage = static_cast<std::size_t>(found - buffer_.begin());
        if (found == buffer_.end())
            garbage -= std::min<std::size_t>(garbage, sizeof preamble - 1);
        discardFront(garbage);
        if (buffer_.size() < headerSize)
            return std::nullopt;
        const auto length = lengthField(buffer_);
        if (!plausibleLength(length)) {
            ++rejected_;
            discardFront(1);
            continue;
        }
        if (buffer_.size() < headerSize + length)
            return std::nullopt;
        const auto frame = std::span(buffer_).first(headerSize + length);
        if (!checksumHolds(frame)) {
            ++rejected_;
            discardFront(1);
            continue;
        }
        auto response = responseOf(frame);
        discardFront(frame.size());
        return response;
    }
}

void StreamDecoder::reset()
{
    base::secureZero(buffer_);
    buffer_.clear();
}

void StreamDecoder::discardFront(std::size_t count)
{
    if (count == 0)
        return;
    // The dropped bytes may be part of a card's record: move the rest down by hand and zero
    // the vacated tail, so no copy of them stays behind in the allocation.
    count = std::min(count, buffer_.size());
    const std::size_t kept = buffer_.size() - count;
    std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(count), buffer_.end(), buffer_.begin());
    base::secureZero(buffer_.data() + kept, count);
    buffer_.resize(kept);
}

} // namespace drivers::card_reader::sam
