#pragma once

#include <QString>
#include <QVector>

// One delivery of an event, as the retry plan needs it (arrival order).
struct RetryAttemptInput
{
    qint64 seq = 0;
    qint64 arrivalMs = 0;
    bool answeredOk = true;     // what Wix saw: a 2xx within 1250 ms
    int likelyRetryAttempt = 0; // from the analysis (late.retry), 0 when none
};

// An event's deliveries laid against Wix's retry schedule: where each attempt
// fell, and when the next one is due. Each delay is counted from the previous
// failure, so the next retry is expected one delay after the latest attempt.
struct RetryPlan
{
    struct Mark
    {
        qint64 seq = 0;
        qint64 offsetMs = 0; // from baseMs
        int attempt = 0;     // 0: the first failed delivery; k: retry attempt k
        bool answeredOk = false;
    };

    bool retrying = false; // some delivery failed, or arrived at a retry offset
    qint64 baseMs = 0;     // the first failure (or the event, for a late retry)
    QVector<Mark> marks;
    bool delivered = false; // the latest attempt was answered 2xx in time
    bool exhausted = false; // the latest failure was Wix's last retry
    int nextAttempt = 0;    // 0 when no retry is expected
    qint64 nextExpectedMs = 0;

    // `eventTimeMs` (0 when unknown) anchors attempts the analysis matched to the schedule.
    static RetryPlan fromAttempts(const QVector<RetryAttemptInput> &attempts,
                                  qint64 eventTimeMs = 0);
    // Plain text: "next retry expected at 22:14:20 (attempt 2)", "delivered at retry attempt 3"...
    QString summary() const;
};
