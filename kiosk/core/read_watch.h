// SPDX-License-Identifier: Apache-2.0
// ReadWatch: reads a device (the ID card reader, the QR scanner) on a worker of its own while
// the journey asks for what it reads, so that the GUI thread never waits for the device (a SAM
// read takes about a second). CardWatch and ScanWatch are the two the kiosk uses.
#pragma once

#include "base/clock.h"
#include "base/signal.h"
#include "base/worker.h"
#include "hal/card_reader.h"
#include "hal/code_scanner.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

namespace kiosk::core {

/// Thread-safe. Signals come from the watch's worker; the UI hands them to its own thread.
template <typename Item> class ReadWatch {
public:
    /// One read that waits up to the timeout; std::nullopt when nothing came, a normal outcome.
    using Read = std::function<base::Result<std::optional<Item>>(std::chrono::milliseconds)>;

    /// `read` and `clock` must outlive the watch. Each read waits up to `readTimeout`.
    ReadWatch(std::string name, Read read, const base::Clock& clock,
              std::chrono::milliseconds readTimeout)
        : read_(std::move(read)), readTimeout_(readTimeout), worker_({std::move(name)}, clock)
    {
        worker_.start([this](std::stop_token) { return step(); }, base::Worker::idle);
    }
    ~ReadWatch() { worker_.stop(); }
    ReadWatch(const ReadWatch&) = delete;
    ReadWatch& operator=(const ReadWatch&) = delete;

    /// Reads while on; off stops after the read under way.
    void setWatching(bool on)
    {
        if (watching_.exchange(on) != on && on)
            worker_.trigger();
    }
    [[nodiscard]] bool watching() const { return watching_.load(); }

    /// Something was read (a card is personal data: the slot copies what it needs and never
    /// logs it).
    base::Signal<const Item&> itemRead;
    /// A read failed (media: the card could not be read; no_device: the device is gone).
    /// Once per kind of failure in a row, not once per poll.
    base::Signal<const base::Error&> readFailed;

private:
    std::chrono::milliseconds step()
    {
        using namespace std::chrono_literals;
        if (!watching_.load())
            return base::Worker::idle;
        auto read = read_(readTimeout_);
        if (!read) {
            if (lastFailure_ != read.error().code) {
                lastFailure_ = read.error().code;
                readFailed.publish(read.error());
            }
            return 1s; // a device that is gone or failing is asked again, not hammered
        }
        lastFailure_.reset();
        if (*read)
            itemRead.publish(**read);
        // A device waits up to the timeout itself; a short pause keeps one that answers at
        // once (a fake) from spinning.
        return 50ms;
    }

    Read read_;
    std::chrono::milliseconds readTimeout_;
    std::atomic<bool> watching_{false};
    std::optional<std::error_code> lastFailure_; ///< only on the worker
    base::Worker worker_;                        ///< last: stopped before the rest goes
};

/// Reads ID cards while asked.
class CardWatch : public ReadWatch<hal::CardData> {
public:
    CardWatch(std::shared_ptr<hal::CardReader> reader, const base::Clock& clock,
              std::chrono::milliseconds readTimeout = std::chrono::milliseconds(500))
        : ReadWatch(
              "card/watch",
              [reader](std::chrono::milliseconds timeout) { return reader->readCard(timeout); },
              clock, readTimeout)
    {
    }
};

/// Reads QR codes (identity codes from a phone app, receipts) while asked.
class ScanWatch : public ReadWatch<hal::ScannedCode> {
public:
    ScanWatch(std::shared_ptr<hal::CodeScanner> scanner, const base::Clock& clock,
              std::chrono::milliseconds readTimeout = std::chrono::milliseconds(500))
        : ReadWatch(
              "scan/watch",
              [scanner](std::chrono::milliseconds timeout) { return scanner->scan(timeout); },
              clock, readTimeout)
    {
    }
};

} // namespace kiosk::core
