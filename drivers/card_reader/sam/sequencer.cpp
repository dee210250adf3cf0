// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/sam/sequencer.h"

#include "base/secure_buffer.h"
#include "drivers/card_reader/card_record.h"
#include "drivers/card_reader/card_text.h"
#include "drivers/card_reader/sam/sam_id.h"
#include "drivers/card_reader/sam/status.h"
#include "hal/errc.h"

#include <cstdio>

namespace drivers::card_reader::sam {

namespace {

std::string hex(std::uint8_t value)
{
    char text[4];
    std::snprintf(text, sizeof text, "%02X", value);
    return text;
}

} // namespace

base::Error statusError(std::uint8_t sw3, std::string_view during)
{
    const std::string what =
        std::string(during) + ": SAM status " + hex(sw3) + " (" + std::string(describe(sw3)) + ")";
    switch (dispositionOf(sw3)) {
    case Disposition::DeviceFault:
        return base::Error{hal::errc::device_fault, what};
    case Disposition::Retry:
    case Disposition::CardError:
        return base::Error{hal::errc::media, what};
    default:
        return base::Error{hal::errc::protocol, what};
    }
}

base::Result<void> Sequencer::checkStatus(Link& link)
{
    auto response = link.exchange(Command::SamStatus, options_.commandTimeout);
    if (!response)
        return base::fail(response.error());
    if (response->sw3 != static_cast<std::uint8_t>(Status::Success))
        return base::fail(statusError(response->sw3, "SAM status"));
    return {};
}

base::Result<std::string> Sequencer::readSamId(Link& link)
{
    auto response = link.exchange(Command::SamId, options_.commandTimeout);
    if (!response)
        return base::fail(response.error());
    if (response->sw3 != static_cast<std::uint8_t>(Status::Success))
        return base::fail(statusError(response->sw3, "SAM id"));
    auto id = formatSamId(response->data);
    if (!id)
        return base::fail(hal::errc::protocol, id.error().message);
    return id;
}

base::Result<bool> Sequencer::cardPresent(Link& link)
{
    auto found = link.exchange(Command::FindCard, options_.commandTimeout);
    if (!found)
        return base::fail(found.error());
    switch (dispositionOf(found->sw3)) {
    case Disposition::Ok:
        return true;
    case Disposition::NoCard:
        reported_ = false; // the card was lifted: the next one is new
        return false;
    case Disposition::Retry:
        return true; // a card is there but the handshake failed; the next read retries
    default:
        return base::fail(statusError(found->sw3, "find card"));
    }
}

base::Result<std::optional<hal::CardData>> Sequencer::poll(Link& link)
{
    std::string retryReason;
    for (int attempt = 0; attempt < options_.attempts; ++attempt) {
        auto present = cardPresent(link);
        if (!present)
            return base::fail(present.error());
        if (!*present || reported_)
            return std::optional<hal::CardData>{};
        auto outcome = readOnce(link);
        if (!outcome)
            return base::fail(outcome.error());
        if (outcome->retryReason.empty())
            return std::move(outcome->card);
        retryReason = std::move(outcome->retryReason);
    }
    return base::fail(hal::errc::media, "the card could not be read after " +
                                            std::to_string(options_.attempts) + " attempts (" +
                                            retryReason +
                                            "); ask the citizen to lay it flat and hold still");
}

base::Result<Sequencer::Attempt> Sequencer::readOnce(Link& link)
{
    auto selected = link.exchange(Command::SelectCard, options_.commandTimeout);
    if (!selected)
        return base::fail(selected.error());
    const auto selectDisposition = dispositionOf(selected->sw3);
    if (selectDisposition == Disposition::NoCard)
        return Attempt{}; // lifted between find and select
    if (selectDisposition == Disposition::Retry)
        return Attempt{std::nullopt, "select: " + std::string(describe(selected->sw3))};
    if (selectDisposition != Disposition::Ok)
        return base::fail(statusError(selected->sw3, "select card"));

    const auto command = options_.mode == ReadMode::TextPhoto ? Command::ReadTextPhoto
                                                              : Command::ReadTextPhotoFingerprint;
    auto response = link.exchange(command, options_.readTimeout);
    if (!response)
        return base::fail(response.error());
    const auto status = response->sw3;
    if (status != static_cast<std::uint8_t>(Status::Success)) {
        response->wipe();
        const auto disposition = dispositionOf(status);
        if (disposition == Disposition::Retry || disposition == Disposition::NoCard)
            return Attempt{std::nullopt, "read: " + std::string(describe(status))};
        return base::fail(statusError(status, "read card"));
    }
    auto card = decodeCardRecord(response->data);
    response->wipe();
    if (!card)
        return base::fail(card.error());
    if (options_.appendedAddress)
        if (auto address = readAppendedAddress(link, *card); !address)
            return base::fail(address.error());
    reported_ = true;
    return Attempt{std::move(*card), {}};
}

base::Result<void> Sequencer::readAppendedAddress(Link& link, hal::CardData& card)
{
    auto response = link.exchange(Command::ReadAppendedAddress, options_.commandTimeout);
    if (!response)
        return base::fail(response.error());
    const auto disposition = dispositionOf(response->sw3);
    if (disposition == Disposition::NoContent || disposition == Disposition::NoCard)
        return {}; // most cards carry no appended address
    if (response->sw3 != static_cast<std::uint8_t>(Status::Success)) {
        response->wipe();
        return base::fail(statusError(response->sw3, "appended address"));
    }
    // A later address (registered after a move) supersedes the one printed on the card.
    if (auto appended = parseAppendedAddress(response->data); !appended.empty()) {
        base::secureZero(card.address);
        card.address = std::move(appended);
    }
    response->wipe();
    return {};
}

} // namespace drivers::card_reader::sam
