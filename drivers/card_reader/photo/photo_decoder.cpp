// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/photo/photo_decoder.h"

#include "base/secure_buffer.h"
#include "drivers/card_reader/photo/kiosk_photo_decoder.h"

#include <algorithm>
#include <dlfcn.h>

namespace drivers::card_reader {

base::Result<std::shared_ptr<PhotoDecoder>> PhotoDecoder::load(const std::string& path)
{
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
        return base::fail(base::errc::not_found, "photo decoder " + path + ": " + ::dlerror());
    using AbiFunction = int (*)();
    auto abi = reinterpret_cast<AbiFunction>(::dlsym(handle, "kiosk_photo_decoder_abi"));
    auto function = reinterpret_cast<DecodeFunction>(::dlsym(handle, "kiosk_photo_decode"));
    if (abi == nullptr || function == nullptr || abi() != KIOSK_PHOTO_DECODER_ABI) {
        ::dlclose(handle);
        return base::fail(base::errc::unsupported,
                          "photo decoder " + path +
                              ": does not export the kiosk_photo_decoder ABI version " +
                              std::to_string(KIOSK_PHOTO_DECODER_ABI));
    }
    return std::shared_ptr<PhotoDecoder>(new PhotoDecoder(handle, function));
}

PhotoDecoder::~PhotoDecoder()
{
    ::dlclose(handle_);
}

base::Result<std::vector<std::uint8_t>>
PhotoDecoder::decode(std::span<const std::uint8_t> wlt) const
{
    std::vector<std::uint8_t> bgr(KIOSK_PHOTO_WIDTH * KIOSK_PHOTO_HEIGHT * 3);
    if (decode_(wlt.data(), wlt.size(), bgr.data(), bgr.size()) != 0) {
        base::secureZero(bgr);
        return base::fail(base::errc::parse, "the photo decoder could not decode the photo");
    }
    auto bmp = bmpFromBgr(bgr, KIOSK_PHOTO_WIDTH, KIOSK_PHOTO_HEIGHT);
    base::secureZero(bgr);
    return bmp;
}

std::vector<std::uint8_t> bmpFromBgr(std::span<const std::uint8_t> bgr, int width, int height)
{
    const auto rowSize = static_cast<std::uint32_t>((width * 3 + 3) & ~3);
    const auto imageSize = rowSize * static_cast<std::uint32_t>(height);
    const std::uint32_t fileSize = 54 + imageSize;
    std::vector<std::uint8_t> bmp(fileSize, 0);
    auto put32 = [&](std::size_t at, std::uint32_t value) {
        for (int i = 0; i < 4; ++i)
            bmp[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
    };
    bmp[0] = 'B';
    bmp[1] = 'M';
    put32(2, fileSize);
    put32(10, 54);
    put32(14, 40);
    put32(18, static_cast<std::uint32_t>(width));
    put32(22, static_cast<std::uint32_t>(-height)); // negative height: rows top-down
    bmp[26] = 1;
    bmp[28] = 24;
    put32(34, imageSize);
    const auto stride = static_cast<std::size_t>(width) * 3;
    for (int row = 0; row < height && (row + 1) * stride <= bgr.size(); ++row)
        std::copy_n(bgr.begin() + static_cast<std::ptrdiff_t>(row * stride), stride,
                    bmp.begin() + 54 + static_cast<std::ptrdiff_t>(row * rowSize));
    return bmp;
}

} // namespace drivers::card_reader
