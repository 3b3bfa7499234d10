#include "analysis/retryplan.h"

#include "analysis/wixretryschedule.h"

#include <QDateTime>

RetryPlan RetryPlan::fromAttempts(const QVector<RetryAttemptInput> &attempts, qint64 eventTimeMs)
{
    RetryPlan plan;
    qsizetype start = -1;
    for (qsizetype i = 0; i < attempts.size(); ++i) {
        if (!attempts.at(i).answeredOk || attempts.at(i).likelyRetryAttempt > 0) {
            start = i;
            break;
        }
    }
    if (start < 0)
        return plan;
    plan.retrying = true;
    const RetryAttemptInput &first = attempts.at(start);
    // A delivery the analysis matched to attempt k is counted from the event, as
    // the schedule's offsets are; otherwise from the first failure we saw.
    int attempt = 0;
    plan.baseMs = first.arrivalMs;
    if (first.likelyRetryAttempt > 0 && eventTimeMs > 0) {
        plan.baseMs = eventTimeMs;
        attempt = first.likelyRetryAttempt;
    }
    for (qsizetype i = start; i < attempts.size(); ++i) {
        const RetryAttemptInput &input = attempts.at(i);
        if (i > start)
            attempt = input.likelyRetryAttempt > attempt ? input.likelyRetryAttempt : attempt + 1;
        plan.marks.append({input.seq, input.arrivalMs - plan.baseMs, attempt, input.answeredOk});
    }
    const Mark &last = plan.marks.constLast();
    if (last.answeredOk) {
        plan.delivered = true;
    } else if (last.attempt >= WixRetrySchedule::kAttempts) {
        plan.exhausted = true;
    } else {
        plan.nextAttempt = last.attempt + 1;
        plan.nextExpectedMs =
            plan.baseMs + last.offsetMs + WixRetrySchedule::delayBeforeAttemptMs(plan.nextAttempt);
    }
    return plan;
}

QString RetryPlan::summary() const
{
    if (!retrying)
        return QStringLiteral("not retried: every delivery was answered 2xx in time");
    if (delivered) {
        const int attempt = marks.constLast().attempt;
        return attempt == 0 ? QStringLiteral("answered in time; no retry expected")
                            : QStringLiteral("delivered at retry attempt %1; no retry expected")
                                  .arg(attempt);
    }
    if (exhausted)
        return QStringLiteral("Wix's %1 retries are used up; no retry expected")
            .arg(WixRetrySchedule::kAttempts);
    const QDateTime base = QDateTime::fromMSecsSinceEpoch(baseMs, Qt::UTC).toLocalTime();
    const QDateTime next = QDateTime::fromMSecsSinceEpoch(nextExpectedMs, Qt::UTC).toLocalTime();
    QString when = next.toString(QStringLiteral("HH:mm:ss"));
    if (next.date() != base.date())
        when += QStringLiteral(" on ") + next.toString(QStringLiteral("yyyy-MM-dd"));
    return QStringLiteral("next retry expected at %1 (attempt %2)").arg(when).arg(nextAttempt);
}
