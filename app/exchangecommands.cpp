#include "exchangecommands.h"

#include "batchedoutput.h"
#include "commandusage.h"
#include "keyarguments.h"
#include "sessionargument.h"

#include "export/deliveryexporter.h"
#include "export/deliveryselection.h"
#include "import/deliveryimporter.h"
#include "send/replayplan.h"
#include "send/testkeystore.h"
#include "store/sessionlocations.h"
#include "store/sessionwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace {
QCommandLineOption onlyOption()
{
    return {
        QStringLiteral("only"),
        QStringLiteral("Only the deliveries matching this filter (the filter bar's syntax, e.g. "
                       "\"type:contact* sig:valid\")."),
        QStringLiteral("FILTER")};
}

// Opens an existing session and selects its deliveries; -1 to go on, else the exit code.
int openSelection(QCommandLineParser &parser, SessionStore &store, QVector<Delivery> *selected)
{
    if (const int code = openSessionArgument(parser, store); code >= 0)
        return code;
    const DeliveryFilter filter = DeliveryFilter::parse(parser.value(QStringLiteral("only")));
    if (!filter.isValid()) {
        const DeliveryFilter::Error e = filter.errors().first();
        return usageError(parser, QStringLiteral("--only: at %1: %2").arg(e.start).arg(e.message));
    }
    *selected = selectDeliveries(store, filter);
    return -1;
}

bool loadTestKey(RsaPrivateKey *key)
{
    const TestKeyStore::Result keys = TestKeyStore::loadOrCreate(SessionLocations::dataFolder());
    if (!keys.ok()) {
        printErr(QStringLiteral("hookscope: %1\n").arg(keys.error));
        return false;
    }
    *key = keys.key;
    return true;
}
} // namespace

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export captured deliveries: a fixtures folder (one JSON file and one .jwt per delivery, "
        "manifest.json), HAR 1.2, or JSON Lines."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("fixtures, har or jsonl."),
                                    QStringLiteral("FORMAT"), QStringLiteral("fixtures"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Folder (fixtures) or file."),
                                 QStringLiteral("PATH"));
    const QCommandLineOption resign(
        QStringLiteral("resign"),
        QStringLiteral("Re-sign every token with the test key and write its "
                       "public key beside the fixtures."));
    const QCommandLineOption redact(QStringLiteral("redact"),
                                    QStringLiteral("Replace instance and identity ids consistently "
                                                   "(re-signs)."));
    const QCommandLineOption dropInvalid(
        QStringLiteral("drop-invalid"),
        QStringLiteral("Leave out deliveries without a valid signature."));
    const QCommandLineOption jest(
        QStringLiteral("jest"),
        QStringLiteral("Fixtures: add a Jest test feeding each to @wix/sdk."));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Overwrite what is there."));
    parser.addOptions(
        {sessionOption(), format, out, resign, redact, dropInvalid, jest, onlyOption(), force});
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("export takes no arguments."));
    ExportOptions options;
    const QString name = parser.value(format);
    if (name == QLatin1String("fixtures"))
        options.format = ExportFormat::Fixtures;
    else if (name == QLatin1String("har"))
        options.format = ExportFormat::Har;
    else if (name == QLatin1String("jsonl"))
        options.format = ExportFormat::JsonLines;
    else
        return usageError(parser, QStringLiteral("--format takes fixtures, har or jsonl."));
    if (!parser.isSet(out))
        return usageError(parser, QStringLiteral("export needs --out PATH."));
    if (parser.isSet(jest) && options.format != ExportFormat::Fixtures)
        return usageError(parser, QStringLiteral("--jest goes with --format fixtures."));
    options.redact = parser.isSet(redact);
    options.keepInvalid = !parser.isSet(dropInvalid);
    options.jestSkeleton = parser.isSet(jest);
    options.overwrite = parser.isSet(force);
    if ((parser.isSet(resign) || options.redact) && !loadTestKey(&options.resignWith))
        return ExitUsage;

    SessionStore store;
    QVector<Delivery> selected;
    if (const int code = openSelection(parser, store, &selected); code >= 0)
        return code;
    const ExportResult result = exportDeliveries(selected, parser.value(out), options);
    if (!result.ok) {
        printErr(QStringLiteral("hookscope: %1\n").arg(result.error));
        return ExitRejected;
    }
    printOut(QStringLiteral("exported %1 deliveries to %2%3\n")
                 .arg(result.written)
                 .arg(parser.value(out))
                 .arg(result.skipped ? QStringLiteral(" (%1 invalid left out)").arg(result.skipped)
                                     : QString()));
    return ExitOk;
}

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import fixtures folders, HAR files and JSON Lines into a session; duplicates and order "
        "are analysed as if the deliveries had just arrived. A bad entry is named with its file "
        "and position, and nothing is imported unless --partial."));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("Public key to verify with, NAME=FILE."),
                                 QStringLiteral("NAME=FILE"));
    const QCommandLineOption partial(
        QStringLiteral("partial"),
        QStringLiteral("Import the good entries even when some are bad."));
    parser.addOptions({sessionOption(), key, partial});
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QStringLiteral("Fixtures folders, .har or .jsonl files."),
                                 QStringLiteral("PATH..."));
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("import needs at least one PATH."));
    Keyring keyring;
    QStringList warnings;
    QString error;
    if (!loadKeyArguments(parser.values(key), &keyring, &warnings, &error)) {
        printErr(QStringLiteral("hookscope: %1\n").arg(error));
        return ExitUsage;
    }
    QVector<Delivery> deliveries;
    QVector<ImportError> errors;
    for (const QString &path : parser.positionalArguments()) {
        const ImportResult read = readDeliveries(path);
        deliveries += read.deliveries;
        errors += read.errors;
    }
    for (const ImportError &e : std::as_const(errors))
        printErr(QStringLiteral("hookscope: %1\n").arg(e.toString()));
    if (!errors.isEmpty() && !parser.isSet(partial)) {
        printErr(QStringLiteral(
                     "hookscope: nothing imported (%1 bad entries; --partial imports the rest)\n")
                     .arg(errors.size()));
        return ExitRejected;
    }
    SessionWriter writer;
    if (!writer.open(sessionPath(parser), &error) ||
        !writer.write(deliveries, JwtVerifier(keyring), &error)) {
        printErr(QStringLiteral("hookscope: %1\n").arg(error));
        return ExitRejected;
    }
    printOut(QStringLiteral("imported %1 deliveries into %2\n")
                 .arg(deliveries.size())
                 .arg(sessionPath(parser)));
    return errors.isEmpty() ? ExitOk : ExitRejected;
}

int runReplayCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Replay recorded deliveries to a URL, to test a receiver's idempotency with a real flow: "
        "original tokens byte for byte or re-signed, in order or shuffled, with injected "
        "duplicates and delays, reproducible from --seed. Exit 0 when every one was delivered."));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Target URL."),
                                QStringLiteral("URL"));
    const QCommandLineOption resign(QStringLiteral("resign"),
                                    QStringLiteral("Re-sign with the test key."));
    const QCommandLineOption shuffle(QStringLiteral("shuffle"),
                                     QStringLiteral("Shuffle the order."));
    const QCommandLineOption dupRate(
        QStringLiteral("duplicate-rate"),
        QStringLiteral("Chance (0..1) that a delivery is sent again later."), QStringLiteral("P"),
        QStringLiteral("0"));
    const QCommandLineOption maxDelay(
        QStringLiteral("max-delay"), QStringLiteral("A random pause of up to MS before each send."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed (printed when not given)."),
                                  QStringLiteral("N"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Sends per second."),
                                  QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per attempt."));
    parser.addOptions(
        {sessionOption(), to, onlyOption(), resign, shuffle, dupRate, maxDelay, seed, rate, json});
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    ScenarioSpec spec;
    spec.target = QUrl(parser.value(to), QUrl::StrictMode);
    if (!parser.isSet(to) || !spec.target.isValid() ||
        !spec.target.scheme().startsWith(QLatin1String("http")))
        return usageError(parser, QStringLiteral("replay needs --to with an http(s) URL."));
    ReplayOptions options;
    bool ok = false;
    options.duplicateRate = parser.value(dupRate).toDouble(&ok);
    if (!ok || options.duplicateRate < 0 || options.duplicateRate > 1)
        return usageError(parser, QStringLiteral("--duplicate-rate takes 0 to 1."));
    options.maxDelayMs = parser.value(maxDelay).toInt(&ok);
    if (!ok || options.maxDelayMs < 0)
        return usageError(parser, QStringLiteral("--max-delay takes 0 or more ms."));
    spec.rate = parser.value(rate).toDouble(&ok);
    if (!ok || spec.rate < 0)
        return usageError(parser, QStringLiteral("--rate takes 0 or more."));
    options.seed = parser.isSet(seed) ? parser.value(seed).toUInt(&ok)
                                      : (QRandomGenerator::global()->generate() | 1);
    if (!ok)
        return usageError(parser, QStringLiteral("--seed takes a whole number."));
    options.shuffle = parser.isSet(shuffle);
    if (parser.isSet(resign) && !loadTestKey(&options.resignWith))
        return ExitUsage;

    SessionStore store;
    QVector<Delivery> selected;
    if (const int code = openSelection(parser, store, &selected); code >= 0)
        return code;
    if (!parser.isSet(json))
        printOut(QStringLiteral("replaying %1 deliveries to %2 (seed %3)\n")
                     .arg(selected.size())
                     .arg(spec.target.toString())
                     .arg(options.seed));
    ScenarioRunner runner(spec, planReplay(selected, options));
    const bool asJson = parser.isSet(json);
    BatchedOutput lines;
    QObject::connect(&runner, &ScenarioRunner::attemptFinished, &lines, [&](const SendAttempt &a) {
        const qint64 seq = selected.value(a.event).seq;
        if (asJson) {
            lines.print(
                QString::fromUtf8(
                    QJsonDocument(QJsonObject{{QStringLiteral("seq"), seq},
                                              {QStringLiteral("copy"), a.copy},
                                              {QStringLiteral("status"), a.result.status},
                                              {QStringLiteral("latencyMs"), a.result.latencyMs},
                                              {QStringLiteral("delivered"), a.result.delivered()},
                                              {QStringLiteral("error"), a.result.error}})
                        .toJson(QJsonDocument::Compact)) +
                QLatin1Char('\n'));
        } else {
            lines.print(QStringLiteral("#%1%2  %3  %4 ms  %5\n")
                            .arg(seq)
                            .arg(a.copy > 1 ? QStringLiteral(" (duplicate)") : QString())
                            .arg(a.result.status > 0 ? QString::number(a.result.status)
                                                     : QStringLiteral("---"))
                            .arg(a.result.latencyMs)
                            .arg(a.result.delivered()
                                     ? QStringLiteral("delivered")
                                     : QStringLiteral("failed ") + a.result.error));
        }
    });
    QObject::connect(&runner, &ScenarioRunner::finished, &runner, [] { QCoreApplication::quit(); });
    runner.start();
    QCoreApplication::exec();
    lines.flush();
    const ScenarioSummary s = runner.summary();
    if (!asJson)
        printOut(QStringLiteral("%1 delivered, %2 failed; latency p50 %3 ms, p99 %4 ms\n")
                     .arg(s.delivered)
                     .arg(s.failed)
                     .arg(s.p50LatencyMs)
                     .arg(s.p99LatencyMs));
    return s.failed == 0 ? ExitOk : ExitRejected;
}

int runCurlCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print one delivery as a curl command (with -H 'Expect:'); a large body is read from a "
        "file, written beside as <seq>.body."));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("Base URL (default http://127.0.0.1:8787)."),
                                QStringLiteral("URL"), QStringLiteral("http://127.0.0.1:8787"));
    parser.addOptions({sessionOption(), to});
    parser.addPositionalArgument(QStringLiteral("seq"), QStringLiteral("The delivery."),
                                 QStringLiteral("SEQ"));
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    bool ok = false;
    const qint64 seq = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok)
        return usageError(parser, QStringLiteral("curl takes one delivery number."));
    SessionStore store;
    if (const int code = openSessionArgument(parser, store); code >= 0)
        return code;
    const std::optional<Delivery> d = store.load(seq);
    if (!d) {
        printErr(QStringLiteral("hookscope: no delivery %1\n").arg(seq));
        return ExitUsage;
    }
    const QString bodyFile = QStringLiteral("%1.body").arg(seq);
    const QString command = curlCommand(*d, parser.value(to), bodyFile);
    if (command.contains(QLatin1Char('@') + QStringLiteral("'") + bodyFile)) {
        QFile file(bodyFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(d->body) != d->body.size()) {
            printErr(QStringLiteral("hookscope: cannot write %1\n").arg(bodyFile));
            return ExitRejected;
        }
    }
    printOut(command + QLatin1Char('\n'));
    return ExitOk;
}
