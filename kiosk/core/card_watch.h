// SPDX-License-Identifier: Apache-2.0
// CardWatch: reads the ID card reader on a worker of its own while the journey asks for a
// card, so that the GUI thread never waits for the reader (a SAM read takes about a second).
#pragma once

#include "base/clock.h"
#include "base/signal.h"
#include "base/worker.h"
#include "hal/card_reader.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <system_error>

namespace kiosk::core {

/// Thread-safe. Signals come from the watch's worker; the UI hands them to its own thread.
class CardWatch {
public:
    /// Each read waits up to `readTimeout` for a card. `reader` and `clock` must outlive the
    /// watch (it holds the reader).
    CardWatch(std::shared_ptr<hal::CardReader> reader, const base::Clock& clock,
              std::chrono::milliseconds readTimeout = std::chrono::milliseconds(500));
    ~CardWatch();
    CardWatch(const CardWatch&) = delete;
    CardWatch& operator=(const CardWatch&) = delete;

    /// Reads while on; off stops after the read under way.
    void setWatching(bool on);
    [[nodiscard]] bool watching() const { return watching_.load(); }

    /// A card was read (personal data: the slot copies what it needs and never logs it).
    base::Signal<const hal::CardData&> cardRead;
    /// A read failed (media: the card could not be read; no_device: the reader is gone).
    /// Once per kind of failure in a row, not once per poll.
    base::Signal<const base::Error&> readFailed;

private:
    std::chrono::milliseconds step();

    std::shared_ptr<hal::CardReader> reader_;
    std::chrono::milliseconds readTimeout_;
    std::atomic<bool> watching_{false};
    std::optional<std::error_code> lastFailure_; ///< only on the worker
    base::Worker worker_;                        ///< last: stopped before the rest goes
};

} // namespace kiosk::core
