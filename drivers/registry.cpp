// SPDX-License-Identifier: Apache-2.0
// The one place that maps device specs to driver classes. Registration is an explicit list
// on purpose: static registrar objects in STATIC libraries are dropped by the linker.
#include "drivers/registry.h"

#include "drivers/a4_printer/cups_printer.h"
#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/code_scanner/camera/camera_code_scanner.h"
#include "drivers/code_scanner/evdev/evdev_code_scanner.h"
#include "drivers/code_scanner/serial/serial_code_scanner.h"
#include "drivers/document_camera/v4l2_document_camera.h"
#include "drivers/receipt_printer/escpos_printer.h"
#include "drivers/review_tablet/link_review_tablet.h"

#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_code_scanner.h"
#include "drivers/fake/fake_document_camera.h"
#include "drivers/fake/fake_document_printer.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/fake/fake_review_tablet.h"

namespace drivers {

namespace {

/// Builds the fake for `spec` == "fake" and refuses any other spec with an error naming the
/// class and spec, rather than silently replacing it by a fake. Every class comes here for a
/// spec none of its real backends takes.
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
    if (const auto source = parseCameraSource(spec)) {
        CameraOptions options;
        options.decoder.formats = formats;
        return std::shared_ptr<hal::CodeScanner>(
            std::make_shared<CameraCodeScanner>(*source, std::move(options)));
    }
    if (spec.starts_with("serial:") && spec.size() > 7)
        return std::shared_ptr<hal::CodeScanner>(
            std::make_shared<SerialCodeScanner>(spec.substr(7)));
    if (spec.starts_with("evdev:") && spec.size() > 6)
        return std::shared_ptr<hal::CodeScanner>(
            std::make_shared<EvdevCodeScanner>(spec.substr(6)));
    return create<fake::FakeCodeScanner, hal::CodeScanner>("code_scanner", spec);
}

base::Result<std::shared_ptr<hal::ReceiptPrinter>> createReceiptPrinter(const std::string& spec,
                                                                        const std::string& profile)
{
    if (spec == "fake")
        return create<fake::FakeReceiptPrinter, hal::ReceiptPrinter>("receipt_printer", spec);
    auto printer = receipt_printer::makeEscPosPrinter(spec, profile);
    if (!printer)
        return base::fail(printer.error().withContext("receipt_printer"));
    return std::shared_ptr<hal::ReceiptPrinter>(std::move(*printer));
}

base::Result<std::shared_ptr<hal::DocumentPrinter>> createDocumentPrinter(const std::string& spec)
{
    if (spec.empty())
        return std::shared_ptr<hal::DocumentPrinter>();
    if (spec == "fake")
        return std::shared_ptr<hal::DocumentPrinter>(std::make_shared<fake::FakeDocumentPrinter>());
    auto queue = a4_printer::parseCupsSpec(spec);
    if (!queue)
        return base::fail(queue.error().withContext("a4_printer"));
    return std::shared_ptr<hal::DocumentPrinter>(
        std::make_shared<a4_printer::CupsDocumentPrinter>(*queue));
}

base::Result<std::shared_ptr<hal::DocumentCamera>> createDocumentCamera(const std::string& spec)
{
    if (spec.empty())
        return std::shared_ptr<hal::DocumentCamera>();
    if (const auto source = parseDocumentCameraSource(spec))
        return std::shared_ptr<hal::DocumentCamera>(std::make_shared<V4l2DocumentCamera>(*source));
    return create<fake::FakeDocumentCamera, hal::DocumentCamera>("document_camera", spec);
}

namespace {

/// Stores a made device, or the error of one that could not be made.
template <class Interface>
void take(base::Result<std::shared_ptr<Interface>> made, std::shared_ptr<Interface>& slot,
          std::vector<base::Error>& errors)
{
    if (made)
        slot = std::move(*made);
    else
        errors.push_back(std::move(made.error()));
}

} // namespace

CreatedDevices createDevices(const hal::DeviceSpecs& specs)
{
    CreatedDevices created;
    take(createCardReader(specs.cardReader), created.devices.cardReader, created.errors);
    take(createCodeScanner(specs.codeScanner), created.devices.codeScanner, created.errors);
    take(createReceiptPrinter(specs.receiptPrinter, specs.receiptPrinterProfile),
         created.devices.receiptPrinter, created.errors);
    take(createReviewTablet(specs.reviewTablet), created.devices.reviewTablet, created.errors);
    take(createDocumentCamera(specs.documentCamera), created.devices.documentCamera,
         created.errors);
    return created;
}

} // namespace drivers
