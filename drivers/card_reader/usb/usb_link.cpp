// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/usb/usb_link.h"

#include "base/secure_buffer.h"
#include "hal/errc.h"

#include <libusb.h>

#include <array>
#include <atomic>
#include <cstdio>

namespace drivers::card_reader {

namespace {

// Deadlines here become libusb transfer timeouts, which the kernel waits out: the real
// steady clock, not base::Clock.
using Clock = std::chrono::steady_clock;

std::string idText(const UsbOptions& options)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04x:%04x", options.vendorId, options.productId);
    return text;
}

base::Error usbError(int code, const std::string& what)
{
    const std::string message = what + ": " + libusb_error_name(code);
    if (code == LIBUSB_ERROR_NO_DEVICE || code == LIBUSB_ERROR_NOT_FOUND)
        return base::Error{make_error_code(hal::errc::no_device), message};
    if (code == LIBUSB_ERROR_TIMEOUT)
        return base::Error{make_error_code(hal::errc::timeout), message};
    if (code == LIBUSB_ERROR_ACCESS)
        return base::Error{make_error_code(base::errc::io),
                           message + " (no permission: install the udev rule in README)"};
    return base::Error{make_error_code(base::errc::io), message};
}

/// The bulk endpoints of the reader's interface.
struct Endpoints {
    int interfaceNumber = -1;
    std::uint8_t out = 0, in = 0; // single: the first bulk pair
    bool split = false;           // 02/06 out and 81/85 in all present
};

Endpoints findEndpoints(libusb_device* device)
{
    Endpoints found;
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(device, &config) != 0 &&
        libusb_get_config_descriptor(device, 0, &config) != 0)
        return found;
    for (int i = 0; i < config->bNumInterfaces && found.interfaceNumber < 0; ++i) {
        const auto& alt = config->interface[i].altsetting[0];
        bool has02 = false, has06 = false, has81 = false, has85 = false;
        std::uint8_t out = 0, in = 0;
        for (int e = 0; e < alt.bNumEndpoints; ++e) {
            const auto& endpoint = alt.endpoint[e];
            if ((endpoint.bmAttributes & 0x03) != LIBUSB_TRANSFER_TYPE_BULK)
                continue;
            const auto address = endpoint.bEndpointAddress;
            has02 |= address == 0x02;
            has06 |= address == 0x06;
            has81 |= address == 0x81;
            has85 |= address == 0x85;
            if ((address & 0x80) != 0 && in == 0)
                in = address;
            if ((address & 0x80) == 0 && out == 0)
                out = address;
        }
        if (in != 0 && out != 0) {
            found.interfaceNumber = alt.bInterfaceNumber;
            found.out = out;
            found.in = in;
            found.split = has02 && has06 && has81 && has85;
        }
    }
    libusb_free_config_descriptor(config);
    return found;
}

class UsbLink final : public sam::Link {
public:
    UsbLink(libusb_context* context, libusb_device_handle* handle, Endpoints endpoints, bool split,
            std::string name)
        : context_(context), handle_(handle), endpoints_(endpoints), split_(split),
          name_(std::move(name))
    {
        watchForRemoval();
    }
    UsbLink(const UsbLink&) = delete;
    UsbLink& operator=(const UsbLink&) = delete;
    ~UsbLink() override
    {
        if (hotplug_ != 0)
            libusb_hotplug_deregister_callback(context_, hotplug_);
        libusb_release_interface(handle_, endpoints_.interfaceNumber);
        libusb_close(handle_);
        libusb_exit(context_);
    }

    base::Result<sam::Response> exchange(sam::Command command,
                                         std::chrono::milliseconds timeout) override
    {
        const auto deadline = Clock::now() + timeout;
        if (auto sent = send(sam::encode(command), timeout); !sent)
            return base::fail(sent.error());
        auto response = split_ ? receiveSplit(deadline) : receiveSingle(deadline);
        decoder_.reset();
        return response;
    }

