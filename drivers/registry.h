// SPDX-License-Identifier: Apache-2.0
// drivers::createDevices: the explicit list of drivers, chosen by device specs from config.
#pragma once

#include "base/result.h"
#include "hal/device_manager.h"
#include "hal/device_specs.h"
#include "hal/document_camera.h"
#include "hal/document_printer.h"

#include <string>
#include <vector>

namespace drivers {

/// The devices made from the specs, and what could not be made.
struct CreatedDevices {
    hal::DeviceSet devices;          ///< a class whose spec failed is left empty (nullptr)
    std::vector<base::Error> errors; ///< one per failed class, naming the class and the spec

    [[nodiscard]] bool complete() const { return errors.empty(); }
};

/// Creates the devices (not opened yet); the document camera only when configured. An unknown spec,
/// or a backend this build does not have, fails that device class only: the others are still made,
/// because a kiosk whose printer is misconfigured can still take applications.
[[nodiscard]] CreatedDevices createDevices(const hal::DeviceSpecs& specs);

/// Creates one receipt printer (not opened): fake, or ESC/POS over usb:VVVV:PPPP, file:PATH,
/// tcp:HOST[:PORT] or serial:DEV[@BAUD] with the named built-in profile (kioskctl print).
[[nodiscard]] base::Result<std::shared_ptr<hal::ReceiptPrinter>>
createReceiptPrinter(const std::string& spec, const std::string& profile = "generic-80");

/// Creates one code scanner (not opened) from a spec: fake, camera:/dev/videoN, image:FILE,
/// video:FILE, serial:DEV or evdev:DEV (kioskctl scan uses it alone). `formats` are the ZXing
/// format names the camera pipeline looks for ("QRCode|DataMatrix"); USB scanners decode
/// themselves and ignore it.
[[nodiscard]] base::Result<std::shared_ptr<hal::CodeScanner>>
createCodeScanner(const std::string& spec, const std::string& formats = "QRCode");

/// The A4 printer for certificates from `[devices] a4_printer`: "fake", or "cups:QUEUE" through
/// libcups (the server from CUPS_SERVER or client.conf). An empty spec is no printer: nullptr.
[[nodiscard]] base::Result<std::shared_ptr<hal::DocumentPrinter>>
createDocumentPrinter(const std::string& spec);

/// The document camera for materials from `[devices] document_camera`: "fake", or
/// "camera:/dev/videoN" / "image:FILE" (drivers::V4l2DocumentCamera). An empty spec is no
/// camera: nullptr. Not opened.
[[nodiscard]] base::Result<std::shared_ptr<hal::DocumentCamera>>
createDocumentCamera(const std::string& spec);

} // namespace drivers
