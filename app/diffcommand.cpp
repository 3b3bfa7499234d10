#include "diffcommand.h"

#include "commandusage.h"
#include "sessionargument.h"

#include "store/sessionstore.h"
#include "wix/deliverydiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

int runDiffCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Field-level diff of two deliveries' decoded trees (every string of JSON expanded), "
        "ignoring the JWT's own iat, exp, nbf and signature. Exit 0 when they are the same, 1 "
        "when they differ, 2 on errors."));
    const QCommandLineOption session = sessionOption();
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral("One JSON object per change: {op, path, left, right}."));
    parser.addOptions({session, json});
    parser.addPositionalArgument(QStringLiteral("seq"), QStringLiteral("Two delivery numbers."),
                                 QStringLiteral("SEQ SEQ"));
    if (const int code = parseCommandLine(parser, arguments); code >= 0)
        return code;
    const QStringList seqs = parser.positionalArguments();
    bool okA = false;
    bool okB = false;
    const qint64 a = seqs.value(0).toLongLong(&okA);
    const qint64 b = seqs.value(1).toLongLong(&okB);
    if (seqs.size() != 2 || !okA || !okB)
        return usageError(parser, QStringLiteral("diff takes two delivery numbers."));
    SessionStore store;
    if (const int code = openSessionArgument(parser, store); code >= 0)
        return code;
    const std::optional<Delivery> left = store.load(a);
    const std::optional<Delivery> right = store.load(b);
    if (!left || !right) {
        printErr(QStringLiteral("hookscope: session %1 has no delivery %2\n")
                     .arg(sessionPath(parser))
                     .arg(left ? b : a));
        return ExitUsage;
    }
    const QVector<JsonChange> changes = diffDeliveryBodies(left->body, right->body);
    QString out;
    for (const JsonChange &change : changes) {
        if (parser.isSet(json)) {
            static const char *const ops[] = {"added", "removed", "changed"};
            QJsonObject line{{QStringLiteral("op"), QLatin1String(ops[int(change.kind)])},
                             {QStringLiteral("path"), change.path}};
            line.insert(QStringLiteral("left"),
                        change.left.isUndefined() ? QJsonValue() : change.left);
            line.insert(QStringLiteral("right"),
                        change.right.isUndefined() ? QJsonValue() : change.right);
            out += QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact));
        } else {
            out += change.toText();
        }
        out += QLatin1Char('\n');
    }
    if (!parser.isSet(json))
        out += changes.isEmpty()
                   ? QStringLiteral("deliveries %1 and %2 decode the same\n").arg(a).arg(b)
                   : QStringLiteral("%1 fields differ\n").arg(changes.size());
    printOut(out);
    return changes.isEmpty() ? ExitOk : ExitRejected;
}
