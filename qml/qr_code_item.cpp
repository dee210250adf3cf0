// SPDX-License-Identifier: Apache-2.0
#include "qml/qr_code_item.h"

#include <QPainter>

#include <qrencode.h>

#include <cmath>
#include <memory>

namespace kiosk::ui {

namespace {

constexpr int quietZone = 4;

} // namespace

QrCodeItem::QrCodeItem(QQuickItem* parent) : QQuickPaintedItem(parent)
{
    setAntialiasing(false);
}

void QrCodeItem::setText(const QString& text)
{
    if (text == text_)
        return;
    text_ = text;
    width_ = 0;
    dark_.clear();
    const auto utf8 = text.toUtf8();
    if (!utf8.isEmpty()) {
        const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
            QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
        if (code) {
            width_ = code->width;
            dark_.resize(static_cast<std::size_t>(width_) * static_cast<std::size_t>(width_));
            for (std::size_t i = 0; i < dark_.size(); ++i)
                dark_[i] = (code->data[i] & 1) != 0; // bit 0: a dark module
        }
    }
    emit textChanged();
    update();
}

void QrCodeItem::paint(QPainter* painter)
{
    if (width_ == 0)
        return;
    const int side = width_ + 2 * quietZone;
    // Whole pixels per module where there is room: no seams between modules.
    const qreal fit = std::min(width(), height()) / side;
    const qreal module = fit >= 1 ? std::floor(fit) : fit;
    painter->fillRect(QRectF(0, 0, module * side, module * side), Qt::white);
    for (int y = 0; y < width_; ++y)
        for (int x = 0; x < width_; ++x)
            if (dark_[static_cast<std::size_t>(y * width_ + x)])
                painter->fillRect(
                    QRectF((x + quietZone) * module, (y + quietZone) * module, module, module),
                    Qt::black);
}

} // namespace kiosk::ui
