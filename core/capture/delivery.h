#pragma once

#include "analysis/deliveryanalysis.h"
#include "jwt/verdict.h"
#include "wix/wixevent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

struct HttpHeader
{
    QByteArray name;
    QByteArray value;
};

// What a request's body is, so non-JWT posts are labelled, never dropped.
enum class BodyKind { Jwt, MalformedJwt, Empty, Json, Form, Text, Binary, Oversize };
QString bodyKindName(BodyKind kind);
BodyKind bodyKindFromName(const QString &name); // Binary when unknown
BodyKind classifyBody(const QByteArray &body, const QByteArray &contentType, bool isJws);

// The developer's own receiver's answer, in forward mode.
struct ForwardResult
{
    int status = 0; // 0: no HTTP answer (error or timeout)
    qint64 latencyMs = 0;
    QByteArray body;
    QString error;

    // Wix fails a delivery on a non-2xx, a timeout (1250 ms) or any error.
    bool wixWouldRetry() const;
};

// One captured request with everything Hookscope read from it.
struct Delivery
{
    qint64 seq = 0;       // 1, 2, ... in arrival order; given by the store
    qint64 arrivalMs = 0; // UTC, milliseconds since the epoch
    QString method;
    QString path;
    QString query;
    QVector<HttpHeader> headers; // in order, original case, duplicates kept
    QByteArray body;             // byte for byte (empty when oversize)
    QByteArray tokenDigest;      // SHA-256 of the trimmed body once worked out; see
                                 // AnalysisInput::tokenDigestOf(const Delivery &)
    qint64 size = 0;             // body size as announced or received
    QString peer;
    BodyKind bodyKind = BodyKind::Empty;

    int answerStatus = 200;
    QByteArray answerBody;
    int answerDelayMs = 0;
    std::optional<ForwardResult> forward;

    // The verdict and the event, as summary fields (the full tree is rebuilt from body).
    SignatureStatus signature = SignatureStatus::Malformed;
    VerdictReason reason = VerdictReason::EmptyToken;
    QString verdictMessage;
    QString keyName;
    QStringList warnings;
    WixEvent event;
    DeliveryAnalysis analysis; // filled in arrival order by the ingest pipeline

    // {"seq", "arrival", "method", "path", "query", "headers", "body", "size", "peer",
    //  "bodyKind", "answer", "forward", "verdict", "event"}; body as text when UTF-8, else base64.
    QJsonObject toJson() const;
    // The request and answer fields of toJson()'s form (verdict, event and analysis
    // are read again from the body on import). nullopt with a reason when malformed.
    static std::optional<Delivery> fromJson(const QJsonObject &json, QString *error);
};
