// SPDX-License-Identifier: Apache-2.0
// drivers::FrameDecoder: reduced copy, centre region, whole frame, equalised reduced copy.
#include "drivers/code_scanner/camera/frame_decoder.h"

#include <opencv2/imgproc.hpp>

namespace drivers {

GrayView grayView(const cv::Mat& gray)
{
    GrayView view;
    view.data = gray.data;
    view.width = gray.cols;
    view.height = gray.rows;
    view.rowStride = static_cast<int>(gray.step);
    return view;
}

FrameDecoder::FrameDecoder(ZxingDecoder decoder, FrameStrategy strategy)
    : decoder_(std::move(decoder)), strategy_(strategy)
{
}

cv::Mat FrameDecoder::reduced(const cv::Mat& gray) const
{
    if (strategy_.reducedWidth <= 0 || strategy_.reducedWidth >= gray.cols)
        return gray;
    const double scale = double(strategy_.reducedWidth) / gray.cols;
    cv::Mat small;
    cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    return small;
}

std::vector<hal::ScannedCode> FrameDecoder::decode(const cv::Mat& gray) const
{
    if (gray.empty() || gray.type() != CV_8UC1)
        return {};
    cv::Mat small;
    try {
        small = reduced(gray);
        if (small.data != gray.data) {
            if (auto codes = decoder_.decode(grayView(small)); !codes.empty())
                return codes;
        }
        if (strategy_.centreFraction > 0.0 && strategy_.centreFraction < 1.0) {
            const int w = int(gray.cols * strategy_.centreFraction);
            const int h = std::min(gray.rows, w);
            const cv::Rect centre((gray.cols - w) / 2, (gray.rows - h) / 2, w, h);
            if (auto codes = decoder_.decode(grayView(gray(centre))); !codes.empty())
                return codes;
        }
    } catch (const cv::Exception&) {
        // Fall through to the whole frame; OpenCV errors stop at the driver edge.
    }
    if (strategy_.fullFrameFallback) {
        if (auto codes = decoder_.decode(grayView(gray)); !codes.empty())
            return codes;
    }
    if (!strategy_.equalizeContrast || small.empty())
        return {};
    try {
        static thread_local const auto clahe = cv::createCLAHE(2.0, cv::Size(8, 8));
        cv::Mat equalized;
        clahe->apply(small, equalized);
        return decoder_.decode(grayView(equalized));
    } catch (const cv::Exception&) {
        return {};
    }
}

} // namespace drivers
