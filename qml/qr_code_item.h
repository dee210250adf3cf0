// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::QrCodeItem: a QR code drawn on screen (the receipt's, when the paper did not come
// out, so the citizen can photograph it). Symbols come from libqrencode, as on paper.
#pragma once

#include <QQuickPaintedItem>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk::ui {

/// Paints `text` as a QR code (level M), black on white with a quiet zone of four modules,
/// scaled to the item's size. Empty text paints nothing.
class QrCodeItem : public QQuickPaintedItem {
    Q_OBJECT
    QML_NAMED_ELEMENT(QrCode)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    /// Modules per side without the quiet zone (0 without a symbol), for tests.
    Q_PROPERTY(int modules READ modules NOTIFY textChanged)

public:
    explicit QrCodeItem(QQuickItem* parent = nullptr);

    [[nodiscard]] QString text() const { return text_; }
    void setText(const QString& text);
    [[nodiscard]] int modules() const { return width_; }

    void paint(QPainter* painter) override;

signals:
    void textChanged();

private:
    QString text_;
    int width_ = 0;
    std::vector<bool> dark_; ///< width_ x width_, row by row
};

} // namespace kiosk::ui
