#pragma once

#include <QHash>
#include <QIdentityProxyModel>
#include <QJsonValue>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <atomic>
#include <memory>

class ColumnValueLoader;
class DeliveryListModel;
class QTimer;

// The delivery list with columns of the user's choosing after the list's own:
// each shows one JSON path of the decoded tree ("Add as list column" in the
// Decoded tab). Values are read lazily, only for rows a view asks about, by a
// loader in another thread, and cached per seq; until a value is there its cell
// is empty. Sorting on such a column (by SortRole, numbers and strings of digits
// as numbers, missing values last) sorts the values read so far and follows as
// more arrive. Its source must be a
// DeliveryListModel; other roles of an added cell are its row's (for colouring).
class ExtraColumnsProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExtraColumnsProxyModel)

public:
    static constexpr int kMaxTextLength = 300;

    explicit ExtraColumnsProxyModel(QObject *parent = nullptr);
    ~ExtraColumnsProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;
    DeliveryListModel *deliveryModel() const { return m_deliveries; }
    // Where values are read from; the cache is dropped when it changes.
    void setSessionPath(const QString &path);
    QString sessionPath() const { return m_sessionPath; }

    QStringList columnPaths() const { return m_paths; }
    void setColumnPaths(const QStringList &paths);
    // Appends a column for `path`; false when there is one already.
    bool addColumn(const QString &path);
    bool removeColumn(const QString &path);
    int firstExtraColumn() const;
    // The path an added column shows; empty for the list's own columns.
    QString pathForColumn(int column) const;
    // "first" for payload.data.data.contact.name.first; the whole path is the tooltip.
    static QString headerFor(const QString &path);
    // How a value is written in a cell: strings as they are, the rest as compact JSON.
    static QString cellText(const QJsonValue &value);

    // For tests and the status bar: how many deliveries have their values cached.
    int cachedCount() const { return int(m_cache.size()); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

signals:
    void columnPathsChanged(const QStringList &paths);

private:
    struct Cell
    {
        QString text;
        QVariant
            sortKey; // double for numbers (and numeric strings), text otherwise, null when absent
    };

    bool isExtra(int column) const;
    void request(qint64 seq) const;
    void sendRequests();
    void onLoaded(quint64 generation, const QVector<qint64> &seqs,
                  const QVector<QVector<QJsonValue>> &values);
    void dropCache();

    QPointer<DeliveryListModel> m_deliveries;
    QString m_sessionPath;
    QStringList m_paths;
    QHash<qint64, QVector<Cell>> m_cache;
    mutable QSet<qint64> m_requested; // asked for, answer not yet in
    mutable QVector<qint64> m_toSend;
    QTimer *m_sendTimer;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    QThread m_thread;
    ColumnValueLoader *m_loader;
};
