// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/jpeg_writer.h"

#include "base/secure_buffer.h"

#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE
#include <cstdlib>
#include <jpeglib.h>

namespace drivers::fake {

namespace {

/// libjpeg's default error handler exits the process; this one jumps back to encodeJpeg.
struct ErrorManager {
    jpeg_error_mgr base{};
    std::jmp_buf jump{};
};

[[noreturn]] void onError(j_common_ptr info)
{
    std::longjmp(reinterpret_cast<ErrorManager*>(info->err)->jump, 1);
}

/// The libjpeg part, free of C++ objects with destructors (longjmp skips them).
/// Returns false on a libjpeg error; `out`/`size` hold libjpeg's malloc'd buffer either way.
bool compress(const std::uint8_t* rgb, int width, int height, int stride, int quality,
              unsigned char** out, unsigned long* size)
{
    jpeg_compress_struct info{};
    ErrorManager errors;
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onError;
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_compress(&info);
        return false;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, out, size);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        // libjpeg's API takes non-const rows; it only reads them.
        auto* row = const_cast<JSAMPLE*>(rgb + static_cast<std::size_t>(info.next_scanline) *
                                                   static_cast<std::size_t>(stride));
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return true;
}

} // namespace

base::Result<std::vector<std::uint8_t>> encodeJpeg(const std::uint8_t* rgb, int width, int height,
                                                   int stride, int quality)
{
    if (rgb == nullptr || width <= 0 || height <= 0 || stride < 3 * width)
        return base::fail(base::errc::invalid_argument, "jpeg: bad image geometry");
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    const bool done = compress(rgb, width, height, stride, quality, &buffer, &size);
    std::vector<std::uint8_t> bytes;
    if (done)
        bytes.assign(buffer, buffer + size);
    if (buffer != nullptr) {
        base::secureZero(buffer, size);
        std::free(buffer);
    }
    if (!done)
        return base::fail(base::errc::internal, "jpeg: libjpeg could not encode the image");
    return bytes;
}

} // namespace drivers::fake
