#include "store/storedheaders.h"

#include "json/jsontextwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

QByteArray StoredHeaders::toJson(const QVector<HttpHeader> &headers)
{
    JsonTextWriter json;
    json.beginArray();
    for (const HttpHeader &header : headers) {
        json.beginArray();
        json.latin1String(header.name);
        json.latin1String(header.value);
        json.endArray();
    }
    json.endArray();
    return json.take();
}

QVector<HttpHeader> StoredHeaders::fromJson(const QString &text)
{
    QVector<HttpHeader> headers;
    const QJsonArray list = QJsonDocument::fromJson(text.toUtf8()).array();
    headers.reserve(list.size());
    for (const QJsonValue &pair : list) {
        const QJsonArray nameValue = pair.toArray();
        headers.append(
            {nameValue.at(0).toString().toLatin1(), nameValue.at(1).toString().toLatin1()});
    }
    return headers;
}
