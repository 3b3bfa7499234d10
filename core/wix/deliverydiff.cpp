#include "wix/deliverydiff.h"

#include "wix/tokeninspection.h"

QVector<JsonChange> diffDeliveryBodies(const QByteArray &left, const QByteArray &right)
{
    const JwtVerifier noKeys;
    const QJsonObject a = inspectToken(left, noKeys).decodedTree();
    const QJsonObject b = inspectToken(right, noKeys).decodedTree();
    static const QSet<QString> ignored = {QStringLiteral("payload.iat"),
                                          QStringLiteral("payload.exp"),
                                          QStringLiteral("payload.nbf")};
    return diffJson(a, b, ignored);
}
