// SPDX-License-Identifier: Apache-2.0
// The public operations of each device class: the lifecycle wrapper around the driver hook.
#include "base/secure_buffer.h"
#include "hal/card_reader.h"
#include "hal/code_scanner.h"
#include "hal/document_printer.h"
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

std::string_view toString(PrinterCondition value)
{
    switch (value) {
    case PrinterCondition::Ready:
        return "ready";
    case PrinterCondition::PaperLow:
        return "paper_low";
    case PrinterCondition::PaperOut:
        return "paper_out";
    case PrinterCondition::CoverOpen:
        return "cover_open";
    case PrinterCondition::CutterJam:
        return "cutter_jam";
    case PrinterCondition::Offline:
        return "offline";
    }
    return "offline";
}

std::string_view toString(DocumentJobState value)
{
    switch (value) {
    case DocumentJobState::Queued:
        return "queued";
    case DocumentJobState::Printing:
        return "printing";
    case DocumentJobState::Completed:
        return "completed";
    case DocumentJobState::Stopped:
        return "stopped";
    case DocumentJobState::Cancelled:
        return "cancelled";
    case DocumentJobState::Aborted:
        return "aborted";
    }
    return "queued";
}

std::string Receipt::qrCode() const
{
    for (const auto& line : lines)
        if (line.kind == ReceiptLine::Kind::Qr)
            return line.text;
    return {};
}

std::vector<std::string> Receipt::texts() const
{
    std::vector<std::string> result;
    for (const auto& line : lines)
        if (line.kind == ReceiptLine::Kind::Text)
            result.push_back(line.text);
    return result;
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
