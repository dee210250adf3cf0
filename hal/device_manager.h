// SPDX-License-Identifier: Apache-2.0
// hal::DeviceManager: owns the kiosk's devices, opens them and reports their status as one.
#pragma once

#include "base/worker.h"
#include "hal/card_reader.h"
#include "hal/code_scanner.h"
#include "hal/document_camera.h"
#include "hal/receipt_printer.h"
#include "hal/review_tablet.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <stop_token>
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
    std::shared_ptr<DocumentCamera> documentCamera; ///< optional: nullptr when none configured
};

struct DeviceManagerOptions {
    /// How often a device that failed to open is tried again (plug-in to Ready takes up to
    /// this long plus the driver's own open).
    std::chrono::milliseconds retryInterval{1000};
    /// Whose time the retries wait on (tests pass a base::ManualClock).
    const base::Clock* clock = &base::systemClock();
};

/// Opens and closes the devices it owns (nobody else should call their open()/close()).
class DeviceManager {
public:
    explicit DeviceManager(DeviceSet devices, DeviceManagerOptions options = {});
    DeviceManager(const DeviceManager&) = delete;
    DeviceManager& operator=(const DeviceManager&) = delete;
    ~DeviceManager();

    /// Opens every device. A device that fails to open is reported and the others still open,
    /// because a kiosk with a broken printer can still take cases. The failed ones are
    /// opened again every retryInterval on the manager's thread until they open: one not
    /// plugged in waits as Disconnected ("not connected: ..."), one that failed otherwise
    /// shows Fault. Once open, each driver's own hot-plug handling takes over.
    [[nodiscard]] std::vector<base::Error> openAll();
    /// Stops the retries and closes every device. Call openAll()/closeAll() from one thread.
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
    /// nullptr when no document camera is configured.
    [[nodiscard]] std::shared_ptr<DocumentCamera> documentCamera() const
    {
        return devices_.documentCamera;
    }

    /// Any device's status change, emitted from the thread that changed it (the retry
    /// thread when a device that failed to open opens later).
    base::Signal<const DeviceStatus&> deviceStatusChanged;

private:
    std::vector<Device*> all() const;
    /// One round of retries on the worker; returns the wait before the next (idle when all
    /// are open).
    std::chrono::milliseconds retryUnopened(std::stop_token stop);
    void stopRetrying();

    DeviceSet devices_;
    DeviceManagerOptions options_;
    std::vector<base::Connection> connections_;

    std::mutex retryMutex_;
    std::vector<Device*> unopened_; ///< failed to open; tried again every retryInterval
    base::Worker retrier_;          ///< last: stopped before the members it uses go
};

} // namespace hal
