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

    void appendDeliveries(const QVector<Delivery> &deliveries);
    void clear();

    // What the models keep of a delivery: everything but the payloads (body,
    // headers, answers), which stay in the session.
    static Delivery withoutPayload(Delivery delivery);

private:
    TimelineModel *m_timeline;
    EventGroupsModel *m_eventGroups;
    ExpertInfoModel *m_expertInfo;
    ForwardLatencyModel *m_forwardLatency;
};
