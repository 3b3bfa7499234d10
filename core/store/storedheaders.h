#pragma once

#include "capture/delivery.h"

#include <QByteArray>
#include <QString>
#include <QVector>

// A delivery's headers as the session's `headers` column holds them: a JSON array of
// [name, value] pairs, in arrival order, each byte read as Latin-1 (as Qt reads HTTP),
// so any bytes read back exactly.
struct StoredHeaders
{
    static QByteArray toJson(const QVector<HttpHeader> &headers); // UTF-8
    static QVector<HttpHeader> fromJson(const QString &text);
};
