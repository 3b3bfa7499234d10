#include "extracolumnsproxymodel.h"

#include "columnvalueloader.h"
#include "models/deliverylistmodel.h"
#include "plaintooltip.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cmath>

ExtraColumnsProxyModel::ExtraColumnsProxyModel(QObject *parent)
    : QIdentityProxyModel(parent)
    , m_sendTimer(new QTimer(this))
    , m_generation(std::make_shared<std::atomic<quint64>>(1))
    , m_loader(new ColumnValueLoader(m_generation))
{
    m_thread.setObjectName(QStringLiteral("hookscope-columns"));
    m_loader->moveToThread(&m_thread);
    // Deleted in its own thread, where its connection to the session was opened.
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    connect(m_loader, &ColumnValueLoader::loaded, this, &ExtraColumnsProxyModel::onLoaded);
    m_thread.start();
    // The cells a paint asks for arrive one data() call at a time: send them together.
    m_sendTimer->setSingleShot(true);
    m_sendTimer->setInterval(0);
    connect(m_sendTimer, &QTimer::timeout, this, &ExtraColumnsProxyModel::sendRequests);
}

ExtraColumnsProxyModel::~ExtraColumnsProxyModel()
{
    m_generation->fetch_add(1); // the loader drops what it was doing
    m_thread.quit();
    m_thread.wait();
}

void ExtraColumnsProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    if (m_deliveries)
        disconnect(m_deliveries, nullptr, this, nullptr);
    m_deliveries = qobject_cast<DeliveryListModel *>(sourceModel);
    Q_ASSERT(!sourceModel || m_deliveries);
    dropCache();
    QIdentityProxyModel::setSourceModel(sourceModel);
    if (m_deliveries) {
        // A reset is a new set of deliveries (another session, or cleared).
        connect(m_deliveries, &QAbstractItemModel::modelReset, this,
                &ExtraColumnsProxyModel::dropCache);
    }
}

void ExtraColumnsProxyModel::setSessionPath(const QString &path)
{
    if (path == m_sessionPath)
        return;
    m_sessionPath = path;
    dropCache();
    if (!m_paths.isEmpty() && rowCount() > 0)
        emit dataChanged(index(0, firstExtraColumn()), index(rowCount() - 1, columnCount() - 1));
}

void ExtraColumnsProxyModel::dropCache()
{
    m_generation->fetch_add(1);
    m_cache.clear();
    m_requested.clear();
    m_toSend.clear();
}

int ExtraColumnsProxyModel::firstExtraColumn() const
{
    return sourceModel() ? sourceModel()->columnCount() : 0;
}

bool ExtraColumnsProxyModel::isExtra(int column) const
{
    return column >= firstExtraColumn() && column < columnCount();
}

QString ExtraColumnsProxyModel::pathForColumn(int column) const
{
    return isExtra(column) ? m_paths.at(column - firstExtraColumn()) : QString();
}

void ExtraColumnsProxyModel::setColumnPaths(const QStringList &paths)
{
    QStringList unique;
    for (const QString &path : paths) {
        if (!path.isEmpty() && !unique.contains(path))
            unique.append(path);
    }
    if (unique == m_paths)
        return;
    const int first = firstExtraColumn();
    if (!m_paths.isEmpty()) {
        beginRemoveColumns({}, first, first + int(m_paths.size()) - 1);
        m_paths.clear();
        dropCache();
        endRemoveColumns();
    }
    if (!unique.isEmpty()) {
        beginInsertColumns({}, first, first + int(unique.size()) - 1);
        m_paths = unique;
        dropCache();
        endInsertColumns();
    }
    emit columnPathsChanged(m_paths);
}

bool ExtraColumnsProxyModel::addColumn(const QString &path)
{
    if (path.isEmpty() || m_paths.contains(path))
        return false;
    const int column = firstExtraColumn() + int(m_paths.size());
    beginInsertColumns({}, column, column);
    m_paths.append(path);
    // Cached rows hold the old columns' values: read them again with the new one.
    dropCache();
    endInsertColumns();
    emit columnPathsChanged(m_paths);
    return true;
}

bool ExtraColumnsProxyModel::removeColumn(const QString &path)
{
    const qsizetype at = m_paths.indexOf(path);
    if (at < 0)
        return false;
    const int column = firstExtraColumn() + int(at);
    beginRemoveColumns({}, column, column);
    m_paths.removeAt(at);
    for (QVector<Cell> &cells : m_cache) {
        if (at < cells.size())
            cells.removeAt(at);
    }
    endRemoveColumns();
    emit columnPathsChanged(m_paths);
    return true;
}

QString ExtraColumnsProxyModel::headerFor(const QString &path)
{
    // The last key with the indexes after it: "first", "emails[0]", "[\"odd key\"]".
    qsizetype cut = path.size();
    while (cut > 0 && path.at(cut - 1) == QLatin1Char(']')) {
        const qsizetype open = path.lastIndexOf(QLatin1Char('['), cut - 1);
        if (open < 0)
            return path;
        cut = open;
        if (open + 1 < path.size() && path.at(open + 1) == QLatin1Char('"'))
            return path.mid(cut); // a quoted key (one without '[' inside)
    }
    if (cut == 0)
        return path;
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'), cut - 1);
    return path.mid(dot + 1);
}

