// SPDX-License-Identifier: Apache-2.0
// drivers image helpers without OpenCV: 8-bit images in memory, JPEG in and out (libjpeg),
// PNG in (libpng), and an area-averaging reduction. Shared by the camera code scanner (its
// image: and video: sources, the reduced copy it decodes first), the document camera (its
// image: source, preview and stills) and the fake document camera (its stills).
#pragma once

#include "base/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace drivers {

/// An 8-bit image with `channels` samples per pixel (1 grey, 3 RGB), rows packed.
struct Image {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::vector<std::uint8_t> pixels; ///< height * width * channels bytes

    [[nodiscard]] bool empty() const { return pixels.empty(); }
    [[nodiscard]] int stride() const { return width * channels; }
    /// Zeroes the pixels and empties the image (they may show a citizen's document).
    void wipe();
};

/// A non-owning view of pixels laid out as a camera buffer may be: rows `rowStride` bytes
/// apart, pixels `pixelStride` bytes apart (2 reads a YUYV frame's luma in place).
struct PixelView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int rowStride = 0;
    int pixelStride = 1;
    int channels = 1;
};

[[nodiscard]] PixelView viewOf(const Image& image);

/// `source` reduced to `width` pixels wide (height in proportion), each output pixel the
/// mean of the source pixels it covers: what a camera's sensor binning would give, and what
/// keeps thin QR modules legible. `width` must be below the source's.
[[nodiscard]] Image reduceToWidth(const PixelView& source, int width);

/// A JPEG or PNG file (told by its first bytes) as grey (channels 1) or RGB (channels 3).
/// Errors: base::errc::not_found (no file), base::errc::parse (not a readable JPEG or PNG;
/// the message names the file, never its content).
[[nodiscard]] base::Result<Image> readImageFile(const std::string& path, int channels);

/// JPEG bytes decoded to grey or RGB (base::errc::parse when they are not a JPEG).
[[nodiscard]] base::Result<Image> decodeJpeg(std::span<const std::uint8_t> jpeg, int channels);

/// Encodes `height` rows of `width` RGB pixels, rows `stride` bytes apart. The output is
/// built in memory only; libjpeg's working buffer is zeroed before it is freed.
[[nodiscard]] base::Result<std::vector<std::uint8_t>>
encodeJpeg(const std::uint8_t* rgb, int width, int height, int stride, int quality = 90);

} // namespace drivers
