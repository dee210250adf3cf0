// SPDX-License-Identifier: Apache-2.0
// hal::CardReader: the second-generation ID card reader (二代证阅读器) and its card data.
#pragma once

#include "hal/device.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hal {

enum class CardType { Resident, HmtResidence, ForeignPermanent2017, ForeignPermanent2023 };
enum class Sex { Male, Female, Unknown, Unstated };

std::string_view
toString(CardType value);             ///< resident | hmt_residence | foreign_permanent_2017 | ...
std::string_view toString(Sex value); ///< male | female | unknown | unstated

/// What one card says. Personal data: it lives only in the session that read it and is
/// wiped (wipe(), or the destructor) when the session ends. Never log any field.
struct CardData {
    CardType type = CardType::Resident;
    std::string name;   ///< Chinese name (or the Chinese name on a foreigner's card)
    std::string nameEn; ///< foreigner cards only
    Sex sex = Sex::Unknown;
    std::string nation;    ///< "汉"; resident cards only
    std::string birthDate; ///< YYYY-MM-DD
    std::string address;   ///< resident and HMT cards
    std::string idNumber;
    std::string issuer;
    std::string validFrom;  ///< YYYY-MM-DD
    std::string validUntil; ///< YYYY-MM-DD or "long-term"
    std::vector<std::uint8_t>
        photo;         ///< the card's photo, opaque (WLT) unless a decoder is configured
    std::string samId; ///< the reader's security module, for the audit trail

    CardData() = default;
    CardData(const CardData&) = default;
    CardData& operator=(const CardData&) = default;
    CardData(CardData&&) noexcept = default;
    CardData& operator=(CardData&&) noexcept = default;
    ~CardData() { wipe(); }

    /// Zeroes every personal field in place.
    void wipe();
};

/// Reads ID cards. A card left on the reader is reported once, until it is removed.
class CardReader : public Device {
public:
    /// Waits up to `timeout` for a card that was not reported yet. std::nullopt means no new
    /// card within the timeout, a normal outcome. Errors: not_open, no_device, device_fault,
    /// timeout (the reader stopped answering), media (the card could not be read).
    [[nodiscard]] base::Result<std::optional<CardData>> readCard(std::chrono::milliseconds timeout);

protected:
    CardReader(std::string backend, std::string model)
        : Device(DeviceClass::CardReader, std::move(backend), std::move(model))
    {
    }
    virtual base::Result<std::optional<CardData>>
    readCardImpl(std::chrono::milliseconds timeout) = 0;
};

} // namespace hal
