#pragma once

#include "json/simdjsonparsers.h"

#include <QJsonObject>
#include <QStringList>

#include <exception>

// Read access to JSON parsed by simdjson, with QtJsonAccess's members and
// meaning, for code written once over both. It handles only what it can read
// exactly as Qt would: a string of JSON that simdjson refuses or that is not an
// object throws Unsupported, and the caller starts again with QtJsonAccess
// (which also words the error).
class SimdJsonAccess
{
public:
    // A default simdjson object has no document behind it: this one reads as empty.
    struct Object
    {
        simdjson::dom::object json;
        bool present = false;

        size_t size() const { return present ? json.size() : 0; }
    };
    using Value = simdjson::dom::element;
    enum class Parsed { Object, NotJson, NotObject };
    struct Unsupported : std::exception
    {};

    static bool find(const Object &object, QLatin1String key, Value *value);
    static bool contains(const Object &object, QLatin1String key);
    static bool isString(const Value &value) { return value.is_string(); }
    static bool isNumber(const Value &value) { return value.is_number(); }
    static bool isObject(const Value &value) { return value.is_object(); }
    static bool isNull(const Value &value) { return value.is_null(); }
    static QString string(const Value &value); // empty when not a string
    static double number(const Value &value);  // 0 when not a number
    static Object object(const Value &value);  // empty when not an object
    static QStringList strings(const Value &value);
    static QStringList keys(const Object &object); // sorted, each once
    static QJsonObject toQt(const Object &object);

    // Parses into the next free parser slot; throws Unsupported unless it is
    // an object simdjson reads.
    Parsed parseObject(const Value &string, Object *object, QString *error);
    // The root object of `text`, in the envelope's slot; throws Unsupported.
    Object parseRoot(const QByteArray &text);

private:
    Object parseIn(SimdJsonParsers::Slot slot, const char *data, size_t size);

    int m_nextSlot = SimdJsonParsers::Identity;
};
