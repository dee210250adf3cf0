// SPDX-License-Identifier: Apache-2.0
// hal::ReceiptPrinter: thermal receipt printers; receipts are documents, not printer bytes.
#pragma once

#include "hal/device.h"

#include <string>
#include <vector>

namespace hal {

/// One line of a receipt. Drivers turn it into their printer's language (ESC/POS, ...).
struct ReceiptLine {
    enum class Align { Left, Center, Right };
    std::string text;
    Align align = Align::Left;
    bool bold = false;
    bool large = false; ///< double height and width
};

/// A receipt as a document model: lines, an optional QR code, then a cut.
struct Receipt {
    std::vector<ReceiptLine> lines;
    std::string qrCode; ///< empty: no QR code
};

enum class PaperState { Ok, Low, Out, Unknown };
std::string_view toString(PaperState value);

class ReceiptPrinter : public Device {
public:
    /// Prints and cuts one receipt. errc::media when the paper is out or the cover open.
    [[nodiscard]] base::Result<void> print(const Receipt& receipt);
    [[nodiscard]] PaperState paper() const { return paperImpl(); }

protected:
    ReceiptPrinter(std::string backend, std::string model)
        : Device(DeviceClass::ReceiptPrinter, std::move(backend), std::move(model))
    {
    }
    virtual base::Result<void> printImpl(const Receipt& receipt) = 0;
    virtual PaperState paperImpl() const = 0;
};

} // namespace hal
