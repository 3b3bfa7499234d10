#pragma once

#include "filter/deliveryfilter.h"
#include "models/deliverylistmodel.h"

#include <QAbstractProxyModel>
#include <QPersistentModelIndex>
#include <QPointer>

#include <vector>

class QTimer;

// The delivery list as shown: the rows the filter bar's DeliveryFilter accepts, sorted
// by a column as DeliveryListModel::SortRole orders it. Built for a million rows: the
// filter and the order are read from the list's packed rows (PackedRowFilter,
// DeliveryColumnOrder: no QVariant per row), and a filter or a sort is one layout
// change of a row map, where QSortFilterProxyModel compares through QVariants and
// removes and inserts each range that changed one by one. New rows are filtered and
// placed as they arrive (one insert per contiguous block). Its source must be a
// DeliveryListModel, or an ExtraColumnsProxyModel over one (its rows are the list's
// rows): columns of the latter sort by its SortRole and follow as their values arrive.
class DeliveryFilterProxyModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryFilterProxyModel)

public:
    explicit DeliveryFilterProxyModel(QObject *parent = nullptr);
    ~DeliveryFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;
    DeliveryListModel *deliveryModel() const { return m_deliveries; }

    const DeliveryFilter &filter() const { return m_filter; }
    void setFilter(const DeliveryFilter &filter);
    // The seq of the delivery shown at proxy row `row`, or 0.
    qint64 seqAt(int row) const;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // The source rows that pass the filter, in source order.
    std::vector<int> filteredRows(int first, int last) const;
    // Sorts source rows into the proxy's order.
    void sortRows(std::vector<int> &rows) const;
    bool before(int left, int right) const; // in the proxy's order, for source rows
    bool sourceLess(int left, int right) const;
    bool isSortedBySourceOrder() const;
    void rebuild();
    void indexRows(std::size_t from);
    void beginLayoutChange(QAbstractItemModel::LayoutChangeHint hint);
    void endLayoutChange(QAbstractItemModel::LayoutChangeHint hint);

    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);
    void onColumnsRemoved(const QModelIndex &parent, int first, int last);
    void resortByExtraColumn();

    QPointer<DeliveryListModel> m_deliveries;
    DeliveryFilter m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<int> m_rows;      // proxy row -> source row
    std::vector<int> m_proxyRows; // source row -> proxy row, -1 when filtered out
    QModelIndexList m_savedPersistent;
    std::vector<std::pair<int, int>> m_savedSource; // their source rows and columns
    QTimer *m_resort;
    QList<QMetaObject::Connection> m_connections;
};
