// SPDX-License-Identifier: Apache-2.0
// Test helpers: QR codes rendered with libqrencode into OpenCV frames (OpenCV draws and writes
// test frames only; the drivers do not use it), grey views of them, and recorded
// keyboard-wedge streams (struct input_event) as a scanner's evdev node delivers them.
#pragma once

#include "drivers/code_scanner/evdev/us_keymap.h"
#include "drivers/code_scanner/zxing_decoder.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <qrencode.h>

#include <cstdint>
#include <linux/input.h>
#include <string>
#include <vector>

namespace test_support {

/// `text` as a QR code (8-bit mode, level M) with a 4-module quiet zone, `module` pixels per
/// module, black on white, centred in a white `frame`-sized grey image.
inline cv::Mat qrFrame(const std::string& text, int module = 6, cv::Size frame = {640, 480})
{
    QRcode* qr =
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
    cv::Mat image(frame, CV_8UC1, cv::Scalar(255));
    if (qr == nullptr)
        return image;
    const int side = qr->width * module;
    const int x0 = (frame.width - side) / 2;
    const int y0 = (frame.height - side) / 2;
    for (int y = 0; y < qr->width; ++y)
        for (int x = 0; x < qr->width; ++x)
            if ((qr->data[y * qr->width + x] & 1) != 0)
                cv::rectangle(image, cv::Rect(x0 + x * module, y0 + y * module, module, module),
                              cv::Scalar(0), cv::FILLED);
    QRcode_free(qr);
    return image;
}

/// A GrayView over an 8-bit grey Mat (or ROI of one): the row stride is Mat::step, so regions
/// that are not continuous in memory are read correctly.
inline drivers::GrayView grayView(const cv::Mat& gray)
{
    drivers::GrayView view;
    view.data = gray.data;
    view.width = gray.cols;
    view.height = gray.rows;
    view.rowStride = static_cast<int>(gray.step);
    return view;
}

/// The input_event stream a wedge scanner sends for `text` followed by `terminatorKey`:
/// MSC_SCAN, key press, SYN, key release, SYN per key, shift pressed around shifted ones.
inline std::vector<std::uint8_t> wedgeRecording(const std::string& text,
                                                std::uint16_t terminatorKey = KEY_ENTER)
{
    std::vector<input_event> events;
    auto push = [&](std::uint16_t type, std::uint16_t code, std::int32_t value) {
        input_event event{};
        event.type = type;
        event.code = code;
        event.value = value;
        events.push_back(event);
    };
    auto stroke = [&](std::uint16_t key) {
        push(EV_MSC, MSC_SCAN, 0x70000 + key);
        push(EV_KEY, key, 1);
        push(EV_SYN, SYN_REPORT, 0);
        push(EV_KEY, key, 0);
        push(EV_SYN, SYN_REPORT, 0);
    };
    for (const char c : text) {
        const auto key = drivers::evdev::keyForChar(c);
        if (!key)
            continue; // a wedge cannot type it
        if (key->shift)
            push(EV_KEY, KEY_LEFTSHIFT, 1);
        stroke(key->keyCode);
        if (key->shift)
            push(EV_KEY, KEY_LEFTSHIFT, 0);
    }
    stroke(terminatorKey);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(events.data());
    return {bytes, bytes + events.size() * sizeof(input_event)};
}

} // namespace test_support
