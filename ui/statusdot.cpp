#include "statusdot.h"

#include <QPainter>
#include <QPixmap>

QIcon statusDot(const QColor &color)
{
    QIcon icon;
    for (const qreal scale : {1.0, 2.0}) {
        QPixmap pixmap(QSize(kStatusDotPixels, kStatusDotPixels) * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(color.darker(130), 1));
        painter.setBrush(color);
        painter.drawEllipse(QRectF(1.5, 1.5, kStatusDotPixels - 3, kStatusDotPixels - 3));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}
