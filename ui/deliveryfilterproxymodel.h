#pragma once

#include "filter/deliveryfilter.h"
#include "models/deliverylistmodel.h"

#include <QPointer>
#include <QSortFilterProxyModel>

// The delivery list as shown: rows the filter bar's DeliveryFilter accepts, sorted
// by DeliveryListModel::SortRole. The filter reads the source's rows directly, so
// filtering costs no QVariant per row. Its source must be a DeliveryListModel, or
// an ExtraColumnsProxyModel over one (its rows are the list's rows).
class DeliveryFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryFilterProxyModel)

public:
    explicit DeliveryFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *sourceModel) override;
    DeliveryListModel *deliveryModel() const { return m_deliveries; }

    const DeliveryFilter &filter() const { return m_filter; }
    void setFilter(const DeliveryFilter &filter);
    // The seq of the delivery shown at proxy row `row`, or 0.
    qint64 seqAt(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QPointer<DeliveryListModel> m_deliveries;
    DeliveryFilter m_filter;
};
