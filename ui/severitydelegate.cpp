#include "severitydelegate.h"

#include "analysis/deliveryanalysis.h"
#include "statusdot.h"

#include <QIcon>
#include <QPainter>
#include <QPixmap>

#include <array>

SeverityDelegate::SeverityDelegate(int severityRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(severityRole)
{}

QColor SeverityDelegate::severityColor(Severity severity)
{
    // Wireshark's expert info: errors red, warnings yellow, notes cyan.
    switch (severity) {
    case Severity::Error:
        return QColor(0xe5, 0x39, 0x35);
    case Severity::Warning:
        return QColor(0xf9, 0xa8, 0x25);
    case Severity::Note:
        break;
    }
    return QColor(0x29, 0xb6, 0xf6);
}

QIcon SeverityDelegate::severityIcon(Severity severity)
{
    static const std::array<QIcon, 3> icons = {statusDot(severityColor(Severity::Note)),
                                               statusDot(severityColor(Severity::Warning)),
                                               statusDot(severityColor(Severity::Error))};
    const auto slot = static_cast<std::size_t>(severity);
    return slot < icons.size() ? icons.at(slot) : QIcon();
}

void SeverityDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != 0)
        return;
    const QVariant severity = index.data(m_role);
    if (!severity.isValid())
        return;
    option->icon = severityIcon(static_cast<Severity>(severity.toInt()));
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(kStatusDotPixels, kStatusDotPixels);
}
