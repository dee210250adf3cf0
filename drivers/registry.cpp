// SPDX-License-Identifier: Apache-2.0
// The one place that maps device specs to driver classes. Registration is an explicit list
// on purpose: static registrar objects in STATIC libraries are dropped by the linker.
#include "drivers/registry.h"

#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_code_scanner.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/fake/fake_review_tablet.h"

namespace drivers {

namespace {

/// Builds the fake for `spec` == "fake"; real backends arrive with their own issues and are
/// refused clearly until then, rather than silently replaced by a fake.
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

} // namespace

base::Result<hal::DeviceSet> createDevices(const hal::DeviceSpecs& specs)
{
    auto cardReader = createCardReader(specs.cardReader);
    if (!cardReader)
        return base::fail(cardReader.error());
    auto codeScanner =
        create<fake::FakeCodeScanner, hal::CodeScanner>("code_scanner", specs.codeScanner);
    if (!codeScanner)
        return base::fail(codeScanner.error());
    auto receiptPrinter = create<fake::FakeReceiptPrinter, hal::ReceiptPrinter>(
        "receipt_printer", specs.receiptPrinter);
    if (!receiptPrinter)
        return base::fail(receiptPrinter.error());
    auto reviewTablet =
        create<fake::FakeReviewTablet, hal::ReviewTablet>("review_tablet", specs.reviewTablet);
    if (!reviewTablet)
        return base::fail(reviewTablet.error());
    return hal::DeviceSet{*cardReader, *codeScanner, *receiptPrinter, *reviewTablet};
}

} // namespace drivers
