#include "json/jsontextwriter.h"

#include <QString>

#include <simdjson.h>

#include <algorithm>
#include <string_view>
#include <vector>

struct JsonTextWriter::Private
{
    simdjson::internal::mini_formatter format;
    std::vector<bool> hasMember; // one per array or object begun and not ended
    int rootValues = 0;
    bool afterKey = false;
    bool misused = false; // an end without its begin: take() returns no text

    // The comma between an array's or object's members; none between a key and its value.
    void beforeMember()
    {
        if (afterKey) {
            afterKey = false;
        } else if (hasMember.empty()) {
            ++rootValues;
        } else {
            if (hasMember.back())
                format.comma();
            hasMember.back() = true;
        }
    }

    void end()
    {
        if (hasMember.empty() || afterKey)
            misused = true;
        else
            hasMember.pop_back();
    }

    void utf8String(QByteArrayView utf8)
    {
        beforeMember();
        format.string(std::string_view(utf8.data(), size_t(utf8.size())));
    }
};

JsonTextWriter::JsonTextWriter()
    : d(std::make_unique<Private>())
{}

JsonTextWriter::~JsonTextWriter() = default;

void JsonTextWriter::beginArray()
{
    d->beforeMember();
    d->format.start_array();
    d->hasMember.push_back(false);
}

void JsonTextWriter::endArray()
{
    d->end();
    d->format.end_array();
}

void JsonTextWriter::beginObject()
{
    d->beforeMember();
    d->format.start_object();
    d->hasMember.push_back(false);
}

void JsonTextWriter::endObject()
{
    d->end();
    d->format.end_object();
}

void JsonTextWriter::key(QLatin1String name)
{
    d->beforeMember();
    d->format.key(std::string_view(name.data(), size_t(name.size())));
    d->afterKey = true;
}

void JsonTextWriter::string(QStringView text)
{
    d->utf8String(text.toUtf8());
}

void JsonTextWriter::latin1String(QByteArrayView text)
{
    const bool ascii =
        std::all_of(text.begin(), text.end(), [](char c) { return uchar(c) < 0x80; });
    if (ascii)
        d->utf8String(text);
    else
        d->utf8String(QString::fromLatin1(text).toUtf8());
}

void JsonTextWriter::integer(qint64 value)
{
    d->beforeMember();
    d->format.number(int64_t(value));
}

void JsonTextWriter::null()
{
    d->beforeMember();
    d->format.null_atom();
}

QByteArray JsonTextWriter::take()
{
    QByteArray text;
    if (d->hasMember.empty() && d->rootValues == 1 && !d->afterKey && !d->misused) {
        const std::string_view written = d->format.str();
        text = QByteArray(written.data(), qsizetype(written.size()));
    }
    d->format.clear();
    d->hasMember.clear();
    d->rootValues = 0;
    d->afterKey = false;
    d->misused = false;
    return text;
}
