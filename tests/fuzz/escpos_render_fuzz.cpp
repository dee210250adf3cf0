// SPDX-License-Identifier: Apache-2.0
// Fuzzes the ESC/POS reader and renderer with arbitrary jobs: kioskctl --png and the tests
// render bytes that may come from a capture (--out of another tool, a printer's log), so no
// byte sequence may crash them or make them allocate without bound.
#include "drivers/receipt_printer/escpos_renderer.h"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace drivers::receipt_printer;
    static auto renderer = EscPosRenderer::create({384, 8, {}}); // font loaded once
    if (!renderer)
        return 0;
    if (auto image = renderer->render(std::span<const std::uint8_t>(data, size)))
        (void)encodePng(*image);
    return 0;
}
