#include "wix/tokeninspection.h"

#include <QJsonArray>

QJsonObject TokenInspection::decodedTree(QSet<QString> *stringifiedPaths) const
{
    QJsonObject tree;
    tree.insert(QLatin1String("header"), parsed.jws.header());
    const ExpandedJson payload = expandJsonStrings(parsed.jws.payload(), QStringLiteral("payload"));
    tree.insert(QLatin1String("payload"), payload.value);
    if (stringifiedPaths)
        *stringifiedPaths = payload.stringifiedPaths;
    return tree;
}

QJsonObject TokenInspection::toVerdictJson() const
{
    QJsonObject json = verdict.toJson();
    json.insert(QLatin1String("header"), parsed.jws.header());
    json.insert(QLatin1String("claims"), parsed.jws.payload());
    json.insert(QLatin1String("event"),
                decoding.hasEnvelope() ? QJsonValue(decoding.event.toJson()) : QJsonValue());
    json.insert(QLatin1String("notes"), QJsonArray::fromStringList(decoding.notes));
    return json;
}

TokenInspection inspectToken(const QByteArray &token, const JwtVerifier &verifier)
{
    TokenInspection inspection;
    inspection.parsed = parseCompactJws(token);
    inspection.verdict = verifier.verify(inspection.parsed);
    if (inspection.parsed.jws.payloadIsObject)
        inspection.decoding = decodeWixToken(inspection.parsed.jws);
    return inspection;
}
