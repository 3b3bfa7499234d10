#include "json/jsonpathvalue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
bool isIdentifierChar(QChar c)
{
    return c == QLatin1Char('_') || c == QLatin1Char('$') ||
           (c.unicode() < 128 && c.isLetterOrNumber());
}

// A JSON string literal starting at `from` (the opening quote); its end in `end`.
std::optional<QString> readQuotedKey(const QString &path, qsizetype from, qsizetype *end)
{
    qsizetype i = from + 1;
    while (i < path.size() && path.at(i) != QLatin1Char('"'))
        i += path.at(i) == QLatin1Char('\\') ? 2 : 1;
    if (i >= path.size())
        return std::nullopt;
    const QByteArray literal = '[' + path.mid(from, i - from + 1).toUtf8() + ']';
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(literal, &error);
    if (error.error != QJsonParseError::NoError || !document.array().first().isString())
        return std::nullopt;
    *end = i + 1;
    return document.array().first().toString();
}
} // namespace

std::optional<QJsonValue> jsonValueAtPath(const QJsonValue &root, const QString &path)
{
    QJsonValue node = root;
    qsizetype i = 0;
    bool first = true;
    while (i < path.size()) {
        const QChar c = path.at(i);
        if (c == QLatin1Char('[')) {
            if (i + 1 < path.size() && path.at(i + 1) == QLatin1Char('"')) {
                qsizetype end = 0;
                const std::optional<QString> key = readQuotedKey(path, i + 1, &end);
                if (!key || end >= path.size() || path.at(end) != QLatin1Char(']') ||
                    !node.isObject() || !node.toObject().contains(*key))
                    return std::nullopt;
                node = node.toObject().value(*key);
                i = end + 1;
            } else {
                const qsizetype close = path.indexOf(QLatin1Char(']'), i);
                bool ok = false;
                const qsizetype index =
                    close < 0 ? -1 : QStringView(path).mid(i + 1, close - i - 1).toLongLong(&ok);
                if (!ok || index < 0 || !node.isArray() || index >= node.toArray().size())
                    return std::nullopt;
                node = node.toArray().at(index);
                i = close + 1;
            }
        } else {
            if (c == QLatin1Char('.')) {
                if (first)
                    return std::nullopt;
                ++i;
            } else if (!first) {
                return std::nullopt;
            }
            const qsizetype start = i;
            while (i < path.size() && isIdentifierChar(path.at(i)))
                ++i;
            const QString key = path.mid(start, i - start);
            if (key.isEmpty() || !node.isObject() || !node.toObject().contains(key))
                return std::nullopt;
            node = node.toObject().value(key);
        }
        first = false;
    }
    return node;
}
