// SPDX-License-Identifier: Apache-2.0
// drivers::ZxingDecoder: the one place that calls ZXing-cpp (1.4), behind a small adapter so
// the move to zxing-cpp 2.x (ReaderOptions, Barcode) touches this file only.
#pragma once

#include "base/result.h"
#include "hal/code_scanner.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace drivers {

/// A non-owning 8-bit grey image: `rowStride` bytes from one row to the next (cv::Mat::step),
/// `pixelStride` bytes from one pixel to the next (2 reads a YUYV frame's luma in place).
struct GrayView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int rowStride = 0;
    int pixelStride = 1;
};

enum class Binarizer { LocalAverage, GlobalHistogram };

struct DecoderOptions {
    /// ZXing format names separated by '|' or ',': "QRCode", "QRCode|Code128", "" = all.
    std::string formats = "QRCode";
    bool tryHarder = true;
    bool tryRotate = true;
    /// ZXing's own image pyramid (it retries smaller copies when nothing is found).
    bool tryDownscale = true;
    Binarizer binarizer = Binarizer::LocalAverage;
};

class ZxingDecoder {
public:
    /// Fails with base::errc::invalid_argument on an unknown format name.
    [[nodiscard]] static base::Result<ZxingDecoder> create(const DecoderOptions& options);

    ZxingDecoder(ZxingDecoder&&) noexcept;
    ZxingDecoder& operator=(ZxingDecoder&&) noexcept;
    ~ZxingDecoder();

    /// Every valid code in the image (empty: nothing found, a normal outcome). Never throws.
    [[nodiscard]] std::vector<hal::ScannedCode> decode(const GrayView& image) const;

private:
    struct Hints;
    explicit ZxingDecoder(std::unique_ptr<Hints> hints);
    std::unique_ptr<Hints> hints_;
};

} // namespace drivers
