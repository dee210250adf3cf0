// SPDX-License-Identifier: Apache-2.0
// test_support::UsbReaderSimulator: a SamDevice behind an emulated USB device (umockdev),
// so the driver's real libusb code path runs unprivileged: the testbed adds the device's
// sysfs entry and descriptors, and an ioctl handler answers usbdevfs URBs from the SamDevice.
// The process must run with libumockdev-preload (see reexecUnderUmockdev()).
#pragma once

#include "tests/support/idcard_sim/sam_device.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

namespace test_support {

/// Re-executes the running program under umockdev-wrapper unless the preload is active
/// already. Call first thing in main(); returns only if already preloaded.
void reexecUnderUmockdev(int argc, char** argv);

class UsbReaderSimulator {
public:
    enum class Profile { Split, Single };

    explicit UsbReaderSimulator(Profile profile, std::uint16_t vendorId = 0x0400,
                                std::uint16_t productId = 0xC35A);
    UsbReaderSimulator(const UsbReaderSimulator&) = delete;
    UsbReaderSimulator& operator=(const UsbReaderSimulator&) = delete;
    ~UsbReaderSimulator();

    SamDevice& device() { return device_; }

    /// The device leaves the bus (remove uevent; open handles fail with ENODEV).
    void unplug();
    /// It comes back (add uevent, a new device number, as the kernel assigns).
    void plug();
    /// How many URBs the host submitted (proves traffic went through usbdevfs).
    [[nodiscard]] std::size_t urbsSubmitted() const;

    struct State; // shared with the umockdev handler thread

private:
    void add();

    SamDevice device_;
    Profile profile_;
    std::uint16_t vendorId_, productId_;
    std::shared_ptr<State> state_;
    int devnum_ = 0;
    std::string syspath_;
};

/// "split" or "single": test names and GoogleTest's printout of a Profile parameter.
inline const char* toString(UsbReaderSimulator::Profile profile)
{
    return profile == UsbReaderSimulator::Profile::Split ? "split" : "single";
}
inline void PrintTo(UsbReaderSimulator::Profile profile, std::ostream* out)
{
    *out << toString(profile);
}

} // namespace test_support
