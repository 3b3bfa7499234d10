#include "models/deliveryrow.h"

DeliveryRow DeliveryRow::fromDelivery(const Delivery &d)
{
    DeliveryRow row;
    row.seq = d.seq;
    row.arrivalMs = d.arrivalMs;
    row.method = d.method;
    row.target = d.query.isEmpty() ? d.path : d.path + QLatin1Char('?') + d.query;
    row.eventType = d.event.eventType;
    row.instanceId = d.event.instanceId;
    row.entity = d.event.entityKey();
    if (!d.event.identityTypeText.isEmpty())
        row.identity = d.event.identityTypeText + QLatin1Char(' ') + d.event.identityId;
    row.keyName = d.keyName;
    row.reasonCode = ::reasonCode(d.reason);
    row.size = d.size;
    row.answerStatus = d.answerStatus;
    row.signature = d.signature;
    row.bodyKind = d.bodyKind;
    row.wixWouldRetry = d.forward && d.forward->wixWouldRetry();
    row.hasWarnings = !d.warnings.isEmpty();
    row.analysisFlags = d.analysis.flags;
    return row;
}
