// SPDX-License-Identifier: Apache-2.0
// FakeCardReader: a scriptable ID card reader for tests, the demo and kioskctl simulate.
#pragma once

#include "drivers/fake/fake_device.h"
#include "hal/card_reader.h"

#include <vector>

namespace drivers::fake {

class FakeCardReader final : public FakeDevice<hal::CardReader> {
public:
    FakeCardReader() : FakeDevice("FakeCardReader") {}

    /// A card is laid on the reader. It is reported by one readCard(), then not again until
    /// it is removed and laid down again, as a real reader behaves.
    void present(hal::CardData card);
    /// The card is taken away.
    void remove();

protected:
    base::Result<std::optional<hal::CardData>>
    readCardImpl(std::chrono::milliseconds timeout) override;

private:
    std::optional<hal::CardData> card_;
    bool reported_ = false;
};

/// Fictional citizens with well-formed data (valid MOD 11-2 check characters), one per card
/// type, for the demo and for kioskctl simulate. None of them is a real person.
[[nodiscard]] std::vector<hal::CardData> sampleCards();

} // namespace drivers::fake
