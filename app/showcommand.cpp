#include "showcommand.h"

#include "commandusage.h"
#include "deliveryline.h"
#include "sessionargument.h"

#include "store/sessionlocations.h"
#include "store/sessionstore.h"

#include <QFileInfo>
#include <QJsonDocument>

int runShowCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print what a session holds: one delivery per line, or with --json one object per line "
        "(seq, arrival, method, path, headers, body, verdict, event, ...)."));
    const QCommandLineOption session = sessionOption();
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line."));
    parser.addOptions({session, json});
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("show takes no arguments."));
    SessionStore store;
    if (const int code = openSessionArgument(parser, store); code >= 0)
        return code;
    const bool asJson = parser.isSet(json);
    qint64 after = 0;
    for (;;) {
        const QVector<Delivery> page = store.loadAfter(after, 1000);
        if (page.isEmpty())
            break;
        QString out;
        for (const Delivery &d : page) {
            out += asJson
                       ? QString::fromUtf8(QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact))
                       : deliveryLine(d);
            out += QLatin1Char('\n');
        }
        printOut(out);
        after = page.last().seq;
    }
    return ExitOk;
}

int runSessionsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the sessions stored in the data folder, with their deliveries."));
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser, QStringLiteral("sessions takes no arguments."));
    printOut(QStringLiteral("Sessions in %1\n").arg(SessionLocations::dataFolder()));
    for (const QString &path : SessionLocations::storedSessions()) {
        SessionStore store;
        QString error;
        const QFileInfo info(path);
        if (!store.open(path, &error)) {
            printOut(QStringLiteral("  %1  (cannot open: %2)\n").arg(info.fileName(), error));
            continue;
        }
        printOut(QStringLiteral("  %1  %2 deliveries  %3 KiB  modified %4\n")
                     .arg(info.fileName())
                     .arg(store.count())
                     .arg((info.size() + 1023) / 1024)
                     .arg(info.lastModified().toUTC().toString(Qt::ISODate)));
    }
    return ExitOk;
}
