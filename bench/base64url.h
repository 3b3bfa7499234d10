#pragma once

#include <QByteArray>
#include <QList>

// Qt's base64url decoding of a JWT's segments, as every receiver on this stack does it: the
// benchmarks time it on its own and as part of the least receiver's work.
inline bool decodeBase64Url(const QByteArray &segment, QByteArray *decoded)
{
    auto result = QByteArray::fromBase64Encoding(
        segment, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                     QByteArray::AbortOnBase64DecodingErrors);
    *decoded = std::move(result.decoded);
    return result.decodingStatus == QByteArray::Base64DecodingStatus::Ok;
}

// Decodes each of `segments` (a token split at its dots): how many failed.
inline int undecodableSegments(const QList<QByteArray> &segments)
{
    int failures = 0;
    QByteArray decoded;
    for (const QByteArray &segment : segments)
        failures += decodeBase64Url(segment, &decoded) ? 0 : 1;
    return failures;
}
