// SPDX-License-Identifier: Apache-2.0
// drivers::fake::encodeJpeg: RGB pixels to JPEG bytes in memory with libjpeg(-turbo), for the
// fake document camera (the real ones encode inside the OpenCV camera module).
#pragma once

#include "base/result.h"

#include <cstdint>
#include <vector>

namespace drivers::fake {

/// Encodes `height` rows of `width` RGB pixels, rows `stride` bytes apart. The output is
/// built in memory only; libjpeg's working buffer is zeroed before it is freed.
[[nodiscard]] base::Result<std::vector<std::uint8_t>>
encodeJpeg(const std::uint8_t* rgb, int width, int height, int stride, int quality = 90);

} // namespace drivers::fake
