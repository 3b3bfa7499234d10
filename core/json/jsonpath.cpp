#include "json/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
bool isIdentifier(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool ok = c == QLatin1Char('_') || c == QLatin1Char('$') ||
                        (c.isLetter() && c.unicode() < 128) || (i > 0 && c.isDigit());
        if (!ok)
            return false;
    }
    return true;
}
} // namespace

QString jsonPathAppendKey(const QString &path, const QString &key)
{
    QString result = path;
    jsonPathPushKey(result, key);
    return result;
}

QString jsonPathAppendIndex(const QString &path, qsizetype index)
{
    QString result = path;
    jsonPathPushIndex(result, index);
    return result;
}

void jsonPathPushKey(QString &path, const QString &key)
{
    if (isIdentifier(key)) {
        if (!path.isEmpty())
            path += QLatin1Char('.');
        path += key;
        return;
    }
    // A JSON string literal quotes the key exactly as JavaScript reads it.
    const QByteArray quoted = QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact);
    path +=
        QLatin1Char('[') + QString::fromUtf8(quoted.mid(1, quoted.size() - 2)) + QLatin1Char(']');
}

void jsonPathPushIndex(QString &path, qsizetype index)
{
    path += QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}
