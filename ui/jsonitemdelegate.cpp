#include "jsonitemdelegate.h"

#include "models/jsontreemodel.h"

JsonItemDelegate::JsonItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void JsonItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (option->state.testFlag(QStyle::State_Selected))
        return; // the highlight's own text colour reads best
    QColor color;
    if (index.column() == JsonTreeModel::ValueColumn) {
        const QString type = index.data(JsonTreeModel::JsonTypeRole).toString();
        if (type == QLatin1String("object") || type == QLatin1String("array"))
            color = option->palette.color(QPalette::PlaceholderText);
        else if (type == QLatin1String("number"))
            color = QColor(0x18, 0x64, 0xab);
        else if (type == QLatin1String("bool") || type == QLatin1String("null"))
            color = QColor(0x9c, 0x36, 0xb5);
    } else if (index.column() == JsonTreeModel::TypeColumn) {
        if (index.data(JsonTreeModel::StringifiedRole).toBool()) {
            option->font.setItalic(true);
            color = QColor(0x70, 0x48, 0xe8);
        } else {
            color = option->palette.color(QPalette::PlaceholderText);
        }
    }
    if (color.isValid())
        option->palette.setColor(QPalette::Text, color);
}
