#include "signaturedelegate.h"

#include "jwt/verdict.h"
#include "models/deliverylistmodel.h"
#include "statusdot.h"

#include <QIcon>
#include <QPainter>
#include <QPixmap>

#include <array>

SignatureDelegate::SignatureDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QColor SignatureDelegate::statusColor(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return QColor(0x37, 0xb2, 0x4d);
    case SignatureStatus::Invalid:
        return QColor(0xf0, 0x3e, 0x3e);
    case SignatureStatus::Unverified:
        return QColor(0xad, 0xb5, 0xbd);
    case SignatureStatus::Malformed:
        break;
    }
    return QColor(0xf5, 0x9f, 0x00);
}

QIcon SignatureDelegate::statusIcon(SignatureStatus status)
{
    static const std::array<QIcon, 4> icons = {
        statusDot(statusColor(SignatureStatus::Valid)),
        statusDot(statusColor(SignatureStatus::Invalid)),
        statusDot(statusColor(SignatureStatus::Unverified)),
        statusDot(statusColor(SignatureStatus::Malformed)),
    };
    const auto slot = static_cast<std::size_t>(status);
    return slot < icons.size() ? icons.at(slot) : QIcon();
}

void SignatureDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant status = index.data(DeliveryListModel::SignatureStatusRole);
    if (!status.isValid())
        return;
    option->icon = statusIcon(static_cast<SignatureStatus>(status.toInt()));
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(kStatusDotPixels, kStatusDotPixels);
}
