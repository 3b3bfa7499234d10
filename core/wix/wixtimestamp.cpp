#include "wix/wixtimestamp.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

WixTimestamp WixTimestamp::parse(QStringView text)
{
    static const QRegularExpression iso(QStringLiteral(
        "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})$"));
    WixTimestamp result;
    const QRegularExpressionMatch match = iso.match(text.toString());
    if (!match.hasMatch())
        return result;
    const QString zone = match.captured(3);
    QDateTime whole = QDateTime::fromString(match.captured(1) + zone, Qt::ISODate);
    if (!whole.isValid())
        return result;
    result.seconds = whole.toSecsSinceEpoch();
    const QString fraction = match.captured(2);
    if (!fraction.isEmpty())
        result.nanos = (fraction + QString(9 - fraction.size(), QLatin1Char('0'))).toInt();
    result.valid = true;
    return result;
}

qint64 WixTimestamp::nanosSince(const WixTimestamp &other) const
{
    constexpr qint64 limit = std::numeric_limits<qint64>::max() / 1000000000 - 1;
    const qint64 seconds = std::clamp(this->seconds - other.seconds, -limit, limit);
    return seconds * 1000000000 + (nanos - other.nanos);
}
