#pragma once

#include "jwt/base64urldecoder.h"

#include <QByteArray>
#include <QList>

// The base64url decoding of a JWT's segments on its own: Hookscope's decoder (OpenSSL's
// EVP_DecodeBlock behind the URL alphabet's mapping), which the least receiver uses too,
// or Qt's, for the record. How many of `segments` (a token split at its dots) failed.
inline int undecodableSegments(const QList<QByteArray> &segments,
                               bool (*decode)(QByteArrayView, QByteArray *) = decodeBase64Url)
{
    int failures = 0;
    QByteArray decoded;
    for (const QByteArray &segment : segments)
        failures += decode(segment, &decoded) ? 0 : 1;
    return failures;
}
