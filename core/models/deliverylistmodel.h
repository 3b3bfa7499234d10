#pragma once

#include "models/deliveryrow.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QVector>

// The session's deliveries as a table. Rows arrive in batches (one insert per
// batch) and hold only summaries; the detail view loads a payload by seq.
class DeliveryListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryListModel)

public:
    enum Column {
        SeqColumn,
        ArrivalColumn,
        RequestColumn,
        EventTypeColumn,
        InstanceColumn,
        EntityColumn,
        IdentityColumn,
        SignatureColumn,
        SizeColumn,
        AnswerColumn,
        FlagsColumn,
        ColumnCount
    };
    enum Role {
        SeqRole = Qt::UserRole + 1, // qint64
        SignatureStatusRole,        // int(SignatureStatus), for delegates and colouring
        SortRole,                   // a value that sorts right (numbers as numbers)
        FlagsRole,                  // quint32 AnalysisFlag bits, for row colouring
    };

    explicit DeliveryListModel(QObject *parent = nullptr);

    void appendDeliveries(const QVector<Delivery> &deliveries);
    void appendRows(QVector<DeliveryRow> rows);
    void setRows(QVector<DeliveryRow> rows); // a whole session: one reset
    void clear();

    const DeliveryRow &rowAt(int row) const { return m_rows.at(row); }
    int rowForSeq(qint64 seq) const; // -1 when absent
    int invalidCount() const { return m_invalid; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString signatureText(const DeliveryRow &row);
    static QString flagsText(const DeliveryRow &row);

private:
    void intern(DeliveryRow &row);
    QString pooled(const QString &text);

    QVector<DeliveryRow> m_rows;
    QSet<QString> m_pool; // event types, instances, methods and keys repeat: share them
    int m_invalid = 0;
};
