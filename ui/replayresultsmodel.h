#pragma once

#include "send/scenariorunner.h"

#include <QAbstractTableModel>
#include <QVector>

// A replay's sends as its results table lists them: the recorded delivery, which
// copy (an injected duplicate is copy 2), the status, the latency and the outcome,
// one row per send in the order they finished.
class ReplayResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayResultsModel)

public:
    enum Column {
        DeliveryColumn,
        CopyColumn,
        StatusColumn,
        LatencyColumn,
        OutcomeColumn,
        ColumnCount
    };
    enum Role {
        DeliveredRole = Qt::UserRole + 1, // bool
        SeqRole,                          // qint64: the recorded delivery
    };

    explicit ReplayResultsModel(QObject *parent = nullptr);

    // `seqs[i]` is the recorded delivery of the plan's event i.
    void setSeqs(const QVector<qint64> &seqs);
    void append(const SendAttempt &attempt);
    void clear();
    const SendAttempt &attemptAt(int row) const { return m_attempts.at(row); }

    // "delivered", "failed: HTTP 500", "failed: no answer within 1250 ms", ...

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<qint64> m_seqs;
    QVector<SendAttempt> m_attempts;
};
