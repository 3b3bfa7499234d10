#pragma once

#include "jwt/compactjws.h"
#include "wix/wixevent.h"

#include <QJsonObject>
#include <QStringList>

struct WixDecoding
{
    WixEvent event;
    QStringList notes; // where the token departs from Wix's format, in words

    bool hasEnvelope() const { return event.shape != WixEventShape::None; }
};

// Reads the typed event from a token's claims: data (a string of JSON) ->
// eventType, instanceId, data (a string of JSON again), identity (again).
// Needs no valid signature; never fails: what cannot be read becomes a note.
// Cheap enough for every delivery: the full tree is expandJsonStrings()'s job.
WixDecoding decodeWixClaims(const QJsonObject &claims);
// The same from a parsed token, fast: simdjson reads the envelope straight from
// the "data" claim's text, no QJsonObject built; anything it cannot read as Qt
// would (not JSON to it, not objects) is read by decodeWixClaims instead.
WixDecoding decodeWixToken(const CompactJws &jws);
