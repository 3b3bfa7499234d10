#pragma once

#include "capture/delivery.h"

#include <QByteArray>
#include <QString>

// What the analyzer needs of one delivery: all of it is kept in the session's
// columns, so a session is analysed again on open without decoding a body.
struct AnalysisInput
{
    qint64 seq = 0;
    qint64 arrivalMs = 0;
    QString eventType;
    QString instanceId;
    QString eventId;
    QByteArray contentDigest; // for events without an id
    QByteArray tokenDigest;   // SHA-256 of the raw body
    QString entityFqdn;
    QString entityId;
    WixEventShape shape = WixEventShape::None;
    WixEventKind kind = WixEventKind::Unknown;
    QString sequence;           // entityEventSequence
    QString eventTime;          // full precision
    QString operationTimeStamp; // app-management events
    bool answeredOk = true;     // what Wix saw: a 2xx within 1250 ms
    QString answerSummary;      // "500", "200 after 1300 ms", for messages
    SignatureStatus signature = SignatureStatus::Malformed;
    QString reasonCode;
    BodyKind bodyKind = BodyKind::Empty;

    static AnalysisInput fromDelivery(const Delivery &delivery);
    // What Wix saw: in forward mode the app's answer, given after its latency.
    void setAnswer(int status, qint64 answeredAfterMs);
    static QByteArray tokenDigestOf(const QByteArray &body);
    // The delivery's tokenDigest when it holds one, else worked out from its body.
    static QByteArray tokenDigestOf(const Delivery &delivery);
};
