// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_document_camera.h"

#include "drivers/transport/image_codec.h"
#include "hal/errc.h"

#include <algorithm>

namespace drivers::fake {

namespace {

constexpr int width = FakeDocumentCamera::captureWidth;
constexpr int height = FakeDocumentCamera::captureHeight;

struct Rgb {
    std::uint8_t r, g, b;
};

void fill(std::vector<std::uint8_t>& image, int x0, int y0, int x1, int y1, Rgb colour)
{
    for (int y = std::max(y0, 0); y < std::min(y1, height); ++y)
        for (int x = std::max(x0, 0); x < std::min(x1, width); ++x) {
            auto* pixel = &image[(static_cast<std::size_t>(y) * width + x) * 3];
            pixel[0] = colour.r;
            pixel[1] = colour.g;
            pixel[2] = colour.b;
        }
}

/// A red ring, as a seal on a certificate.
void ring(std::vector<std::uint8_t>& image, int cx, int cy, int radius, int thickness)
{
    const int inner = (radius - thickness) * (radius - thickness);
    for (int y = cy - radius; y <= cy + radius; ++y)
        for (int x = cx - radius; x <= cx + radius; ++x) {
            const int d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            if (d <= radius * radius && d >= inner)
                fill(image, x, y, x + 1, y + 1, {200, 30, 30});
        }
}

/// Nearest-neighbour scaling to at most hal::previewMaxWidth: cheap and good enough to aim.
hal::PreviewFrame scaleForPreview(const std::vector<std::uint8_t>& page)
{
    hal::PreviewFrame frame;
    frame.width = std::min(width, hal::previewMaxWidth);
    frame.height = height * frame.width / width;
    frame.stride = frame.width * 3;
    frame.rgb.resize(static_cast<std::size_t>(frame.stride) * frame.height);
    for (int y = 0; y < frame.height; ++y) {
        const int sy = y * height / frame.height;
        for (int x = 0; x < frame.width; ++x) {
            const int sx = x * width / frame.width;
            std::copy_n(&page[(static_cast<std::size_t>(sy) * width + sx) * 3], 3,
                        &frame.rgb[static_cast<std::size_t>(y) * frame.stride + x * 3]);
        }
    }
    return frame;
}

} // namespace

std::vector<std::uint8_t> FakeDocumentCamera::syntheticPage(std::uint32_t mark)
{
    std::vector<std::uint8_t> page(static_cast<std::size_t>(width) * height * 3);
    fill(page, 0, 0, width, height, {90, 96, 104});   // the desk
    fill(page, 250, 60, 1350, 1140, {250, 250, 246}); // the sheet
    fill(page, 330, 130, 1270, 200, {30, 30, 30});    // title bar
    for (int line = 0; line < 9; ++line)              // text lines
        fill(page, 330, 260 + line * 48, line % 3 == 2 ? 900 : 1270, 280 + line * 48, {60, 60, 60});
    for (int row = 0; row <= 4; ++row) // a table
        fill(page, 330, 720 + row * 70, 1270, 723 + row * 70, {40, 40, 40});
    for (const int column : {330, 640, 950, 1267})
        fill(page, column, 720, column + 3, 1003, {40, 40, 40});
    ring(page, 1120, 1050, 70, 10); // the seal
    // The mark: its four bytes as the grey levels of the last four 16x16 blocks, the last ones a
    // JPEG encodes, so the end of the file differs with the mark.
    constexpr int block = 16;
    for (int byte = 0; mark != 0 && byte < 4; ++byte) {
        const auto level = static_cast<std::uint8_t>(mark >> (8 * byte));
        const int x = width - (4 - byte) * block;
        fill(page, x, height - block, x + block, height, {level, level, level});
    }
    return page;
}

FakeDocumentCamera::FakeDocumentCamera(const base::Clock& clock, std::uint32_t mark)
    : hal::DocumentCamera("fake", "FakeDocumentCamera", clock), page_(syntheticPage(mark))
{
}

FakeDocumentCamera::~FakeDocumentCamera()
{
    shutDownPreview();
}

void FakeDocumentCamera::unplug()
{
    {
        std::lock_guard lock(mutex_);
        plugged_ = false;
    }
    reportDisconnected("unplugged");
}

void FakeDocumentCamera::plug()
{
    {
        std::lock_guard lock(mutex_);
        plugged_ = true;
    }
    reportReconnected();
}

void FakeDocumentCamera::failNext(base::Error error)
{
    std::lock_guard lock(mutex_);
    failures_.push_back(std::move(error));
}

bool FakeDocumentCamera::cameraOn() const
{
    std::lock_guard lock(mutex_);
    return streamOn_;
}

std::optional<base::Error> FakeDocumentCamera::failure()
{
    if (!plugged_)
        return base::Error{make_error_code(hal::errc::no_device), "fake camera is unplugged"};
    if (failures_.empty())
        return std::nullopt;
    auto error = std::move(failures_.front());
    failures_.pop_front();
    return error;
}

base::Result<void> FakeDocumentCamera::openCameraImpl()
{
    std::lock_guard lock(mutex_);
    if (!plugged_)
        return base::fail(hal::errc::no_device, "fake camera is unplugged");
    return {};
}

void FakeDocumentCamera::closeCameraImpl() {}

base::Result<void> FakeDocumentCamera::startStreamImpl()
{
    std::lock_guard lock(mutex_);
    if (auto error = failure())
        return base::fail(*error);
    streamOn_ = true;
    return {};
}

void FakeDocumentCamera::stopStreamImpl()
{
    std::lock_guard lock(mutex_);
    streamOn_ = false;
}

base::Result<hal::PreviewFrame> FakeDocumentCamera::previewFrameImpl()
{
    std::lock_guard lock(mutex_);
    if (auto error = failure())
        return base::fail(*error);
    return scaleForPreview(page_);
}

base::Result<hal::JpegPhoto> FakeDocumentCamera::captureImpl()
{
    {
        std::lock_guard lock(mutex_);
        if (auto error = failure())
            return base::fail(*error);
    }
    auto jpeg = drivers::encodeJpeg(page_.data(), width, height, width * 3);
    if (!jpeg)
        return base::fail(jpeg.error());
    return hal::JpegPhoto(std::move(*jpeg), width, height);
}

} // namespace drivers::fake
