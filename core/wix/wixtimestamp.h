#pragma once

#include <QString>
#include <QStringView>

// An ISO-8601 UTC instant with up to nanosecond precision, as Wix writes
// eventTime ("2020-10-18T13:42:11.301544Z"). QDateTime keeps milliseconds only.
struct WixTimestamp
{
    qint64 seconds = 0; // since the epoch
    int nanos = 0;      // 0..999,999,999
    bool valid = false;

    static WixTimestamp parse(QStringView text);
    qint64 toMSecsSinceEpoch() const { return seconds * 1000 + nanos / 1000000; }
    // Signed difference this - other, in nanoseconds (saturates past ~292 years).
    qint64 nanosSince(const WixTimestamp &other) const;

    friend bool operator<(const WixTimestamp &a, const WixTimestamp &b)
    {
        return a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos;
    }
    friend bool operator==(const WixTimestamp &a, const WixTimestamp &b)
    {
        return a.valid == b.valid && a.seconds == b.seconds && a.nanos == b.nanos;
    }
};
