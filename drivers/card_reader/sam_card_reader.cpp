// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/sam_card_reader.h"

#include "base/log.h"
#include "base/secure_buffer.h"
#include "drivers/card_reader/serial/serial_link.h"
#include "drivers/card_reader/usb/usb_link.h"
#include "hal/errc.h"

namespace drivers::card_reader {

namespace {
constexpr std::string_view samCardReaderLog = "drivers/card_reader";

bool is(const base::Error& error, hal::errc code)
{
    return error.code == make_error_code(code);
}
} // namespace

SamCardReader::SamCardReader(std::string backend, sam::LinkOpener opener, SamReaderOptions options)
    : hal::CardReader(std::move(backend), "SAM ID card reader"), opener_(std::move(opener)),
      options_(std::move(options)), sequencer_(options_.sequencer),
      watcher_({std::string(samCardReaderLog)}, *options_.clock)
{
}

SamCardReader::~SamCardReader()
{
    closeImpl();
}

std::string SamCardReader::samId() const
{
    // Not linkMutex_: that one is held across exchanges with the reader, and a status query
    // must never wait for the device.
    std::lock_guard lock(samIdMutex_);
    return samId_;
}

base::Result<void> SamCardReader::openImpl()
{
    {
        std::lock_guard lock(linkMutex_);
        if (auto connected = connectLocked(); !connected) {
            link_.reset();
            return base::fail(connected.error());
        }
    }
    closing_ = std::stop_source();
    watcher_.start([this](std::stop_token) { return watchOnce(); }, options_.pollInterval);
    return {};
}

void SamCardReader::closeImpl()
{
    closing_.request_stop();
    watcher_.stop();
    std::lock_guard lock(linkMutex_);
    link_.reset();
    sequencer_.forgetCard();
}

base::Result<void> SamCardReader::connectLocked()
{
    auto link = opener_();
    if (!link)
        return base::fail(link.error());
    link_ = std::move(*link);
    if (auto status = sequencer_.checkStatus(*link_); !status)
        return base::fail(status.error().withContext(link_->describe()));
    auto id = sequencer_.readSamId(*link_);
    if (!id)
        return base::fail(id.error().withContext(link_->describe()));
    // The SAM id is the reader's identity, not the citizen's: it goes to the audit trail once
    // per reader (and again only if a different reader is plugged in).
    if (!samIdLogged_ || *id != samId_)
        base::log::info(samCardReaderLog, "SAM " + *id + " on " + link_->describe());
    samIdLogged_ = true;
    {
        std::lock_guard idLock(samIdMutex_);
        samId_ = *id;
    }
    setModel("SAM ID card reader " + *id);
    return {};
}

void SamCardReader::noteErrorLocked(const base::Error& error)
{
    if (is(error, hal::errc::no_device)) {
        link_.reset();
        sequencer_.forgetCard();
        pending_ = Pending::Disconnected;
        pendingDetail_ = error.message;
    } else if (is(error, hal::errc::device_fault)) {
        faulted_ = true;
        pending_ = Pending::Fault;
        pendingDetail_ = error.message + "; check the reader's SAM module and its authorisation";
    }
}

void SamCardReader::reportPending()
{
    Pending pending;
    std::string detail;
    {
        std::lock_guard lock(linkMutex_);
        pending = std::exchange(pending_, Pending::None);
        detail = std::move(pendingDetail_);
    }
    if (pending == Pending::Disconnected) {
        base::log::warning(samCardReaderLog, "reader gone: " + detail);
        reportDisconnected(detail);
    } else if (pending == Pending::Fault) {
        base::log::error(samCardReaderLog, "reader fault: " + detail);
        reportFault(detail);
    }
}

base::Result<std::optional<hal::CardData>>
SamCardReader::readCardImpl(std::chrono::milliseconds timeout)
{
    reading_ = true;
    const auto& clock = *options_.clock;
    const auto deadline = clock.deadlineIn(timeout);
    base::Result<std::optional<hal::CardData>> result;
    for (;;) {
        {
            std::lock_guard lock(linkMutex_);
            if (!link_)
                result = base::fail(hal::errc::no_device, "the reader is not connected");
            else
                result = sequencer_.poll(*link_);
            if (!result)
                noteErrorLocked(result.error());
            else if (*result)
                (*result)->samId = samId_;
        }
        if (!result || *result)
            break;
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock.steadyNow());
        if (left.count() <= 0 || !sleepFor(std::min(left, options_.pollInterval))) {
            if (left.count() > 0) // woken by close()
                result = base::fail(hal::errc::cancelled, "the reader was closed");
            break;
        }
    }
    reading_ = false;
    reportPending();
    if (result && *result)
        finishCard(**result);
    return result;
}

void SamCardReader::finishCard(hal::CardData& card)
{
    if (!options_.photoDecoder || card.photo.empty())
        return;
    // A decoder turns the opaque WLT bytes into a BMP; if it fails the photo stays opaque.
    if (auto decoded = options_.photoDecoder->decode(card.photo)) {
        base::secureZero(card.photo);
        card.photo = std::move(*decoded);
    }
}

bool SamCardReader::sleepFor(std::chrono::milliseconds interval)
{
    return options_.clock->sleepFor(interval, closing_.get_token());
}

std::chrono::milliseconds SamCardReader::watchOnce()
{
    if (reading_)
        return options_.pollInterval; // the read polls the reader itself
    bool reconnected = false, recovered = false, linked = false;
    {
        std::unique_lock lock(linkMutex_, std::try_to_lock);
        if (!lock.owns_lock())
            return options_.pollInterval;
        if (!link_) {
            auto connected = connectLocked();
            if (connected) {
                reconnected = true;
                faulted_ = false;
            } else if (link_ && is(connected.error(), hal::errc::device_fault)) {
                reconnected = true; // there, but broken: reported as a fault below
                noteErrorLocked(connected.error());
            } else {
                link_.reset(); // still absent (or not answering yet): try again later
            }
        } else if (!link_->alive()) {
            noteErrorLocked(base::Error{make_error_code(hal::errc::no_device),
                                        link_->describe() + ": the reader was unplugged"});
        } else if (faulted_) {
            if (sequencer_.checkStatus(*link_)) {
                faulted_ = false;
                recovered = true;
            }
        } else if (auto present = sequencer_.cardPresent(*link_); !present) {
            noteErrorLocked(present.error());
        }
        linked = link_ != nullptr;
    }
    if (reconnected) {
        base::log::info(samCardReaderLog, "reader is back");
        reportReconnected();
    }
    if (recovered) {
        base::log::info(samCardReaderLog, "reader recovered from its fault");
        reportRecovered();
    }
    reportPending();
    return linked ? options_.pollInterval : options_.reconnectInterval;
}

base::Result<std::unique_ptr<SamCardReader>> makeSamCardReader(const std::string& spec,
                                                               SamReaderOptions options)
{
    if (spec.starts_with("serial:") && spec.size() > 7) {
        const std::string path = spec.substr(7);
        return std::make_unique<SamCardReader>(
            "serial", [path] { return SerialLink::open(path); }, std::move(options));
    }
    if (spec.starts_with("usb:")) {
        auto usb = parseUsbSpec(spec);
        if (!usb)
            return base::fail(usb.error());
        return std::make_unique<SamCardReader>(
            "usb", [id = *usb] { return openUsbLink(id); }, std::move(options));
    }
    return base::fail(base::errc::invalid_argument,
                      "card_reader: \"" + spec +
                          "\" is neither serial:/dev/... nor usb:VVVV:PPPP[:split|:single]");
}

} // namespace drivers::card_reader
