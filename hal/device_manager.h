// SPDX-License-Identifier: Apache-2.0
// hal::DeviceManager: owns the kiosk's devices, opens them and reports their status as one.
#pragma once

#include "hal/card_reader.h"
#include "hal/code_scanner.h"
#include "hal/receipt_printer.h"
#include "hal/review_tablet.h"

#include <memory>
#include <vector>

namespace hal {

/// The devices of one kiosk, one per class. They are shared: the UI and the session hold
/// them while the manager lives; after an unplug the objects stay valid and report
/// Disconnected until the device comes back.
struct DeviceSet {
    std::shared_ptr<CardReader> cardReader;
    std::shared_ptr<CodeScanner> codeScanner;
    std::shared_ptr<ReceiptPrinter> receiptPrinter;
    std::shared_ptr<ReviewTablet> reviewTablet;
};

class DeviceManager {
public:
    explicit DeviceManager(DeviceSet devices);
    DeviceManager(const DeviceManager&) = delete;
    DeviceManager& operator=(const DeviceManager&) = delete;
    ~DeviceManager();

    /// Opens every device. A device that fails to open is reported (and stays in Fault);
    /// the others still open, because a kiosk with a broken printer can still take cases.
    [[nodiscard]] std::vector<base::Error> openAll();
    void closeAll();

    [[nodiscard]] std::vector<DeviceStatus> statuses() const;
    /// True when every device is Ready (or Busy).
    [[nodiscard]] bool allReady() const;

    [[nodiscard]] const DeviceSet& devices() const { return devices_; }
    [[nodiscard]] std::shared_ptr<CardReader> cardReader() const { return devices_.cardReader; }
    [[nodiscard]] std::shared_ptr<CodeScanner> codeScanner() const { return devices_.codeScanner; }
    [[nodiscard]] std::shared_ptr<ReceiptPrinter> receiptPrinter() const
    {
        return devices_.receiptPrinter;
    }
    [[nodiscard]] std::shared_ptr<ReviewTablet> reviewTablet() const
    {
        return devices_.reviewTablet;
    }

    /// Any device's status change, emitted from the thread that changed it.
    base::Signal<const DeviceStatus&> deviceStatusChanged;

private:
    std::vector<Device*> all() const;

    DeviceSet devices_;
    std::vector<base::Connection> connections_;
};

} // namespace hal
