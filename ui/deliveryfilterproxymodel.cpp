#include "deliveryfilterproxymodel.h"

#include "extracolumnsproxymodel.h"
#include "filter/packedrowfilter.h"
#include "models/deliverycolumnorder.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace {
// Fewer blocks of new rows than this are inserted one by one; more are one layout change.
constexpr int kMaxInsertBlocks = 16;

// QSortFilterProxyModel's rule (QAbstractItemModelPrivate::isVariantLessThan), texts
// without regard to case: a missing value sorts after every other.
bool variantLess(const QVariant &left, const QVariant &right)
{
    if (!left.isValid())
        return false;
    if (!right.isValid())
        return true;
    switch (left.userType()) {
    case QMetaType::Int:
        return left.toInt() < right.toInt();
    case QMetaType::UInt:
        return left.toUInt() < right.toUInt();
    case QMetaType::LongLong:
        return left.toLongLong() < right.toLongLong();
    case QMetaType::ULongLong:
        return left.toULongLong() < right.toULongLong();
    case QMetaType::Float:
        return left.toFloat() < right.toFloat();
    case QMetaType::Double:
        return left.toDouble() < right.toDouble();
    case QMetaType::QDateTime:
        return left.toDateTime() < right.toDateTime();
    default:
        return left.toString().compare(right.toString(), Qt::CaseInsensitive) < 0;
    }
}
} // namespace

DeliveryFilterProxyModel::DeliveryFilterProxyModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_resort(new QTimer(this))
{
    // Values of an added column arrive in batches: one re-sort after each burst.
    m_resort->setSingleShot(true);
    m_resort->setInterval(0);
    connect(m_resort, &QTimer::timeout, this, &DeliveryFilterProxyModel::resortByExtraColumn);
}

DeliveryFilterProxyModel::~DeliveryFilterProxyModel() = default;

void DeliveryFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_deliveries = qobject_cast<DeliveryListModel *>(sourceModel);
    if (const auto *extra = qobject_cast<ExtraColumnsProxyModel *>(sourceModel))
        m_deliveries = extra->deliveryModel();
    Q_ASSERT(!sourceModel || m_deliveries);
    QAbstractProxyModel::setSourceModel(sourceModel);
    if (sourceModel) {
        using Model = QAbstractItemModel;
        // The list only ever appends or resets: anything else is taken as a reset too.
        const auto resetOn = [this, sourceModel](auto aboutToChange, auto changed) {
            m_connections << connect(sourceModel, aboutToChange, this,
                                     &DeliveryFilterProxyModel::beginResetModel);
            m_connections << connect(sourceModel, changed, this, [this] {
                rebuild();
                endResetModel();
            });
        };
        resetOn(&Model::modelAboutToBeReset, &Model::modelReset);
        resetOn(&Model::rowsAboutToBeRemoved, &Model::rowsRemoved);
        resetOn(&Model::rowsAboutToBeMoved, &Model::rowsMoved);
        resetOn(&Model::layoutAboutToBeChanged, &Model::layoutChanged);
        m_connections << connect(sourceModel, &Model::rowsInserted, this,
                                 &DeliveryFilterProxyModel::onRowsInserted);
        m_connections << connect(sourceModel, &Model::dataChanged, this,
                                 &DeliveryFilterProxyModel::onDataChanged);
        m_connections << connect(sourceModel, &Model::headerDataChanged, this,
                                 &DeliveryFilterProxyModel::headerDataChanged);
        m_connections << connect(sourceModel, &Model::columnsAboutToBeInserted, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (!parent.isValid())
                                         beginInsertColumns({}, first, last);
                                 });
        m_connections << connect(sourceModel, &Model::columnsInserted, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (parent.isValid())
                                         return;
                                     if (m_sortColumn >= first)
                                         m_sortColumn += last - first + 1;
                                     endInsertColumns();
                                 });
        m_connections << connect(sourceModel, &Model::columnsAboutToBeRemoved, this,
                                 [this](const QModelIndex &parent, int first, int last) {
                                     if (!parent.isValid())
                                         beginRemoveColumns({}, first, last);
                                 });
        m_connections << connect(sourceModel, &Model::columnsRemoved, this,
                                 &DeliveryFilterProxyModel::onColumnsRemoved);
    }
    rebuild();
    endResetModel();
}

void DeliveryFilterProxyModel::setFilter(const DeliveryFilter &filter)
{
    beginLayoutChange(QAbstractItemModel::NoLayoutChangeHint);
    m_filter = filter;
    rebuild();
    endLayoutChange(QAbstractItemModel::NoLayoutChangeHint);
}

void DeliveryFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    beginLayoutChange(QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    sortRows(m_rows);
    indexRows(0);
    endLayoutChange(QAbstractItemModel::VerticalSortHint);
}

