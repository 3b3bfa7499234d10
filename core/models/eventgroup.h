#pragma once

#include "analysis/deliveryanalysis.h"
#include "analysis/retryplan.h"

#include <QString>
#include <QVector>

// One delivery of an event, as the event groups view lists it.
struct EventGroupDelivery
{
    qint64 seq = 0;
    qint64 arrivalMs = 0;
    bool answeredOk = true; // what Wix saw: a 2xx within 1250 ms (the app's answer when forwarding)
    QString answer;         // "500", "200 after 1300 ms"
    DuplicateKind duplicateKind = DuplicateKind::None;
    int duplicateIndex = 0;
    int likelyRetryAttempt = 0;
};

// One distinct event (analysis.duplicateOf groups its copies) with its deliveries.
struct EventGroup
{
    qint64 firstSeq = 0; // the seq its copies name in duplicateOf
    QString eventType;
    QString entity; // entity key, "app events · <instance>", "legacy · <instance>"
    QString instanceId;
    QString eventId;
    qint64 eventTimeMs = 0;                 // 0 when the event has no time
    QVector<EventGroupDelivery> deliveries; // arrival order

    qint64 firstArrivalMs() const;
    qint64 lastArrivalMs() const;
    // Wix is (or was) retrying it: a delivery answered non-2xx or late, or one at a retry offset.
    bool retried() const;
    QString answersText() const; // "500, 500, 200"
    RetryPlan retryPlan() const;
};
