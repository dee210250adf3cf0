// SPDX-License-Identifier: Apache-2.0
// Spec parsing and the factory; the transports themselves live in their own files.
#include "drivers/receipt_printer/transport/printer_transport.h"

#include "drivers/receipt_printer/transport/transports.h"

#include <charconv>

namespace drivers::receipt_printer {

namespace {

constexpr std::string_view kForms =
    "usb:VVVV:PPPP, file:PATH, tcp:HOST[:PORT] or serial:DEV[@BAUD]";

base::Error invalid(std::string_view spec, std::string_view why)
{
    return {make_error_code(base::errc::invalid_argument),
            "printer \"" + std::string(spec) + "\": " + std::string(why) + " (expected " +
                std::string(kForms) + ")"};
}

template <class Number> bool parseNumber(std::string_view text, Number& out, int base = 10)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

base::Result<PrinterAddress> parseTcp(std::string_view spec, std::string_view rest)
{
    PrinterAddress address;
    address.kind = PrinterAddress::Kind::Tcp;
    std::string_view port;
    if (rest.starts_with('[')) { // [::1]:9100
        const auto close = rest.find(']');
        if (close == std::string_view::npos)
            return base::fail(invalid(spec, "unclosed [ in the address"));
        address.host = std::string(rest.substr(1, close - 1));
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':')
                return base::fail(invalid(spec, "expected :PORT after ]"));
            port = rest.substr(close + 2);
        }
    } else {
        const auto colon = rest.rfind(':');
        address.host = std::string(rest.substr(0, colon));
        if (colon != std::string_view::npos)
            port = rest.substr(colon + 1);
    }
    if (address.host.empty())
        return base::fail(invalid(spec, "no host"));
    if (!port.empty() && (!parseNumber(port, address.port) || address.port == 0))
        return base::fail(invalid(spec, "bad port"));
    return address;
}

} // namespace

base::Result<PrinterAddress> parsePrinterSpec(std::string_view spec)
{
    const auto colon = spec.find(':');
    if (colon == std::string_view::npos || colon + 1 >= spec.size())
        return base::fail(invalid(spec, "no scheme or target"));
    const auto scheme = spec.substr(0, colon);
    const auto rest = spec.substr(colon + 1);
    PrinterAddress address;
    if (scheme == "usb") {
        address.kind = PrinterAddress::Kind::Usb;
        const auto second = rest.find(':');
        if (second != 4 || rest.size() != 9 ||
            !parseNumber(rest.substr(0, 4), address.vendorId, 16) ||
            !parseNumber(rest.substr(5), address.productId, 16))
            return base::fail(invalid(spec, "USB ids are four hex digits each"));
        return address;
    }
    if (scheme == "file") {
        address.kind = PrinterAddress::Kind::File;
        address.path = std::string(rest);
        return address;
    }
    if (scheme == "serial") {
        address.kind = PrinterAddress::Kind::Serial;
        const auto at = rest.rfind('@');
        address.path = std::string(rest.substr(0, at));
        if (at != std::string_view::npos && !parseNumber(rest.substr(at + 1), address.baud))
            return base::fail(invalid(spec, "bad baud rate"));
        if (address.path.empty())
            return base::fail(invalid(spec, "no device path"));
        return address;
    }
    if (scheme == "tcp")
        return parseTcp(spec, rest);
    return base::fail(invalid(spec, "unknown scheme"));
}

base::Result<std::unique_ptr<PrinterTransport>> openTransport(const PrinterAddress& address,
                                                              std::chrono::milliseconds timeout)
{
    switch (address.kind) {
    case PrinterAddress::Kind::Usb:
        return openUsbTransport(address.vendorId, address.productId);
    case PrinterAddress::Kind::File:
        return openFileTransport(address.path);
    case PrinterAddress::Kind::Tcp:
        return openTcpTransport(address.host, address.port, timeout);
    case PrinterAddress::Kind::Serial:
        return openSerialTransport(address.path, address.baud);
    }
    return base::fail(base::errc::internal, "unknown printer address kind");
}

} // namespace drivers::receipt_printer
