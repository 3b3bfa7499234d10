#pragma once

#include "json/jsondiff.h"

#include <QAbstractTableModel>

// A field-level diff (wix/deliverydiff.h) as a table: op, path, left, right.
// Values are compact JSON text; an absent side is empty.
class DeliveryDiffModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryDiffModel)

public:
    enum Column { OpColumn, PathColumn, LeftColumn, RightColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(JsonChange::Kind)
    };

    explicit DeliveryDiffModel(QObject *parent = nullptr);

    void setChanges(QVector<JsonChange> changes); // everything changes: one reset
    void clear();
    const QVector<JsonChange> &changes() const { return m_changes; }

    static QString opText(JsonChange::Kind kind); // "changed", "added", "removed"
    static QString valueText(const QJsonValue &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<JsonChange> m_changes;
};
