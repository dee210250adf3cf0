// SPDX-License-Identifier: Apache-2.0
// FakeCodeScanner: a scriptable QR/barcode scanner.
#pragma once

#include "drivers/fake/fake_device.h"
#include "hal/code_scanner.h"

#include <deque>

namespace drivers::fake {

class FakeCodeScanner final : public FakeDevice<hal::CodeScanner> {
public:
    FakeCodeScanner() : FakeDevice("FakeCodeScanner") {}

    /// A code is held in front of the scanner; the next scan() returns it (codes queue up).
    void show(hal::ScannedCode code);

protected:
    base::Result<std::optional<hal::ScannedCode>>
    scanImpl(std::chrono::milliseconds timeout) override;

private:
    std::deque<hal::ScannedCode> codes_;
};

} // namespace drivers::fake
