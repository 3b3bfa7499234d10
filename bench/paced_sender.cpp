// A paced load for soak runs (Debian's wrk has no rate option): posts Wix-shaped
// deliveries at a fixed rate over keep-alive connections (PacedSender) and checks every
// answer.
//   bench_paced_sender URL RATE SECONDS [CONNECTIONS]
// Each delivery is a distinct event (its own id, one of 200 contacts, that contact's
// next entityEventSequence) in Wix's token format; the signature is random bytes, as
// the soaked window has no key and marks tokens unverified. At the end one JSON line:
// {"sent", "answered2xx", "answeredOther", "dropped", "seconds", "rate", "p50Ms", "p99Ms",
//  "maxMs", "maxLagMs"}; exit 0 when every request was answered 2xx.
#include "pacedsender.h"

#include "send/eventtemplates.h"
#include "send/wixenvelope.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {
constexpr int kEntities = 200;

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The soak's deliveries, made one at a time in the sender's thread: 2,000/s for ten
// minutes is too much to hold in memory beforehand.
class SoakEvents
{
public:
    SoakEvents()
        : m_template(EventTemplates::find(QStringLiteral("contact_updated"))->envelope)
        , m_header(base64Url(R"({"alg":"RS256"})"))
        , m_sequences(kEntities, 0)
    {
        QByteArray signature(256, Qt::Uninitialized);
        for (char &c : signature)
            c = char(QRandomGenerator::global()->bounded(256));
        m_signature = base64Url(signature);
    }

    QByteArray body(int n)
    {
        const int entity = n % kEntities;
        QJsonObject envelope = m_template;
        QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
        data.insert(QStringLiteral("id"), QStringLiteral("soak-event-%1").arg(n));
        data.insert(QStringLiteral("entityId"), QStringLiteral("soak-contact-%1").arg(entity));
        data.insert(QStringLiteral("entityEventSequence"),
                    QString::number(++m_sequences[std::size_t(entity)]));
        data.insert(QStringLiteral("eventTime"),
                    QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        envelope.insert(QStringLiteral("data"), data);
        const QByteArray payload = base64Url(
            QJsonDocument(wixClaimsForEnvelope(envelope, QDateTime::currentSecsSinceEpoch()))
                .toJson(QJsonDocument::Compact));
        return m_header + '.' + payload + '.' + m_signature;
    }

private:
    QJsonObject m_template;
    QByteArray m_header;
    QByteArray m_signature;
    std::vector<qint64> m_sequences;
};

double percentileMs(std::vector<qint64> &sortedNs, double p)
{
    return sortedNs.empty() ? 0.0
                            : double(sortedNs[std::size_t(p * double(sortedNs.size() - 1))]) / 1e6;
}

QJsonObject summaryOf(const PacedSender::Result &result)
{
    qint64 sent = 0, ok = 0, other = 0, dropped = 0;
    std::vector<qint64> latenciesNs;
    for (std::size_t i = 0; i < result.sentNs.size(); ++i) {
        if (result.sentNs[i] == 0)
            continue;
        ++sent;
        const int status = result.status[i];
        if (status <= 0) {
            ++dropped;
            continue;
        }
        (status / 100 == 2 ? ok : other) += 1;
        latenciesNs.push_back(result.answeredNs[i] - result.sentNs[i]);
    }
    std::sort(latenciesNs.begin(), latenciesNs.end());
    return {{QStringLiteral("sent"), sent},
            {QStringLiteral("answered2xx"), ok},
            {QStringLiteral("answeredOther"), other},
            {QStringLiteral("dropped"), dropped},
            {QStringLiteral("seconds"), result.seconds},
            {QStringLiteral("rate"), result.seconds > 0 ? double(ok) / result.seconds : 0.0},
            {QStringLiteral("p50Ms"), percentileMs(latenciesNs, 0.5)},
            {QStringLiteral("p99Ms"), percentileMs(latenciesNs, 0.99)},
            {QStringLiteral("maxMs"), percentileMs(latenciesNs, 1.0)},
            {QStringLiteral("maxLagMs"), double(result.maxLagNs) / 1e6}};
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // the event templates are resources
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_paced_sender URL RATE SECONDS [CONNECTIONS]\n");
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    const double rate = QByteArray(argv[2]).toDouble();
    const int seconds = QByteArray(argv[3]).toInt();
    const int connections = argc > 4 ? QByteArray(argv[4]).toInt() : 64;
    if (!url.isValid() || url.port() <= 0 || rate <= 0 || seconds <= 0 || connections <= 0) {
        std::fprintf(stderr, "bench_paced_sender: bad arguments\n");
        return 2;
    }
    SoakEvents events;
    PacedSender sender(
        quint16(url.port()), int(rate * seconds), [&events](int n) { return events.body(n); }, rate,
        connections, QByteArrayLiteral("/soak/"));
    sender.start();
    sender.wait();
    const QJsonObject summary = summaryOf(sender.result());
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    const qint64 sent = summary.value(QStringLiteral("sent")).toInteger();
    return sent > 0 && summary.value(QStringLiteral("answered2xx")).toInteger() == sent ? 0 : 1;
}