    bool alive() override
    {
        if (hotplug_ != 0) {
            timeval zero{0, 0};
            libusb_handle_events_timeout_completed(context_, &zero, nullptr);
            return !gone_;
        }
        // Without hot-plug support, ask the device something harmless.
        int configuration = 0;
        return libusb_get_configuration(handle_, &configuration) != LIBUSB_ERROR_NO_DEVICE;
    }

    std::string describe() const override
    {
        return "usb " + name_ + (split_ ? " (split)" : " (single)");
    }

private:
    void watchForRemoval()
    {
        if (!libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG))
            return;
        libusb_device_descriptor descriptor{};
        libusb_get_device_descriptor(libusb_get_device(handle_), &descriptor);
        const int rc = libusb_hotplug_register_callback(
            context_, LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT, LIBUSB_HOTPLUG_NO_FLAGS,
            descriptor.idVendor, descriptor.idProduct, LIBUSB_HOTPLUG_MATCH_ANY, &UsbLink::onLeft,
            this, &hotplug_);
        if (rc != LIBUSB_SUCCESS)
            hotplug_ = 0;
    }

    static int LIBUSB_CALL onLeft(libusb_context*, libusb_device* device, libusb_hotplug_event,
                                  void* self)
    {
        auto* link = static_cast<UsbLink*>(self);
        if (device == libusb_get_device(link->handle_))
            link->gone_ = true;
        return 0;
    }

    static int remainingMs(Clock::time_point deadline)
    {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        return static_cast<int>(std::max<long>(left.count(), 1));
    }

    base::Result<void> bulkOut(std::uint8_t endpoint, std::span<const std::uint8_t> bytes,
                               std::chrono::milliseconds timeout)
    {
        int sent = 0;
        const int rc = libusb_bulk_transfer(
            handle_, endpoint, const_cast<std::uint8_t*>(bytes.data()),
            static_cast<int>(bytes.size()), &sent, static_cast<unsigned>(timeout.count()));
        if (rc != 0)
            return base::fail(usbError(rc, describe() + ": bulk out"));
        if (sent != static_cast<int>(bytes.size()))
            return base::fail(hal::errc::timeout, describe() + ": the reader took " +
                                                      std::to_string(sent) + " of " +
                                                      std::to_string(bytes.size()) + " bytes");
        return {};
    }

    base::Result<std::size_t> bulkIn(std::uint8_t endpoint, std::span<std::uint8_t> buffer,
                                     Clock::time_point deadline)
    {
        int got = 0;
        const int rc =
            libusb_bulk_transfer(handle_, endpoint, buffer.data(), static_cast<int>(buffer.size()),
                                 &got, static_cast<unsigned>(remainingMs(deadline)));
        if (rc == LIBUSB_ERROR_TIMEOUT && got == 0)
            return 0;
        if (rc != 0 && rc != LIBUSB_ERROR_TIMEOUT)
            return base::fail(usbError(rc, describe() + ": bulk in"));
        return static_cast<std::size_t>(got);
    }

    base::Result<void> send(const std::vector<std::uint8_t>& frame,
                            std::chrono::milliseconds timeout)
    {
        if (!split_)
            return bulkOut(endpoints_.out, frame, timeout);
        const auto bytes = std::span(frame);
        if (auto header = bulkOut(0x02, bytes.first(sam::headerSize), timeout); !header)
            return header;
        return bulkOut(0x06, bytes.subspan(sam::headerSize), timeout);
    }

    /// Reads from `endpoint` into the decoder until it yields a frame or the deadline.
    base::Result<sam::Response> drain(std::uint8_t endpoint, Clock::time_point deadline)
    {
        for (;;) {
            if (auto response = decoder_.next())
                return std::move(*response);
            if (Clock::now() >= deadline)
                return base::fail(hal::errc::timeout, describe() + ": no answer in time");
            auto got = bulkIn(endpoint, chunk_, deadline);
            if (!got)
                return base::fail(got.error());
            decoder_.feed(std::span(chunk_).first(*got));
            base::secureZero(chunk_.data(), *got);
        }
    }

    base::Result<sam::Response> receiveSingle(Clock::time_point deadline)
    {
        return drain(endpoints_.in, deadline);
    }

    /// The header comes from IN 81 and the rest from IN 85; the decoder joins them.
    base::Result<sam::Response> receiveSplit(Clock::time_point deadline)
    {
        std::size_t header = 0;
        while (header < sam::headerSize) {
            if (Clock::now() >= deadline)
                return base::fail(hal::errc::timeout, describe() + ": no answer in time");
            auto got = bulkIn(0x81, chunk_, deadline);
            if (!got)
                return base::fail(got.error());
            decoder_.feed(std::span(chunk_).first(*got));
            base::secureZero(chunk_.data(), *got);
            header += *got;
        }
        return drain(0x85, deadline);
    }

    libusb_context* context_;
    libusb_device_handle* handle_;
    Endpoints endpoints_;
    bool split_;
    std::string name_;
    libusb_hotplug_callback_handle hotplug_ = 0;
    std::atomic<bool> gone_{false};
    sam::StreamDecoder decoder_;
    std::array<std::uint8_t, 4608> chunk_{};
};

} // namespace

