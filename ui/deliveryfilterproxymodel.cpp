#include "deliveryfilterproxymodel.h"

#include "extracolumnsproxymodel.h"
#include "models/deliverylistmodel.h"

DeliveryFilterProxyModel::DeliveryFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DeliveryListModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void DeliveryFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_deliveries = qobject_cast<DeliveryListModel *>(sourceModel);
    if (const auto *extra = qobject_cast<ExtraColumnsProxyModel *>(sourceModel))
        m_deliveries = extra->deliveryModel();
    Q_ASSERT(!sourceModel || m_deliveries);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void DeliveryFilterProxyModel::setFilter(const DeliveryFilter &filter)
{
    m_filter = filter;
    invalidateRowsFilter();
}

qint64 DeliveryFilterProxyModel::seqAt(int row) const
{
    if (!m_deliveries || row < 0 || row >= rowCount())
        return 0;
    const QModelIndex source = mapToSource(index(row, 0));
    return source.isValid() ? m_deliveries->rowAt(source.row()).seq : 0;
}

bool DeliveryFilterProxyModel::filterAcceptsRow(int sourceRow,
                                                const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_deliveries)
        return false;
    return m_filter.isEmpty() || m_filter.matches(m_deliveries->rowAt(sourceRow));
}
