#pragma once

#include "capture/delivery.h"

#include <QByteArray>
#include <QVector>

// The request line and headers of a request that QHttpServer never hands over
// (an oversize one), read so it can still be recorded with what it was.
struct RequestHead
{
    QString method;
    QString path;
    QString query;
    QVector<HttpHeader> headers;
    qint64 contentLength = -1; // -1: not announced
    bool chunked = false;

    // Parses bytes up to the blank line; false when they hold no request line.
    static bool parse(const QByteArray &head, RequestHead *out);
};