qint64 DeliveryFilterProxyModel::seqAt(int row) const
{
    if (!m_deliveries || row < 0 || row >= rowCount())
        return 0;
    return m_deliveries->seqAt(m_rows[std::size_t(row)]);
}

std::vector<int> DeliveryFilterProxyModel::filteredRows(int first, int last) const
{
    std::vector<int> rows;
    if (!m_deliveries || m_filter.isEmpty()) {
        rows.resize(std::size_t(last - first + 1));
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = first + int(i);
        return rows;
    }
    PackedRowFilter filter(m_filter, m_deliveries->strings());
    for (int row = first; row <= last; ++row) {
        if (filter.matches(m_deliveries->packedRowAt(row)))
            rows.push_back(row);
    }
    return rows;
}

bool DeliveryFilterProxyModel::isSortedBySourceOrder() const
{
    // The list's rows are in seq (and arrival) order.
    return m_sortColumn < 0 || (m_sortOrder == Qt::AscendingOrder && m_deliveries &&
                                (m_sortColumn == DeliveryListModel::SeqColumn ||
                                 m_sortColumn == DeliveryListModel::ArrivalColumn));
}

bool DeliveryFilterProxyModel::sourceLess(int left, int right) const
{
    if (m_deliveries && m_sortColumn < DeliveryListModel::ColumnCount)
        return DeliveryColumnOrder(*m_deliveries, m_sortColumn).less(left, right);
    const QAbstractItemModel *source = sourceModel();
    return variantLess(source->index(left, m_sortColumn).data(DeliveryListModel::SortRole),
                       source->index(right, m_sortColumn).data(DeliveryListModel::SortRole));
}

bool DeliveryFilterProxyModel::before(int left, int right) const
{
    if (isSortedBySourceOrder())
        return left < right;
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    if (sourceLess(ascending ? left : right, ascending ? right : left))
        return true;
    if (sourceLess(ascending ? right : left, ascending ? left : right))
        return false;
    return left < right; // equal rows keep the source's order
}