QString ExtraColumnsProxyModel::cellText(const QJsonValue &value)
{
    QString text;
    switch (value.type()) {
    case QJsonValue::Undefined:
        return QString();
    case QJsonValue::String:
        text = value.toString();
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        break;
    default: {
        // A scalar as JSON writes it: 12, 1.5, true, null.
        const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        text = QString::fromUtf8(array.mid(1, array.size() - 2));
        break;
    }
    }
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.size() > kMaxTextLength ? text.left(kMaxTextLength) + QChar(0x2026) : text;
}

int ExtraColumnsProxyModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !sourceModel())
        return 0;
    return firstExtraColumn() + int(m_paths.size());
}

QModelIndex ExtraColumnsProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    if (!isExtra(column))
        return QIdentityProxyModel::index(row, column, parent);
    return createIndex(row, column);
}

QModelIndex ExtraColumnsProxyModel::parent(const QModelIndex &) const
{
    return {}; // a flat table
}

QModelIndex ExtraColumnsProxyModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

QModelIndex ExtraColumnsProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (proxyIndex.isValid() && isExtra(proxyIndex.column()))
        return {};
    return QIdentityProxyModel::mapToSource(proxyIndex);
}

bool ExtraColumnsProxyModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0;
}

Qt::ItemFlags ExtraColumnsProxyModel::flags(const QModelIndex &index) const
{
    if (index.isValid() && isExtra(index.column()))
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    return QIdentityProxyModel::flags(index);
}

QVariant ExtraColumnsProxyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !isExtra(index.column()))
        return QIdentityProxyModel::data(index, role);
    if (!m_deliveries || index.row() >= m_deliveries->rowCount())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case DeliveryListModel::SortRole:
        break;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        // Colours, flags, seq: the row's, as its first column has them.
        return QIdentityProxyModel::data(this->index(index.row(), 0), role);
    }
    const qint64 seq = m_deliveries->seqAt(index.row());
    const auto cached = m_cache.constFind(seq);
    if (cached == m_cache.cend()) {
        request(seq);
        return {};
    }
    const int at = index.column() - firstExtraColumn();
    if (at >= cached->size())
        return {};
    const Cell &cell = cached->at(at);
    if (role == DeliveryListModel::SortRole)
        return cell.sortKey;
    if (role == Qt::ToolTipRole)
        return cell.text; // the view makes it a plain tooltip
    return cell.text;
}

QVariant ExtraColumnsProxyModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || !isExtra(section))
        return QIdentityProxyModel::headerData(section, orientation, role);
    const QString path = pathForColumn(section);
    if (role == Qt::DisplayRole)
        return headerFor(path);
    if (role == Qt::ToolTipRole)
        return plainToolTip(path);
    return {};
}

void ExtraColumnsProxyModel::request(qint64 seq) const
{
    if (m_sessionPath.isEmpty() || m_requested.contains(seq))
        return;
    m_requested.insert(seq);
    m_toSend.append(seq);
    if (!m_sendTimer->isActive())
        m_sendTimer->start();
}

void ExtraColumnsProxyModel::sendRequests()
{
    if (m_paths.isEmpty())
        m_requested.clear();
    if (m_toSend.isEmpty() || m_paths.isEmpty()) {
        m_toSend.clear();
        return;
    }
    QVector<qint64> seqs;
    seqs.swap(m_toSend);
    const quint64 generation = m_generation->load();
    QMetaObject::invokeMethod(
        m_loader,
        [loader = m_loader, session = m_sessionPath, generation, paths = m_paths, seqs] {
            loader->load(session, generation, paths, seqs);
        },
        Qt::QueuedConnection);
}

void ExtraColumnsProxyModel::onLoaded(quint64 generation, const QVector<qint64> &seqs,
                                      const QVector<QVector<QJsonValue>> &values)
{
    if (generation != m_generation->load() || !m_deliveries)
        return;
    int first = -1;
    int last = -1;
    for (int i = 0; i < seqs.size(); ++i) {
        const qint64 seq = seqs.at(i);
        m_requested.remove(seq);
        QVector<Cell> cells;
        cells.reserve(values.at(i).size());
        for (const QJsonValue &value : values.at(i)) {
            Cell cell;
            cell.text = cellText(value);
            bool number = value.isDouble();
            double numeric = value.toDouble();
            if (value.isString()) // Wix writes entityEventSequence as a string of digits
                numeric = value.toString().toDouble(&number);
            if (number && std::isfinite(numeric))
                cell.sortKey = numeric;
            else if (!value.isUndefined())
                cell.sortKey = cell.text;
            cells.append(std::move(cell));
        }
        m_cache.insert(seq, std::move(cells));
        const int row = m_deliveries->rowForSeq(seq);
        if (row < 0)
            continue;
        first = first < 0 ? row : qMin(first, row);
        last = qMax(last, row);
    }
    if (first >= 0)
        emit dataChanged(index(first, firstExtraColumn()), index(last, columnCount() - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole, DeliveryListModel::SortRole});
}
