// SPDX-License-Identifier: Apache-2.0
// The one place that maps device specs to driver classes. Registration is an explicit list
// on purpose: static registrar objects in STATIC libraries are dropped by the linker.
#include "drivers/registry.h"

#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/code_scanner/camera/camera_module_loader.h"
#include "drivers/code_scanner/camera/camera_source.h"
#include "drivers/code_scanner/evdev/evdev_code_scanner.h"
#include "drivers/code_scanner/serial/serial_code_scanner.h"
#include "drivers/review_tablet/link_review_tablet.h"

#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_code_scanner.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/fake/fake_review_tablet.h"

namespace drivers {

namespace {

/// Builds the fake for `spec` == "fake" and refuses any other spec with an error naming the
/// class and spec, rather than silently replacing it by a fake. The receipt printer has only
/// this (its driver arrives with its own issue); the other classes come here for a spec none
/// of their real backends takes.
template <class Fake, class Interface>
base::Result<std::shared_ptr<Interface>> create(std::string_view deviceClass,
                                                const std::string& spec)
{
    if (spec == "fake")
        return std::shared_ptr<Interface>(std::make_shared<Fake>());
    return base::fail(base::errc::unsupported, std::string(deviceClass) + ": backend \"" + spec +
                                                   "\" is not available in this build");
}

/// "serial:/dev/..." and "usb:VVVV:PPPP[:split|:single]" are SAM ID card readers.
base::Result<std::shared_ptr<hal::CardReader>> createCardReader(const std::string& spec)
{
    if (!spec.starts_with("serial:") && !spec.starts_with("usb:"))
        return create<fake::FakeCardReader, hal::CardReader>("card_reader", spec);
    auto reader = card_reader::makeSamCardReader(spec);
    if (!reader)
        return base::fail(reader.error());
    return std::shared_ptr<hal::CardReader>(std::move(*reader));
}

/// "serial:DEV" and "tcp:HOST:PORT" are review tablets speaking the link protocol.
base::Result<std::shared_ptr<hal::ReviewTablet>> createReviewTablet(const std::string& spec)
{
    if (!spec.starts_with("serial:") && !spec.starts_with("tcp:"))
        return create<fake::FakeReviewTablet, hal::ReviewTablet>("review_tablet", spec);
    auto tablet = review_tablet::makeReviewTablet(spec);
    if (!tablet)
        return base::fail(tablet.error());
    return std::shared_ptr<hal::ReviewTablet>(std::move(*tablet));
}

} // namespace

/// Code scanners: the camera pipeline (camera:, image:, video:) or a USB scanner in CDC-ACM
/// (serial:) or keyboard-wedge (evdev:) mode.
base::Result<std::shared_ptr<hal::CodeScanner>> createCodeScanner(const std::string& spec,
                                                                  const std::string& formats)
{
    if (parseCameraSource(spec))
        return loadCameraScanner(spec, formats);
    if (spec.starts_with("serial:") && spec.size() > 7)
        return std::shared_ptr<hal::CodeScanner>(
            std::make_shared<SerialCodeScanner>(spec.substr(7)));
    if (spec.starts_with("evdev:") && spec.size() > 6)
        return std::shared_ptr<hal::CodeScanner>(
            std::make_shared<EvdevCodeScanner>(spec.substr(6)));
    return create<fake::FakeCodeScanner, hal::CodeScanner>("code_scanner", spec);
}

base::Result<hal::DeviceSet> createDevices(const hal::DeviceSpecs& specs)
{
    auto cardReader = createCardReader(specs.cardReader);
    if (!cardReader)
        return base::fail(cardReader.error());
    auto codeScanner = createCodeScanner(specs.codeScanner);
    if (!codeScanner)
        return base::fail(codeScanner.error());
    auto receiptPrinter = create<fake::FakeReceiptPrinter, hal::ReceiptPrinter>(
        "receipt_printer", specs.receiptPrinter);
    if (!receiptPrinter)
        return base::fail(receiptPrinter.error());
    auto reviewTablet = createReviewTablet(specs.reviewTablet);
    if (!reviewTablet)
        return base::fail(reviewTablet.error());
    return hal::DeviceSet{*cardReader, *codeScanner, *receiptPrinter, *reviewTablet};
}

} // namespace drivers