void DeliveryFilterProxyModel::sortRows(std::vector<int> &rows) const
{
    if (isSortedBySourceOrder()) {
        std::sort(rows.begin(), rows.end());
        return;
    }
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    if (m_deliveries && m_sortColumn < DeliveryListModel::ColumnCount) {
        const std::vector<quint64> keys = DeliveryColumnOrder(*m_deliveries, m_sortColumn).keys();
        // Sorted as (key, row) pairs side by side: a million of them in a few tenths of a
        // second, where comparisons reaching into the rows would miss the cache each time.
        std::vector<std::pair<quint64, int>> keyed(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            keyed[i] = {ascending ? keys[std::size_t(rows[i])] : ~keys[std::size_t(rows[i])],
                        rows[i]};
        std::sort(keyed.begin(), keyed.end());
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = keyed[i].second;
        return;
    }
    // A column added from the decoded tree: its values as they have been read so far.
    const QAbstractItemModel *source = sourceModel();
    std::sort(rows.begin(), rows.end()); // equal values stay in the source's order
    std::vector<std::pair<QVariant, int>> keyed(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        keyed[i] = {source->index(rows[i], m_sortColumn).data(DeliveryListModel::SortRole),
                    rows[i]};
    std::stable_sort(keyed.begin(), keyed.end(), [ascending](const auto &a, const auto &b) {
        return ascending ? variantLess(a.first, b.first) : variantLess(b.first, a.first);
    });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = keyed[i].second;
}

void DeliveryFilterProxyModel::indexRows(std::size_t from)
{
    for (std::size_t i = from; i < m_rows.size(); ++i)
        m_proxyRows[std::size_t(m_rows[i])] = int(i);
}

void DeliveryFilterProxyModel::rebuild()
{
    const int count = sourceModel() ? sourceModel()->rowCount() : 0;
    m_rows = count > 0 ? filteredRows(0, count - 1) : std::vector<int>();
    sortRows(m_rows);
    m_proxyRows.assign(std::size_t(count), -1);
    indexRows(0);
}

void DeliveryFilterProxyModel::beginLayoutChange(QAbstractItemModel::LayoutChangeHint hint)
{
    emit layoutAboutToBeChanged({}, hint);
    m_savedPersistent = persistentIndexList();
    m_savedSource.clear();
    m_savedSource.reserve(std::size_t(m_savedPersistent.size()));
    for (const QModelIndex &index : std::as_const(m_savedPersistent))
        m_savedSource.emplace_back(m_rows[std::size_t(index.row())], index.column());
}

void DeliveryFilterProxyModel::endLayoutChange(QAbstractItemModel::LayoutChangeHint hint)
{
    QModelIndexList moved;
    moved.reserve(m_savedPersistent.size());
    for (const auto &[sourceRow, column] : m_savedSource) {
        const int row = m_proxyRows[std::size_t(sourceRow)];
        moved.append(row < 0 ? QModelIndex() : index(row, column));
    }
    changePersistentIndexList(m_savedPersistent, moved);
    m_savedPersistent.clear();
    m_savedSource.clear();
    emit layoutChanged({}, hint);
}

void DeliveryFilterProxyModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int added = last - first + 1;
    if (first < int(m_proxyRows.size())) {
        // Inserted before rows already mapped: those move down in the source.
        for (int &row : m_rows) {
            if (row >= first)
                row += added;
        }
        m_proxyRows.insert(m_proxyRows.begin() + first, std::size_t(added), -1);
        indexRows(0);
    } else {
        m_proxyRows.resize(m_proxyRows.size() + std::size_t(added), -1);
    }
    std::vector<int> fresh = filteredRows(first, last);
    if (fresh.empty())
        return;
    sortRows(fresh);
    // Where each new row goes among the rows shown, in blocks of neighbours.
    std::vector<std::pair<std::size_t, std::vector<int>>> blocks;
    for (const int row : fresh) {
        const auto at =
            std::size_t(std::upper_bound(m_rows.cbegin(), m_rows.cend(), row,
                                         [this](int a, int b) { return before(a, b); }) -
                        m_rows.cbegin());
        if (blocks.empty() || blocks.back().first != at)
            blocks.emplace_back(at, std::vector<int>());
        blocks.back().second.push_back(row);
    }
    if (int(blocks.size()) > kMaxInsertBlocks) {
        beginLayoutChange(QAbstractItemModel::NoLayoutChangeHint);
        m_rows.insert(m_rows.end(), fresh.begin(), fresh.end());
        sortRows(m_rows);
        indexRows(0);
        endLayoutChange(QAbstractItemModel::NoLayoutChangeHint);
        return;
    }
    std::size_t shift = 0;
    for (const auto &[at, rows] : blocks) {
        const std::size_t start = at + shift;
        beginInsertRows({}, int(start), int(start + rows.size()) - 1);
        m_rows.insert(m_rows.begin() + std::ptrdiff_t(start), rows.begin(), rows.end());
        indexRows(start);
        endInsertRows();
        shift += rows.size();
    }
}

void DeliveryFilterProxyModel::onDataChanged(const QModelIndex &topLeft,
                                             const QModelIndex &bottomRight,
                                             const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid())
        return;
    int low = -1;
    int high = -1;
    const int end = qMin(bottomRight.row(), int(m_proxyRows.size()) - 1);
    for (int row = topLeft.row(); row <= end; ++row) {
        const int shown = m_proxyRows[std::size_t(row)];
        if (shown < 0)
            continue;
        low = low < 0 ? shown : qMin(low, shown);
        high = qMax(high, shown);
    }
    if (low >= 0)
        emit dataChanged(index(low, topLeft.column()), index(high, bottomRight.column()), roles);
    if (m_sortColumn >= topLeft.column() && m_sortColumn <= bottomRight.column() &&
        (!m_deliveries || m_sortColumn >= DeliveryListModel::ColumnCount))
        m_resort->start();
}

void DeliveryFilterProxyModel::resortByExtraColumn()
{
    if (isSortedBySourceOrder())
        return;
    beginLayoutChange(QAbstractItemModel::VerticalSortHint);
    sortRows(m_rows);
    indexRows(0);
    endLayoutChange(QAbstractItemModel::VerticalSortHint);
}

void DeliveryFilterProxyModel::onColumnsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    if (m_sortColumn > last)
        m_sortColumn -= last - first + 1;
    else if (m_sortColumn >= first)
        m_sortColumn = -1; // the rows stay as they are
    endRemoveColumns();
}

QModelIndex DeliveryFilterProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex DeliveryFilterProxyModel::parent(const QModelIndex &) const
{
    return {}; // a flat table
}

QModelIndex DeliveryFilterProxyModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int DeliveryFilterProxyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeliveryFilterProxyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool DeliveryFilterProxyModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0;
}

QModelIndex DeliveryFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this ||
        proxyIndex.row() >= rowCount())
        return {};
    return sourceModel()->index(m_rows[std::size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex DeliveryFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() ||
        sourceIndex.parent().isValid() || sourceIndex.row() >= int(m_proxyRows.size()))
        return {};
    const int row = m_proxyRows[std::size_t(sourceIndex.row())];
    return row < 0 ? QModelIndex() : index(row, sourceIndex.column());
}

QVariant DeliveryFilterProxyModel::headerData(int section, Qt::Orientation orientation,
                                              int role) const
{
    if (!sourceModel())
        return {};
    if (orientation == Qt::Horizontal)
        return sourceModel()->headerData(section, orientation, role);
    if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
        return section + 1;
    return {};
}
