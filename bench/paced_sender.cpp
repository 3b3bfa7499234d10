// A paced load for soak runs (Debian's wrk has no rate option): posts Wix-shaped
// deliveries at a fixed rate over keep-alive connections and checks every answer.
//   bench_paced_sender URL RATE SECONDS [CONNECTIONS]
// Each delivery is a distinct event (its own id, one of 200 contacts, that contact's
// next entityEventSequence) in Wix's token format; the signature is random bytes, as
// the soaked window has no key and marks tokens unverified. At the end one JSON line:
// {"sent", "answered2xx", "answeredOther", "dropped", "seconds", "rate", "p50Ms", "p99Ms",
//  "maxMs", "maxLagMs"}; exit 0 when every request was answered 2xx.
#include "send/eventtemplates.h"
#include "send/wixenvelope.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
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

qint64 contentLength(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            return line.mid(colon + 1).trimmed().toLongLong();
    }
    return 0;
}

class PacedSender final : public QObject
{
public:
    PacedSender(const QUrl &url, double rate, int seconds, int connections)
        : m_url(url)
        , m_rate(rate)
        , m_seconds(seconds)
        , m_template(EventTemplates::find(QStringLiteral("contact_updated"))->envelope)
        , m_header(base64Url(R"({"alg":"RS256"})"))
    {
        QByteArray signature(256, Qt::Uninitialized);
        for (char &c : signature)
            c = char(QRandomGenerator::global()->bounded(256));
        m_signature = base64Url(signature);
        m_sequences.assign(kEntities, 0);
        for (int i = 0; i < connections; ++i) {
            m_connections.push_back(new Connection);
            open(m_connections.back());
        }
        m_tick.setTimerType(Qt::PreciseTimer);
        connect(&m_tick, &QTimer::timeout, this, &PacedSender::tick);
    }

    ~PacedSender() override
    {
        for (Connection *connection : m_connections)
            delete connection;
    }

    void start()
    {
        m_clock.start();
        m_tick.start(1);
    }

private:
    struct Connection
    {
        QTcpSocket *socket = nullptr;
        QByteArray buffer;
        qint64 sentAtNs = 0;
        bool busy = false;
    };

