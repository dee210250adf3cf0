// SPDX-License-Identifier: Apache-2.0
// The public operations of each device class: the lifecycle wrapper around the driver hook.
#include "base/random.h"
#include "base/secure_buffer.h"
#include "hal/card_reader.h"
#include "hal/code_scanner.h"
#include "hal/document_printer.h"
#include "hal/receipt_printer.h"
#include "hal/review_tablet.h"

#include <algorithm>

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

std::string_view toString(RatingOutcomeKind value)
{
    switch (value) {
    case RatingOutcomeKind::Rated:
        return "rated";
    case RatingOutcomeKind::ReasonRequired:
        return "reason_required";
    case RatingOutcomeKind::TimedOut:
        return "timed_out";
    case RatingOutcomeKind::Failed:
        return "failed";
    }
    return "unknown";
}

std::string_view toString(TabletInput value)
{
    switch (value) {
    case TabletInput::Unknown:
        return "unknown";
    case TabletInput::Touch:
        return "touch";
    case TabletInput::Keys:
        return "keys";
    }
    return "unknown";
}

base::Result<std::string> ReviewTablet::show(const RatingRequest& request)
{
    return runOperation([&]() -> base::Result<std::string> {
        std::string id = base::makeUuidV4();
        {
            std::lock_guard lock(requestMutex_);
            if (pending_)
                return base::fail(errc::busy, "review_tablet: request " + *pending_ +
                                                  " is still shown; cancel it first");
            // Pending before the driver sends it: the answer may come back at once.
            pending_ = id;
            offeredReasons_.clear();
            for (const auto& reason : request.reasons)
                offeredReasons_.push_back(reason.code);
        }
        if (auto shown = showImpl(id, request); !shown) {
            std::lock_guard lock(requestMutex_);
            if (pending_ == id)
                pending_.reset();
            return base::fail(shown.error());
        }
        return id;
    });
}

void ReviewTablet::cancel(const std::string& requestId)
{
    {
        std::lock_guard lock(requestMutex_);
        if (pending_ != requestId)
            return;
        pending_.reset();
    }
    cancelImpl(requestId);
}

std::optional<std::string> ReviewTablet::pendingRequest() const
{
    std::lock_guard lock(requestMutex_);
    return pending_;
}

TabletInfo ReviewTablet::info() const
{
    std::lock_guard lock(requestMutex_);
    return info_;
}

ReviewTablet::Answer ReviewTablet::answer(const std::string& requestId, Rating rating)
{
    bool showsReasons = false;
    {
        std::lock_guard lock(requestMutex_);
        if (pending_ != requestId)
            return Answer::Stale;
        std::erase_if(rating.reasons, [&](const std::string& code) {
            return std::find(offeredReasons_.begin(), offeredReasons_.end(), code) ==
                   offeredReasons_.end();
        });
        // With no reasons offered, asking the tablet again could never succeed.
        showsReasons = info_.showsReasons() && !offeredReasons_.empty();
    }
    if (needsReason(rating) && showsReasons)
        return Answer::AskAgain;
    const auto kind =
        needsReason(rating) ? RatingOutcomeKind::ReasonRequired : RatingOutcomeKind::Rated;
    return finish({requestId, kind, std::move(rating), {}}) ? Answer::Finished : Answer::Stale;
}

bool ReviewTablet::finish(RatingOutcome result)
{
    {
        std::lock_guard lock(requestMutex_);
        if (!pending_ || *pending_ != result.requestId)
            return false;
        pending_.reset();
    }
    outcome.publish(result);
    return true;
}

void ReviewTablet::failPending(base::Error error)
{
    std::string id;
    {
        std::lock_guard lock(requestMutex_);
        if (!pending_)
            return;
        id = *pending_;
    }
    (void)finish({id, RatingOutcomeKind::Failed, {}, std::move(error)});
}

void ReviewTablet::setInfo(TabletInfo info)
{
    std::lock_guard lock(requestMutex_);
    info_ = std::move(info);
}

} // namespace hal
