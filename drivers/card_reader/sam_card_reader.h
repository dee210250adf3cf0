// SPDX-License-Identifier: Apache-2.0
// SamCardReader: hal::CardReader over a SAM link (serial or USB), with a watcher worker that
// polls the reader about once a second, notices unplug and replug, and recovers faults.
#pragma once

#include "base/worker.h"
#include "drivers/card_reader/photo/photo_decoder.h"
#include "drivers/card_reader/sam/link.h"
#include "drivers/card_reader/sam/sequencer.h"
#include "hal/card_reader.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <stop_token>

namespace drivers::card_reader {

struct SamReaderOptions {
    sam::SequencerOptions sequencer;
    /// How often find is polled, while reading and while watching (the spec: about 1 s).
    std::chrono::milliseconds pollInterval{1000};
    /// How often an absent reader is looked for again.
    std::chrono::milliseconds reconnectInterval{500};
    /// A configured photo decoder; none ships, so usually empty.
    std::shared_ptr<PhotoDecoder> photoDecoder;
    /// Whose time polls and read timeouts follow (tests pass a base::ManualClock).
    const base::Clock* clock = &base::systemClock();
};

class SamCardReader final : public hal::CardReader {
public:
    /// `backend` is "serial" or "usb"; `opener` opens the transport (again after a replug).
    SamCardReader(std::string backend, sam::LinkOpener opener, SamReaderOptions options = {});
    ~SamCardReader() override;

    /// The SAM id read when the reader was opened (empty before).
    [[nodiscard]] std::string samId() const;

protected:
    base::Result<void> openImpl() override;
    void closeImpl() override;
    base::Result<std::optional<hal::CardData>>
    readCardImpl(std::chrono::milliseconds timeout) override;

private:
    /// Opens the link, checks the SAM's status and reads its id. Call with linkMutex_ held.
    base::Result<void> connectLocked();
    /// Handles an error from the link: drops it if the reader went away. linkMutex_ held.
    void noteErrorLocked(const base::Error& error);
    /// Reports what noteErrorLocked found, without holding linkMutex_ (slots may call in).
    void reportPending();
    /// One look by the watcher; returns the wait before the next.
    std::chrono::milliseconds watchOnce();
    void finishCard(hal::CardData& card);
    bool sleepFor(std::chrono::milliseconds interval);

    sam::LinkOpener opener_;
    SamReaderOptions options_;

    /// The link is used by one exchange at a time (the read or the watcher's look); held
    /// across those exchanges, so nothing that answers a caller at once may take it.
    mutable std::mutex linkMutex_;
    std::unique_ptr<sam::Link> link_;
    sam::Sequencer sequencer_;
    mutable std::mutex samIdMutex_;
    std::string samId_; ///< written under both locks, read under either
    bool samIdLogged_ = false;
    enum class Pending { None, Disconnected, Fault } pending_ = Pending::None;
    std::string pendingDetail_;
    bool faulted_ = false;

    std::stop_source closing_; ///< stopped by close(): ends a read's wait between polls
    std::atomic<bool> reading_{false};
    base::Worker watcher_; ///< last: stopped before the members it uses go
};

/// The driver for a configured spec: "serial:/dev/ttyACM0" (or a /dev/serial/by-id/ link)
/// or "usb:VVVV:PPPP[:split|:single]". Errors: base::errc::invalid_argument for anything else.
[[nodiscard]] base::Result<std::unique_ptr<SamCardReader>>
makeSamCardReader(const std::string& spec, SamReaderOptions options = {});

} // namespace drivers::card_reader
