// SPDX-License-Identifier: Apache-2.0
// The public operations of each device class: the lifecycle wrapper around the driver hook.
#include "base/secure_buffer.h"
#include "hal/card_reader.h"
#include "hal/code_scanner.h"
#include "hal/receipt_printer.h"
#include "hal/review_tablet.h"

namespace hal {

std::string_view toString(CardType value)
{
    switch (value) {
    case CardType::Resident:
        return "resident";
    case CardType::HmtResidence:
        return "hmt_residence";
    case CardType::ForeignPermanent2017:
        return "foreign_permanent_2017";
    case CardType::ForeignPermanent2023:
        return "foreign_permanent_2023";
    }
    return "unknown";
}

std::string_view toString(Sex value)
{
    switch (value) {
    case Sex::Male:
        return "male";
    case Sex::Female:
        return "female";
    case Sex::Unknown:
        return "unknown";
    case Sex::Unstated:
        return "unstated";
    }
    return "unknown";
}

std::string_view toString(PaperState value)
{
    switch (value) {
    case PaperState::Ok:
        return "ok";
    case PaperState::Low:
        return "low";
    case PaperState::Out:
        return "out";
    case PaperState::Unknown:
        return "unknown";
    }
    return "unknown";
}

void CardData::wipe()
{
    for (std::string* field : {&name, &nameEn, &nation, &birthDate, &address, &idNumber, &issuer,
                               &validFrom, &validUntil})
        base::secureZero(*field);
    base::secureZero(photo);
}

base::Result<std::optional<CardData>> CardReader::readCard(std::chrono::milliseconds timeout)
{
    return runOperation([&] { return readCardImpl(timeout); });
}

base::Result<std::optional<ScannedCode>> CodeScanner::scan(std::chrono::milliseconds timeout)
{
    return runOperation([&] { return scanImpl(timeout); });
}

base::Result<void> ReceiptPrinter::print(const Receipt& receipt)
{
    return runOperation([&] { return printImpl(receipt); });
}

base::Result<std::optional<Rating>> ReviewTablet::requestRating(const RatingRequest& request,
                                                                std::chrono::milliseconds timeout)
{
    return runOperation([&] { return requestRatingImpl(request, timeout); });
}

} // namespace hal
