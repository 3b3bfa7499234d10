#include "analysismodels.h"

#include "models/eventgroupsmodel.h"
#include "models/expertinfomodel.h"
#include "models/forwardlatencymodel.h"
#include "models/timelinemodel.h"

AnalysisModels::AnalysisModels(QObject *parent)
    : QObject(parent)
    , m_timeline(new TimelineModel(this))
    , m_eventGroups(new EventGroupsModel(this))
    , m_expertInfo(new ExpertInfoModel(this))
    , m_forwardLatency(new ForwardLatencyModel(this))
{}

void AnalysisModels::appendDeliveries(const QVector<Delivery> &deliveries)
{
    if (deliveries.isEmpty())
        return;
    m_timeline->appendDeliveries(deliveries);
    m_eventGroups->appendDeliveries(deliveries);
    m_expertInfo->appendDeliveries(deliveries);
    m_forwardLatency->appendDeliveries(deliveries);
}

void AnalysisModels::appendFindings(const QVector<Delivery> &deliveries)
{
    if (!deliveries.isEmpty())
        m_expertInfo->appendDeliveries(deliveries);
}

void AnalysisModels::appendRecent(const QVector<Delivery> &deliveries)
{
    if (deliveries.isEmpty())
        return;
    m_timeline->appendDeliveries(deliveries);
    m_eventGroups->appendDeliveries(deliveries);
    m_forwardLatency->appendDeliveries(deliveries);
}

void AnalysisModels::clear()
{
    m_timeline->clear();
    m_eventGroups->clear();
    m_expertInfo->clear();
    m_forwardLatency->clear();
    setOmittedCount(0);
}

void AnalysisModels::setOmittedCount(int count)
{
    if (count == m_omitted)
        return;
    m_omitted = count;
    Q_EMIT omittedCountChanged(count);
}

Delivery AnalysisModels::withoutPayload(Delivery delivery)
{
    delivery.headers.clear();
    delivery.body.clear();
    delivery.tokenDigest.clear();
    delivery.answerBody.clear();
    if (delivery.forward)
        delivery.forward->body.clear();
    return delivery;
}
