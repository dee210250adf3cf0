// SPDX-License-Identifier: Apache-2.0
// hal::CodeScanner: QR and barcode scanners (camera pipeline or USB scanner).
#pragma once

#include "hal/device.h"

#include <chrono>
#include <optional>
#include <string>

namespace hal {

struct ScannedCode {
    std::string format; ///< "QRCode", "Code128", ... (ZXing's names)
    std::string text;   ///< raw payload, not yet checked: kiosk/core classifies and sanitises it
};

class CodeScanner : public Device {
public:
    /// Waits up to `timeout` for one code. The camera (if any) is on only during the call.
    /// std::nullopt: nothing scanned in time, a normal outcome.
    [[nodiscard]] base::Result<std::optional<ScannedCode>> scan(std::chrono::milliseconds timeout);

protected:
    CodeScanner(std::string backend, std::string model)
        : Device(DeviceClass::CodeScanner, std::move(backend), std::move(model))
    {
    }
    virtual base::Result<std::optional<ScannedCode>>
    scanImpl(std::chrono::milliseconds timeout) = 0;
};

} // namespace hal
