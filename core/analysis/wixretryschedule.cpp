#include "analysis/wixretryschedule.h"

#include <QtGlobal>

namespace WixRetrySchedule {
namespace {
constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDelays[kAttempts] = {kMinute,   10 * kMinute, kHour,     2 * kHour,
                                       2 * kHour, 2 * kHour,    4 * kHour, 4 * kHour,
                                       4 * kHour, 8 * kHour,    8 * kHour, 12 * kHour};
} // namespace

qint64 delayBeforeAttemptMs(int attempt)
{
    return attempt >= 1 && attempt <= kAttempts ? kDelays[attempt - 1] : 0;
}

qint64 offsetOfAttemptMs(int attempt)
{
    qint64 sum = 0;
    for (int k = 1; k <= attempt && k <= kAttempts; ++k)
        sum += kDelays[k - 1];
    return sum;
}

int likelyAttempt(qint64 lateMs)
{
    // Each attempt also waits for the failed answer (up to the 1250 ms timeout)
    // and Wix's own queueing: allow 10% of the offset, at least 30 s.
    for (int k = 1; k <= kAttempts; ++k) {
        const qint64 offset = offsetOfAttemptMs(k);
        const qint64 tolerance = qMax<qint64>(30 * 1000, offset / 10);
        if (lateMs >= offset - tolerance && lateMs <= offset + tolerance)
            return k;
    }
    return 0;
}
} // namespace WixRetrySchedule