    QByteArray nextRequest()
    {
        const qint64 n = m_sent;
        const int entity = int(n % kEntities);
        QJsonObject envelope = m_template;
        QJsonObject data = envelope.value(QStringLiteral("data")).toObject();
        const QString entityId = QStringLiteral("soak-contact-%1").arg(entity);
        data.insert(QStringLiteral("id"), QStringLiteral("soak-event-%1").arg(n));
        data.insert(QStringLiteral("entityId"), entityId);
        data.insert(QStringLiteral("entityEventSequence"),
                    QString::number(++m_sequences[size_t(entity)]));
        data.insert(QStringLiteral("eventTime"),
                    QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        envelope.insert(QStringLiteral("data"), data);
        const QByteArray payload = base64Url(
            QJsonDocument(wixClaimsForEnvelope(envelope, QDateTime::currentSecsSinceEpoch()))
                .toJson(QJsonDocument::Compact));
        const QByteArray body = m_header + '.' + payload + '.' + m_signature;
        return "POST /soak/" + QByteArray::number(n) +
               " HTTP/1.1\r\nHost: " + m_url.host().toLatin1() +
               "\r\nContent-Type: text/plain\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    void open(Connection *connection)
    {
        auto *socket = new QTcpSocket(this);
        connection->socket = socket;
        connection->buffer.clear();
        connect(socket, &QTcpSocket::readyRead, this, [this, connection] { read(connection); });
        connect(socket, &QTcpSocket::disconnected, this,
                [this, connection] { closed(connection); });
        socket->connectToHost(QHostAddress(m_url.host()), quint16(m_url.port()));
    }

    void closed(Connection *connection)
    {
        if (connection->busy) {
            connection->busy = false;
            ++m_dropped;
        }
        // Open it again (an idle connection may be closed by the server).
        connection->socket->disconnect(this);
        connection->socket->deleteLater();
        if (!m_stopping)
            open(connection);
    }

    void tick()
    {
        const qint64 elapsedMs = m_clock.elapsed();
        if (elapsedMs >= qint64(m_seconds) * 1000) {
            m_tick.stop();
            m_stopping = true;
            QTimer::singleShot(0, this, &PacedSender::finishWhenDrained);
            return;
        }
        const qint64 due = qint64(m_rate * double(elapsedMs) / 1000.0);
        for (Connection *connection : m_connections) {
            if (m_sent >= due)
                break;
            if (connection->busy || connection->socket->state() != QAbstractSocket::ConnectedState)
                continue;
            connection->busy = true;
            connection->sentAtNs = m_clock.nsecsElapsed();
            connection->socket->write(nextRequest());
            ++m_sent;
        }
        // How far the schedule is behind: every connection busy, or the server slow.
        if (m_sent < due && m_rate > 0)
            m_maxLagMs = std::max(m_maxLagMs, qint64(double(due - m_sent) * 1000.0 / m_rate));
    }

    void read(Connection *connection)
    {
        connection->buffer += connection->socket->readAll();
        for (;;) {
            const int end = connection->buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = connection->buffer.left(end);
            const qint64 total = end + 4 + contentLength(head);
            if (connection->buffer.size() < total)
                return;
            connection->buffer.remove(0, total);
            const int status = head.mid(9, 3).toInt();
            (status / 100 == 2 ? m_ok : m_other) += 1;
            m_latenciesUs.push_back(qint32((m_clock.nsecsElapsed() - connection->sentAtNs) / 1000));
            connection->busy = false;
        }
    }

    void finishWhenDrained()
    {
        const bool busy = std::any_of(m_connections.begin(), m_connections.end(),
                                      [](const Connection *c) { return c->busy; });
        if (busy && m_clock.elapsed() < qint64(m_seconds) * 1000 + 10000) {
            QTimer::singleShot(10, this, &PacedSender::finishWhenDrained);
            return;
        }
        for (const Connection *connection : m_connections)
            m_dropped += connection->busy ? 1 : 0;
        std::sort(m_latenciesUs.begin(), m_latenciesUs.end());
        const auto percentile = [this](double p) {
            return m_latenciesUs.empty()
                       ? 0.0
                       : m_latenciesUs[size_t(p * double(m_latenciesUs.size() - 1))] / 1000.0;
        };
        const double seconds = double(m_seconds);
        const QJsonObject summary{{QStringLiteral("sent"), m_sent},
                                  {QStringLiteral("answered2xx"), m_ok},
                                  {QStringLiteral("answeredOther"), m_other},
                                  {QStringLiteral("dropped"), m_dropped},
                                  {QStringLiteral("seconds"), seconds},
                                  {QStringLiteral("rate"), double(m_ok) / seconds},
                                  {QStringLiteral("p50Ms"), percentile(0.5)},
                                  {QStringLiteral("p99Ms"), percentile(0.99)},
                                  {QStringLiteral("maxMs"), percentile(1.0)},
                                  {QStringLiteral("maxLagMs"), m_maxLagMs}};
        std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        QCoreApplication::exit(m_sent > 0 && m_ok == m_sent ? 0 : 1);
    }

    QUrl m_url;
    double m_rate;
    int m_seconds;
    QJsonObject m_template;
    QByteArray m_header;
    QByteArray m_signature;
    std::vector<qint64> m_sequences;
    std::vector<Connection *> m_connections;
    std::vector<qint32> m_latenciesUs;
    QElapsedTimer m_clock;
    QTimer m_tick;
    qint64 m_sent = 0;
    qint64 m_ok = 0;
    qint64 m_other = 0;
    qint64 m_dropped = 0;
    qint64 m_maxLagMs = 0;
    bool m_stopping = false;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
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
    PacedSender sender(url, rate, seconds, connections);
    sender.start();
    return app.exec();
}
