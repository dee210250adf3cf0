// SPDX-License-Identifier: Apache-2.0
// sam::Sequencer: the command sequence of a read (status, SAM id, find, select, read,
// appended address) with the retry and fault rules of the status codes, and the memory of
// which card was already reported.
#pragma once

#include "drivers/card_reader/sam/link.h"
#include "hal/card_reader.h"

#include <chrono>
#include <optional>
#include <string>

namespace drivers::card_reader::sam {

enum class ReadMode {
    TextPhoto,            ///< 30 01
    TextPhotoFingerprint, ///< 30 10 (the fingerprint is read, as some SAMs require, not kept)
};

struct SequencerOptions {
    ReadMode mode = ReadMode::TextPhoto;
    bool appendedAddress = true; ///< ask for 30 03 after the read
    int attempts = 3;            ///< find/select/read cycles on 41, 31 or 32 before giving up
    std::chrono::milliseconds commandTimeout{1000}; ///< status, id, find, select, address
    std::chrono::milliseconds readTimeout{3000};    ///< the read itself (1295+ bytes, RF)
};

/// Stateless about the transport (the driver passes the current link, which changes after a
/// replug) but remembers whether the card on the reader was reported.
/// Errors: hal::errc::device_fault (60, 66), media (a card that cannot be read after the
/// retries, or 33/40/47), protocol (an answer the protocol does not allow), and whatever the
/// link returns (no_device, timeout).
class Sequencer {
public:
    explicit Sequencer(SequencerOptions options = {}) : options_(options) {}

    /// SAM status (11 FF): ok on 90.
    [[nodiscard]] base::Result<void> checkStatus(Link& link);
    /// The SAM id (12 FF), formatted.
    [[nodiscard]] base::Result<std::string> readSamId(Link& link);

    /// One polling step: find, and if a card not reported yet lies there, select and read
    /// it. std::nullopt if there is no new card.
    [[nodiscard]] base::Result<std::optional<hal::CardData>> poll(Link& link);

    /// Find only: updates what the sequencer knows about the card's presence (a removed card
    /// may be reported again). Used to watch the reader between reads.
    [[nodiscard]] base::Result<bool> cardPresent(Link& link);

    /// Forgets the reported card (after a replug the reader is a new session).
    void forgetCard() { reported_ = false; }

private:
    /// One select + read (+ address): a card, nothing (the card was lifted), or a reason
    /// to try again (41, 31, 32).
    struct Attempt {
        std::optional<hal::CardData> card;
        std::string retryReason;
    };
    base::Result<Attempt> readOnce(Link& link);
    base::Result<void> readAppendedAddress(Link& link, hal::CardData& card);

    SequencerOptions options_;
    bool reported_ = false;
};

/// The error a non-success SW3 becomes (for statuses the sequencer does not handle itself).
[[nodiscard]] base::Error statusError(std::uint8_t sw3, std::string_view during);

} // namespace drivers::card_reader::sam
