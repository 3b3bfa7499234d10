#include "deliveryrowdelegate.h"

#include "analysisflagstyle.h"
#include "jwt/verdict.h"
#include "models/deliverylistmodel.h"
#include "signaturedelegate.h"

DeliveryRowDelegate::DeliveryRowDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_signatureColumn(DeliveryListModel::SignatureColumn)
{}

void DeliveryRowDelegate::applyRowColours(QStyleOptionViewItem *option, const QModelIndex &index)
{
    const QVariant flags = index.data(DeliveryListModel::FlagsRole);
    if (!flags.isValid())
        return;
    const auto category = AnalysisFlagStyle::categoryOf(flags.toUInt());
    if (category == AnalysisFlagStyle::Category::None)
        return;
    option->backgroundBrush = AnalysisFlagStyle::rowBackground(category);
    // Light backgrounds need dark text, also under a dark palette.
    const QColor text = AnalysisFlagStyle::rowText(category);
    option->palette.setColor(QPalette::Text, text);
    option->palette.setColor(QPalette::WindowText, text);
}

void DeliveryRowDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    applyRowColours(option, index);
    if (index.column() != m_signatureColumn)
        return;
    const QVariant status = index.data(DeliveryListModel::SignatureStatusRole);
    if (!status.isValid())
        return;
    option->icon = SignatureDelegate::statusIcon(static_cast<SignatureStatus>(status.toInt()));
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(12, 12);
}
