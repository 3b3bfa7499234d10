#pragma once

#include "models/deliveryrow.h"
#include "models/deliveryrowpage.h"
#include "models/stringpool.h"

#include <QAbstractTableModel>
#include <QVector>

// The session's deliveries as a table. Rows arrive in batches (one insert per
// batch) and hold only summaries, packed (PackedDeliveryRow, 64 bytes, texts shared
// through a StringPool); the detail view loads a payload by seq.
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
    void appendRows(const QVector<DeliveryRow> &rows);
    void setRows(const QVector<DeliveryRow> &rows); // a whole session: one reset
    // A page read by a SessionRowReader: the first page of a read replaces every row
    // (one reset), the others are appended (one insert each), also pages of a second
    // reader that read the rows after the first one's.
    void appendPage(const DeliveryRowPage &page, bool first);
    void clear();

    DeliveryRow rowAt(int row) const { return m_rows.at(row).unpack(m_strings); }
    const PackedDeliveryRow &packedRowAt(int row) const { return m_rows.at(row); }
    const StringPool &strings() const { return m_strings; }
    qint64 seqAt(int row) const { return m_rows.at(row).seq; }
    int rowForSeq(qint64 seq) const; // -1 when absent
    int invalidCount() const { return m_invalid; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString signatureText(const DeliveryRow &row);
    static QString flagsText(const DeliveryRow &row);
    // The same texts for a packed row of this model.
    QString signatureText(const PackedDeliveryRow &row) const;
    static QString flagsText(const PackedDeliveryRow &row);
    static QString sizeText(qint64 size);

private:
    void countInvalid(const PackedDeliveryRow &row);

    QVector<PackedDeliveryRow> m_rows;
    StringPool m_strings;
    // While a reader's pages arrive: this pool holds exactly the reader's strings (the
    // first page started both empty), so its ids need no mapping; otherwise m_readerIds
    // maps the reader's ids to this pool's.
    bool m_mirrorsReader = false;
    QVector<quint32> m_readerIds;
    int m_reader = 0;
    int m_invalid = 0;
};
