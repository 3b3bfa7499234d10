#include "verifycommand.h"

#include "commandusage.h"
#include "keyarguments.h"
#include "tokensource.h"

#include "wix/tokeninspection.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
QString timeClaimLine(const char *name, const std::optional<qint64> &seconds)
{
    if (!seconds)
        return QString();
    return QStringLiteral("  %1: %2 (%3)\n")
        .arg(QLatin1String(name))
        .arg(*seconds)
        .arg(QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC)
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")));
}

QString humanReport(const TokenInspection &inspection)
{
    const Verdict &verdict = inspection.verdict;
    QString out = QStringLiteral("%1  %2\nreason: %3\n")
                      .arg(verdict.valid ? QStringLiteral("VALID") : QStringLiteral("REJECTED"),
                           verdict.message, reasonCode(verdict.reason));
    for (const QString &warning : verdict.warnings)
        out += QStringLiteral("warning: %1\n").arg(warning);
    if (inspection.parsed.jws.headerIsObject)
        out +=
            QStringLiteral("header: %1\n")
                .arg(QString::fromUtf8(
                    QJsonDocument(inspection.parsed.jws.header()).toJson(QJsonDocument::Compact)));
    out += timeClaimLine("iat", verdict.issuedAt);
    out += timeClaimLine("exp", verdict.expiresAt);
    out += timeClaimLine("nbf", verdict.notBefore);
    if (inspection.decoding.hasEnvelope()) {
        const QJsonObject event = inspection.decoding.event.toJson();
        out += QStringLiteral("event:\n");
        for (auto it = event.begin(); it != event.end(); ++it) {
            if (it->isNull() || (it->isArray() && it->toArray().isEmpty()))
                continue;
            const QString value =
                it->isString() ? it->toString()
                               : QString::fromUtf8(
                                     QJsonDocument(QJsonArray{*it}).toJson(QJsonDocument::Compact))
                                     .mid(1)
                                     .chopped(1);
            out += QStringLiteral("  %1: %2\n").arg(it.key(), value);
        }
    }
    for (const QString &note : inspection.decoding.notes)
        out += QStringLiteral("note: %1\n").arg(note);
    if (inspection.isJws()) {
        out += QStringLiteral("decoded:\n") +
               QString::fromUtf8(
                   QJsonDocument(inspection.decodedTree()).toJson(QJsonDocument::Indented));
    }
    return out;
}
} // namespace

int runVerifyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Verify a Wix webhook token (RS256) against the app's public key and print "
                       "the verdict and the decoded envelope.\nExit 0 valid, 1 rejected, 2 usage "
                       "error or unreadable key or token file."));
    const QCommandLineOption keyOption(
        QStringLiteral("key"),
        QStringLiteral("Public key file: PEM (PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE), the PEM "
                       "base64-encoded on one line, or a bare base64 body. Repeat for several "
                       "apps; NAME=FILE names a key."),
        QStringLiteral("FILE"));
    const QCommandLineOption skewOption(QStringLiteral("skew"),
                                        QStringLiteral("Clock skew allowed for exp and nbf, in "
                                                       "seconds (default 60)."),
                                        QStringLiteral("SECONDS"), QStringLiteral("60"));
    const QCommandLineOption ignoreExpOption(
        QStringLiteral("ignore-exp"),
        QStringLiteral("Accept an expired token (e.g. an old capture); the verdict still says it "
                       "expired."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print one JSON object."));
    parser.addOptions({keyOption, skewOption, ignoreExpOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("token"),
                                 QStringLiteral("File holding the token, or - for standard input "
                                                "(the default)."),
                                 QStringLiteral("[TOKEN_FILE|-]"));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;

    if (parser.positionalArguments().size() > 1)
        return usageError(parser, QStringLiteral("verify takes one token file at most."));
    if (!parser.isSet(keyOption))
        return usageError(parser, QStringLiteral("verify needs --key FILE."));
    bool skewOk = false;
    const int skew = parser.value(skewOption).toInt(&skewOk);
    if (!skewOk || skew < 0)
        return usageError(parser, QStringLiteral("--skew takes a whole number of seconds, 0 or "
                                                 "more; got \"%1\".")
                                      .arg(parser.value(skewOption)));

    Keyring keyring;
    QStringList keyWarnings;
    QString keyError;
    if (!loadKeyArguments(parser.values(keyOption), &keyring, &keyWarnings, &keyError)) {
        printErr(QStringLiteral("hookscope: %1\n").arg(keyError));
        return ExitUsage;
    }

    const QString tokenPath = parser.positionalArguments().value(0);
    const TokenSource token = TokenSource::read(tokenPath);
    if (!token.error.isEmpty()) {
        printErr(QStringLiteral("hookscope: token: %1\n").arg(token.error));
        return ExitUsage;
    }

    VerifyOptions options;
    options.skewSeconds = skew;
    options.ignoreExpiry = parser.isSet(ignoreExpOption);
    const JwtVerifier verifier(keyring, options);
    TokenInspection inspection = inspectToken(token.bytes, verifier);
    inspection.verdict.warnings = keyWarnings + inspection.verdict.warnings;

    if (parser.isSet(jsonOption))
        printOut(QString::fromUtf8(
                     QJsonDocument(inspection.toVerdictJson()).toJson(QJsonDocument::Compact)) +
                 QLatin1Char('\n'));
    else
        printOut(humanReport(inspection));
    return inspection.verdict.valid ? ExitOk : ExitRejected;
}
