#pragma once

#include "capture/delivery.h"

#include <QByteArray>
#include <QByteArrayView>
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
    // The Content-Length that parse() would find, without building anything: the guard
    // asks it of every request, and only an oversize one needs the whole head.
    static qint64 contentLengthOf(QByteArrayView head);
};
