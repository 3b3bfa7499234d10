#pragma once

#include <QJsonValue>
#include <QSet>
#include <QString>

struct ExpandedJson
{
    QJsonValue value;
    QSet<QString> stringifiedPaths; // paths (json/jsonpath.h) whose string held JSON
};

// Replaces, recursively, every string that holds a JSON object or array with
// its parsed value: Wix nests JSON in strings (the data claim, the envelope's
// data and identity, entityAsJson, bodyAsJson). Strings that merely look like
// JSON but do not parse stay strings. Nesting of strings in strings is bounded.
ExpandedJson expandJsonStrings(const QJsonValue &value, const QString &rootPath = QString());
