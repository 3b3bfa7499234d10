#include "json/simdjsonaccess.h"

#include <QJsonDocument>

#include <algorithm>
#include <string>

namespace {
using simdjson::dom::element_type;

bool sameKey(std::string_view key, QLatin1String name)
{
    return key.size() == size_t(name.size()) && std::equal(key.begin(), key.end(), name.data());
}
} // namespace

bool SimdJsonAccess::find(const Object &object, QLatin1String key, Value *value)
{
    bool found = false;
    if (!object.present)
        return false;
    for (const auto field : object.json) { // the last of duplicate keys wins, as in Qt
        if (sameKey(field.key, key)) {
            *value = field.value;
            found = true;
        }
    }
    return found;
}

bool SimdJsonAccess::contains(const Object &object, QLatin1String key)
{
    Value unused;
    return find(object, key, &unused);
}

QString SimdJsonAccess::string(const Value &value)
{
    std::string_view text;
    return value.get_string().get(text) ? QString() : qStringOf(text);
}

double SimdJsonAccess::number(const Value &value)
{
    switch (value.type()) {
    case element_type::INT64:
        return double(int64_t(value));
    case element_type::UINT64:
        return double(uint64_t(value));
    case element_type::DOUBLE:
        return double(value);
    default:
        return 0;
    }
}

SimdJsonAccess::Object SimdJsonAccess::object(const Value &value)
{
    Object object;
    object.present = !value.get_object().get(object.json);
    return object;
}

QStringList SimdJsonAccess::strings(const Value &value)
{
    QStringList out;
    simdjson::dom::array array;
    if (value.get_array().get(array))
        return out;
    for (const Value element : array)
        out << string(element);
    return out;
}

QStringList SimdJsonAccess::keys(const Object &object)
{
    QStringList out;
    if (!object.present)
        return out;
    for (const auto field : object.json)
        out << qStringOf(field.key);
    out.sort();
    out.removeDuplicates();
    return out;
}

QJsonObject SimdJsonAccess::toQt(const Object &object)
{
    if (!object.present)
        return {};
    const std::string text = simdjson::minify(object.json);
    return QJsonDocument::fromJson(QByteArray(text.data(), qsizetype(text.size()))).object();
}

SimdJsonAccess::Parsed SimdJsonAccess::parseObject(const Value &string, Object *object, QString *)
{
    std::string_view text;
    if (string.get_string().get(text) || m_nextSlot >= SimdJsonParsers::SlotCount)
        throw Unsupported();
    *object = parseIn(SimdJsonParsers::Slot(m_nextSlot++), text.data(), text.size());
    return Parsed::Object;
}

SimdJsonAccess::Object SimdJsonAccess::parseRoot(const QByteArray &text)
{
    return parseIn(SimdJsonParsers::Envelope, text.constData(), size_t(text.size()));
}

SimdJsonAccess::Object SimdJsonAccess::parseIn(SimdJsonParsers::Slot slot, const char *data,
                                               size_t size)
{
    Value root;
    Object object;
    if (SimdJsonParsers::parse(slot, data, size).get(root) || root.get_object().get(object.json))
        throw Unsupported();
    object.present = true;
    return object;
}
