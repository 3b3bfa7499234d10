#include "wix/deliverytree.h"

#include "capture/delivery.h"
#include "wix/tokeninspection.h"
#include "json/jsonexpander.h"

#include <QJsonArray>
#include <QJsonDocument>

QJsonObject deliveryTree(const Delivery &delivery, const TokenInspection &inspection,
                         QSet<QString> *stringifiedPaths)
{
    QJsonObject tree;
    const CompactJws &jws = inspection.parsed.jws;
    if (jws.headerIsObject || jws.payloadIsObject)
        return inspection.decodedTree(stringifiedPaths);
    if (delivery.bodyKind != BodyKind::Json)
        return tree;
    const QJsonDocument document = QJsonDocument::fromJson(delivery.body);
    const QJsonValue value =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    ExpandedJson expanded = expandJsonStrings(value, QStringLiteral("body"));
    tree.insert(QLatin1String("body"), expanded.value);
    if (stringifiedPaths)
        *stringifiedPaths = std::move(expanded.stringifiedPaths);
    return tree;
}

QJsonObject deliveryTree(const Delivery &delivery)
{
    return deliveryTree(delivery, inspectToken(delivery.body, JwtVerifier()));
}
