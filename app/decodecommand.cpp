#include "decodecommand.h"

#include "commandusage.h"
#include "tokensource.h"

#include "wix/tokeninspection.h"

#include <QJsonArray>
#include <QJsonDocument>

int runDecodeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Decode a Wix webhook token without verifying it: header, payload with "
                       "every string of JSON expanded, and the typed event, as pretty JSON.\nExit "
                       "0 decoded, 1 not a JWT, 2 usage error or unreadable file."));
    parser.addPositionalArgument(QStringLiteral("token"),
                                 QStringLiteral("File holding the token, or - for standard input "
                                                "(the default)."),
                                 QStringLiteral("[TOKEN_FILE|-]"));
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    if (parser.positionalArguments().size() > 1)
        return usageError(parser, QStringLiteral("decode takes one token file at most."));

    const TokenSource token = TokenSource::read(parser.positionalArguments().value(0));
    if (!token.error.isEmpty()) {
        printErr(QStringLiteral("hookscope: token: %1\n").arg(token.error));
        return ExitUsage;
    }
    const TokenInspection inspection = inspectToken(token.bytes, JwtVerifier());
    if (!inspection.isJws()) {
        printErr(QStringLiteral("hookscope: not a JWT: [%1] %2\n")
                     .arg(reasonCode(inspection.parsed.reason), inspection.parsed.message));
        return ExitRejected;
    }
    QJsonObject tree = inspection.decodedTree();
    tree.insert(QLatin1String("event"), inspection.decoding.hasEnvelope()
                                            ? QJsonValue(inspection.decoding.event.toJson())
                                            : QJsonValue());
    tree.insert(QLatin1String("notes"), QJsonArray::fromStringList(inspection.decoding.notes));
    printOut(QString::fromUtf8(QJsonDocument(tree).toJson(QJsonDocument::Indented)));
    return ExitOk;
}
