#include "importcheck.h"

#include "analysis/deliveryanalyzer.h"
#include "capture/deliveryinspector.h"
#include "models/deliveryrow.h"
#include "store/storedheaders.h"

#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

namespace {
bool sameHeaders(const QVector<HttpHeader> &a, const QVector<HttpHeader> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const HttpHeader &x, const HttpHeader &y) {
                          return x.name == y.name && x.value == y.value;
                      });
}

bool sameForward(const std::optional<ForwardResult> &a, const std::optional<ForwardResult> &b)
{
    if (!a || !b)
        return !a && !b;
    return a->status == b->status && a->latencyMs == b->latencyMs && a->body == b->body &&
           a->error == b->error;
}

// Text as a session holds it: UTF-8, where a lone surrogate becomes '?'.
QString asStored(const QString &text)
{
    return QString::fromUtf8(text.toUtf8());
}

// The session's JSON columns (JsonTextWriter) of what hostile input made: the headers
// read back byte for byte, the findings as written. The first that does not, or nullptr.
const char *storedColumnDifference(const Delivery &delivery)
{
    if (!sameHeaders(
            StoredHeaders::fromJson(QString::fromUtf8(StoredHeaders::toJson(delivery.headers))),
            delivery.headers))
        return "headers column";
    const QVector<Finding> &findings = delivery.analysis.findings;
    const QVector<Finding> read =
        DeliveryAnalysis::findingsFromJson(QString::fromUtf8(delivery.analysis.findingsJson()));
    const bool same =
        std::equal(findings.begin(), findings.end(), read.begin(), read.end(),
                   [](const Finding &x, const Finding &y) {
                       return x.severity == y.severity && asStored(x.code) == y.code &&
                              asStored(x.message) == y.message && x.relatedSeq == y.relatedSeq;
                   });
    return same ? nullptr : "findings column";
}

// The first field that did not survive the round trip, or nullptr.
const char *firstDifference(const Delivery &a, const Delivery &b)
{
    if (a.arrivalMs != b.arrivalMs)
        return "arrival";
    if (a.method != b.method || a.path != b.path || a.query != b.query)
        return "request line";
    if (!sameHeaders(a.headers, b.headers))
        return "headers";
    if (a.body != b.body || a.size != b.size || a.bodyKind != b.bodyKind)
        return "body";
    if (a.peer != b.peer)
        return "peer";
    if (a.answerStatus != b.answerStatus || a.answerBody != b.answerBody ||
        a.answerDelayMs != b.answerDelayMs)
        return "answer";
    if (!sameForward(a.forward, b.forward))
        return "forward";
    return nullptr;
}
} // namespace

void checkImported(const ImportResult &result)
{
    for (const ImportError &error : result.errors)
        (void)error.toString();
    // No key: every token is decoded and marked unverified, as an import without --key.
    static const JwtVerifier verifier;
    DeliveryAnalyzer analyzer;
    qint64 seq = 1;
    for (Delivery delivery : result.deliveries) {
        inspectDelivery(delivery, verifier);
        delivery.seq = seq++;
        delivery.analysis = analyzer.analyze(AnalysisInput::fromDelivery(delivery));
        (void)DeliveryRow::fromDelivery(delivery);
        if (const char *column = storedColumnDifference(delivery)) {
            std::fprintf(stderr, "an imported delivery's %s does not read back\n", column);
            std::abort();
        }

        const QByteArray line = QJsonDocument(delivery.toJson()).toJson(QJsonDocument::Compact);
        const ImportResult again = readJsonLines(line, QStringLiteral("export.jsonl"));
        const char *difference = again.deliveries.size() == 1
                                     ? firstDifference(delivery, again.deliveries.front())
                                     : "the line";
        if (difference) {
            std::fprintf(stderr, "an imported delivery does not read back: %s differs\n%s\n%s\n",
                         difference, line.constData(),
                         again.errors.isEmpty() ? "" : qPrintable(again.errors.front().toString()));
            std::abort();
        }
    }
    (void)analyzer.staleEntities();
}
