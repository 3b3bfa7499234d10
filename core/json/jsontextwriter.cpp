#include "json/jsontextwriter.h"

#include <QString>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

struct JsonTextWriter::Private
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};

    void utf8String(QByteArrayView utf8)
    {
        writer.String(utf8.data(), rapidjson::SizeType(utf8.size()));
    }
};

JsonTextWriter::JsonTextWriter()
    : d(std::make_unique<Private>())
{}

JsonTextWriter::~JsonTextWriter() = default;

void JsonTextWriter::beginArray()
{
    d->writer.StartArray();
}

void JsonTextWriter::endArray()
{
    d->writer.EndArray();
}

void JsonTextWriter::beginObject()
{
    d->writer.StartObject();
}

void JsonTextWriter::endObject()
{
    d->writer.EndObject();
}

void JsonTextWriter::key(QLatin1String name)
{
    d->writer.Key(name.data(), rapidjson::SizeType(name.size()));
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
    d->writer.Int64(value);
}

void JsonTextWriter::null()
{
    d->writer.Null();
}

QByteArray JsonTextWriter::take()
{
    QByteArray text;
    if (d->writer.IsComplete())
        text = QByteArray(d->buffer.GetString(), qsizetype(d->buffer.GetSize()));
    d->buffer.Clear();
    d->writer.Reset(d->buffer);
    return text;
}
