#pragma once

#include <QVector>

// Wix retries a failed delivery up to 12 times, each delay counted from the
// previous failure: 1 min, 10 min, 1 h, 2 h, 2 h, 2 h, 4 h, 4 h, 4 h, 8 h, 8 h, 12 h.
namespace WixRetrySchedule {
constexpr int kAttempts = 12;
constexpr qint64 kTimeoutMs = 1250;
qint64 delayBeforeAttemptMs(int attempt); // attempt 1..12
qint64 offsetOfAttemptMs(int attempt);    // from the event to attempt k (sum of delays)
// The retry attempt whose offset matches a delivery `lateMs` after its event,
// within a tolerance; 0 when none does.
int likelyAttempt(qint64 lateMs);
} // namespace WixRetrySchedule
