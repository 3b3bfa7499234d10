#include "capture/requesthead.h"

#include <QUrl>

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
            bool ok = false;
            const qint64 length = header.value.toLongLong(&ok);
            if (ok && length >= 0)
                result.contentLength = length;
        } else if (name == "transfer-encoding" && header.value.toLower().contains("chunked")) {
            result.chunked = true;
        }
        result.headers.append(std::move(header));
    }
    *out = std::move(result);
    return true;
}
