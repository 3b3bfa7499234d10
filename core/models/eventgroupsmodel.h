#pragma once

#include "capture/delivery.h"
#include "models/eventgroup.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QVector>

// One row per distinct event, its deliveries as children. A delivery joins the
// group of the seq its analysis names in duplicateOf; deliveries that are not Wix
// events (no envelope) are left out. Groups are only ever appended, and a batch
// of deliveries is one insert per group it touches plus one for its new groups.
class EventGroupsModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventGroupsModel)

public:
    enum Column {
        EventTypeColumn, // child rows: "#seq"
        EntityColumn,    // child rows: "first delivery", "retry #2", "redundant copy #1"
        DeliveriesColumn,
        FirstArrivalColumn, // child rows: the delivery's arrival
        LastArrivalColumn,
        AnswersColumn, // child rows: its answer
        ColumnCount
    };
    enum Role {
        SeqRole = Qt::UserRole + 1, // qint64: a child's seq, a group's first seq
        RetriedRole,                // bool: the group is (or was) being retried
        AnsweredOkRole,             // bool, child rows: answered 2xx in time
        SortRole,                   // numbers as numbers, times as ms
    };

    explicit EventGroupsModel(QObject *parent = nullptr);

    void appendDeliveries(const QVector<Delivery> &deliveries);
    void clear();

    int groupCount() const { return int(m_groups.size()); }
    const EventGroup &groupAt(int row) const { return m_groups.at(row); }
    int groupRowForSeq(qint64 seq) const;                      // -1 when the seq is in no group
    QModelIndex indexForSeq(qint64 seq, int column = 0) const; // the delivery's child row
    int retriedGroupCount() const { return m_retried; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

    static EventGroupDelivery groupDeliveryOf(const Delivery &delivery);
    static QString deliveryRoleText(const EventGroupDelivery &delivery); // "retry #2", ...

private:
    QVariant groupData(const EventGroup &group, int column, int role) const;
    QVariant deliveryData(const EventGroupDelivery &delivery, int column, int role) const;

    QVector<EventGroup> m_groups;
    QHash<qint64, int> m_groupOfSeq;    // every seq, and every duplicateOf seen, to its group
    QHash<qint64, int> m_childRowOfSeq; // a delivery's row inside its group
    int m_retried = 0;
};
