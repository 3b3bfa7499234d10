#include "models/deliverydiffmodel.h"

#include <QJsonArray>
#include <QJsonDocument>

DeliveryDiffModel::DeliveryDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DeliveryDiffModel::setChanges(QVector<JsonChange> changes)
{
    beginResetModel();
    m_changes = std::move(changes);
    endResetModel();
}

void DeliveryDiffModel::clear()
{
    setChanges({});
}

QString DeliveryDiffModel::opText(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return QStringLiteral("added");
    case JsonChange::Kind::Removed:
        return QStringLiteral("removed");
    case JsonChange::Kind::Changed:
        break;
    }
    return QStringLiteral("changed");
}

QString DeliveryDiffModel::valueText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QString();
    // Wrapped in an array so scalars serialise too.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

int DeliveryDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int DeliveryDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeliveryDiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size())
        return {};
    const JsonChange &change = m_changes.at(index.row());
    if (role == KindRole)
        return int(change.kind);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case OpColumn:
        return opText(change.kind);
    case PathColumn:
        return change.path;
    case LeftColumn:
        return valueText(change.left);
    case RightColumn:
        return valueText(change.right);
    default:
        return {};
    }
}

QVariant DeliveryDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {"Op", "Path", "Left", "Right"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(titles[section])
                                                 : QVariant();
}
