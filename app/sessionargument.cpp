#include "sessionargument.h"

#include "commandusage.h"

#include "store/sessionlocations.h"
#include "store/sessionstore.h"

#include <QFileInfo>

namespace {
const QString kSession = QStringLiteral("session");
} // namespace

QCommandLineOption sessionOption()
{
    return {kSession, QStringLiteral("Session file (default: the default session)."),
            QStringLiteral("FILE")};
}

QString sessionPath(const QCommandLineParser &parser)
{
    return parser.isSet(kSession) ? parser.value(kSession) : SessionLocations::defaultSessionPath();
}

int openSessionArgument(const QCommandLineParser &parser, SessionStore &store)
{
    const QString path = sessionPath(parser);
    if (!QFileInfo::exists(path)) {
        printErr(QStringLiteral("hookscope: no session at %1\n").arg(path));
        return ExitUsage;
    }
    QString error;
    if (!store.open(path, &error)) {
        printErr(QStringLiteral("hookscope: %1\n").arg(error));
        return ExitUsage;
    }
    return -1;
}
