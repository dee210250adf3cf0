// SPDX-License-Identifier: Apache-2.0
// Harnesses for the SAM card reader: the real driver against the reader simulator, over a
// pty (serial backend) or an emulated USB device (libusb backend, umockdev).
#pragma once

#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/card_reader/serial/serial_link.h"
#include "harness.h"
#include "tests/support/idcard_sim/pty_reader_sim.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#ifdef KIOSK_CONTRACT_USB
#include "drivers/card_reader/usb/usb_link.h"
#include "tests/support/idcard_sim/usb_reader_sim.h"
#endif

namespace contract {

/// Fast polling so the suite stays quick; production polls about once a second.
inline drivers::card_reader::SamReaderOptions fastSamOptions()
{
    drivers::card_reader::SamReaderOptions options;
    options.pollInterval = std::chrono::milliseconds(40);
    options.reconnectInterval = std::chrono::milliseconds(40);
    options.sequencer.commandTimeout = std::chrono::milliseconds(500);
    options.sequencer.readTimeout = std::chrono::milliseconds(2000);
    return options;
}

// Physical actions take effect when the driver notices them, on its watcher's next poll over
// the pty: the harness waits for them with test_support::pollUntil.

/// The part shared by both transports; `Sim` has device(), unplug() and plug().
template <class Sim> class SamHarnessBase : public CardReaderHarness {
public:
    hal::CardReader& device() override { return *reader_; }

    void unplug() override
    {
        sim().unplug();
        if (reader_->status().state != hal::DeviceState::Closed) {
            EXPECT_TRUE(test_support::pollUntil([&] {
                const auto state = reader_->status().state;
                return state == hal::DeviceState::Disconnected || state == hal::DeviceState::Busy;
            }));
        }
    }

    void plug() override
    {
        sim().plug();
        if (reader_->status().state == hal::DeviceState::Disconnected) {
            EXPECT_TRUE(test_support::pollUntil(
                [&] { return reader_->status().state != hal::DeviceState::Disconnected; }));
        }
    }

    void presentCard(const hal::CardData& card) override { sim().device().present(card); }

    void removeCard() override
    {
        // Lifted for longer than a poll: the reader answers "no card" at least once.
        const auto before = sim().device().emptyFinds();
        sim().device().remove();
        if (reader_->status().state == hal::DeviceState::Ready) {
            EXPECT_TRUE(
                test_support::pollUntil([&] { return sim().device().emptyFinds() > before; }));
        }
    }

    virtual Sim& sim() = 0;

protected:
    std::unique_ptr<drivers::card_reader::SamCardReader> reader_;
};

class SerialSamHarness final : public SamHarnessBase<test_support::PtyReaderSimulator> {
public:
    SerialSamHarness() : sim_(dir_.path() / "ttyIDCARD")
    {
        const std::string path = sim_.path();
        reader_ = std::make_unique<drivers::card_reader::SamCardReader>(
            "serial", [path] { return drivers::card_reader::SerialLink::open(path); },
            fastSamOptions());
    }
    ~SerialSamHarness() override { reader_.reset(); }
    test_support::PtyReaderSimulator& sim() override { return sim_; }

private:
    test_support::TempDir dir_;
    test_support::PtyReaderSimulator sim_;
};

#ifdef KIOSK_CONTRACT_USB
class UsbSamHarness final : public SamHarnessBase<test_support::UsbReaderSimulator> {
public:
    explicit UsbSamHarness(test_support::UsbReaderSimulator::Profile profile) : sim_(profile)
    {
        drivers::card_reader::UsbOptions options;
        options.profile = profile == test_support::UsbReaderSimulator::Profile::Split
                              ? drivers::card_reader::UsbProfile::Split
                              : drivers::card_reader::UsbProfile::Single;
        reader_ = std::make_unique<drivers::card_reader::SamCardReader>(
            "usb", [options] { return drivers::card_reader::openUsbLink(options); },
            fastSamOptions());
    }
    ~UsbSamHarness() override { reader_.reset(); }
    test_support::UsbReaderSimulator& sim() override { return sim_; }

private:
    test_support::UsbReaderSimulator sim_;
};
#endif

} // namespace contract
