#include "listencommand.h"

#include "commandusage.h"
#include "deliveryline.h"
#include "keyarguments.h"
#include "signalwatcher.h"

#include "capture/captureservice.h"
#include "store/sessionlocations.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace {
constexpr qint64 kRepeatTroubleMs = 10000;

bool parseNumber(const QString &text, qint64 min, qint64 max, qint64 *out)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return false;
    *out = value;
    return true;
}
} // namespace

int runListenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Capture webhooks without a window: every request, any method and path, is verified, "
        "decoded and stored in the session before it is answered. One line per delivery (or one "
        "JSON object with --json); the listening URL comes first. Ctrl+C stops cleanly."));
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("Address to listen on (default 127.0.0.1; "
                                                 "0.0.0.0 listens beyond this machine)."),
                                  QStringLiteral("H"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port (default 8787; 0 picks a free one)."),
                                  QStringLiteral("P"), QStringLiteral("8787"));
    const QCommandLineOption session(QStringLiteral("session"),
                                     QStringLiteral("Session file (default: the default session "
                                                    "in the data folder)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("Public key to verify with, NAME=FILE or FILE; "
                                                "repeat for several apps."),
                                 QStringLiteral("NAME=FILE"));
    const QCommandLineOption forward(QStringLiteral("forward"),
                                     QStringLiteral("Relay each delivery to your own receiver and "
                                                    "answer with its status."),
                                     QStringLiteral("URL"));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QStringLiteral("Status to answer with (default 200)."),
                                    QStringLiteral("CODE"), QStringLiteral("200"));
    const QCommandLineOption delay(QStringLiteral("delay"),
                                   QStringLiteral("Answer after this many ms (Wix gives up "
                                                  "after 1250)."),
                                   QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"),
                                     QStringLiteral("Largest body accepted; larger ones are "
                                                    "answered 413 and recorded (default 1048576)."),
                                     QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line."));
    parser.addOptions({host, port, session, key, forward, status, delay, maxBody, json});
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("listen takes no arguments."));

    CaptureOptions options;
    if (!options.host.setAddress(parser.value(host)))
        return usageError(
            parser,
            QStringLiteral("--host needs an IP address; got \"%1\".").arg(parser.value(host)));
    qint64 number = 0;
    if (!parseNumber(parser.value(port), 0, 65535, &number))
        return usageError(
            parser, QStringLiteral("--port takes 0 to 65535; got \"%1\".").arg(parser.value(port)));
    options.port = quint16(number);
    if (!parseNumber(parser.value(maxBody), 1, qint64(1) << 40, &options.maxBodyBytes))
        return usageError(parser, QStringLiteral("--max-body takes a positive number of bytes."));
    ResponsePlan plan;
    if (!parseNumber(parser.value(status), 100, 599, &number))
        return usageError(parser, QStringLiteral("--status takes an HTTP status, 100 to 599."));
    plan.status = int(number);
    if (!parseNumber(parser.value(delay), 0, 600000, &number))
        return usageError(parser, QStringLiteral("--delay takes 0 to 600000 ms."));
    plan.delayMs = int(number);
    if (parser.isSet(forward)) {
        options.forwardUrl = QUrl(parser.value(forward), QUrl::StrictMode);
        const QString scheme = options.forwardUrl.scheme();
        if (!options.forwardUrl.isValid() || options.forwardUrl.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return usageError(parser, QStringLiteral("--forward needs an http(s) URL; got \"%1\".")
                                          .arg(parser.value(forward)));
    }

    Keyring keyring;
    QStringList warnings;
    QString error;
    if (!loadKeyArguments(parser.values(key), &keyring, &warnings, &error)) {
        printErr(QStringLiteral("hookscope: %1\n").arg(error));
        return ExitUsage;
    }
    for (const QString &warning : warnings)
        printErr(QStringLiteral("hookscope: warning: %1\n").arg(warning));

    const QString sessionPath =
        parser.isSet(session) ? parser.value(session) : SessionLocations::defaultSessionPath();
    CaptureService service;
    service.policy().setDefault(plan);
    if (!service.start(options, sessionPath, JwtVerifier(keyring), &error)) {
        printErr(QStringLiteral("hookscope: %1\n").arg(error));
        return ExitRejected;
    }
    const bool asJson = parser.isSet(json);
    if (!options.host.isLoopback())
        printErr(QStringLiteral("hookscope: listening beyond this machine on %1: anyone who can "
                                "reach it can post to it.\n")
                     .arg(options.host.toString()));
    if (asJson) {
        printOut(
            QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("listening"), service.url().toString()},
                                          {QStringLiteral("session"), sessionPath}})
                    .toJson(QJsonDocument::Compact)) +
            QLatin1Char('\n'));
    } else {
        printOut(QStringLiteral("Listening on %1  (session %2%3)\n")
                     .arg(service.url().toString(), sessionPath,
                          keyring.isEmpty() ? QStringLiteral("; no --key: signatures unverified")
                                            : QString()));
    }

    // A session that cannot be written fails every batch: say why when it starts, again
    // every 10 s while it lasts, and when it is over.
    struct StoreTrouble
    {
        bool failing = false;
        QElapsedTimer sinceSaid;
    };
    auto trouble = std::make_shared<StoreTrouble>();
    QObject::connect(&service, &CaptureService::storeFailed, &service,
                     [trouble](const QString &reason) {
                         if (trouble->failing && trouble->sinceSaid.elapsed() < kRepeatTroubleMs)
                             return;
                         trouble->failing = true;
                         trouble->sinceSaid.start();
                         printErr(QStringLiteral("hookscope: cannot store deliveries, answering "
                                                 "503 so the sender retries: %1\n")
                                      .arg(reason));
                     });
    QObject::connect(
        &service, &CaptureService::committed, &service,
        [asJson, trouble](const QVector<Delivery> &deliveries) {
            if (trouble->failing) {
                trouble->failing = false;
                printErr(QStringLiteral("hookscope: the session can be written again; storing "
                                        "deliveries and answering as usual\n"));
            }
            QString out;
            for (const Delivery &d : deliveries) {
                out += asJson ? QString::fromUtf8(
                                    QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact))
                              : deliveryLine(d);
                out += QLatin1Char('\n');
            }
            printOut(out);
        });
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &service,
                     [] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    service.stop();
    // A batch committed (and answered) just before the signal to stop has its lines still
    // queued for this thread: print them too.
    QCoreApplication::sendPostedEvents();
    return ExitOk;
}
