#pragma once

#include "capture/delivery.h"

#include <QObject>
#include <QVector>

class EventGroupsModel;
class ExpertInfoModel;
class ForwardLatencyModel;
class TimelineModel;

// The session's analysis views' source models, fed together with the delivery
// list: the same committed batches, in the same order, cleared together.
class AnalysisModels final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnalysisModels)

public:
    explicit AnalysisModels(QObject *parent = nullptr);

    TimelineModel *timeline() const { return m_timeline; }
    EventGroupsModel *eventGroups() const { return m_eventGroups; }
    ExpertInfoModel *expertInfo() const { return m_expertInfo; }
    ForwardLatencyModel *forwardLatency() const { return m_forwardLatency; }

    // Views that keep one entry per delivery (timeline, event groups, handler latency)
    // are given at most the latest kWindow of a session read back: a million would not
    // fit in memory. The expert info keeps every finding of the session.
    static constexpr int kWindow = 100000;

    // New deliveries: to every model.
    void appendDeliveries(const QVector<Delivery> &deliveries);
    // A session read back: the findings of all its deliveries, for the expert info...
    void appendFindings(const QVector<Delivery> &deliveries);
    // ...and its latest deliveries (at most kWindow), for the other views.
    void appendRecent(const QVector<Delivery> &deliveries);
    void clear();
    // How many of the session's first deliveries the per-delivery views leave out.
    int omittedCount() const { return m_omitted; }
    void setOmittedCount(int count);

    // What the models keep of a delivery: everything but the payloads (body,
    // headers, answers), which stay in the session.
    static Delivery withoutPayload(Delivery delivery);

Q_SIGNALS:
    void omittedCountChanged(int count);

private:
    TimelineModel *m_timeline;
    EventGroupsModel *m_eventGroups;
    ExpertInfoModel *m_expertInfo;
    ForwardLatencyModel *m_forwardLatency;
    int m_omitted = 0;
};
