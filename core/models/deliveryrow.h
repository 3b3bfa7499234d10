#pragma once

#include "capture/delivery.h"

#include <QString>

// One delivery as the list holds it: small, with repeated strings shared
// through the model's pool. Payloads stay in the session until asked for.
struct DeliveryRow
{
    qint64 seq = 0;
    qint64 arrivalMs = 0;
    QString method;
    QString target; // path and query
    QString eventType;
    QString instanceId;
    QString entity;   // entityFqdn/entityId
    QString identity; // "MEMBER 1234..."
    QString keyName;
    QString reasonCode;
    qint64 size = 0;
    int answerStatus = 0;
    SignatureStatus signature = SignatureStatus::Malformed;
    BodyKind bodyKind = BodyKind::Empty;
    bool wixWouldRetry = false; // forward mode: the app's answer would make Wix retry
    bool hasWarnings = false;
    quint32 analysisFlags = 0; // AnalysisFlag bits

    static DeliveryRow fromDelivery(const Delivery &delivery);
};
