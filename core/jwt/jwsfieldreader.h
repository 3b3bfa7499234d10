#pragma once

#include "jwt/compactjws.h"

#include <QJsonObject>

// Fills CompactJws's read fields (alg, kid, crit, key URLs, iat, exp, nbf, data)
// from its header and payload. When a key appears twice the last one wins, as
// with QJsonDocument, so both readers agree.
namespace JwsFieldReader {
// With simdjson, straight from headerBytes and payloadBytes. False when it
// cannot (not JSON to simdjson, not objects, too large, alg absent or not a
// string): the caller then takes Qt's path, which also says what is wrong.
bool readFast(CompactJws *jws);
void readHeader(const QJsonObject &header, CompactJws *jws);
void readClaims(const QJsonObject &payload, CompactJws *jws);
} // namespace JwsFieldReader
