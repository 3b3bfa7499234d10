#pragma once

#include "jwt/compactjws.h"
#include "jwt/jwtverifier.h"
#include "wix/wixdecoder.h"
#include "json/jsonexpander.h"

// Everything Hookscope reads from one token: its parts, the verdict and the
// Wix event. Decoding never waits on a valid signature.
struct TokenInspection
{
    JwsParseResult parsed;
    Verdict verdict;
    WixDecoding decoding;

    bool isJws() const { return parsed.ok(); }
    // {"header", "payload", "event"}: the payload with every string of JSON expanded.
    QJsonObject decodedTree(QSet<QString> *stringifiedPaths = nullptr) const;
    // The `verify --json` object: valid, reason, message, key, warnings, header, claims, event.
    QJsonObject toVerdictJson() const;
};

TokenInspection inspectToken(const QByteArray &token, const JwtVerifier &verifier);
