#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1String>
#include <QStringView>

#include <memory>

// Writes compact JSON text straight into UTF-8 bytes, value by value, for the small
// documents the store writes with every delivery (its findings, its headers): building a
// QJsonObject tree only to serialise it cost more than all of SQLite's work for the row.
// The escaping is simdjson's own serialiser (`simdjson::internal::mini_formatter`, the one
// behind its `to_string` and `minify`; internal to simdjson, so used only here, and Debian
// 12's simdjson 3.0.1 is what the project builds with); this class adds the commas. What
// is read back or shown still goes through QJsonDocument, which reads this text like its own.
class JsonTextWriter
{
public:
    JsonTextWriter();
    ~JsonTextWriter();
    JsonTextWriter(const JsonTextWriter &) = delete;
    JsonTextWriter &operator=(const JsonTextWriter &) = delete;

    void beginArray();
    void endArray();
    void beginObject();
    void endObject();
    void key(QLatin1String name);
    // As UTF-8: a lone surrogate becomes '?', as Qt's conversion writes it into every other
    // text column of a session.
    void string(QStringView text);
    void latin1String(QByteArrayView text); // bytes as Qt reads HTTP headers
    void integer(qint64 value);
    void null();
    // The text once it is one whole value (every array and object begun is ended), else
    // empty; the writer is ready for the next document.
    QByteArray take();

private:
    struct Private;
    std::unique_ptr<Private> d;
};
