// SPDX-License-Identifier: Apache-2.0
// test_support::SamDevice: the reader's side of the SAM protocol, written from the spec
// independently of the driver's codec (it stands for the other side of the contract). It
// turns the host's bytes into the reader's answers; transports (a pty, a umockdev USB
// device) carry them.
#pragma once

#include "hal/card_reader.h"

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace test_support {

/// The 256-byte text block of `card` in its layout (UTF-16LE, space padded).
std::array<std::uint8_t, 256> encodeTextBlock(const hal::CardData& card);

/// A complete response frame: preamble, LEN, SW1 SW2 SW3, data, XOR checksum.
std::vector<std::uint8_t> responseFrame(std::uint8_t sw3, std::span<const std::uint8_t> data = {});

/// The 30 01 (or, with a fingerprint, 30 10) data for `card`: lengths, text, photo (1024
/// bytes of a fixed fake pattern), fingerprint.
std::vector<std::uint8_t> readData(const hal::CardData& card, std::size_t fingerprint = 0);

class SamDevice {
public:
    SamDevice();

    /// Bytes from the host; answers are queued for takeOutput().
    void receive(std::span<const std::uint8_t> bytes);
    /// The answers produced so far (and removes them).
    std::vector<std::uint8_t> takeOutput();
    /// True when answers are waiting.
    bool hasOutput() const;

    // Scripting, from any thread.
    void present(hal::CardData card, std::string appendedAddress = {});
    void remove();
    /// The next answer to `command` (CMD << 8 | PARA) carries `sw3` (and no data); calls queue.
    void failNext(std::uint16_t command, std::uint8_t sw3);
    /// Every answer to `command` carries `sw3` until cleared with clearFailure.
    void failAlways(std::uint16_t command, std::uint8_t sw3);
    void clearFailure(std::uint16_t command);
    /// `bytes` are sent before the next answer (line noise, a broken frame).
    void injectBeforeNextAnswer(std::vector<std::uint8_t> bytes);
    /// Stop answering (a hung reader) / answer again.
    void setSilent(bool silent);
    /// Called with every command before it is answered; returning false swallows the answer
    /// (a transport uses it to vanish mid-read).
    void setCommandHook(std::function<bool(std::uint16_t)> hook);
    /// Answer 30 10 with a fingerprint of this size (0, 512 or 1024).
    void setFingerprintSize(std::size_t size);

    /// How many finds the host sent with no card on the reader.
    std::size_t emptyFinds() const;
    /// Frames from the host with a bad checksum (answered with SW3 10).
    std::size_t badHostFrames() const;
    std::size_t commandsSeen(std::uint16_t command) const;

    static constexpr std::array<std::uint8_t, 16> samIdBytes = {0x05, 0x00, 0x01, 0x00, 0x4E, 0x61,
                                                                0xBC, 0x00, 0x15, 0xCD, 0x5B, 0x07,
                                                                0xB1, 0x68, 0xDE, 0x3A};
    static constexpr const char* samIdText = "05.01-12345678-0123456789-0987654321";

private:
    void handle(std::uint16_t command);
    void answer(std::uint8_t sw3, std::span<const std::uint8_t> data = {});

    mutable std::mutex mutex_;
    std::vector<std::uint8_t> input_;
    std::vector<std::uint8_t> output_;
    std::optional<hal::CardData> card_;
    std::string appendedAddress_;
    std::map<std::uint16_t, std::deque<std::uint8_t>> nextFailures_;
    std::map<std::uint16_t, std::uint8_t> alwaysFailures_;
    std::map<std::uint16_t, std::size_t> seen_;
    std::vector<std::uint8_t> inject_;
    std::function<bool(std::uint16_t)> hook_;
    bool silent_ = false;
    std::size_t fingerprint_ = 0;
    std::size_t emptyFinds_ = 0;
    std::size_t badHostFrames_ = 0;
};

} // namespace test_support
