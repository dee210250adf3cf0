// SPDX-License-Identifier: Apache-2.0
// The transport is used under ioMutex_ only; device-state reports (which run slots) are made
// after it is released, so a slot may call back into the printer.
#include "drivers/receipt_printer/escpos_printer.h"

#include "base/log.h"
#include "hal/errc.h"

namespace drivers::receipt_printer {

namespace {

constexpr std::string_view escposPrinterLog = "drivers/receipt_printer";

bool refusesJobs(hal::PrinterCondition condition)
{
    return condition != hal::PrinterCondition::Ready &&
           condition != hal::PrinterCondition::PaperLow;
}

/// The error a job gets from a printer in `status`: media for what a person fixes (paper,
/// cover), device_fault for the rest.
base::Error conditionError(const PrinterStatus& status, std::string_view when)
{
    using C = hal::PrinterCondition;
    const bool media = status.condition == C::PaperOut || status.condition == C::CoverOpen;
    return {make_error_code(media ? hal::errc::media : hal::errc::device_fault),
            std::string(when) + ": " + status.detail};
}

/// A status that could not be read (garbage, a write that timed out) counts as offline: the
/// kiosk must not promise a receipt it cannot check.
PrinterStatus unreadable(const base::Error& error)
{
    return {hal::PrinterCondition::Offline, hal::PaperState::Unknown,
            "offline: status unreadable: " + error.message};
}

} // namespace

EscPosPrinter::EscPosPrinter(std::string backend, PrinterProfile profile, TransportOpener opener,
                             EscPosPrinterOptions options)
    : hal::ReceiptPrinter(std::move(backend), "ESC/POS " + std::string(profile.name)),
      profile_(profile), opener_(std::move(opener)), options_(options),
      poller_({"receipt_printer/poll"}, *options.clock)
{
}

EscPosPrinter::~EscPosPrinter()
{
    close();
    poller_.stop();
}

base::Result<void> EscPosPrinter::openImpl()
{
    auto encoder = EscPosEncoder::create(profile_);
    if (!encoder)
        return base::fail(encoder.error());
    auto transport = opener_();
    if (!transport)
        return base::fail(transport.error());
    {
        std::lock_guard io(ioMutex_);
        encoder_.emplace(std::move(*encoder));
        transport_ = std::move(*transport);
        lateAnswerPossible_ = false;
        auto status = queryLocked();
        if (!status && status.error().code == hal::errc::no_device)
            return base::fail(status.error());
        remember(status ? *status : unreadable(status.error()));
    }
    {
        std::lock_guard lock(statusMutex_);
        lost_ = false;
        healthDirty_ = true; // open() reports Ok after this hook; the first poll corrects it
    }
    poller_.start([this](std::stop_token) { return poll(); }, options_.pollInterval);
    return {};
}

void EscPosPrinter::closeImpl()
{
    poller_.stop();
    std::lock_guard io(ioMutex_);
    transport_.reset();
}

base::Result<PrinterStatus> EscPosPrinter::queryLocked()
{
    if (!transport_)
        return base::fail(hal::errc::no_device, "receipt printer is not connected");
    if (!options_.statusAnswers)
        return PrinterStatus{hal::PrinterCondition::Ready, hal::PaperState::Unknown,
                             "no status (unidirectional printer)"};
    if (lateAnswerPossible_)
        drainLateAnswers();
    transport_->discardInput();
    std::array<std::uint8_t, kStatusQueries.size()> answers{};
    for (std::size_t i = 0; i < kStatusQueries.size(); ++i) {
        if (auto sent = transport_->write(statusQuery(kStatusQueries[i]), options_.statusTimeout);
            !sent)
            return base::fail(sent.error());
        auto got = transport_->read(std::span(answers).subspan(i, 1), options_.statusTimeout);
        if (!got)
            return base::fail(got.error());
        if (*got == 0) {
            lateAnswerPossible_ = true;
            PrinterStatus offline{hal::PrinterCondition::Offline, hal::PaperState::Unknown,
                                  "offline: no answer to status query " +
                                      std::to_string(kStatusQueries[i])};
            return offline;
        }
    }
    return decodeStatus(answers);
}

void EscPosPrinter::drainLateAnswers()
{
    std::array<std::uint8_t, 64> scratch{};
    for (int reads = 0; reads < 8; ++reads) { // bounded: a chattering device cannot hold us
        auto got = transport_->read(scratch, options_.statusTimeout);
        if (!got || *got == 0)
            break;
    }
    lateAnswerPossible_ = false;
}

void EscPosPrinter::remember(const PrinterStatus& status)
{
    std::lock_guard lock(statusMutex_);
    if (status.condition != last_.condition || status.detail != last_.detail) {
        base::log::info(escposPrinterLog, "printer condition: " + status.detail);
        healthDirty_ = true;
    }
    last_ = status;
}

void EscPosPrinter::publishHealth()
{
    PrinterStatus status;
    {
        std::lock_guard lock(statusMutex_);
        if (!healthDirty_)
            return;
        healthDirty_ = false;
        status = last_;
    }
    using C = hal::PrinterCondition;
    const auto health = status.condition == C::Ready      ? hal::Health::Ok
                        : status.condition == C::PaperLow ? hal::Health::Degraded
                                                          : hal::Health::Fault;
    reportHealth(health, status.condition == C::Ready ? std::string{} : status.detail);
}

bool EscPosPrinter::dropIfGone(const base::Error& error)
{
    if (error.code != hal::errc::no_device)
        return false;
    transport_.reset();
    std::lock_guard lock(statusMutex_);
    lost_ = true;
    return true;
}

base::Result<void> EscPosPrinter::sendJob(const std::vector<std::uint8_t>& job)
{
    const std::span bytes(job);
    for (std::size_t sent = 0; sent < bytes.size(); sent += options_.chunkBytes) {
        const auto chunk = bytes.subspan(sent, std::min(options_.chunkBytes, bytes.size() - sent));
        if (auto written = transport_->write(chunk, options_.writeTimeout); !written)
            return base::fail(written.error().withContext(
                "print job interrupted after " + std::to_string(sent) + " of " +
                std::to_string(bytes.size()) + " bytes; the receipt is incomplete"));
    }
    return {};
}

base::Result<void> EscPosPrinter::printImpl(const hal::Receipt& receipt)
{
    base::Result<void> result;
    bool disconnected = false;
    {
        std::lock_guard io(ioMutex_);
        result = [&]() -> base::Result<void> {
            auto before = queryLocked();
            if (!before)
                return base::fail(before.error().withContext("status before the job"));
            remember(*before);
            if (refusesJobs(before->condition))
                return base::fail(conditionError(*before, "not printed"));
            auto job = encoder_->encode(receipt);
            if (!job)
                return base::fail(job.error());
            if (auto sent = sendJob(*job); !sent)
                return sent;
            auto after = queryLocked();
            if (!after)
                return base::fail(after.error().withContext("status after the job"));
            remember(*after);
            if (refusesJobs(after->condition))
                return base::fail(conditionError(
                    *after, "during the job, the receipt may be incomplete; print it again"));
            return {};
        }();
        if (!result)
            disconnected = dropIfGone(result.error());
    }
    if (disconnected)
        reportDisconnected("receipt printer went away: " + result.error().message);
    else
        publishHealth();
    return result;
}

base::Result<PrinterStatus> EscPosPrinter::queryStatus()
{
    base::Result<PrinterStatus> status;
    bool disconnected = false;
    {
        std::lock_guard io(ioMutex_);
        status = queryLocked();
        if (status)
            remember(*status);
        else
            disconnected = dropIfGone(status.error());
        if (!status && !disconnected)
            remember(unreadable(status.error()));
    }
    if (disconnected)
        reportDisconnected("receipt printer went away: " + status.error().message);
    else
        publishHealth();
    return status;
}

std::chrono::milliseconds EscPosPrinter::poll()
{
    bool wasLost = false;
    {
        std::lock_guard lock(statusMutex_);
        wasLost = lost_;
    }
    if (!wasLost) {
        (void)queryStatus(); // reports a disconnect itself
        return options_.pollInterval;
    }
    auto transport = opener_();
    if (!transport)
        return options_.pollInterval;
    {
        std::lock_guard io(ioMutex_);
        transport_ = std::move(*transport);
        lateAnswerPossible_ = false;
        auto status = queryLocked();
        if (!status && dropIfGone(status.error()))
            return options_.pollInterval;
        if (status)
            remember(*status);
    }
    {
        std::lock_guard lock(statusMutex_);
        lost_ = false;
    }
    base::log::info(escposPrinterLog, "receipt printer is back");
    reportReconnected();
    {
        std::lock_guard lock(statusMutex_);
        healthDirty_ = true; // reconnecting reports Ok; show the condition again
    }
    publishHealth();
    return options_.pollInterval;
}

PrinterStatus EscPosPrinter::lastStatus() const
{
    std::lock_guard lock(statusMutex_);
    return last_;
}

hal::PaperState EscPosPrinter::paperImpl() const
{
    return lastStatus().paper;
}

hal::PrinterCondition EscPosPrinter::conditionImpl() const
{
    return lastStatus().condition;
}

base::Result<std::shared_ptr<EscPosPrinter>> makeEscPosPrinter(const std::string& spec,
                                                               std::string_view profileName,
                                                               EscPosPrinterOptions options)
{
    auto address = parsePrinterSpec(spec);
    if (!address)
        return base::fail(address.error());
    auto profile = findProfile(profileName);
    if (!profile)
        return base::fail(profile.error());
    return std::make_shared<EscPosPrinter>(
        spec, *profile, [address = *address] { return openTransport(address); }, options);
}

} // namespace drivers::receipt_printer
