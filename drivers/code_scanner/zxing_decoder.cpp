// SPDX-License-Identifier: Apache-2.0
// drivers::ZxingDecoder over ZXing::ReadBarcodes (zxing-cpp 1.4).
#define ZX_USE_UTF8 1
#include "drivers/code_scanner/zxing_decoder.h"

#include <ZXing/ReadBarcode.h>

#include <exception>

namespace drivers {

struct ZxingDecoder::Hints {
    ZXing::DecodeHints hints;
};

base::Result<ZxingDecoder> ZxingDecoder::create(const DecoderOptions& options)
{
    auto hints = std::make_unique<Hints>();
    try {
        // An empty set means "all formats" to ZXing.
        hints->hints.setFormats(ZXing::BarcodeFormatsFromString(options.formats));
    } catch (const std::exception&) {
        return base::fail(base::errc::invalid_argument,
                          "code scanner: unknown barcode format in \"" + options.formats +
                              "\" (use ZXing names such as QRCode, Code128, DataMatrix)");
    }
    hints->hints.setTryHarder(options.tryHarder)
        .setTryRotate(options.tryRotate)
        .setTryDownscale(options.tryDownscale)
        .setBinarizer(options.binarizer == Binarizer::GlobalHistogram
                          ? ZXing::Binarizer::GlobalHistogram
                          : ZXing::Binarizer::LocalAverage);
    return ZxingDecoder(std::move(hints));
}

ZxingDecoder::ZxingDecoder(std::unique_ptr<Hints> hints) : hints_(std::move(hints)) {}
ZxingDecoder::ZxingDecoder(ZxingDecoder&&) noexcept = default;
ZxingDecoder& ZxingDecoder::operator=(ZxingDecoder&&) noexcept = default;
ZxingDecoder::~ZxingDecoder() = default;

std::vector<hal::ScannedCode> ZxingDecoder::decode(const GrayView& image) const
{
    std::vector<hal::ScannedCode> codes;
    if (image.data == nullptr || image.width <= 0 || image.height <= 0)
        return codes;
    try {
        const ZXing::ImageView view(image.data, image.width, image.height, ZXing::ImageFormat::Lum,
                                    image.rowStride, image.pixelStride);
        for (const auto& result : ZXing::ReadBarcodes(view, hints_->hints))
            if (result.isValid())
                codes.push_back({ZXing::ToString(result.format()), result.text()});
    } catch (const std::exception&) {
        // A decoder bug must not take the kiosk down; the frame simply yields nothing.
        codes.clear();
    }
    return codes;
}

} // namespace drivers
