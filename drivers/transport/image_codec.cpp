// SPDX-License-Identifier: Apache-2.0
// drivers image helpers: libjpeg for JPEG both ways, libpng's simplified API for PNG, and the
// area reduction. libjpeg reports errors through longjmp: its calls live in functions free of
// C++ objects with destructors.
#include "drivers/transport/image_codec.h"

#include "base/secure_buffer.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <jpeglib.h>
#include <png.h>

namespace drivers {

namespace {

/// libjpeg's default error handler exits the process; this one jumps back to the caller.
struct ErrorManager {
    jpeg_error_mgr base{};
    std::jmp_buf jump{};
};

[[noreturn]] void onError(j_common_ptr info)
{
    std::longjmp(reinterpret_cast<ErrorManager*>(info->err)->jump, 1);
}

/// Its warnings (a slightly damaged stream) must not reach stderr.
void onMessage(j_common_ptr /*info*/) {}

/// The libjpeg part of encodeJpeg. Returns false on a libjpeg error; `out`/`size` hold
/// libjpeg's malloc'd buffer either way.
bool compress(const std::uint8_t* rgb, int width, int height, int stride, int quality,
              unsigned char** out, unsigned long* size)
{
    jpeg_compress_struct info{};
    ErrorManager errors;
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onError;
    errors.base.output_message = onMessage;
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

/// The libjpeg part of decodeJpeg: reads the header (sets width and height), then, when
/// `pixels` is given, the scanlines into it. False on a libjpeg error.
bool decompress(std::span<const std::uint8_t> jpeg, int channels, int* width, int* height,
                std::uint8_t* (*allocate)(void* owner, std::size_t size), void* owner)
{
    jpeg_decompress_struct info{};
    ErrorManager errors;
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onError;
    errors.base.output_message = onMessage;
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, jpeg.data(), static_cast<unsigned long>(jpeg.size()));
    jpeg_read_header(&info, TRUE);
    info.out_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&info);
    *width = static_cast<int>(info.output_width);
    *height = static_cast<int>(info.output_height);
    const auto stride = static_cast<std::size_t>(info.output_width) * channels;
    std::uint8_t* pixels = allocate(owner, stride * info.output_height);
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return true;
}

base::Result<Image> decodePng(std::span<const std::uint8_t> bytes, const std::string& name,
                              int channels)
{
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()) == 0)
        return base::fail(base::errc::parse, name + ": not a readable PNG image");
    png.format = channels == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
    Image image;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    image.channels = channels;
    image.pixels.resize(PNG_IMAGE_SIZE(png));
    if (png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr) == 0) {
        png_image_free(&png);
        image.wipe();
        return base::fail(base::errc::parse, name + ": not a readable PNG image");
    }
    return image;
}

} // namespace

void Image::wipe()
{
    if (!pixels.empty())
        base::secureZero(pixels.data(), pixels.size());
    pixels.clear();
    width = height = 0;
}

PixelView viewOf(const Image& image)
{
    return {image.pixels.data(), image.width,    image.height,
            image.stride(),      image.channels, image.channels};
}

Image reduceToWidth(const PixelView& source, int width)
{
    Image out;
    if (source.data == nullptr || width <= 0 || width >= source.width)
        return out;
    const double scale = double(source.width) / width; // > 1: source pixels per output pixel
    const int height = std::max(1, static_cast<int>(source.height / scale + 0.5));
    out.width = width;
    out.height = height;
    out.channels = source.channels;
    out.pixels.resize(static_cast<std::size_t>(width) * height * source.channels);
    // Each output pixel averages the source rectangle it covers, rounded to whole pixels
    // (at least one): a box filter, like OpenCV's INTER_AREA for these integer-ish scales.
    std::vector<int> x0(width + 1);
    for (int x = 0; x <= width; ++x)
        x0[x] = std::min(source.width, static_cast<int>(x * scale + 0.5));
    std::vector<std::uint32_t> sums(static_cast<std::size_t>(width) * source.channels);
    for (int y = 0; y < height; ++y) {
        const int top = std::min(source.height - 1, static_cast<int>(y * scale + 0.5));
        const int bottom =
            std::clamp(static_cast<int>((y + 1) * scale + 0.5), top + 1, source.height);
        std::fill(sums.begin(), sums.end(), 0u);
        for (int sy = top; sy < bottom; ++sy) {
            const std::uint8_t* row =
                source.data + static_cast<std::ptrdiff_t>(sy) * source.rowStride;
            for (int x = 0; x < width; ++x) {
                const int end = std::max(x0[x + 1], x0[x] + 1);
                for (int sx = x0[x]; sx < end && sx < source.width; ++sx)
                    for (int c = 0; c < source.channels; ++c)
                        sums[static_cast<std::size_t>(x) * source.channels + c] +=
                            row[static_cast<std::ptrdiff_t>(sx) * source.pixelStride + c];
            }
        }
        std::uint8_t* outRow = out.pixels.data() + static_cast<std::size_t>(y) * out.stride();
        for (int x = 0; x < width; ++x) {
            const int columns =
                std::max(1, std::min(std::max(x0[x + 1], x0[x] + 1), source.width) - x0[x]);
            const auto count = static_cast<std::uint32_t>(columns * (bottom - top));
            for (int c = 0; c < source.channels; ++c) {
                const auto sum = sums[static_cast<std::size_t>(x) * source.channels + c];
                outRow[x * source.channels + c] =
                    static_cast<std::uint8_t>((sum + count / 2) / count);
            }
        }
    }
    return out;
}

base::Result<Image> decodeJpeg(std::span<const std::uint8_t> jpeg, int channels)
{
    if (channels != 1 && channels != 3)
        return base::fail(base::errc::invalid_argument, "jpeg: channels must be 1 or 3");
    Image image;
    image.channels = channels;
    auto allocate = [](void* owner, std::size_t size) {
        auto& pixels = static_cast<Image*>(owner)->pixels;
        pixels.resize(size);
        return pixels.data();
    };
    if (jpeg.size() < 4 ||
        !decompress(jpeg, channels, &image.width, &image.height, allocate, &image)) {
        image.wipe();
        return base::fail(base::errc::parse, "not a readable JPEG image");
    }
    return image;
}

base::Result<Image> readImageFile(const std::string& path, int channels)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return base::fail(base::errc::not_found, path + ": not found");
    std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(file),
                                    std::istreambuf_iterator<char>()};
    base::Result<Image> image = base::fail(base::errc::parse, path + ": not a JPEG or PNG image");
    static constexpr std::uint8_t pngMagic[] = {0x89, 'P', 'N', 'G'};
    if (bytes.size() >= 4 && std::equal(std::begin(pngMagic), std::end(pngMagic), bytes.begin()))
        image = decodePng(bytes, path, channels);
    else if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) {
        image = decodeJpeg(bytes, channels);
        if (!image)
            image = base::fail(base::errc::parse, path + ": " + image.error().message);
    }
    // The file may be a photo of a document: its bytes do not linger in freed memory.
    if (!bytes.empty())
        base::secureZero(bytes.data(), bytes.size());
    return image;
}

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

} // namespace drivers
