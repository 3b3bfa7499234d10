#include "reportcommand.h"

#include "commandusage.h"
#include "sessionargument.h"

#include "analysis/deliveryanalyzer.h"
#include "store/sessionstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
QString flagWords(const DeliveryAnalysis &a)
{
    QStringList words;
    if (a.duplicateKind == DuplicateKind::Retry)
        words << QStringLiteral("dup(retry) of #%1").arg(a.duplicateOf);
    else if (a.duplicateKind == DuplicateKind::Redundant)
        words << QStringLiteral("dup(redundant) of #%1").arg(a.duplicateOf);
    if (a.outOfOrderAfter > 0)
        words << QStringLiteral("out-of-order after #%1").arg(a.outOfOrderAfter);
    if (a.sequenceGap > 0)
        words << QStringLiteral("gap %1").arg(a.sequenceGap);
    if (a.likelyRetryAttempt > 0)
        words << QStringLiteral("retry attempt %1").arg(a.likelyRetryAttempt);
    if (a.has(FlagMissingCreate))
        words << QStringLiteral("no create");
    if (a.has(FlagAfterDelete))
        words << QStringLiteral("after delete");
    if (a.has(FlagStaleState))
        words << QStringLiteral("stale state");
    if (a.has(FlagBadSignature))
        words << QStringLiteral("bad signature");
    return words.join(QStringLiteral(", "));
}
} // namespace

int runReportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Analyse a session: duplicates (retry or redundant), out-of-order arrivals, sequence gaps, "
        "likely retries, lifecycle anomalies and stale state. One line per delivery, or with "
        "--json one object per line; then a summary line."));
    const QCommandLineOption session = sessionOption();
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line."));
    parser.addOptions({session, json});
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("report takes no arguments."));
    SessionStore store;
    if (const int code = openSessionArgument(parser, store); code >= 0)
        return code;

    // Analysed afresh from the stored columns: deterministic, whatever analysed it before.
    const bool asJson = parser.isSet(json);
    DeliveryAnalyzer analyzer;
    qint64 deliveries = 0;
    qint64 duplicates = 0;
    qint64 outOfOrder = 0;
    qint64 gaps = 0;
    qint64 retries = 0;
    qint64 invalid = 0;
    QString out;
    store.forEachAnalysisInput(0, [&](const AnalysisInput &input) {
        const DeliveryAnalysis a = analyzer.analyze(input);
        ++deliveries;
        duplicates += a.has(FlagDuplicate);
        outOfOrder += a.has(FlagOutOfOrder);
        gaps += a.has(FlagSequenceGap);
        retries += a.has(FlagLateRetry);
        invalid += input.signature != SignatureStatus::Valid;
        const QString entity = DeliveryAnalyzer::entityKeyOf(input);
        if (asJson) {
            QJsonObject line{
                {QStringLiteral("seq"), input.seq},
                {QStringLiteral("arrival"), QDateTime::fromMSecsSinceEpoch(input.arrivalMs, Qt::UTC)
                                                .toString(Qt::ISODateWithMs)},
                {QStringLiteral("eventType"),
                 input.eventType.isEmpty() ? QJsonValue() : QJsonValue(input.eventType)},
                {QStringLiteral("eventId"),
                 input.eventId.isEmpty() ? QJsonValue() : QJsonValue(input.eventId)},
                {QStringLiteral("entity"), entity.isEmpty() ? QJsonValue() : QJsonValue(entity)},
                {QStringLiteral("valid"), input.signature == SignatureStatus::Valid}};
            a.writeJson(line);
            out += QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact));
        } else {
            out += QStringLiteral("#%1  %2  %3  %4  %5")
                       .arg(input.seq)
                       .arg(input.eventType.isEmpty() ? QStringLiteral("-") : input.eventType,
                            entity.isEmpty() ? QStringLiteral("-") : entity,
                            input.signature == SignatureStatus::Valid
                                ? QStringLiteral("valid")
                                : signatureStatusName(input.signature),
                            flagWords(a));
            for (const Finding &finding : a.findings)
                out += QStringLiteral("\n    %1 %2: %3")
                           .arg(severityName(finding.severity), finding.code, finding.message);
        }
        out += QLatin1Char('\n');
        if (out.size() > 1 << 16) {
            printOut(out);
            out.clear();
        }
    });
    const QString summary =
        QStringLiteral("%1 deliveries: %2 duplicates, %3 out of order, %4 with sequence gaps, %5 "
                       "likely retries, %6 not validly signed; %7 entities hold stale state for a "
                       "naive receiver")
            .arg(deliveries)
            .arg(duplicates)
            .arg(outOfOrder)
            .arg(gaps)
            .arg(retries)
            .arg(invalid)
            .arg(analyzer.staleEntities().size());
    if (asJson) {
        out +=
            QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("summary"), summary},
                                          {QStringLiteral("deliveries"), deliveries},
                                          {QStringLiteral("duplicates"), duplicates},
                                          {QStringLiteral("out_of_order"), outOfOrder},
                                          {QStringLiteral("sequence_gaps"), gaps},
                                          {QStringLiteral("likely_retries"), retries},
                                          {QStringLiteral("stale_entities"),
                                           QJsonArray::fromStringList(analyzer.staleEntities())}})
                    .toJson(QJsonDocument::Compact)) +
            QLatin1Char('\n');
    } else {
        out += summary + QLatin1Char('\n');
    }
    printOut(out);
    return ExitOk;
}
