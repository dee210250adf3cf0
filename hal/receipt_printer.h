// SPDX-License-Identifier: Apache-2.0
// hal::ReceiptPrinter: thermal receipt printers; receipts are documents, not printer bytes.
#pragma once

#include "hal/device.h"

#include <string>
#include <vector>

namespace hal {

/// One block of a receipt, top to bottom. Drivers turn it into their printer's language
/// (ESC/POS, ...): text is wrapped to the paper width by the driver, a separator is a rule
/// across the paper, a QR code is printed at the block's alignment.
struct ReceiptLine {
    enum class Kind { Text, Separator, Qr, Blank };
    enum class Align { Left, Center, Right };
    std::string text; ///< Text: the words (UTF-8); Qr: the code's content
    Align align = Align::Left;
    bool bold = false;
    int size = 1; ///< Text: character width and height multiple, 1..8 (2 = double)
    Kind kind = Kind::Text;

    [[nodiscard]] static ReceiptLine separator()
    {
        return {{}, Align::Left, false, 1, Kind::Separator};
    }
    [[nodiscard]] static ReceiptLine blank() { return {{}, Align::Left, false, 1, Kind::Blank}; }
    [[nodiscard]] static ReceiptLine qr(std::string content, Align align = Align::Center)
    {
        return {std::move(content), align, false, 1, Kind::Qr};
    }
    bool operator==(const ReceiptLine&) const = default;
};

/// A receipt as a document model: its blocks in order, then a cut.
struct Receipt {
    std::vector<ReceiptLine> lines;

    /// The content of the first QR block, or empty.
    [[nodiscard]] std::string qrCode() const;
    /// The Text blocks' words, in order (what a reader of the paper sees as lines).
    [[nodiscard]] std::vector<std::string> texts() const;
    bool operator==(const Receipt&) const = default;
};

enum class PaperState { Ok, Low, Out, Unknown };
std::string_view toString(PaperState value);

/// What the printer last reported (ESC/POS DLE EOT, or the fake's script).
enum class PrinterCondition { Ready, PaperLow, PaperOut, CoverOpen, CutterJam, Offline };
/// ready | paper_low | paper_out | cover_open | cutter_jam | offline
std::string_view toString(PrinterCondition value);

class ReceiptPrinter : public Device {
public:
    /// Prints and cuts one receipt. errc::media when the paper is out or the cover open
    /// (before the job, or during it: then the receipt may be incomplete and should be
    /// printed again); device_fault for a cutter jam or an offline printer; no_device when
    /// it went away mid-job. An error means the citizen has no complete receipt.
    [[nodiscard]] base::Result<void> print(const Receipt& receipt);
    [[nodiscard]] PaperState paper() const { return paperImpl(); }
    /// The printer's condition as last seen (before/after the last job, or its status poll).
    [[nodiscard]] PrinterCondition condition() const { return conditionImpl(); }

protected:
    ReceiptPrinter(std::string backend, std::string model)
        : Device(DeviceClass::ReceiptPrinter, std::move(backend), std::move(model))
    {
    }
    virtual base::Result<void> printImpl(const Receipt& receipt) = 0;
    virtual PaperState paperImpl() const = 0;
    virtual PrinterCondition conditionImpl() const = 0;
};

} // namespace hal
