#include "sendcommands.h"

#include "batchedoutput.h"
#include "commandusage.h"
#include "tokensource.h"

#include "send/eventtemplates.h"
#include "send/scenariorunner.h"
#include "send/testkeystore.h"
#include "store/sessionlocations.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
void printKeyPair(const TestKeyStore::Result &keys)
{
    printOut(QStringLiteral("private key: %1 (owner-only; never share it)\npublic key:  %2\n"
                            "one-line form (for your app's configuration):\n%3\n")
                 .arg(keys.privatePath, keys.publicPath,
                      QString::fromLatin1(keys.key.publicKey().oneLineBase64Pem())));
}

// A send's time as text: made once per millisecond, as thousands of sends share one.
QString sendTimeText(qint64 ms)
{
    static qint64 cachedMs = -1;
    static QString cached;
    if (ms != cachedMs) {
        cachedMs = ms;
        cached = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    }
    return cached;
}

// "event 3 copy 2  attempt 0  2026-12-06T20:00:00.000Z  200  1 ms  delivered"
QString attemptLine(const SendAttempt &a)
{
    QString line = QLatin1String("event ") + QString::number(a.event + 1);
    if (a.copy > 1)
        line += QLatin1String(" copy ") + QString::number(a.copy);
    line += QLatin1String("  attempt ") + QString::number(a.attempt) + QLatin1String("  ") +
            sendTimeText(a.startedMs) + QLatin1String("  ") +
            (a.result.status > 0 ? QString::number(a.result.status) : QStringLiteral("---")) +
            QLatin1String("  ") + QString::number(a.result.latencyMs) + QLatin1String(" ms  ");
    if (a.result.delivered())
        line += QLatin1String("delivered");
    else
        line += QLatin1String("failed: ") + (a.result.error.isEmpty()
                                                 ? QStringLiteral("status %1").arg(a.result.status)
                                                 : a.result.error);
    return line + QLatin1Char('\n');
}

QJsonObject attemptJson(const SendAttempt &a)
{
    return {{QStringLiteral("event"), a.event + 1},
            {QStringLiteral("eventId"), a.eventId},
            {QStringLiteral("eventType"), a.eventType},
            {QStringLiteral("copy"), a.copy},
            {QStringLiteral("attempt"), a.attempt},
            {QStringLiteral("time"), sendTimeText(a.startedMs)},
            {QStringLiteral("status"), a.result.status},
            {QStringLiteral("latencyMs"), a.result.latencyMs},
            {QStringLiteral("delivered"), a.result.delivered()},
            {QStringLiteral("error"), a.result.error}};
}

// An envelope file: eventType, instanceId, data and identity (objects or strings).
bool readEnvelope(const QString &path, QJsonObject *envelope, QString *error)
{
    const TokenSource file = TokenSource::read(path);
    if (!file.error.isEmpty()) {
        *error = file.error;
        return false;
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.bytes, &parse);
    if (parse.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("%1 is not a JSON object: %2 at offset %3")
                     .arg(path, parse.error != QJsonParseError::NoError
                                    ? parse.errorString()
                                    : QStringLiteral("not an object"))
                     .arg(parse.offset);
        return false;
    }
    *envelope = document.object();
    if (!envelope->value(QLatin1String("eventType")).isString() ||
        !envelope->value(QLatin1String("instanceId")).isString()) {
        *error = QStringLiteral("%1 needs \"eventType\" and \"instanceId\" strings").arg(path);
        return false;
    }
    const QJsonValue data = envelope->value(QLatin1String("data"));
    if (!data.isObject() && !data.isString()) {
        *error = QStringLiteral("%1 needs \"data\" as an object or a string of JSON").arg(path);
        return false;
    }
    return true;
}
} // namespace

int runKeygenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write an RSA 2048 key pair for signing test webhooks (the private key owner-only) and "
        "print the public key's path and one-line form. Without --out, the test key in the data "
        "folder is created on first use and shown."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Folder for a new pair."),
                                 QStringLiteral("DIR"));
    parser.addOption(out);
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("keygen takes no arguments."));
    const TestKeyStore::Result keys =
        parser.isSet(out)
            ? TestKeyStore::writePair(RsaPrivateKey::generate(2048), parser.value(out),
                                      QStringLiteral("hookscope-test-key"))
            : TestKeyStore::loadOrCreate(SessionLocations::dataFolder());
    if (!keys.ok()) {
        printErr(QStringLiteral("hookscope: %1\n").arg(keys.error));
        return ExitRejected;
    }
    printKeyPair(keys);
    return ExitOk;
}

int runTemplatesCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the event templates `send --event` takes."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the templates as JSON."));
    parser.addOption(json);
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("templates takes no arguments."));
    QString text;
    QJsonArray list;
    for (const EventTemplate &t : EventTemplates::all()) {
        text += QStringLiteral("%1  %2  (%3)\n").arg(t.name, -34).arg(t.eventType, t.shape);
        list.append(QJsonObject{{QStringLiteral("name"), t.name},
                                {QStringLiteral("eventType"), t.eventType},
                                {QStringLiteral("shape"), t.shape},
                                {QStringLiteral("envelope"), t.envelope}});
    }
    printOut(parser.isSet(json) ? QString::fromUtf8(QJsonDocument(list).toJson()) : text);
    return ExitOk;
}

int runSendCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Send test webhooks signed exactly as Wix signs them. A delivery fails, as with Wix, on a "
        "non-2xx answer, a network error or no answer within 1250 ms. Exit 0 when every event was "
        "finally delivered, 1 otherwise, 2 on usage errors."));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Target URL."),
                                QStringLiteral("URL"));
    const QCommandLineOption event(
        QStringLiteral("event"),
        QStringLiteral("Template name or event type (hookscope templates)."),
        QStringLiteral("TEMPLATE"));
    const QCommandLineOption envelope(
        QStringLiteral("envelope"),
        QStringLiteral("JSON file with eventType, instanceId, data and "
                       "identity (objects or strings)."),
        QStringLiteral("FILE"));
    const QCommandLineOption key(
        QStringLiteral("key"),
        QStringLiteral("Private key PEM (default: the test key in the data folder)."),
        QStringLiteral("PRIVATE_PEM"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("Distinct events (default 1)."),
                                   QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption duplicates(QStringLiteral("duplicates"),
                                        QStringLiteral("Deliveries of each event (default 1)."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption resign(
        QStringLiteral("resign"),
        QStringLiteral("Sign each duplicate anew instead of re-sending the token."));
    const QCommandLineOption shuffle(QStringLiteral("shuffle"),
                                     QStringLiteral("Send the events in a shuffled order."));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Shuffle seed, for a reproducible order."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption lifecycle(
        QStringLiteral("lifecycle"),
        QStringLiteral("Send created, N updates and deleted for one entity."), QStringLiteral("N"));
    const QCommandLineOption retry(QStringLiteral("retry-schedule"),
                                   QStringLiteral("Retry failures on Wix's 12-step schedule."));
    const QCommandLineOption timeScale(QStringLiteral("time-scale"),
                                       QStringLiteral("Divide every retry wait by F (default 1)."),
                                       QStringLiteral("F"), QStringLiteral("1"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Sends per second (default: no limit)."),
                                  QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
                                         QStringLiteral("Sends in flight at once (default 1)."),
                                         QStringLiteral("C"), QStringLiteral("1"));
    const QCommandLineOption fixed(QStringLiteral("fixed"),
                                   QStringLiteral("Keep ids, eventTime and sequence as written."));
    const QCommandLineOption exp(QStringLiteral("exp"),
                                 QStringLiteral("Add exp, this many seconds after iat."),
                                 QStringLiteral("SECONDS"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per attempt, then the summary."));
    parser.addOptions({to, event, envelope, key, count, duplicates, resign, shuffle, seed,
                       lifecycle, retry, timeScale, rate, concurrency, fixed, exp, json});
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("send takes no arguments."));

    ScenarioSpec spec;
    spec.target = QUrl(parser.value(to), QUrl::StrictMode);
    if (!parser.isSet(to) || !spec.target.isValid() || spec.target.host().isEmpty() ||
        !spec.target.scheme().startsWith(QLatin1String("http")))
        return usageError(parser, QStringLiteral("send needs --to with an http(s) URL."));
    if (parser.isSet(event) == parser.isSet(envelope))
        return usageError(parser, QStringLiteral("send needs one of --event or --envelope."));
    const auto number = [&](const QCommandLineOption &option, double min, double max, double *out) {
        bool ok = false;
        *out = parser.value(option).toDouble(&ok);
        return ok && *out >= min && *out <= max;
    };
    double value = 0;
    if (!number(count, 1, 1e6, &value))
        return usageError(parser, QStringLiteral("--count takes 1 or more."));
    spec.count = int(value);
    if (!number(duplicates, 1, 1e5, &value))
        return usageError(parser, QStringLiteral("--duplicates takes 1 or more."));
    spec.duplicates = int(value);
    if (parser.isSet(lifecycle)) {
        if (!number(lifecycle, 0, 1e5, &value))
            return usageError(parser, QStringLiteral("--lifecycle takes 0 or more updates."));
        spec.lifecycleUpdates = int(value);
    }
    if (!number(timeScale, 1e-3, 1e9, &spec.timeScale))
        return usageError(parser, QStringLiteral("--time-scale takes a positive factor."));
    if (!number(rate, 0, 1e7, &spec.rate))
        return usageError(parser, QStringLiteral("--rate takes 0 or more sends per second."));
    if (!number(concurrency, 1, 10000, &value))
        return usageError(parser, QStringLiteral("--concurrency takes 1 to 10000."));
    spec.concurrency = int(value);
    if (!number(seed, 0, 4294967295.0, &value))
        return usageError(parser, QStringLiteral("--seed takes a whole number."));
    spec.seed = quint32(value);
    if (parser.isSet(exp)) {
        if (!number(exp, -1e9, 1e9, &value))
            return usageError(parser, QStringLiteral("--exp takes seconds."));
        spec.expiresInSeconds = qint64(value);
    }
    spec.duplicates = qMax(1, spec.duplicates);
    spec.resign = parser.isSet(resign);
    spec.shuffle = parser.isSet(shuffle);
    spec.retrySchedule = parser.isSet(retry);
    spec.freshValues = !parser.isSet(fixed);

    QString error;
    if (parser.isSet(event)) {
        const std::optional<EventTemplate> found = EventTemplates::find(parser.value(event));
        if (!found)
            return usageError(parser,
                              QStringLiteral("no template \"%1\" (hookscope templates lists them).")
                                  .arg(parser.value(event)));
        spec.envelope = found->envelope;
    } else if (!readEnvelope(parser.value(envelope), &spec.envelope, &error)) {
        printErr(QStringLiteral("hookscope: %1\n").arg(error));
        return ExitUsage;
    }
    if (spec.lifecycleUpdates >= 0 && !spec.envelope.value(QLatin1String("data"))
                                           .toObject()
                                           .contains(QLatin1String("entityFqdn")))
        return usageError(
            parser, QStringLiteral("--lifecycle needs a standardized event (with entityFqdn)."));

    const TestKeyStore::Result keys =
        parser.isSet(key) ? TestKeyStore::loadPrivateKeyFile(parser.value(key))
                          : TestKeyStore::loadOrCreate(SessionLocations::dataFolder());
    if (!keys.ok()) {
        printErr(QStringLiteral("hookscope: %1\n").arg(keys.error));
        return ExitUsage;
    }

    const bool asJson = parser.isSet(json);
    ScenarioRunner runner(spec, JwtSigner(keys.key));
    BatchedOutput lines;
    QObject::connect(
        &runner, &ScenarioRunner::attemptFinished, &lines, [asJson, &lines](const SendAttempt &a) {
            lines.print(asJson ? QString::fromUtf8(
                                     QJsonDocument(attemptJson(a)).toJson(QJsonDocument::Compact)) +
                                     QLatin1Char('\n')
                               : attemptLine(a));
        });
    QObject::connect(&runner, &ScenarioRunner::finished, &runner, [] { QCoreApplication::quit(); });
    runner.start();
    QCoreApplication::exec();
    lines.flush();
    const ScenarioSummary s = runner.summary();
    if (asJson) {
        printOut(QString::fromUtf8(
                     QJsonDocument(QJsonObject{{QStringLiteral("delivered"), s.delivered},
                                               {QStringLiteral("failed"), s.failed},
                                               {QStringLiteral("attempts"), s.attempts},
                                               {QStringLiteral("retries"), s.retries},
                                               {QStringLiteral("p50LatencyMs"), s.p50LatencyMs},
                                               {QStringLiteral("p99LatencyMs"), s.p99LatencyMs}})
                         .toJson(QJsonDocument::Compact)) +
                 QLatin1Char('\n'));
    } else {
        printOut(
            QStringLiteral("%1 delivered, %2 failed, %3 attempts, %4 retries used; latency p50 %5 "
                           "ms, p99 %6 ms\n")
                .arg(s.delivered)
                .arg(s.failed)
                .arg(s.attempts)
                .arg(s.retries)
                .arg(s.p50LatencyMs)
                .arg(s.p99LatencyMs));
    }
    return s.failed == 0 ? ExitOk : ExitRejected;
}
