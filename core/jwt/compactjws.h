#pragma once

#include "jwt/jwtclaimfields.h"
#include "jwt/verdictreason.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// A compact JWS split and decoded, without any judgement of its signature.
struct CompactJws
{
    QByteArray signingInput; // segment0 "." segment1, exactly as received
    QByteArray headerBytes;  // decoded header JSON text
    QByteArray payloadBytes; // decoded payload JSON text
    QByteArray signature;    // decoded signature bytes (may be empty)
    QByteArray signatureSegment;
    bool headerIsObject = false;  // headerBytes hold a JSON object
    bool payloadIsObject = false; // payloadBytes hold a JSON object
    // What the verifier and the decoder read, taken in the parsing pass.
    QString alg;
    QString kid;               // when a string
    QStringList keyUrlHeaders; // "jku", "x5u": named in the header (never fetched)
    bool hasCrit = false;
    JwtClaimFields claims;

    // The header and payload as JSON objects (empty unless they are objects).
    // Parsed on each call: for views and reports, not for every delivery.
    QJsonObject header() const;
    QJsonObject payload() const;
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
