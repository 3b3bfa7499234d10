#include "capture/requesthead.h"

#include <QUrl>

namespace {
// A header's value when the line names it (any case), else an empty view and false.
bool headerValue(QByteArrayView line, QByteArrayView lowerName, QByteArrayView *value)
{
    line = line.trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line.first(colon).trimmed().compare(lowerName, Qt::CaseInsensitive) != 0)
        return false;
    *value = line.sliced(colon + 1).trimmed();
    return true;
}

qint64 lengthOf(QByteArrayView value)
{
    bool ok = false;
    const qint64 length = value.toLongLong(&ok);
    return ok && length >= 0 ? length : -1;
}
} // namespace

bool RequestHead::parse(const QByteArray &head, RequestHead *out)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() < 3)
        return false;
    RequestHead result;
    result.method = QString::fromLatin1(requestLine.at(0));
    const QUrl target(QString::fromLatin1(requestLine.at(1)));
    result.path = target.path();
    result.query = target.query();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (line.isEmpty() || colon <= 0)
            continue;
        HttpHeader header{line.left(colon).trimmed(), line.mid(colon + 1).trimmed()};
        const QByteArray name = header.name.toLower();
        if (name == "content-length") {
            const qint64 length = lengthOf(header.value);
            if (length >= 0)
                result.contentLength = length;
        } else if (name == "transfer-encoding" && header.value.toLower().contains("chunked")) {
            result.chunked = true;
        }
        result.headers.append(std::move(header));
    }
    *out = std::move(result);
    return true;
}

qint64 RequestHead::contentLengthOf(QByteArrayView head)
{
    qint64 contentLength = -1;
    qsizetype start = head.indexOf('\n');
    while (start >= 0) {
        const qsizetype end = head.indexOf('\n', start + 1);
        const QByteArrayView line =
            head.sliced(start + 1, (end < 0 ? head.size() : end) - start - 1);
        QByteArrayView value;
        if (headerValue(line, "content-length", &value)) {
            const qint64 length = lengthOf(value);
            if (length >= 0)
                contentLength = length;
        }
        start = end;
    }
    return contentLength;
}