base::Result<UsbOptions> parseUsbSpec(std::string_view spec)
{
    UsbOptions options;
    const std::string original(spec);
    auto bad = [&] {
        return base::fail(base::errc::invalid_argument,
                          "card_reader: \"" + original +
                              "\" is not usb:VVVV:PPPP[:split|:single] (hex ids)");
    };
    if (!spec.starts_with("usb:"))
        return bad();
    spec.remove_prefix(4);
    unsigned vendor = 0, product = 0;
    int used = 0;
    const std::string text(spec);
    if (std::sscanf(text.c_str(), "%4x:%4x%n", &vendor, &product, &used) != 2 || used != 9)
        return bad();
    const std::string_view rest = spec.substr(9);
    if (rest == ":split")
        options.profile = UsbProfile::Split;
    else if (rest == ":single")
        options.profile = UsbProfile::Single;
    else if (!rest.empty())
        return bad();
    options.vendorId = static_cast<std::uint16_t>(vendor);
    options.productId = static_cast<std::uint16_t>(product);
    return options;
}

base::Result<std::unique_ptr<sam::Link>> openUsbLink(const UsbOptions& options)
{
    const std::string name = idText(options);
    libusb_context* context = nullptr;
    if (const int rc = libusb_init(&context); rc != 0)
        return base::fail(usbError(rc, "libusb init"));
    libusb_device_handle* handle =
        libusb_open_device_with_vid_pid(context, options.vendorId, options.productId);
    if (handle == nullptr) {
        libusb_exit(context);
        return base::fail(hal::errc::no_device, "usb " + name + ": no such device attached");
    }
    auto fail = [&](const base::Error& error) {
        libusb_close(handle);
        libusb_exit(context);
        return base::fail(error);
    };
    const auto endpoints = findEndpoints(libusb_get_device(handle));
    if (endpoints.interfaceNumber < 0)
        return fail(base::Error{make_error_code(hal::errc::unsupported),
                                "usb " + name + ": no interface with a bulk IN and OUT"});
    const bool split = options.profile == UsbProfile::Split ||
                       (options.profile == UsbProfile::Auto && endpoints.split);
    // A kernel driver (usually none for these readers) would hold the interface.
    if (libusb_kernel_driver_active(handle, endpoints.interfaceNumber) == 1)
        libusb_detach_kernel_driver(handle, endpoints.interfaceNumber);
    if (const int rc = libusb_claim_interface(handle, endpoints.interfaceNumber); rc != 0)
        return fail(usbError(rc, "usb " + name + ": claim interface"));
    return std::unique_ptr<sam::Link>(new UsbLink(context, handle, endpoints, split, name));
}

} // namespace drivers::card_reader
