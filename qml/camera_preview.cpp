// SPDX-License-Identifier: Apache-2.0
#include "qml/camera_preview.h"

#include "base/secure_buffer.h"

#include <QMetaObject>
#include <QPainter>

namespace kiosk::ui {

namespace {

/// Zeroes an image's pixels if this is its only owner (a shared one is zeroed by the last).
void zero(QImage& image)
{
    if (!image.isNull() && image.isDetached())
        base::secureZero(image.bits(), static_cast<std::size_t>(image.sizeInBytes()));
    image = QImage();
}

/// A converted frame on its way to the GUI thread; zeroed if it never arrives.
struct FrameInTransit {
    QImage image;
    ~FrameInTransit() { zero(image); }
};

} // namespace

CameraFeed::CameraFeed(QObject* parent) : QObject(parent) {}

CameraFeed::~CameraFeed()
{
    preview_.reset();
    clear();
}

void CameraFeed::setCamera(const std::shared_ptr<hal::DocumentCamera>& camera)
{
    preview_.reset();
    if (!camera)
        return;
    // On the camera's thread: the conversion (a copy of a small frame) is done here, so the
    // GUI thread only swaps the finished image in.
    preview_ = camera->preview.connect([this](const hal::PreviewFrame& frame) {
        if (frame.width <= 0 || frame.height <= 0 ||
            frame.rgb.size() < static_cast<std::size_t>(frame.stride) * frame.height)
            return;
        auto converted = std::make_shared<FrameInTransit>();
        converted->image =
            QImage(frame.rgb.data(), frame.width, frame.height, frame.stride, QImage::Format_RGB888)
                .copy();
        QMetaObject::invokeMethod(
            this, [this, converted] { show(std::exchange(converted->image, {})); },
            Qt::QueuedConnection);
    });
}

void CameraFeed::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    if (!active) {
        clear();
        emit frameChanged();
    }
}

void CameraFeed::show(QImage image)
{
    if (!active_) {
        zero(image); // a frame that travelled while the screen went
        return;
    }
    zero(frame_);
    frame_ = std::move(image);
    ++frames_;
    emit frameChanged();
}

void CameraFeed::clear()
{
    zero(frame_);
    frames_ = 0;
}

CameraPreview::CameraPreview(QQuickItem* parent) : QQuickPaintedItem(parent)
{
    setOpaquePainting(true);
}

void CameraPreview::setFeed(CameraFeed* feed)
{
    if (feed == feed_)
        return;
    disconnect(frameChanged_);
    feed_ = feed;
    if (feed_)
        frameChanged_ = connect(feed_, &CameraFeed::frameChanged, this, [this] { update(); });
    update();
    emit feedChanged();
}

void CameraPreview::paint(QPainter* painter)
{
    // Runs while the GUI thread waits for the scene graph's sync: the frame cannot change.
    const QRectF area(0, 0, width(), height());
    painter->fillRect(area, Qt::black);
    if (!feed_ || feed_->frame().isNull())
        return;
    const auto& frame = feed_->frame();
    QSizeF size = frame.size();
    size.scale(area.size(), Qt::KeepAspectRatio);
    const QRectF target(area.center() - QPointF(size.width() / 2, size.height() / 2), size);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawImage(target, frame);
}

} // namespace kiosk::ui
