// SPDX-License-Identifier: Apache-2.0
// PhotoDecoder: the optional plug-in (a vendor library loaded by path) that turns the card's
// WLT photo into an image. The C ABI is in kiosk_photo_decoder.h; none ships.
#pragma once

#include "base/result.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace drivers::card_reader {

class PhotoDecoder {
public:
    /// Loads the plug-in at `path` (dlopen) and checks its ABI version.
    /// Errors: base::errc::not_found (cannot load), unsupported (missing symbols, other ABI).
    [[nodiscard]] static base::Result<std::shared_ptr<PhotoDecoder>> load(const std::string& path);

    PhotoDecoder(const PhotoDecoder&) = delete;
    PhotoDecoder& operator=(const PhotoDecoder&) = delete;
    ~PhotoDecoder();

    /// Decodes WLT bytes into a 24-bit BMP file image (102 x 126), which any image library
    /// reads. Errors: base::errc::parse when the plug-in refuses the bytes.
    [[nodiscard]] base::Result<std::vector<std::uint8_t>>
    decode(std::span<const std::uint8_t> wlt) const;

private:
    using DecodeFunction = int (*)(const unsigned char*, std::size_t, unsigned char*, std::size_t);
    PhotoDecoder(void* handle, DecodeFunction function) : handle_(handle), decode_(function) {}

    void* handle_;
    DecodeFunction decode_;
};

/// A BMP file image of `bgr` pixels (top-down rows, 3 bytes per pixel). Exposed for tests.
[[nodiscard]] std::vector<std::uint8_t> bmpFromBgr(std::span<const std::uint8_t> bgr, int width,
                                                   int height);

} // namespace drivers::card_reader
