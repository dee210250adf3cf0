// SPDX-License-Identifier: Apache-2.0
// drivers::FrameDecoder: reduced copy, centre region, whole frame, equalised reduced copy.
#include "drivers/code_scanner/camera/frame_decoder.h"

#include <algorithm>
#include <array>

namespace drivers {

namespace {

PixelView pixelView(const GrayView& gray)
{
    return {gray.data, gray.width, gray.height, gray.rowStride, gray.pixelStride, 1};
}

/// The equalising map of one region: its histogram clipped, the excess spread evenly over
/// all bins, then the cumulative histogram scaled to 0..255.
std::array<std::uint8_t, 256> regionMap(const Image& gray, int x0, int x1, int y0, int y1,
                                        double clipLimit)
{
    std::array<int, 256> histogram{};
    for (int y = y0; y < y1; ++y) {
        const std::uint8_t* row = gray.pixels.data() + static_cast<std::size_t>(y) * gray.width;
        for (int x = x0; x < x1; ++x)
            ++histogram[row[x]];
    }
    const int area = std::max(1, (x1 - x0) * (y1 - y0));
    const int clip = std::max(1, static_cast<int>(clipLimit * area / 256));
    int excess = 0;
    for (auto& count : histogram)
        if (count > clip) {
            excess += count - clip;
            count = clip;
        }
    const int each = excess / 256;
    const int rest = excess % 256;
    for (int i = 0; i < 256; ++i)
        histogram[static_cast<std::size_t>(i)] += each + (i < rest ? 1 : 0);
    std::array<std::uint8_t, 256> map{};
    int sum = 0;
    for (int i = 0; i < 256; ++i) {
        sum += histogram[static_cast<std::size_t>(i)];
        map[static_cast<std::size_t>(i)] =
            static_cast<std::uint8_t>(std::min(255, (sum * 255 + area / 2) / area));
    }
    return map;
}

} // namespace

GrayView grayView(const Image& gray)
{
    GrayView view;
    view.data = gray.pixels.data();
    view.width = gray.width;
    view.height = gray.height;
    view.rowStride = gray.stride();
    return view;
}

Image equalizeLocalContrast(const Image& gray, double clipLimit, int tiles)
{
    Image out;
    if (gray.empty() || gray.channels != 1 || tiles < 1)
        return out;
    tiles = std::min({tiles, gray.width, gray.height});
    auto edge = [&](int i, int size) {
        return i * size / tiles;
    };
    std::vector<std::array<std::uint8_t, 256>> maps;
    maps.reserve(static_cast<std::size_t>(tiles) * tiles);
    for (int ty = 0; ty < tiles; ++ty)
        for (int tx = 0; tx < tiles; ++tx)
            maps.push_back(regionMap(gray, edge(tx, gray.width), edge(tx + 1, gray.width),
                                     edge(ty, gray.height), edge(ty + 1, gray.height), clipLimit));
    out.width = gray.width;
    out.height = gray.height;
    out.pixels.resize(gray.pixels.size());
    const double tileW = double(gray.width) / tiles;
    const double tileH = double(gray.height) / tiles;
    for (int y = 0; y < gray.height; ++y) {
        // Position between region centres, clamped at the borders.
        const double fy = std::clamp((y + 0.5) / tileH - 0.5, 0.0, double(tiles - 1));
        const int ty0 = static_cast<int>(fy);
        const int ty1 = std::min(ty0 + 1, tiles - 1);
        const double wy = fy - ty0;
        const std::size_t rowStart = static_cast<std::size_t>(y) * gray.width;
        for (int x = 0; x < gray.width; ++x) {
            const double fx = std::clamp((x + 0.5) / tileW - 0.5, 0.0, double(tiles - 1));
            const int tx0 = static_cast<int>(fx);
            const int tx1 = std::min(tx0 + 1, tiles - 1);
            const double wx = fx - tx0;
            const std::uint8_t v = gray.pixels[rowStart + x];
            auto at = [&](int tx, int ty) {
                return double(maps[static_cast<std::size_t>(ty) * tiles + tx][v]);
            };
            const double top = at(tx0, ty0) * (1 - wx) + at(tx1, ty0) * wx;
            const double bottom = at(tx0, ty1) * (1 - wx) + at(tx1, ty1) * wx;
            out.pixels[rowStart + x] = static_cast<std::uint8_t>(
                std::clamp(top * (1 - wy) + bottom * wy + 0.5, 0.0, 255.0));
        }
    }
    return out;
}

FrameDecoder::FrameDecoder(ZxingDecoder decoder, FrameStrategy strategy)
    : decoder_(std::move(decoder)), strategy_(strategy)
{
}

std::vector<hal::ScannedCode> FrameDecoder::decode(const GrayView& gray) const
{
    if (gray.data == nullptr || gray.width <= 0 || gray.height <= 0)
        return {};
    Image small;
    if (strategy_.reducedWidth > 0 && strategy_.reducedWidth < gray.width) {
        small = reduceToWidth(pixelView(gray), strategy_.reducedWidth);
        if (auto codes = decoder_.decode(grayView(small)); !codes.empty())
            return codes;
    }
    if (strategy_.centreFraction > 0.0 && strategy_.centreFraction < 1.0) {
        const int w = int(gray.width * strategy_.centreFraction);
        const int h = std::min(gray.height, w);
        GrayView centre = gray;
        centre.data = gray.data +
                      static_cast<std::ptrdiff_t>((gray.height - h) / 2) * gray.rowStride +
                      static_cast<std::ptrdiff_t>((gray.width - w) / 2) * gray.pixelStride;
        centre.width = w;
        centre.height = h;
        if (auto codes = decoder_.decode(centre); !codes.empty())
            return codes;
    }
    if (strategy_.fullFrameFallback) {
        if (auto codes = decoder_.decode(gray); !codes.empty())
            return codes;
    }
    if (!strategy_.equalizeContrast)
        return {};
    if (small.empty()) { // the frame is no wider than the reduced copy: equalise it whole
        small.width = gray.width;
        small.height = gray.height;
        small.pixels.resize(static_cast<std::size_t>(gray.width) * gray.height);
        for (int y = 0; y < gray.height; ++y)
            for (int x = 0; x < gray.width; ++x)
                small.pixels[static_cast<std::size_t>(y) * gray.width + x] =
                    gray.data[static_cast<std::ptrdiff_t>(y) * gray.rowStride +
                              static_cast<std::ptrdiff_t>(x) * gray.pixelStride];
    }
    return decoder_.decode(grayView(equalizeLocalContrast(small)));
}

} // namespace drivers
