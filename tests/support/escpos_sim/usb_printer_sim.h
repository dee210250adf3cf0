// SPDX-License-Identifier: Apache-2.0
// test_support::UsbPrinterSimulator: the simulated ESC/POS printer behind an emulated USB
// printer (umockdev): printer class 0x07, bidirectional (protocol 2), bulk OUT 0x01 and bulk
// IN 0x82. An ioctl handler answers usbdevfs URBs from the printer model, so the driver's real
// libusb path runs unprivileged. The process must run with libumockdev-preload (call
// reexecUnderUmockdev() first in main()).
#pragma once

#include "tests/support/escpos_sim/escpos_printer_sim.h"

#include <cstdint>
#include <memory>
#include <string>

namespace test_support {

/// Re-executes the running program under umockdev-wrapper unless the preload is active.
void reexecPrinterTestUnderUmockdev(int argc, char** argv);

class UsbPrinterSimulator {
public:
    explicit UsbPrinterSimulator(std::uint16_t vendorId = 0x0fe6, std::uint16_t productId = 0x811e);
    UsbPrinterSimulator(const UsbPrinterSimulator&) = delete;
    UsbPrinterSimulator& operator=(const UsbPrinterSimulator&) = delete;
    ~UsbPrinterSimulator();

    EscPosPrinterModel& model() { return model_; }
    /// "usb:0fe6:811e"
    [[nodiscard]] std::string spec() const;
    /// The printer leaves the bus (remove uevent; open handles fail with ENODEV).
    void unplug();
    /// It comes back with a new device number.
    void plug();
    /// URBs the host submitted (proves the traffic went through usbdevfs).
    [[nodiscard]] std::size_t urbsSubmitted() const;

    struct State; // shared with umockdev's ioctl handler

private:
    void add();

    EscPosPrinterModel model_;
    std::uint16_t vendorId_, productId_;
    std::shared_ptr<State> state_;
    int devnum_ = 0;
    std::string syspath_;
};

} // namespace test_support
