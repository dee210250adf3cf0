// SPDX-License-Identifier: Apache-2.0
// Fuzzes kiosk::core::parseCatalog: a pushed or installed catalog is input from outside the
// kiosk, so no byte sequence may crash it; it either parses or returns an error.
#include "kiosk/core/catalog.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    auto catalog = kiosk::core::parseCatalog(json);
    if (catalog) {
        // Walk what the screens walk, so a parsed-but-inconsistent catalog would show here.
        for (const auto& item : catalog->items)
            (void)catalog->findItem(item.code);
        (void)catalog->themes();
        (void)catalog->popular(8);
    }
    return 0;
}
