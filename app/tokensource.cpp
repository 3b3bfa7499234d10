#include "tokensource.h"

#include <QFile>

TokenSource TokenSource::read(const QString &pathOrDash)
{
    TokenSource source;
    QFile file;
    const bool fromStdin = pathOrDash.isEmpty() || pathOrDash == QLatin1String("-");
    if (fromStdin) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            source.error = QStringLiteral("cannot read standard input");
            return source;
        }
    } else {
        file.setFileName(pathOrDash);
        if (!file.open(QIODevice::ReadOnly)) {
            source.error = QStringLiteral("cannot read %1: %2").arg(pathOrDash, file.errorString());
            return source;
        }
    }
    source.bytes = file.readAll();
    return source;
}
