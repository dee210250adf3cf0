// SPDX-License-Identifier: Apache-2.0
// drivers::FrameDecoder: how the camera pipeline looks at one frame: a reduced copy first,
// then (optionally) the centre at full size, then the whole frame, then a contrast-equalised
// reduced copy, stopping at the first pass that finds a code.
#pragma once

#include "drivers/code_scanner/zxing_decoder.h"
#include "drivers/transport/image_codec.h"

namespace drivers {

struct FrameStrategy {
    /// Width of the reduced copy decoded first; 0 or >= the frame's width skips that pass.
    /// A code held up to the kiosk fills much of the frame, and finding its finder patterns
    /// in a quarter of the pixels costs a quarter of the time.
    int reducedWidth = 640;
    /// Side of the centre region decoded at full size, as a fraction of the frame; 0 skips
    /// it. Meant for small codes near the centre; off by default because on the corpus it
    /// found nothing the whole frame missed and cost time (README, Performance).
    double centreFraction = 0.0;
    /// The whole frame at full size: the pipeline never finds less than ZXing alone.
    bool fullFrameFallback = true;
    /// Last, the reduced copy with local contrast equalised (CLAHE): rescues washed-out
    /// codes (glare on the glass, a dim phone screen) that ZXing's binarizer gives up on.
    bool equalizeContrast = true;
};

/// Stateless apart from its settings: thread-compatible (one decoder per worker thread).
class FrameDecoder {
public:
    FrameDecoder(ZxingDecoder decoder, FrameStrategy strategy);

    /// Codes in one 8-bit grey frame (a camera's luma plane, an image); empty when there
    /// are none. Never throws.
    [[nodiscard]] std::vector<hal::ScannedCode> decode(const GrayView& gray) const;

private:
    ZxingDecoder decoder_;
    FrameStrategy strategy_;
};

/// A GrayView over a grey Image.
[[nodiscard]] GrayView grayView(const Image& gray);

/// Contrast-limited adaptive histogram equalisation of a grey image: `tiles` x `tiles`
/// regions, each histogram clipped at `clipLimit` times its mean bin before equalising, the
/// mappings blended bilinearly between region centres (as OpenCV's CLAHE).
[[nodiscard]] Image equalizeLocalContrast(const Image& gray, double clipLimit = 2.0, int tiles = 8);

} // namespace drivers
