// SPDX-License-Identifier: Apache-2.0
#include "drivers/receipt_printer/printer_profile.h"

#include <array>

namespace drivers::receipt_printer {

namespace {

// name, paper dots, native QR, cutter, partial cut, code page, QR module, feed, band rows
constexpr std::array kProfiles{
    PrinterProfile{"generic-80", 576, true, true, true, "GB18030", 6, 4, 128},
    PrinterProfile{"generic-58", 384, true, true, true, "GB18030", 5, 4, 128},
    PrinterProfile{"generic-80-raster", 576, false, true, false, "GB18030", 6, 4, 64},
    PrinterProfile{"generic-58-nocut", 384, false, false, false, "GBK", 5, 5, 64},
};

} // namespace

std::span<const PrinterProfile> builtinProfiles()
{
    return kProfiles;
}

base::Result<PrinterProfile> findProfile(std::string_view name)
{
    std::string known;
    for (const auto& profile : kProfiles) {
        if (profile.name == name)
            return profile;
        known += (known.empty() ? "" : ", ") + std::string(profile.name);
    }
    return base::fail(base::errc::not_found, "unknown printer profile \"" + std::string(name) +
                                                 "\" (known: " + known + ")");
}

} // namespace drivers::receipt_printer
