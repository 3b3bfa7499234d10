#pragma once

#include "jwt/verdictreason.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// A compact JWS split and decoded, without any judgement of its signature.
struct CompactJws
{
    QByteArray signingInput; // segment0 "." segment1, exactly as received
    QByteArray headerBytes;  // decoded header JSON text
    QByteArray payloadBytes; // decoded payload JSON text
    QByteArray signature;    // decoded signature bytes (may be empty)
    QByteArray signatureSegment;
    QJsonObject header;
    QJsonObject payload;
    QString alg;
};

struct JwsParseResult
{
    VerdictReason reason = VerdictReason::Valid; // Valid when parsing succeeded
    QString message;                             // says what is wrong, in words
    CompactJws jws;

    bool ok() const { return reason == VerdictReason::Valid; }
};

// Parses a compact JWS. Surrounding whitespace (a trailing newline, CRLF) is
// tolerated; whitespace inside the token is not.
JwsParseResult parseCompactJws(const QByteArray &token);
