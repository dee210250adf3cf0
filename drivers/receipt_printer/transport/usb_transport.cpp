// SPDX-License-Identifier: Apache-2.0
// USB printers through libusb: printer class 0x07 (or a vendor-class interface, which many
// Chinese kiosk printers use), one bulk OUT and, when bidirectional, one bulk IN endpoint.
#include "drivers/receipt_printer/transport/transports.h"

#include "hal/errc.h"

#include <libusb.h>

#include <algorithm>
#include <cstdio>

namespace drivers::receipt_printer {

namespace {

constexpr std::uint8_t kPrinterClass = 0x07;
constexpr std::uint8_t kVendorClass = 0xFF;

base::Error usbError(int code, const std::string& what)
{
    const std::string message = what + ": " + libusb_error_name(code);
    if (code == LIBUSB_ERROR_NO_DEVICE || code == LIBUSB_ERROR_NOT_FOUND ||
        code == LIBUSB_ERROR_PIPE)
        return {make_error_code(hal::errc::no_device), message};
    if (code == LIBUSB_ERROR_TIMEOUT)
        return {make_error_code(hal::errc::timeout), message};
    if (code == LIBUSB_ERROR_ACCESS)
        return {make_error_code(base::errc::io),
                message + " (no permission: install the udev rule in README)"};
    return {make_error_code(base::errc::io), message};
}

struct Endpoints {
    int interfaceNumber = -1;
    std::uint8_t out = 0;
    std::uint8_t in = 0; ///< 0: unidirectional, no status
};

Endpoints findEndpoints(libusb_device* device)
{
    Endpoints best;
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(device, &config) != 0 &&
        libusb_get_config_descriptor(device, 0, &config) != 0)
        return best;
    for (int i = 0; i < config->bNumInterfaces && best.in == 0; ++i) {
        const auto& alt = config->interface[i].altsetting[0];
        if (alt.bInterfaceClass != kPrinterClass && alt.bInterfaceClass != kVendorClass)
            continue;
        Endpoints found{alt.bInterfaceNumber, 0, 0};
        for (int e = 0; e < alt.bNumEndpoints; ++e) {
            const auto& endpoint = alt.endpoint[e];
            if ((endpoint.bmAttributes & 0x03) != LIBUSB_TRANSFER_TYPE_BULK)
                continue;
            auto& slot = (endpoint.bEndpointAddress & 0x80) != 0 ? found.in : found.out;
            if (slot == 0)
                slot = endpoint.bEndpointAddress;
        }
        // A bidirectional interface beats one without status (protocol 2 over protocol 1).
        if (found.out != 0 && (best.out == 0 || found.in != 0))
            best = found;
    }
    libusb_free_config_descriptor(config);
    return best;
}

class UsbTransport final : public PrinterTransport {
public:
    UsbTransport(libusb_context* context, libusb_device_handle* handle, Endpoints endpoints,
                 std::string name)
        : context_(context), handle_(handle), endpoints_(endpoints), name_(std::move(name))
    {
    }
    UsbTransport(const UsbTransport&) = delete;
    UsbTransport& operator=(const UsbTransport&) = delete;
    ~UsbTransport() override
    {
        libusb_release_interface(handle_, endpoints_.interfaceNumber);
        libusb_close(handle_);
        libusb_exit(context_);
    }

    base::Result<void> write(std::span<const std::uint8_t> bytes,
                             std::chrono::milliseconds timeout) override
    {
        int sent = 0;
        const int rc = libusb_bulk_transfer(
            handle_, endpoints_.out, const_cast<std::uint8_t*>(bytes.data()),
            static_cast<int>(bytes.size()), &sent, static_cast<unsigned>(timeout.count()));
        if (rc != 0)
            return base::fail(usbError(rc, name_ + ": bulk out"));
        if (sent != static_cast<int>(bytes.size()))
            return base::fail(hal::errc::timeout, name_ + ": the printer took " +
                                                      std::to_string(sent) + " of " +
                                                      std::to_string(bytes.size()) + " bytes");
        return {};
    }

    base::Result<std::size_t> read(std::span<std::uint8_t> buffer,
                                   std::chrono::milliseconds timeout) override
    {
        if (endpoints_.in == 0)
            return 0; // a unidirectional printer never answers
        int got = 0;
        const int rc = libusb_bulk_transfer(
            handle_, endpoints_.in, buffer.data(), static_cast<int>(buffer.size()), &got,
            static_cast<unsigned>(std::max<long>(timeout.count(), 1)));
        if (rc == LIBUSB_ERROR_TIMEOUT)
            return static_cast<std::size_t>(got);
        if (rc != 0)
            return base::fail(usbError(rc, name_ + ": bulk in"));
        return static_cast<std::size_t>(got);
    }

    std::string describe() const override { return name_; }

private:
    libusb_context* context_;
    libusb_device_handle* handle_;
    Endpoints endpoints_;
    std::string name_;
};

/// The first attached device with these ids, opened; nullptr if none.
libusb_device_handle* openDevice(libusb_context* context, std::uint16_t vendorId,
                                 std::uint16_t productId, Endpoints& endpoints, int& error)
{
    libusb_device** list = nullptr;
    const ssize_t count = libusb_get_device_list(context, &list);
    libusb_device_handle* handle = nullptr;
    error = LIBUSB_ERROR_NOT_FOUND;
    for (ssize_t i = 0; i < count && handle == nullptr; ++i) {
        libusb_device_descriptor descriptor{};
        if (libusb_get_device_descriptor(list[i], &descriptor) != 0 ||
            descriptor.idVendor != vendorId || descriptor.idProduct != productId)
            continue;
        endpoints = findEndpoints(list[i]);
        if (endpoints.out == 0) {
            error = LIBUSB_ERROR_NOT_SUPPORTED;
            continue;
        }
        error = libusb_open(list[i], &handle);
    }
    if (count >= 0)
        libusb_free_device_list(list, 1);
    return handle;
}

} // namespace

base::Result<std::unique_ptr<PrinterTransport>> openUsbTransport(std::uint16_t vendorId,
                                                                 std::uint16_t productId)
{
    char ids[16];
    std::snprintf(ids, sizeof ids, "%04x:%04x", vendorId, productId);
    const std::string name = std::string("usb ") + ids;
    libusb_context* context = nullptr;
    if (const int rc = libusb_init(&context); rc != 0)
        return base::fail(usbError(rc, name + ": libusb_init"));
    Endpoints endpoints;
    int error = 0;
    libusb_device_handle* handle = openDevice(context, vendorId, productId, endpoints, error);
    if (handle == nullptr) {
        libusb_exit(context);
        if (error == LIBUSB_ERROR_NOT_SUPPORTED)
            return base::fail(
                hal::errc::unsupported,
                name + ": no printer-class or vendor interface with a bulk OUT endpoint");
        return base::fail(usbError(error, name + ": open"));
    }
    libusb_set_auto_detach_kernel_driver(handle, 1); // usblp lets go while we hold it
    if (const int rc = libusb_claim_interface(handle, endpoints.interfaceNumber); rc != 0) {
        libusb_close(handle);
        libusb_exit(context);
        return base::fail(usbError(rc, name + ": claim interface"));
    }
    return std::unique_ptr<PrinterTransport>(
        std::make_unique<UsbTransport>(context, handle, endpoints, name));
}

} // namespace drivers::receipt_printer
