#include "analysis/deliveryanalysis.h"

#include "json/jsontextwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Note:
        return QStringLiteral("note");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        break;
    }
    return QStringLiteral("error");
}

QJsonObject Finding::toJson() const
{
    QJsonObject json{{QStringLiteral("severity"), severityName(severity)},
                     {QStringLiteral("code"), code},
                     {QStringLiteral("message"), message}};
    json.insert(QStringLiteral("related"), relatedSeq > 0 ? QJsonValue(relatedSeq) : QJsonValue());
    return json;
}

Severity DeliveryAnalysis::worstSeverity() const
{
    Severity worst = Severity::Note;
    for (const Finding &finding : findings)
        worst = qMax(worst, finding.severity);
    return worst;
}

void DeliveryAnalysis::writeJson(QJsonObject &json) const
{
    const auto orNull = [](qint64 value) { return value > 0 ? QJsonValue(value) : QJsonValue(); };
    json.insert(QStringLiteral("duplicate_of"), orNull(duplicateOf));
    json.insert(QStringLiteral("duplicate_kind"),
                duplicateKind == DuplicateKind::None
                    ? QJsonValue()
                    : QJsonValue(duplicateKind == DuplicateKind::Retry
                                     ? QStringLiteral("retry")
                                     : QStringLiteral("redundant")));
    json.insert(QStringLiteral("out_of_order_after"), orNull(outOfOrderAfter));
    json.insert(QStringLiteral("sequence_gap"), orNull(sequenceGap));
    json.insert(QStringLiteral("likely_retry_attempt"), orNull(likelyRetryAttempt));
    QJsonArray list;
    for (const Finding &finding : findings)
        list.append(finding.toJson());
    json.insert(QStringLiteral("findings"), list);
}

QByteArray DeliveryAnalysis::findingsJson() const
{
    // What QJsonDocument writes for the list of toJson()'s objects, keys in its order.
    JsonTextWriter json;
    json.beginArray();
    for (const Finding &finding : findings) {
        json.beginObject();
        json.key(QLatin1String("code"));
        json.string(finding.code);
        json.key(QLatin1String("message"));
        json.string(finding.message);
        json.key(QLatin1String("related"));
        if (finding.relatedSeq > 0)
            json.integer(finding.relatedSeq);
        else
            json.null();
        json.key(QLatin1String("severity"));
        json.string(severityName(finding.severity));
        json.endObject();
    }
    json.endArray();
    return json.take();
}

QVector<Finding> DeliveryAnalysis::findingsFromJson(const QString &text)
{
    QVector<Finding> findings;
    for (const QJsonValue &value : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const QJsonObject object = value.toObject();
        Finding finding;
        const QString severity = object.value(QStringLiteral("severity")).toString();
        finding.severity = severity == QLatin1String("error")     ? Severity::Error
                           : severity == QLatin1String("warning") ? Severity::Warning
                                                                  : Severity::Note;
        finding.code = object.value(QStringLiteral("code")).toString();
        finding.message = object.value(QStringLiteral("message")).toString();
        finding.relatedSeq = object.value(QStringLiteral("related")).toInteger();
        findings.append(finding);
    }
    return findings;
}
