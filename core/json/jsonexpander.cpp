#include "json/jsonexpander.h"

#include "json/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
// Wix nests at most three levels (claims.data -> data / identity -> entityAsJson);
// a hostile token could nest thousands.
constexpr int kMaxStringNesting = 8;

bool mayHoldJson(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        return c == QLatin1Char('{') || c == QLatin1Char('[');
    }
    return false;
}

class Expander
{
public:
    QSet<QString> paths;

    QJsonValue expand(const QJsonValue &value, const QString &path, int stringNesting)
    {
        if (value.isObject()) {
            QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                *it = expand(*it, jsonPathAppendKey(path, it.key()), stringNesting);
            return object;
        }
        if (value.isArray()) {
            QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                array[i] = expand(array.at(i), jsonPathAppendIndex(path, i), stringNesting);
            return array;
        }
        if (value.isString() && stringNesting < kMaxStringNesting) {
            const QString text = value.toString();
            if (!mayHoldJson(text))
                return value;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
            if (error.error != QJsonParseError::NoError)
                return value;
            paths.insert(path);
            const QJsonValue inner =
                document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
            return expand(inner, path, stringNesting + 1);
        }
        return value;
    }
};
} // namespace

ExpandedJson expandJsonStrings(const QJsonValue &value, const QString &rootPath)
{
    Expander expander;
    ExpandedJson result;
    result.value = expander.expand(value, rootPath, 0);
    result.stringifiedPaths = std::move(expander.paths);
    return result;
}
