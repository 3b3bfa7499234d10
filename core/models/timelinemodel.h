#pragma once

#include "capture/delivery.h"

#include <QAbstractListModel>
#include <QHash>
#include <QStringList>
#include <QVector>

// One lane of the timeline: an entity, or the instance's app events, or its legacy events.
struct TimelineLane
{
    QString key;   // "wix.contacts.v4.contact/4b01...", "app/<instance>", "legacy/<instance>"
    QString label; // what the lane's gutter shows
    int eventCount = 0;
    int maxStack = 0; // the deepest duplicate stack in the lane
};

// One delivery as the timeline draws it.
struct TimelineEvent
{
    qint64 seq = 0;
    qint64 arrivalMs = 0;
    double eventTimeMs = 0; // eventTime (to the microsecond), or the arrival when it has none
    bool hasEventTime = false;
    int lane = 0;
    int stack = 0; // 0 for an event's first delivery, k for duplicate #k
    quint32 flags = 0;
    DuplicateKind duplicateKind = DuplicateKind::None;
    qint64 duplicateOf = 0;
    int likelyRetryAttempt = 0;
    int answerStatus = 0;
    QString eventType;
    QString eventTime;    // as sent
    QString sequence;     // entityEventSequence
    QStringList findings; // "warning dup.redundant: ..."

    double lowMs() const { return qMin(eventTimeMs, double(arrivalMs)); }
    double highMs() const { return qMax(eventTimeMs, double(arrivalMs)); }
};

// The timeline's data: events in arrival (seq) order, lanes in the order they
// first appear. Appending never reorders lanes or rows, so a batch is one insert.
class TimelineModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        LaneRole,
        StackRole,
        EventTimeMsRole, // double
        ArrivalMsRole,
        FlagsRole, // AnalysisFlag bits
    };

    explicit TimelineModel(QObject *parent = nullptr);

    void appendDeliveries(const QVector<Delivery> &deliveries);
    void clear();

    int laneCount() const { return int(m_lanes.size()); }
    const TimelineLane &laneAt(int lane) const { return m_lanes.at(lane); }
    const QVector<int> &laneRows(int lane) const { return m_laneRows.at(lane); }
    int laneForKey(const QString &key) const { return m_laneOfKey.value(key, -1); }
    int eventCount() const { return int(m_events.size()); }
    const TimelineEvent &eventAt(int row) const { return m_events.at(row); }
    int rowForSeq(qint64 seq) const { return m_rowOfSeq.value(seq, -1); }

    // Over event times and arrivals; 0 when empty.
    double minTimeMs() const { return m_minMs; }
    double maxTimeMs() const { return m_maxMs; }
    // How far an event mark can lie before (lag) or after (lead) its arrival: lets a
    // view find the visible events by arrival alone.
    double maxLagMs() const { return m_maxLagMs; }
    double maxLeadMs() const { return m_maxLeadMs; }
    bool arrivalsSorted() const { return m_arrivalsSorted; }
    // Rows whose arrival lies in [fromMs, toMs] (all rows when arrivals are not sorted).
    std::pair<int, int> rowsArrivingBetween(double fromMs, double toMs) const;

    QString summary(int row) const; // plain text, for the hover

    static QString laneKeyOf(const WixEvent &event);
    static QString laneLabelOf(const WixEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QVector<TimelineEvent> m_events;
    QVector<TimelineLane> m_lanes;
    QVector<QVector<int>> m_laneRows;
    QHash<QString, int> m_laneOfKey;
    QHash<qint64, int> m_rowOfSeq;
    double m_minMs = 0;
    double m_maxMs = 0;
    double m_maxLagMs = 0;
    double m_maxLeadMs = 0;
    bool m_arrivalsSorted = true;
};
