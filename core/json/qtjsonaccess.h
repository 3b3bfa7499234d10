#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

// Read access to JSON held by Qt's classes, for code written once over
// QtJsonAccess and SimdJsonAccess (same members, same meaning).
class QtJsonAccess
{
public:
    using Object = QJsonObject;
    using Value = QJsonValue;
    enum class Parsed { Object, NotJson, NotObject };

    static bool find(const Object &object, QLatin1String key, Value *value)
    {
        const auto it = object.constFind(key);
        if (it == object.constEnd())
            return false;
        *value = *it;
        return true;
    }
    static bool contains(const Object &object, QLatin1String key) { return object.contains(key); }
    static bool isString(const Value &value) { return value.isString(); }
    static bool isNumber(const Value &value) { return value.isDouble(); }
    static bool isObject(const Value &value) { return value.isObject(); }
    static bool isNull(const Value &value) { return value.isNull(); }
    static QString string(const Value &value) { return value.toString(); }
    static double number(const Value &value) { return value.toDouble(); }
    static Object object(const Value &value) { return value.toObject(); }
    // The strings of an array (others read as empty); nothing when not an array.
    static QStringList strings(const Value &value)
    {
        QStringList out;
        for (const QJsonValue &element : value.toArray())
            out << element.toString();
        return out;
    }
    static QStringList keys(const Object &object) { return object.keys(); } // sorted
    static QJsonObject toQt(const Object &object) { return object; }

    // A string of JSON holding an object (Wix's stringified fields); on failure
    // *error says why in words.
    Parsed parseObject(const Value &string, Object *object, QString *error)
    {
        QJsonParseError parseError;
        const QJsonDocument document =
            QJsonDocument::fromJson(string.toString().toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = QStringLiteral("%1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
            return Parsed::NotJson;
        }
        if (!document.isObject())
            return Parsed::NotObject;
        *object = document.object();
        return Parsed::Object;
    }
};
