#include "wix/wixtimestamp.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <limits>
#include <optional>

namespace {
constexpr qint64 kUnixEpochJulianDay = 2440588;

// The digits text[from, from + count) as a number, or -1.
int digitsAt(QStringView text, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

// Wix's own form, "2020-10-18T13:42:11.301544Z", read without a regular
// expression (every delivery has one). Anything else: nullopt, for parse().
std::optional<WixTimestamp> parseUtcForm(QStringView text)
{
    constexpr qsizetype kWhole = 19; // "YYYY-MM-DDTHH:MM:SS"
    if (text.size() < kWhole + 1 || text.size() > kWhole + 11 || text.back() != u'Z' ||
        text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':' ||
        text[16] != u':')
        return std::nullopt;
    const int year = digitsAt(text, 0, 4), month = digitsAt(text, 5, 2), day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2), minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    const qsizetype fractionDigits = text.size() - kWhole - 2; // between '.' and 'Z'
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
        !QDate::isValid(year, month, day))
        return std::nullopt;
    WixTimestamp result;
    if (text.size() > kWhole + 1) {
        if (text[kWhole] != u'.' || fractionDigits < 1)
            return std::nullopt;
        const int fraction = digitsAt(text, kWhole + 1, fractionDigits);
        if (fraction < 0)
            return std::nullopt;
        result.nanos = fraction;
        for (qsizetype i = fractionDigits; i < 9; ++i)
            result.nanos *= 10;
    }
    result.seconds = (QDate(year, month, day).toJulianDay() - kUnixEpochJulianDay) * 86400 +
                     hour * 3600 + minute * 60 + second;
    result.valid = true;
    return result;
}
} // namespace

WixTimestamp WixTimestamp::parse(QStringView text)
{
    if (const std::optional<WixTimestamp> utc = parseUtcForm(text))
        return *utc;
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
