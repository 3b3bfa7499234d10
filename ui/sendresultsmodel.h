#pragma once

#include "send/scenariorunner.h"

#include <QAbstractTableModel>
#include <QVector>

// A scenario's attempts as the Send panel lists them: event, attempt, time,
// status, latency and outcome, one row per attempt in the order they finished.
class SendResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendResultsModel)

public:
    enum Column {
        EventColumn,
        AttemptColumn,
        TimeColumn,
        StatusColumn,
        LatencyColumn,
        OutcomeColumn,
        ColumnCount
    };
    enum Role {
        DeliveredRole = Qt::UserRole + 1, // bool
    };

    explicit SendResultsModel(QObject *parent = nullptr);

    void append(const SendAttempt &attempt);
    void clear();
    const SendAttempt &attemptAt(int row) const { return m_attempts.at(row); }

    static QString attemptText(const SendAttempt &attempt);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<SendAttempt> m_attempts;
};
